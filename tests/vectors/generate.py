#!/usr/bin/env python3
"""Generate hookseal's shared test vectors (see README.md beside this file).

    python3 tests/vectors/generate.py          rewrite the JSON files
    python3 tests/vectors/generate.py --check  exit 1 if a committed file differs

Every signature is computed here with hmac/hashlib (ed25519 with `cryptography`), never with
hookseal. Every expected result written by hand below is also re-derived by a small reference
model of the rules (`Model`, at the end), so a slip in a hand-written expectation fails the run.
"""
from __future__ import annotations

import argparse
import base64
import calendar
import datetime
import hashlib
import hmac
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

HERE = Path(__file__).resolve().parent
SCHEMA_ID = "hookseal-vectors-v1"

DEFAULT_TOLERANCE = 300
DEFAULT_MAX_PAYLOAD = 1048576
MAX_SIG_HEADER_BYTES = 8192
MAX_SIG_ENTRIES = 64

# --------------------------------------------------------------------------------------------
# Public facts (docs/contract.md §9, imagekit-events.md). Bodies are byte-exact copies.
# --------------------------------------------------------------------------------------------

A_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
A_ID, A_TS, A_BODY = "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}'
A_SIG = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
A_DECOY = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA="

B_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"
B_ID, B_TS = "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk", 1649367553
B_BODY = '{"email":"test@example.com","username":"test_user"}'
B_SIG = "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw="

C_SECRET = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd"
C_ID, C_TS = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", 1674087231
C_BODY = ('{"id":"id","type":"file.deleted","created_at":"2019-12-27T18:11:19.117Z",'
          '"data":{"fileId":"abc"}}')
C_SIG_IMAGEKIT = "v1,HXtyYJGsJjTTpJpWZHsk8pLNIX9EhyGPH5ZSQ1C3dwg="
C_SIG_STANDARD = "v1,4UJiwJx94QIqFgB2vIWrlXhMdpwupVYB03zdOEYU1Ck="

L1 = ('{"type":"video.transformation.accepted","id":"58e6d24d-6098-4319-be8d-40c3cb0a402d",'
      '"created_at":"2022-06-20T11:59:58.461Z","request":{"x_request_id":"fa98fa2e-d6cd-45b4-acf5-'
      'bc1d2bbb8ba9","url":"http://ik.imagekit.io/demo/sample-video.mp4?tr=f-webm,q-10","user_agent'
      '":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:101.0) Gecko/20100101 Firefox/101.0"},"d'
      'ata":{"asset":{"url":"http://ik.imagekit.io/demo/sample-video.mp4"},"transformation":{"type":'
      '"video-transformation","options":{"video_codec":"vp9","audio_codec":"opus","auto_rotate":true'
      ',"quality":10,"format":"webm"}}}}')
L2 = ('{"type":"video.transformation.ready","id":"a03031b5-ad5f-4985-8cf5-4de67630f6d7","created_'
      'at":"2022-06-20T12:00:11.703Z","request":{"x_request_id":"fa98fa2e-d6cd-45b4-acf5-bc1d2bbb8b'
      'a9","url":"http://ik.imagekit.io/demo/sample-video.mp4?tr=f-webm,q-10","user_agent":"Mozilla/'
      '5.0 (Macintosh; Intel Mac OS X 10.15; rv:101.0) Gecko/20100101 Firefox/101.0"},"timings":{"d'
      'ownload_duration":2713,"encoding_duration":10175},"data":{"asset":{"url":"http://ik.imagekit.'
      'io/demo/sample-video.mp4"},"transformation":{"type":"video-transformation","options":{"video_'
      'codec":"vp9","audio_codec":"opus","auto_rotate":true,"quality":10,"format":"webm"},"output":{'
      '"url":"http://ik.imagekit.io/demo/sample-video.mp4?tr=f-webm,q-10","video_metadata":{"duratio'
      'n":15.023,"width":1280,"height":720,"bitrate":15.023}}}}}')
L3 = ('{"type":"video.transformation.error","request":{"x_request_id":"f005b939-7ca3-4310-9e1e-00'
      '9239b3616b","url":"http://ik.imagekit.io/demo/sample-video.mp4?tr=l-image,i-nonexistent.png,'
      'l-end","user_agent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:101.0) Gecko/20100101 '
      'Firefox/101.0"},"id":"293a65c6-ceb4-4b62-a10b-5f3333860fae","created_at":"2022-06-20T12:14:0'
      '2.353Z","data":{"asset":{"url":"http://ik.imagekit.io/demo/sample-video.mp4"},"transformatio'
      'n":{"type":"video-transformation","options":{"video_codec":"vp9","audio_codec":"opus","auto_'
      'rotate":true,"quality":50,"format":"webm"},"error":{"reason":"download_failed"}}}}')
PRE_SUCCESS = (
    '{"type":"upload.pre-transform.success","id":"c9a09db9-b5e2-49ed-ac2d-dfac88a6457a","created_'
    'at":"2023-10-30T14:44:08.165Z","request":{"x_request_id":"1bfe7bb6-afb3-4ccf-81f2-6bef7dae48e'
    '9","transformation":"rt-90"},"data":{"fileId":"6540dbea002322e4ebe30de2","name":"image_iEyH1d'
    'Qme.jpg","size":2300818,"versionInfo":{"id":"6540dbea002322e4ebe30de2","name":"Version 1"},"f'
    'ilePath":"/image_iEyH1dQme.jpg","url":"https://stage-ik.imagekit.io/demo/image_iEyH1dQme.jpg"'
    ',"fileType":"image","height":4608,"width":3456,"thumbnailUrl":"https://stage-ik.imagekit.io/d'
    'emo/tr:n-ik_ml_thumbnail/image_iEyH1dQme.jpg","AITags":null}}')
PRE_ERROR = (
    '{"type":"upload.pre-transform.error","id":"502d1c52-e750-4277-8b64-52d43c2ec022","created_at"'
    ':"2023-10-31T13:49:28.046Z","request":{"x_request_id":"722809dc-d6b7-4357-9262-74cdce554350",'
    '"transformation":"so-70"},"data":{"name":"vid_aKyz6pCpi.mp4","path":"/myfolder/vid_aKyz6pCpi.'
    'mp4","transformation":{"error":{"reason":"encoding_failed"}}}}')
POST_SUCCESS = (
    '{"type":"upload.post-transform.success","id":"08c12452-1efb-4c35-a28d-378c94e5674b","created_'
    'at":"2023-10-30T15:04:59.462Z","request":{"x_request_id":"0658b87f-bce3-41ae-8075-ebc26f44ff3'
    '0","transformation":{"type":"transformation","value":"rt-90"}},"data":{"fileId":"653fc60e0023'
    '22e4ebd5b5b7","url":"http://stage-ik.imagekit.io/demo/video_wCqv9BewP.mp4?tr=rt-90","name":"v'
    'ideo_wCqv9BewP.mp4"}}')
POST_ERROR = (
    '{"type":"upload.post-transform.error","id":"738f13b0-05e9-40cd-a856-8cc3e48b6e94","created_at'
    '":"2023-10-31T13:51:10.627Z","request":{"x_request_id":"49022ce9-e532-4a6c-8321-52925d519eec"'
    ',"transformation":{"type":"transformation","value":"so-70"}},"data":{"fileId":"65410644002322'
    'e4ebe6c880","url":"http://stage-ik.imagekit.io/demo/vid_93HC1Daow.mp4?tr=so-70","name":"vid_9'
    '3HC1Daow.mp4","path":"/vid_93HC1Daow.mp4","transformation":{"error":{"reason":"encoding_faile'
    'd"}}}}')
SDK_FIXTURE = (
    '{"id":"id","type":"video.transformation.accepted","created_at":"2019-12-27T18:11:19.117Z","da'
    'ta":{"asset":{"url":"https://example.com"},"transformation":{"type":"video-transformation","o'
    'ptions":{"audio_codec":"aac","auto_rotate":true,"format":"mp4","quality":0,"stream_protocol":'
    '"HLS","variants":["string"],"video_codec":"h264"}}},"request":{"url":"https://example.com","x'
    '_request_id":"x_request_id","user_agent":"user_agent"}}')

L_MAIN = (C_SECRET, L1, "t=1655788406333,v1=d30758f47fcb31e1fa0109d3b3e2a6c623e699aaf1461cba6bd462ef58ea4b31")
L_1 = ("9rK6+3jL", L1, "t=1655788406333,v1=c960ec1a88aa47c43ea2451670263aed5e27be2cc85ef55e8a69e88bc8afaf02")
L_2 = ("wSU42WLC", L2, "t=1655788407000,v1=d66b01d8f1e158d1af7646184716037510ac8ce0a1e70b726a1b698f954785b2")
L_3 = ("bzDIb9L/", L3, "t=1655795539264,v1=b6bc2aa82491c32f1cbef0eb52b7ffaa51467ea65a03b5d4ccdcfb9e0941c946")
LEGACY_PUBLIC = {"L-main": L_MAIN, "L-1": L_1, "L-2": L_2, "L-3": L_3}

KNOWN_TYPES = (
    "video.transformation.accepted", "video.transformation.ready", "video.transformation.error",
    "upload.pre-transform.success", "upload.pre-transform.error",
    "upload.post-transform.success", "upload.post-transform.error",
    "file.created", "file.updated", "file.deleted", "file-version.created", "file-version.deleted",
    "folder.created", "folder.updated", "folder.deleted",
)

# --------------------------------------------------------------------------------------------
# Crypto helpers (the independent implementation)
# --------------------------------------------------------------------------------------------

B64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64_tolerant(text: str) -> bytes | None:
    """Standard alphabet; padding optional (fewer '=' than canonical is fine, more is not);
    non-zero trailing bits ignored. None when `text` is not base64."""
    data = text.rstrip("=")
    pads = len(text) - len(data)
    if any(c not in B64_ALPHABET for c in data) or len(data) % 4 == 1:
        return None
    if pads and pads > (4 - len(data) % 4) % 4:
        return None
    acc = bits = 0
    out = bytearray()
    for c in data:
        acc = (acc << 6) | B64_ALPHABET.index(c)
        bits += 6
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    return bytes(out)


def b64_canonical(text: str, size: int) -> bytes | None:
    """Bytes of `text` if it is canonical padded standard base64 of exactly `size` bytes."""
    if not re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", text):
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except ValueError:
        return None
    return raw if len(raw) == size and b64(raw) == text else None


def content(msg_id: str, ts: int, body: bytes) -> bytes:
    return f"{msg_id}.{ts}.".encode() + body


def hmac_v1(key: bytes, msg_id: str, ts, body: bytes) -> str:
    # ts is formatted as given so that callers can deliberately sign a non-canonical form.
    digest = hmac.new(key, f"{msg_id}.{ts}.".encode() + body, hashlib.sha256).digest()
    return "v1," + b64(digest)


def legacy_hex(key: bytes, t_ms: int, body: bytes) -> str:
    return hmac.new(key, f"{t_ms}.".encode() + body, hashlib.sha256).hexdigest()


def legacy_header(key: bytes, t_ms: int, body: bytes) -> str:
    return f"t={t_ms},v1={legacy_hex(key, t_ms, body)}"


def ed_sign(seed: bytes, msg_id: str, ts: int, body: bytes) -> str:
    return "v1a," + b64(Ed25519PrivateKey.from_private_bytes(seed).sign(content(msg_id, ts, body)))


def ed_public(seed: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


P25519 = 2**255 - 19
D25519 = -121665 * pow(121666, P25519 - 2, P25519) % P25519
ED_ORDER = 2**252 + 27742317777372353535851937790883648493


def ed_point_decodes(encoded: bytes) -> bool:
    """RFC 8032 5.1.3 decoding, enough to tell whether a y-coordinate is on the curve."""
    y = int.from_bytes(encoded, "little") & ((1 << 255) - 1)
    if y >= P25519:
        return False
    u, v = (y * y - 1) % P25519, (D25519 * y * y + 1) % P25519
    x2 = u * pow(v, P25519 - 2, P25519) % P25519
    return x2 == 0 or pow(x2, (P25519 - 1) // 2, P25519) == 1


def off_curve_y() -> bytes:
    """The smallest y (sign bit clear) that is not the y-coordinate of any curve point."""
    y = 2
    while ed_point_decodes(y.to_bytes(32, "little")):
        y += 1
    return y.to_bytes(32, "little")


def seed(label: str) -> bytes:
    return hashlib.sha256(f"hookseal test vectors: {label}".encode()).digest()


def pseudo_bytes(label: str, n: int) -> bytes:
    out = b""
    counter = 0
    while len(out) < n:
        out += hashlib.sha256(f"{label}/{counter}".encode()).digest()
        counter += 1
    return out[:n]


# --------------------------------------------------------------------------------------------
# Keys as written in the vectors, and their meaning
# --------------------------------------------------------------------------------------------

def ik(secret: str) -> dict:
    return {"mode": "imagekit", "secret": secret}


def std(secret: str) -> dict:
    return {"mode": "standard", "secret": secret}


def raw(key: bytes) -> dict:
    return {"mode": "raw", "hex": key.hex()}


def as_bytes(key: bytes, mode: str) -> dict:
    """The secret given as bytes (each language's byte type) with `mode` configured."""
    return {"mode": mode, "bytesHex": key.hex()}


class InvalidSecret(Exception):
    pass


def parse_key(key: dict) -> tuple[str, bytes]:
    """-> ("hmac" | "ed25519-public" | "ed25519-seed", bytes), or raise InvalidSecret."""
    if "bytesHex" in key:
        # The rule for every language: bytes are the raw HMAC key, whatever the key mode.
        data = bytes.fromhex(key["bytesHex"])
        if not data:
            raise InvalidSecret
        return "hmac", data
    if key["mode"] == "raw":
        data = bytes.fromhex(key["hex"])
        if not data:
            raise InvalidSecret
        return "hmac", data
    secret = key["secret"]
    for prefix, kind in (("whpk_", "ed25519-public"), ("whsk_", "ed25519-seed")):
        if secret.startswith(prefix):
            data = b64_tolerant(secret[len(prefix):])
            if data is None or len(data) != 32:
                raise InvalidSecret
            if kind == "ed25519-public" and not ed_point_decodes(data):
                raise InvalidSecret
            return kind, data
    if key["mode"] == "imagekit":
        if secret in ("", "whsec_"):
            raise InvalidSecret
        return "hmac", secret.encode("utf-8")
    data = b64_tolerant(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)
    if not data:
        raise InvalidSecret
    return "hmac", data


def hk(key: dict) -> bytes:
    kind, data = parse_key(key)
    assert kind == "hmac", key
    return data


def sk(key: dict) -> bytes:
    kind, data = parse_key(key)
    assert kind == "ed25519-seed", key
    return data


def whpk(seed_bytes: bytes) -> str:
    return "whpk_" + b64(ed_public(seed_bytes))


def whsk(seed_bytes: bytes) -> str:
    return "whsk_" + b64(seed_bytes)


# --------------------------------------------------------------------------------------------
# Bodies and headers
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Repeat:
    chunk: str
    count: int


def body_bytes(body) -> bytes:
    if isinstance(body, Repeat):
        return body.chunk.encode("utf-8") * body.count
    if isinstance(body, str):
        return body.encode("utf-8")
    return bytes(body)


def body_field(body) -> dict:
    """str -> body, bytes -> bodyHex, Repeat -> bodyRepeat."""
    if isinstance(body, Repeat):
        return {"bodyRepeat": {"chunk": body.chunk, "count": body.count}}
    if isinstance(body, str):
        return {"body": body}
    return {"bodyHex": bytes(body).hex()}


def wh(msg_id, ts, sig, prefix="webhook") -> list:
    return [[f"{prefix}-id", msg_id], [f"{prefix}-timestamp", str(ts)], [f"{prefix}-signature", sig]]


def signed(key: dict, msg_id: str, ts: int, body, prefix="webhook") -> list:
    return wh(msg_id, ts, hmac_v1(hk(key), msg_id, ts, body_bytes(body)), prefix)


def without(headers: list, name: str) -> list:
    return [h for h in headers if h[0].lower() != name]


def replaced(headers: list, name: str, value: str) -> list:
    return [[n, value if n.lower() == name else v] for n, v in headers]


def flip_b64_char(sig_entry: str, index: int) -> str:
    """Change one base64 character of `v1,<b64>` so the signature stays canonical but differs."""
    version, s = sig_entry.split(",", 1)
    c = s[index]
    repl = "A" if c != "A" else "B"
    return f"{version},{s[:index]}{repl}{s[index + 1:]}"


# --------------------------------------------------------------------------------------------
# RFC 3339 and event expectations (unwrap)
# --------------------------------------------------------------------------------------------

RFC3339 = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})")


def rfc3339_ms(value) -> int | None:
    if not isinstance(value, str):
        return None
    m = RFC3339.fullmatch(value)
    if not m:
        return None
    try:
        dt = datetime.datetime(*map(int, m.groups()[:6]))
    except ValueError:
        return None
    tz = m.group(8)
    offset = 0 if tz == "Z" else (1 if tz[0] == "+" else -1) * (int(tz[1:3]) * 3600 + int(tz[4:6]) * 60)
    frac_ms = int((m.group(7) or "")[:3].ljust(3, "0"))
    return (calendar.timegm(dt.timetuple()) - offset) * 1000 + frac_ms


def lookup(obj, path: str):
    for part in path.split("."):
        obj = obj[part]
    return obj


def expected_event(body, fields: list[str]) -> dict:
    doc = json.loads(body_bytes(body).decode("utf-8"))
    values = {}
    for path in fields:
        value = lookup(doc, path)
        assert isinstance(value, (str, int, float, bool)), (path, value)
        values[path] = value
    return {
        "type": doc["type"],
        "id": doc["id"] if isinstance(doc.get("id"), str) else None,
        "known": doc["type"] in KNOWN_TYPES,
        "createdAtMs": rfc3339_ms(doc.get("created_at")),
        "fields": values,
    }


# The event schema, read by the model below: an implementation of its rule independent of every
# language's generated code (core/src/event.rs states the rule).
EVENT_SCHEMA = json.loads((HERE.parent.parent / "schema" / "imagekit-events.json").read_text())
YEAR_ONE_MS = -62135596800000


def schema_ok(doc: dict) -> bool:
    """Whether a known event's members match the schema (an unknown type always does)."""
    events = {e["type"]: e for e in EVENT_SCHEMA["events"]}
    if doc["type"] not in events:
        return True
    return members_ok(doc, EVENT_SCHEMA["envelope"]["fields"]) and members_ok(doc, events[doc["type"]]["fields"])


def members_ok(obj: dict, fields: list) -> bool:
    for f in fields:
        if f["name"] not in obj:
            if f["required"]:
                return False
        elif obj[f["name"]] is None:
            if not f.get("nullable"):
                return False
        elif not value_ok(obj[f["name"]], f["type"]):
            return False
    return True


def value_ok(v, t: str) -> bool:
    if t.endswith("[]"):
        return isinstance(v, list) and all(value_ok(x, t[:-2]) for x in v)
    if t == "string":
        return isinstance(v, str)
    if t == "date-time":
        ms = rfc3339_ms(v)
        return ms is not None and ms >= YEAR_ONE_MS
    if t == "number":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if t == "boolean":
        return isinstance(v, bool)
    if t == "object":
        return isinstance(v, dict)
    return isinstance(v, dict) and members_ok(v, EVENT_SCHEMA["objects"][t]["fields"])


def compact(doc: dict) -> str:
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False)


# --------------------------------------------------------------------------------------------
# Vector files
# --------------------------------------------------------------------------------------------

CASE_ORDER = ("tcId", "comment", "flags", "operation", "keys", "options", "headers", "body", "bodyHex",
              "bodyRepeat", "now", "msgId", "timestamp", "then", "result", "code", "keyIndex",
              "signature", "event")
THEN_ORDER = ("headers", "body", "bodyHex", "bodyRepeat", "now", "result", "code", "keyIndex")


def outcome(result) -> dict:
    """"ok" | ("ok", keyIndex) | code string -> result fields."""
    if result == "ok":
        return {"result": "ok"}
    if isinstance(result, tuple):
        return {"result": "ok", "keyIndex": result[1]}
    return {"result": "error", "code": result}


class VectorFile:
    def __init__(self, name: str, description: str, notes: dict):
        self.name, self.description, self.notes = name, description, notes
        self.tests: list[dict] = []

    def add(self, comment: str, flags: list, operation: str, **fields) -> dict:
        for flag in flags:
            assert flag in self.notes, f"{self.name}: flag {flag} has no note"
        case = {"tcId": len(self.tests) + 1, "comment": comment, "flags": flags, "operation": operation}
        case.update(fields)
        unknown = set(case) - set(CASE_ORDER)
        assert not unknown, unknown
        case = {k: case[k] for k in CASE_ORDER if k in case}
        self.tests.append(case)
        return case

    def deliver(self, comment, flags, keys, headers, body, now, result, options=None, then=None,
                operation="verify", event=None):
        """A verify/unwrap case. result: "ok" is not allowed here; use ("ok", keyIndex) or a code."""
        fields = {"keys": keys}
        if options:
            fields["options"] = options
        fields["headers"] = headers
        fields.update(body_field(body))
        fields["now"] = now
        if then:
            fields["then"] = then
        fields.update(outcome(result))
        if event is not None:
            fields["event"] = event
        return self.add(comment, flags, operation, **fields)

    def document(self) -> dict:
        used = {f for t in self.tests for f in t["flags"]}
        unused = set(self.notes) - used
        assert not unused, f"{self.name}: notes for unused flags {sorted(unused)}"
        return {
            "schema": SCHEMA_ID,
            "description": self.description,
            "numberOfTests": len(self.tests),
            "notes": dict(sorted(self.notes.items())),
            "tests": self.tests,
        }


def then_step(headers=None, body=None, now=None, result=None) -> dict:
    step = {}
    if headers is not None:
        step["headers"] = headers
    if body is not None:
        step.update(body_field(body))
    if now is not None:
        step["now"] = now
    step.update(outcome(result))
    return {k: step[k] for k in THEN_ORDER if k in step}


# --------------------------------------------------------------------------------------------
# standard.json
# --------------------------------------------------------------------------------------------

def standard_file() -> VectorFile:
    f = VectorFile("standard.json",
                   "Standard Webhooks v1 (HMAC-SHA256) verification: public vectors, key modes, rotation, "
                   "header names, aliases and repeats, signature-list rules, bounds, tolerance, timestamp "
                   "forms, bodies, tampering and the order in which faults are reported.",
                   {
                       "PublicVector": "contract §9 public vector (from the reference libraries' tests)",
                       "KeyMode": "the same secret means different key bytes in imagekit, standard and raw mode",
                       "BytesSecret": "a secret given as bytes (the language's byte type): the raw HMAC key, "
                                      "whatever the key mode",
                       "Rotation": "several keys; keyIndex is the lowest index of a key that matched any entry",
                       "HeaderCase": "header names are case-insensitive",
                       "SvixAlias": "svix-* headers are used only for a webhook-* header that is absent",
                       "MissingHeader": "a required header is absent, or its value is empty",
                       "RepeatedHeader": "a header occurs more than once: webhook-signature values are joined "
                                         "with one space; differing webhook-id/webhook-timestamp values are "
                                         "invalid_header, identical repeats are fine",
                       "SignatureList": "entries are split on ' ' only (empty pieces ignored), each at its first "
                                        "comma; entries that are not usable are skipped, never fatal",
                       "NonCanonicalBase64": "a v1 signature must be canonical padded standard base64 of exactly "
                                             "32 bytes (44 chars, trailing bits zero), else the entry is skipped",
                       "HeaderBounds": "the signature header may hold at most 8192 bytes and 64 non-empty entries "
                                       "(inclusive), else invalid_header",
                       "Tolerance": "ts < now - tolerance -> timestamp_too_old, ts > now + tolerance -> "
                                    "timestamp_too_new, both bounds inclusive; default 300 s",
                       "TimestampFormat": "webhook-timestamp must match ^[0-9]{1,18}$; leading zeros are "
                                          "accepted and the signed content uses the integer without them",
                       "Body": "the signed body is the raw bytes as received; it need not be UTF-8",
                       "PayloadSize": "a body longer than maxPayloadBytes (default 1048576, inclusive) is "
                                      "payload_too_large",
                       "Tampered": "one signed part (body, id, timestamp, signature or key) differs from what "
                                   "was signed",
                       "CheckOrder": "several faults at once: the first in the order missing_header, header "
                                     "bounds, invalid_timestamp, tolerance, payload size, signature is reported",
                   })
    a_key, b_key, c_ik, c_std = std(A_SECRET), std(B_SECRET), ik(C_SECRET), std(C_SECRET)
    a_headers = wh(A_ID, A_TS, A_SIG)
    ok0 = ("ok", 0)

    def a_case(comment, flags, headers, result, body=A_BODY, now=A_TS, keys=None, options=None):
        f.deliver(comment, flags, keys or [a_key], headers, body, now, result, options)

    # -- public vectors
    a_case("public vector A", ["PublicVector"], a_headers, ok0)
    f.deliver("public vector B", ["PublicVector"], [b_key], wh(B_ID, B_TS, B_SIG), B_BODY, B_TS, ok0)
    f.deliver("public vector C (imagekit mode)", ["PublicVector"], [c_ik], wh(C_ID, C_TS, C_SIG_IMAGEKIT),
              C_BODY, C_TS, ok0)
    f.deliver("public vector C's inputs in standard mode give the other signature", ["PublicVector", "KeyMode"],
              [c_std], wh(C_ID, C_TS, C_SIG_STANDARD), C_BODY, C_TS, ok0)
    a_case("public vector A's decoy (last base64 char changed) must fail", ["PublicVector"],
           wh(A_ID, A_TS, A_DECOY), "invalid_signature")
    f.deliver("C's imagekit-mode signature does not verify with the same secret in standard mode",
              ["PublicVector", "KeyMode"], [c_std], wh(C_ID, C_TS, C_SIG_IMAGEKIT), C_BODY, C_TS,
              "invalid_signature")
    f.deliver("C's standard-mode signature does not verify with the same secret in imagekit mode",
              ["PublicVector", "KeyMode"], [c_ik], wh(C_ID, C_TS, C_SIG_STANDARD), C_BODY, C_TS,
              "invalid_signature")
    a_case("A's secret in imagekit mode does not verify A's signature", ["PublicVector", "KeyMode"],
           a_headers, "invalid_signature", keys=[ik(A_SECRET)])

    # -- key modes, one body
    mid, ts, body = "msg_keymodes", 1700000000, '{"type":"file.created","id":"k1"}'
    secret = "whsec_" + b64(pseudo_bytes("key modes secret", 24))
    for key, what in ((ik(secret), "imagekit mode: key = UTF-8 of the whole secret"),
                      (std(secret), "standard mode: key = base64-decoded secret"),
                      (raw(secret.encode()), "raw mode with the imagekit key bytes"),
                      (raw(hk(std(secret))), "raw mode with the standard key bytes")):
        f.deliver(f"same body, same secret, {what}", ["KeyMode"], [key], signed(key, mid, ts, body), body, ts, ok0)
    assert signed(raw(secret.encode()), mid, ts, body) == signed(ik(secret), mid, ts, body)
    f.deliver("imagekit-mode signature against the standard-mode key", ["KeyMode"], [std(secret)],
              signed(ik(secret), mid, ts, body), body, ts, "invalid_signature")
    # A secret given as bytes is the raw key, whatever the mode: never base64-decoded.
    for mode in ("imagekit", "standard", "raw"):
        key = as_bytes(secret.encode(), mode)
        assert signed(key, mid, ts, body) == signed(ik(secret), mid, ts, body)
        f.deliver(f"the secret's bytes given as bytes in {mode} mode: the raw key", ["KeyMode", "BytesSecret"],
                  [key], signed(key, mid, ts, body), body, ts, ok0)
    f.deliver("the secret's bytes given as bytes in standard mode are not base64-decoded",
              ["KeyMode", "BytesSecret"], [as_bytes(secret.encode(), "standard")], signed(std(secret), mid, ts, body),
              body, ts, "invalid_signature")
    for key, what in ((raw(bytes(range(32))), "raw 32-byte key"), (raw(b"\x00"), "raw 1-byte key (0x00)")):
        f.deliver(what, ["KeyMode"], [key], signed(key, mid, ts, body), body, ts, ok0)
    f.deliver("standard secret without the whsec_ prefix is the same key", ["KeyMode"],
              [std(A_SECRET[len("whsec_"):])], a_headers, A_BODY, A_TS, ok0)
    padded = "whsec_" + b64(pseudo_bytes("padded secret", 20))
    assert padded.endswith("=")
    f.deliver("standard secret with its '=' padding removed is the same key", ["KeyMode"],
              [std(padded.rstrip("="))], signed(std(padded), mid, ts, body), body, ts, ok0)
    last = B64_ALPHABET[B64_ALPHABET.index(padded.rstrip("=")[-1]) | 1]
    sloppy = padded.rstrip("=")[:-1] + last
    assert sloppy != padded.rstrip("=") and hk(std(sloppy)) == hk(std(padded))
    f.deliver("standard secret with non-zero trailing bits decodes to the same key", ["KeyMode"],
              [std(sloppy)], signed(std(padded), mid, ts, body), body, ts, ok0)

    # -- rotation
    k0, k1, k2 = (std("whsec_" + b64(pseudo_bytes(f"rotation {i}", 24))) for i in range(3))
    rid, rts, rbody = "msg_rotation", 1700000100, '{"type":"file.updated","id":"r1"}'

    def rsig(key):
        return hmac_v1(hk(key), rid, rts, rbody.encode())

    f.deliver("two keys, the second matches", ["Rotation"], [k0, k1], wh(rid, rts, rsig(k1)), rbody, rts, ("ok", 1))
    f.deliver("three keys, the third matches", ["Rotation"], [k0, k1, k2], wh(rid, rts, rsig(k2)), rbody, rts,
              ("ok", 2))
    f.deliver("two keys, both signatures present: lowest index wins", ["Rotation"], [k0, k1],
              wh(rid, rts, f"{rsig(k0)} {rsig(k1)}"), rbody, rts, ok0)
    f.deliver("second key's signature listed first: still the lowest matching key index", ["Rotation"], [k0, k1],
              wh(rid, rts, f"{rsig(k1)} {rsig(k0)}"), rbody, rts, ok0)
    f.deliver("three keys, none matches", ["Rotation"], [k0, k1, k2],
              wh(rid, rts, hmac_v1(b"another key", rid, rts, rbody.encode())), rbody, rts, "invalid_signature")
    f.deliver("imagekit-mode signature, verifier holds the same secret only in standard mode",
              ["Rotation", "KeyMode"], [k0, std(C_SECRET)], wh(rid, rts, rsig(ik(C_SECRET))), rbody, rts,
              "invalid_signature")
    f.deliver("the same secret in both modes: the imagekit entry (index 1) matches", ["Rotation", "KeyMode"],
              [std(C_SECRET), ik(C_SECRET)], wh(rid, rts, rsig(ik(C_SECRET))), rbody, rts, ("ok", 1))
    f.deliver("the same key listed twice", ["Rotation"], [k1, k1], wh(rid, rts, rsig(k1)), rbody, rts, ok0)

    # -- header names and aliases
    a_case("upper-case header names", ["HeaderCase"],
           [["WEBHOOK-ID", A_ID], ["WEBHOOK-TIMESTAMP", str(A_TS)], ["WEBHOOK-SIGNATURE", A_SIG]], ok0)
    a_case("mixed-case header names", ["HeaderCase"],
           [["Webhook-Id", A_ID], ["webhook-TIMESTAMP", str(A_TS)], ["Webhook-Signature", A_SIG]], ok0)
    a_case("svix-* aliases", ["SvixAlias"], wh(A_ID, A_TS, A_SIG, "svix"), ok0)
    a_case("upper-case svix aliases", ["SvixAlias", "HeaderCase"],
           [["SVIX-ID", A_ID], ["Svix-Timestamp", str(A_TS)], ["SVIX-SIGNATURE", A_SIG]], ok0)
    a_case("webhook-* and svix-* both present: webhook-* is used (svix-* values are junk)", ["SvixAlias"],
           a_headers + [["svix-id", "msg_other"], ["svix-timestamp", "junk"], ["svix-signature", "v1,junk"]], ok0)
    a_case("both present: only webhook-signature is read (it is wrong, svix-signature is right)", ["SvixAlias"],
           [["webhook-id", A_ID], ["webhook-timestamp", str(A_TS)], ["webhook-signature", A_DECOY],
            ["svix-signature", A_SIG]], "invalid_signature")
    other_sig = hmac_v1(hk(a_key), "msg_other", A_TS, A_BODY.encode())
    a_case("both present: the signed id is webhook-id, not svix-id", ["SvixAlias"],
           [["svix-id", "msg_other"], ["webhook-id", A_ID], ["webhook-timestamp", str(A_TS)],
            ["webhook-signature", other_sig]], "invalid_signature")
    a_case("mixed: webhook-id with svix-timestamp and svix-signature", ["SvixAlias"],
           [["webhook-id", A_ID], ["svix-timestamp", str(A_TS)], ["svix-signature", A_SIG]], ok0)
    a_case("headers in another order, unrelated headers around them", ["HeaderCase"],
           [["content-type", "application/json"], ["webhook-signature", A_SIG], ["user-agent", "ImageKit"],
            ["webhook-timestamp", str(A_TS)], ["x-ik-signature", "t=1,v1=00"], ["webhook-id", A_ID]], ok0)

    # -- missing headers
    for name in ("webhook-id", "webhook-timestamp", "webhook-signature"):
        a_case(f"{name} absent", ["MissingHeader"], without(a_headers, name), "missing_header")
    for name in ("webhook-id", "webhook-timestamp", "webhook-signature"):
        a_case(f"{name} present with an empty value", ["MissingHeader"], replaced(a_headers, name, ""),
               "missing_header")
    a_case("no headers at all", ["MissingHeader"], [], "missing_header")
    a_case("misspelt header name (webhook-signatures)", ["MissingHeader"],
           without(a_headers, "webhook-signature") + [["webhook-signatures", A_SIG]], "missing_header")
    a_case("signature header of spaces only is present but holds no entry", ["MissingHeader", "SignatureList"],
           replaced(a_headers, "webhook-signature", "   "), "invalid_signature")

    # -- repeated headers
    head = without(a_headers, "webhook-signature")
    a_case("two webhook-signature headers, the valid entry in the second", ["RepeatedHeader"],
           head + [["webhook-signature", "v1,bad"], ["Webhook-Signature", A_SIG]], ok0)
    a_case("two webhook-signature headers, the valid entry in the first", ["RepeatedHeader"],
           head + [["webhook-signature", A_SIG], ["webhook-signature", A_DECOY]], ok0)
    a_case("webhook-id twice with different values", ["RepeatedHeader"],
           a_headers + [["webhook-id", "msg_other"]], "invalid_header")
    a_case("webhook-id twice with the same value", ["RepeatedHeader"], a_headers + [["Webhook-Id", A_ID]], ok0)
    a_case("webhook-timestamp twice with different values", ["RepeatedHeader"],
           a_headers + [["webhook-timestamp", str(A_TS + 1)]], "invalid_header")
    a_case("webhook-timestamp twice with the same value", ["RepeatedHeader"],
           a_headers + [["webhook-timestamp", str(A_TS)]], ok0)

    # -- signature list rules
    good = A_SIG[3:]  # the base64 part
    ed_entry = ed_sign(seed("standard v1a entry"), A_ID, A_TS, A_BODY.encode())
    sig_lists = [
        ("three entries, the valid one last", f"v1,{b64(bytes(32))} v2,abc {A_SIG}", ok0),
        ("valid entry first, junk after", f"{A_SIG} v1,junk nocomma", ok0),
        ("unknown version v2 carrying the right bytes", f"v2,{good}", "invalid_signature"),
        ("version is case-sensitive: V1", f"V1,{good}", "invalid_signature"),
        ("version with a trailing tab (v1\\t)", f"v1\t,{good}", "invalid_signature"),
        ("entry without a comma", good, "invalid_signature"),
        ("'v1,' with an empty signature", "v1,", "invalid_signature"),
        ("'v1,' empty entry before a valid one", f"v1, {A_SIG}", ok0),
        ("malformed entries before a valid one", f"v1 , ,v1 v2,abc v1,{good[:-1]} {A_SIG}", ok0),
        ("leading spaces", f"   {A_SIG}", ok0),
        ("trailing spaces", f"{A_SIG}   ", ok0),
        ("several spaces between entries", f"v1,bad    {A_SIG}", ok0),
        ("tab is not a separator", f"v1,bad\t{A_SIG}", "invalid_signature"),
        ("space after the comma splits the entry", f"v1, {good}", "invalid_signature"),
        ("entry with a second comma: the signature is everything after the first", f"{A_SIG},v1",
         "invalid_signature"),
        ("v1a entry is skipped when only HMAC keys are configured", ed_entry, "invalid_signature"),
        ("v1a entry skipped, a valid v1 entry after it wins", f"{ed_entry} {A_SIG}", ok0),
    ]
    for comment, value, result in sig_lists:
        a_case(comment, ["SignatureList"], replaced(a_headers, "webhook-signature", value), result)

    sig_bytes = base64.b64decode(good)
    last = B64_ALPHABET[B64_ALPHABET.index(good[-2]) | 1]
    non_canonical = [
        ("unpadded (43 chars)", good.rstrip("=")),
        ("URL-safe alphabet", good.replace("+", "-").replace("/", "_")),
        ("33 bytes (one extra zero byte)", b64(sig_bytes + b"\x00")),
        ("31 bytes (last byte dropped)", b64(sig_bytes[:31])),
        ("non-zero trailing bits in the last character (decodes to the right bytes)", good[:-2] + last + "="),
        ("extra '=' padding", good + "="),
        ("tab appended", good + "\t"),
        ("hex instead of base64", sig_bytes.hex()),
    ]
    assert "-" in non_canonical[1][1] and non_canonical[4][1] != good
    assert base64.b64decode(non_canonical[4][1]) == sig_bytes
    for comment, value in non_canonical:
        a_case(f"non-canonical signature: {comment}", ["NonCanonicalBase64"],
               replaced(a_headers, "webhook-signature", f"v1,{value}"), "invalid_signature")
    a_case("non-canonical entry skipped, canonical one after it wins", ["NonCanonicalBase64", "SignatureList"],
           replaced(a_headers, "webhook-signature", f"v1,{good.rstrip('=')} {A_SIG}"), ok0)

    # -- header bounds
    def bounded(comment, value, result):
        a_case(comment, ["HeaderBounds"], replaced(a_headers, "webhook-signature", value), result)

    junk = "v2,x"
    bounded("64 entries (63 junk, valid last)", " ".join([junk] * 63 + [A_SIG]), ok0)
    bounded("65 entries (64 junk, valid last)", " ".join([junk] * 64 + [A_SIG]), "invalid_header")
    bounded("65 entries with the valid one first", " ".join([A_SIG] + [junk] * 64), "invalid_header")
    bounded("64 entries separated by double spaces (empty pieces are not entries)",
            "  ".join([junk] * 63 + [A_SIG]), ok0)
    filler = MAX_SIG_HEADER_BYTES - len(A_SIG) - 1
    bounded("exactly 8192 bytes (valid entry and one long junk entry)", f"{A_SIG} {'x' * filler}", ok0)
    bounded("8193 bytes", f"{A_SIG} {'x' * (filler + 1)}", "invalid_header")
    bounded("exactly 8192 bytes, mostly trailing spaces", A_SIG + " " * (filler + 1), ok0)
    bounded("8193 bytes, mostly trailing spaces", A_SIG + " " * (filler + 2), "invalid_header")

    # -- tolerance
    def at(offset, tol=None, comment=None, result=None):
        ts = A_TS + offset
        options = {"tolerance": tol} if tol is not None else None
        a_case(comment, ["Tolerance"], signed(a_key, A_ID, ts, A_BODY), result, now=A_TS, options=options)

    at(-300, comment="timestamp exactly now - 300", result=ok0)
    at(-301, comment="timestamp now - 301", result="timestamp_too_old")
    at(300, comment="timestamp exactly now + 300", result=ok0)
    at(301, comment="timestamp now + 301", result="timestamp_too_new")
    at(-60, 60, "tolerance 60: now - 60", ok0)
    at(-61, 60, "tolerance 60: now - 61", "timestamp_too_old")
    at(60, 60, "tolerance 60: now + 60", ok0)
    at(61, 60, "tolerance 60: now + 61", "timestamp_too_new")
    at(0, 0, "tolerance 0: timestamp equal to now", ok0)
    at(-1, 0, "tolerance 0: one second old", "timestamp_too_old")
    at(1, 0, "tolerance 0: one second ahead", "timestamp_too_new")
    at(-315360000, 315360000, "tolerance of ten years: ten-year-old timestamp", ok0)
    a_case("timestamp 0 with now (100) smaller than the tolerance: no underflow", ["Tolerance"],
           signed(a_key, A_ID, 0, A_BODY), ok0, now=100)
    a_case("timestamp 0 at a real now", ["Tolerance"], signed(a_key, A_ID, 0, A_BODY), "timestamp_too_old")
    a_case("largest valid form (18 nines) is far in the future", ["Tolerance", "TimestampFormat"],
           signed(a_key, A_ID, 10**18 - 1, A_BODY), "timestamp_too_new")

    # -- timestamp forms
    for form in ("-1", "-1614265330", "+1614265330", " 1614265330", "1614265330 ", "1614265330.5",
                 "1614265330.0", "1.614265330e9", "1e9", "0x10", "abc", "1_614_265_330",
                 "0000000001614265330", "\uff11\uff16\uff11\uff14\uff12\uff16\uff15\uff13\uff13\uff10",
                 "\u0661\u0666\u0661\u0664\u0662\u0666\u0665\u0663\u0663\u0660"):
        # Signed over the form itself, so only the format check can reject it.
        a_case(f"timestamp {form!r}", ["TimestampFormat"],
               wh(A_ID, form, hmac_v1(hk(a_key), A_ID, form, A_BODY.encode())), "invalid_timestamp")
    a_case("leading zeros are accepted; the signed content has none", ["TimestampFormat"],
           wh(A_ID, "000" + str(A_TS), A_SIG), ok0)
    a_case("18 digits with leading zeros", ["TimestampFormat"], wh(A_ID, "00000000" + str(A_TS), A_SIG), ok0)
    a_case("leading zeros kept in the signed content do not verify", ["TimestampFormat"],
           wh(A_ID, "000" + str(A_TS), hmac_v1(hk(a_key), A_ID, "000" + str(A_TS), A_BODY.encode())),
           "invalid_signature")

    # -- bodies
    bid, bts = "msg_bodies", 1700000200
    bkey = ik(C_SECRET)

    def body_case(comment, flags, body, result="ok", options=None, sig_body=None):
        headers = signed(bkey, bid, bts, body if sig_body is None else sig_body)
        f.deliver(comment, flags, [bkey], headers, body, bts, ok0 if result == "ok" else result, options)

    body_case("empty body", ["Body"], "")
    body_case("body that is not UTF-8", ["Body"], b"\xff\xfe\x00{\"a\":1}\xc3\x28\x80")
    body_case("CRLF line endings and trailing newline kept", ["Body"], '{\r\n  "type": "file.created"\r\n}\r\n')
    body_case("multi-byte UTF-8 (accents, CJK)", ["Body"], '{"name":"café 東京 Ünïcödé"}')
    body_case("emoji (4-byte UTF-8)", ["Body"], '{"name":"🎬📷 \u2028"}')
    body_case("NUL bytes", ["Body"], b'{"a":"\x00"}\x00')
    body_case("exactly 1 MiB at the default maximum", ["Body", "PayloadSize"], Repeat("0123456789abcdef", 65536))
    body_case("1 MiB + 1 byte", ["Body", "PayloadSize"], Repeat("x", DEFAULT_MAX_PAYLOAD + 1), "payload_too_large")
    body_case("maxPayloadBytes 16, body of 16 bytes", ["PayloadSize"], "0123456789abcdef", "ok",
              {"maxPayloadBytes": 16})
    body_case("maxPayloadBytes 16, body of 17 bytes", ["PayloadSize"], "0123456789abcdefg", "payload_too_large",
              {"maxPayloadBytes": 16})
    body_case("maxPayloadBytes counts bytes, not characters: 4 x 'é' is 8 bytes", ["PayloadSize"], "éééé", "ok",
              {"maxPayloadBytes": 8})
    body_case("maxPayloadBytes 8, 5 x 'é' is 10 bytes", ["PayloadSize"], "ééééé", "payload_too_large",
              {"maxPayloadBytes": 8})
    body_case("maxPayloadBytes 1, empty body", ["PayloadSize"], "", "ok", {"maxPayloadBytes": 1})

    # -- tampering
    tb = '{"type":"file.created","id":"t1","data":{"fileId":"f1"}}'
    th = signed(bkey, bid, bts, tb)

    def tamper(comment, headers, body=tb, keys=None):
        f.deliver(comment, ["Tampered"], keys or [bkey], headers, body, bts, "invalid_signature")

    tamper("body: one byte changed", th, tb.replace('"f1"', '"f2"'))
    tamper("body: trailing newline added", th, tb + "\n")
    tamper("body: re-serialized (pretty-printed) JSON of the signed body", th,
           json.dumps(json.loads(tb), indent=2))
    tamper("id changed", replaced(th, "webhook-id", bid + "x"))
    tamper("timestamp changed by one second (still within tolerance)", replaced(th, "webhook-timestamp", str(bts + 1)))
    tamper("signature: one base64 character changed", replaced(th, "webhook-signature",
                                                                flip_b64_char(th[2][1], 10)))
    tamper("key: verifier holds another secret", th, keys=[ik(C_SECRET + "x")])

    # -- check order
    def order(comment, headers, result, body=A_BODY, options=None, now=A_TS):
        a_case(comment, ["CheckOrder"], headers, result, body=body, options=options, now=now)

    order("missing webhook-id and an invalid timestamp: missing_header",
          without(wh(A_ID, "x", A_SIG), "webhook-id"), "missing_header")
    order("missing signature and an invalid timestamp: missing_header",
          without(wh(A_ID, "x", A_SIG), "webhook-signature"), "missing_header")
    order("65 entries and an invalid timestamp: invalid_header",
          wh(A_ID, "x", " ".join([junk] * 64 + [A_SIG])), "invalid_header")
    order("invalid timestamp and an oversized body: invalid_timestamp", wh(A_ID, "1.5", A_SIG),
          "invalid_timestamp", body="x" * 17, options={"maxPayloadBytes": 16})
    order("stale timestamp and an oversized body: timestamp_too_old", a_headers, "timestamp_too_old",
          body="x" * 17, options={"maxPayloadBytes": 16}, now=A_TS + 301)
    order("oversized body and a wrong signature: payload_too_large", wh(A_ID, A_TS, A_DECOY), "payload_too_large",
          body="x" * 17, options={"maxPayloadBytes": 16})
    order("stale timestamp and a wrong signature: timestamp_too_old", wh(A_ID, A_TS, A_DECOY), "timestamp_too_old",
          now=A_TS + 301)
    return f


# --------------------------------------------------------------------------------------------
# secrets.json
# --------------------------------------------------------------------------------------------

def secrets_file() -> VectorFile:
    f = VectorFile("secrets.json",
                   "Secrets accepted or refused (invalid_secret) when a verifier is built.",
                   {
                       "ImagekitSecret": "imagekit mode: any string but '' and exactly 'whsec_'; no decoding",
                       "StandardSecret": "standard mode: optional whsec_ prefix, then standard base64 (missing "
                                         "padding and non-zero trailing bits tolerated) of at least one byte",
                       "RawKey": "raw mode: the hex bytes given; empty is invalid",
                       "BytesSecret": "a secret given as bytes (the language's byte type): the raw HMAC key "
                                      "whatever the key mode; empty is invalid",
                       "PublicKey": "whpk_ + base64 of a 32-byte ed25519 public key that decodes to a curve point",
                       "SecretKeyToVerifier": "a whsk_ (ed25519 secret) key is refused by a verifier",
                       "KeyList": "several keys: one invalid key makes the whole build fail",
                   })

    def build(comment, flags, keys, ok):
        f.add(comment, flags, "build", keys=keys, **outcome("ok" if ok else "invalid_secret"))

    for secret, comment, ok in (
            (C_SECRET, "dashboard secret", True),
            ("9rK6+3jL", "short secret without prefix (L-1)", True),
            ("whsec", "'whsec' without the underscore is an ordinary secret", True),
            ("whsec_ not base64 at all!", "not base64: irrelevant in imagekit mode", True),
            ("sécrèt ✓", "non-ASCII secret (its UTF-8 bytes)", True),
            ("", "empty secret", False),
            ("whsec_", "prefix only", False)):
        build(f"imagekit: {comment}", ["ImagekitSecret"], [ik(secret)], ok)

    body20 = pseudo_bytes("secrets padded", 20)
    padded = "whsec_" + b64(body20)
    last = B64_ALPHABET[B64_ALPHABET.index(padded.rstrip("=")[-1]) | 1]
    for secret, comment, ok in (
            (A_SECRET, "public vector A's secret", True),
            (B_SECRET, "public vector B's secret", True),
            (C_SECRET, "the imagekit dashboard secret is valid base64 too", True),
            (A_SECRET[len("whsec_"):], "without the whsec_ prefix", True),
            (padded, "padded base64", True),
            (padded.rstrip("="), "padding removed", True),
            (padded.rstrip("=")[:-1] + last, "non-zero trailing bits", True),
            ("whsec_AA", "one byte (AA)", True),
            ("", "empty string", False),
            ("whsec_", "prefix only (decodes to zero bytes)", False),
            ("whsec_MfKQ9r8G KYqrTwjU", "contains a space", False),
            ("whsec_MfKQ9r8G-KYqrTwjU", "contains '-' (URL-safe alphabet)", False),
            ("whsec_MfKQ9r8G_KYqrTwjU", "contains '_' (URL-safe alphabet)", False),
            ("whsec_MfKQ9r8G.KYqrTwjU", "contains '.'", False),
            ("whsec_MfKQ9r8Gé", "contains a non-ASCII character", False),
            ("whsec_MfKQ9", "5 base64 characters cannot encode whole bytes", False),
            ("WHSEC_MfKQ9r8GKYqrTwjU", "upper-case prefix is not stripped, '_' is then invalid", False)):
        build(f"standard: {comment}", ["StandardSecret"], [std(secret)], ok)

    for mode in ("imagekit", "standard", "raw"):
        for data, comment, ok in ((pseudo_bytes("bytes secret", 32), "32 bytes", True),
                                  (b"whsec_", "the bytes of 'whsec_' (an invalid string secret)", True),
                                  (("whpk_" + b64(bytes(32))).encode(), "the bytes of a whpk_ string: an HMAC key", True),
                                  (b"", "empty", False)):
            build(f"bytes in {mode} mode: {comment}", ["BytesSecret"], [as_bytes(data, mode)], ok)

    for key, comment, ok in ((raw(b"\x00"), "one zero byte", True), (raw(bytes(range(32))), "32 bytes", True),
                             (raw(pseudo_bytes("raw 64", 64)), "64 bytes", True), (raw(b""), "empty", False)):
        build(f"raw: {comment}", ["RawKey"], [key], ok)

    pub = ed_public(seed("secrets public key"))
    bad_point = off_curve_y()
    # The whpk_ rules do not depend on the mode: every form in standard mode, the main ones in imagekit mode too.
    for secret, comment, ok, both_modes in (
            ("whpk_" + b64(pub), "valid public key", True, True),
            ("whpk_" + b64(pub).rstrip("="), "valid public key, padding removed", True, False),
            ("whpk_" + b64(pub[:31]), "31 bytes", False, True),
            ("whpk_" + b64(pub + b"\x00"), "33 bytes", False, False),
            ("whpk_", "prefix only", False, False),
            ("whpk_" + b64(pub)[:-2] + "-=", "URL-safe character", False, False),
            ("whpk_" + b64(bad_point), f"32 bytes whose y ({int.from_bytes(bad_point, 'little')}) is not on the curve",
             False, True)):
        for mode, name in ((std, "standard"), (ik, "imagekit"))[:2 if both_modes else 1]:
            build(f"{name}: whpk_ {comment}", ["PublicKey"], [mode(secret)], ok)

    sk_secret = whsk(seed("secrets secret key"))
    build("standard: whsk_ secret key given to a verifier", ["SecretKeyToVerifier"], [std(sk_secret)], False)
    build("imagekit: whsk_ secret key given to a verifier", ["SecretKeyToVerifier"], [ik(sk_secret)], False)
    build("standard: whsk_ of 31 bytes given to a verifier", ["SecretKeyToVerifier"],
          [std("whsk_" + b64(seed("x")[:31]))], False)

    build("three valid keys of every kind", ["KeyList"], [std(A_SECRET), ik(C_SECRET), std("whpk_" + b64(pub))], True)
    build("valid key then an invalid one", ["KeyList"], [std(A_SECRET), std("whsec_")], False)
    build("invalid key first", ["KeyList"], [ik(""), ik(C_SECRET)], False)
    build("public key then secret key", ["KeyList", "SecretKeyToVerifier"],
          [std("whpk_" + b64(pub)), std(sk_secret)], False)
    return f


# --------------------------------------------------------------------------------------------
# v1a.json
# --------------------------------------------------------------------------------------------

def v1a_file() -> VectorFile:
    f = VectorFile("v1a.json",
                   "Asymmetric v1a signatures (ed25519 over the same content as v1), whpk_ public keys in "
                   "verifiers, and how v1a and v1 entries and keys mix.",
                   {
                       "Valid": "a v1a signature that verifies",
                       "Invalid": "a v1a signature that does not verify (wrong key, tampered content)",
                       "Rotation": "HMAC and ed25519 keys mixed; keyIndex is the lowest matching index",
                       "Skipped": "an entry that is never checked: wrong size or non-canonical base64 for its "
                                  "version, or a version that does not fit the key kind",
                       "NonCanonicalS": "signature whose S is not reduced modulo the group order (S + L): rejected",
                       "Tolerance": "timestamp rules apply to v1a as to v1",
                   })
    s1, s2 = seed("v1a key 1"), seed("v1a key 2")
    pk1, pk2 = std(whpk(s1)), std(whpk(s2))
    hm = std(A_SECRET)
    mid, ts, body = "msg_v1a", 1700000300, '{"type":"file.created","id":"v1a-1","data":{"fileId":"f1"}}'
    sig1 = ed_sign(s1, mid, ts, body.encode())
    hsig = hmac_v1(hk(hm), mid, ts, body.encode())
    ok0, ok1 = ("ok", 0), ("ok", 1)

    def case(comment, flags, keys, sig, result, body_=body, ts_=ts, now=ts, msg_id=mid, prefix="webhook"):
        f.deliver(comment, flags, keys, wh(msg_id, ts_, sig, prefix), body_, now, result)

    case("valid v1a, whpk_ key in standard mode", ["Valid"], [pk1], sig1, ok0)
    case("valid v1a, whpk_ key in imagekit mode", ["Valid"], [ik(whpk(s1))], sig1, ok0)
    case("valid v1a, whpk_ key without padding", ["Valid"], [std(whpk(s1).rstrip("="))], sig1, ok0)
    case("valid v1a, empty body", ["Valid"], [pk1], ed_sign(s1, mid, ts, b""), ok0, body_="")
    case("valid v1a over svix headers", ["Valid"], [pk1], sig1, ok0, prefix="svix")
    case("valid v1a, timestamp with leading zeros (signed without)", ["Valid"], [pk1], sig1, ok0, ts_="00" + str(ts))
    case("v1a with the wrong public key", ["Invalid"], [pk2], sig1, "invalid_signature")
    case("v1a, body tampered", ["Invalid"], [pk1], sig1, "invalid_signature", body_=body.replace("f1", "f2"))
    case("v1a, id tampered", ["Invalid"], [pk1], sig1, "invalid_signature", msg_id=mid + "x")
    case("v1a, timestamp tampered", ["Invalid"], [pk1], sig1, "invalid_signature", ts_=ts + 1, now=ts + 1)
    case("v1a signature of another message", ["Invalid"], [pk1], ed_sign(s1, mid, ts, b"{}"), "invalid_signature")
    case("v1a, timestamp too old", ["Tolerance"], [pk1], ed_sign(s1, mid, ts - 301, body.encode()),
         "timestamp_too_old", ts_=ts - 301)
    case("rotation [whsec_, whpk_], v1a entry: index 1", ["Rotation"], [hm, pk1], sig1, ok1)
    case("rotation [whpk_, whsec_], v1 entry: index 1", ["Rotation"], [pk1, hm], hsig, ok1)
    case("rotation [whpk_ A, whpk_ B], signed by B: index 1", ["Rotation"], [pk2, pk1], sig1, ok1)
    case("rotation [whsec_, whpk_], both entries: index 0", ["Rotation"], [hm, pk1], f"{sig1} {hsig}", ok0)
    case("mixed header: v1 with a bad signature, then a good v1a", ["Rotation", "Skipped"], [hm, pk1],
         f"{flip_b64_char(hsig, 5)} {sig1}", ok1)
    s_bytes = base64.b64decode(sig1[4:])
    case("v1a entry with a 32-byte signature is skipped", ["Skipped"], [pk1], "v1a," + b64(s_bytes[:32]),
         "invalid_signature")
    case("v1 entry carrying the ed25519 signature is skipped", ["Skipped"], [pk1], "v1," + sig1[4:],
         "invalid_signature")
    case("v1 entry = HMAC keyed with the public key bytes: v1 is never checked against ed25519 keys", ["Skipped"],
         [pk1], hmac_v1(ed_public(s1), mid, ts, body.encode()), "invalid_signature")
    case("v1a entry unpadded", ["Skipped"], [pk1], sig1.rstrip("="), "invalid_signature")
    last = B64_ALPHABET[B64_ALPHABET.index(sig1[-3]) | 1]
    sloppy = sig1[:-3] + last + "=="
    assert base64.b64decode(sloppy[4:]) == s_bytes and sloppy != sig1
    case("v1a entry with non-zero trailing bits", ["Skipped"], [pk1], sloppy, "invalid_signature")
    case("version V1A (upper case)", ["Skipped"], [pk1], "V1A," + sig1[4:], "invalid_signature")
    s_int = int.from_bytes(s_bytes[32:], "little")
    assert s_int + ED_ORDER < 2**253
    malleable = "v1a," + b64(s_bytes[:32] + (s_int + ED_ORDER).to_bytes(32, "little"))
    case("S + L (non-canonical scalar) is rejected", ["NonCanonicalS"], [pk1], malleable, "invalid_signature")
    return f


# --------------------------------------------------------------------------------------------
# legacy.json
# --------------------------------------------------------------------------------------------

def legacy_file() -> VectorFile:
    f = VectorFile("legacy.json",
                   "The legacy x-ik-signature header (t=<unix ms>,v1=<hex HMAC-SHA256 of '{t}.{body}'>), used "
                   "only with options.legacy and when no webhook-signature/svix-signature header is present.",
                   {
                       "PublicVector": "contract §9 legacy vector (L-main, L-1, L-2, L-3)",
                       "Enablement": "whether the legacy header is read at all",
                       "Format": "item syntax: split on ',', spaces around items stripped, each item key=value, "
                                 "t and v1 exactly once, other keys ignored; else invalid_header",
                       "HeaderBounds": "a legacy header over 8192 bytes is invalid_header",
                       "Timestamp": "t must match ^[0-9]{1,18}$ (milliseconds), else invalid_timestamp",
                       "Tolerance": "tolerance applies in milliseconds: t < now*1000 - tol*1000 -> too old, "
                                    "t > now*1000 + tol*1000 -> too new",
                       "Signature": "v1 must be 64 lowercase hex characters and match, else invalid_signature",
                       "KeyMode": "the HMAC key is derived by the key's mode, as for v1",
                       "Rotation": "several keys; keyIndex is the lowest matching index",
                       "PayloadSize": "the body size limit applies to legacy deliveries too",
                       "CheckOrder": "several faults at once: the first in the order bounds, item syntax, "
                                     "timestamp format, tolerance, body size, signature is reported",
                   })
    legacy = {"legacy": True}
    ok0 = ("ok", 0)
    for name, (secret, body, header) in LEGACY_PUBLIC.items():
        t = int(header.split(",")[0][2:])
        f.deliver(f"public legacy vector {name}", ["PublicVector"], [ik(secret)], [["x-ik-signature", header]], body,
                  t // 1000, ok0, legacy)
    key = ik(C_SECRET)
    secret, body, header = L_MAIN
    t = 1655788406333
    now = t // 1000
    hexsig = header.split("v1=")[1]
    xik = [["x-ik-signature", header]]

    def case(comment, flags, headers, result, options=legacy, keys=None, body_=body, now_=now):
        f.deliver(comment, flags, keys or [key], headers, body_, now_, result, options)

    def hdr(value):
        return [["x-ik-signature", value]]

    # -- enablement
    case("legacy option off: x-ik-signature alone is missing_header", ["Enablement"], xik, "missing_header", None)
    case("legacy explicitly false", ["Enablement"], xik, "missing_header", {"legacy": False})
    case("header name is case-insensitive", ["Enablement"], [["X-IK-Signature", header]], ok0)
    case("legacy on, no signature header of any kind", ["Enablement"], [], "missing_header")
    case("legacy on, x-ik-signature with an empty value counts as missing", ["Enablement"], hdr(""), "missing_header")
    std_headers = signed(key, "msg_legacy", now, body)
    case("legacy on, Standard Webhooks headers valid and x-ik-signature junk: standard path", ["Enablement"],
         std_headers + hdr("junk"), ok0)
    case("legacy on, webhook-signature wrong and x-ik-signature right: legacy not consulted", ["Enablement"],
         replaced(std_headers, "webhook-signature", flip_b64_char(std_headers[2][1], 4)) + xik, "invalid_signature")
    case("legacy on, svix-signature present: standard path (its webhook-id is missing)", ["Enablement"],
         [["svix-signature", std_headers[2][1]], ["webhook-timestamp", str(now)]] + xik, "missing_header")
    case("legacy on, webhook-id and webhook-timestamp without webhook-signature: legacy path", ["Enablement"],
         std_headers[:2] + xik, ok0)

    # -- format
    rev = f"v1={hexsig},t={t}"
    for comment, value, result in (
            ("items in reverse order", rev, ok0),
            ("spaces around items", f"  t={t} ,  v1={hexsig}  ", ok0),
            ("unknown keys ignored", f"t={t},v0=abc,v1={hexsig},v2=ignored", ok0),
            ("missing t", f"v1={hexsig}", "invalid_header"),
            ("missing v1", f"t={t}", "invalid_header"),
            ("t twice (same value)", f"t={t},t={t},v1={hexsig}", "invalid_header"),
            ("v1 twice (same value)", f"t={t},v1={hexsig},v1={hexsig}", "invalid_header"),
            ("item without '='", f"t={t},v1={hexsig},junk", "invalid_header"),
            ("trailing comma makes an empty item", f"t={t},v1={hexsig},", "invalid_header"),
            ("';' is not a separator", f"t={t};v1={hexsig}", "invalid_header"),
            ("key is case-sensitive: T", f"T={t},v1={hexsig}", "invalid_header")):
        case(f"format: {comment}", ["Format"], hdr(value), result)

    # -- bounds
    base = f"t={t},v1={hexsig},x="
    case("exactly 8192 bytes (padded with an ignored item)", ["HeaderBounds"],
         hdr(base + "a" * (8192 - len(base))), ok0)
    case("8193 bytes", ["HeaderBounds"], hdr(base + "a" * (8193 - len(base))), "invalid_header")

    # -- timestamp
    for form in ("", "abc", "-1", "+1655788406333", "1655788406.333", "1.655788406333e12", "1" * 19,
                 "\uff11\uff16\uff15\uff15"):
        case(f"t={form!r}", ["Timestamp"], hdr(f"t={form},v1={hexsig}"), "invalid_timestamp")

    # -- tolerance (ms)
    lkey = hk(key)
    for delta, result in ((-300000, ok0), (-300001, "timestamp_too_old"), (300000, ok0),
                          (300001, "timestamp_too_new")):
        tt = now * 1000 + delta
        case(f"t = now*1000 {delta:+d} ms", ["Tolerance"], hdr(legacy_header(lkey, tt, body.encode())), result)
    tt = now * 1000 - 60001
    case("tolerance 60 s: 60001 ms old", ["Tolerance"], hdr(legacy_header(lkey, tt, body.encode())),
         "timestamp_too_old", {"legacy": True, "tolerance": 60})

    # -- signature
    for comment, v1 in (("upper-case hex", hexsig.upper()), ("63 hex chars", hexsig[:63]),
                        ("65 hex chars", hexsig + "0"), ("non-hex character", hexsig[:63] + "g"),
                        ("empty", ""), ("base64 of the digest", b64(bytes.fromhex(hexsig))),
                        ("one hex digit changed", hexsig[:10] + ("0" if hexsig[10] != "0" else "1") + hexsig[11:])):
        case(f"v1: {comment}", ["Signature"], hdr(f"t={t},v1={v1}"), "invalid_signature")
    case("body tampered", ["Signature"], xik, "invalid_signature", body_=body.replace("vp9", "vp8"))
    case("t changed (signature was for the old t)", ["Signature"], hdr(f"t={t + 1},v1={hexsig}"), "invalid_signature")
    case("wrong key", ["Signature"], xik, "invalid_signature", keys=[ik(L_1[0])])
    case("only an ed25519 public key configured: nothing to check v1 against", ["Signature", "KeyMode"], xik,
         "invalid_signature", keys=[std(whpk(seed("legacy pk")))])

    # -- key modes and rotation
    skey = std(A_SECRET)
    case("standard-mode key: HMAC keyed with the decoded secret", ["KeyMode"],
         hdr(legacy_header(hk(skey), t, body.encode())), ok0, keys=[skey])
    case("the L-main header does not verify with the same secret in standard mode", ["KeyMode"], xik,
         "invalid_signature", keys=[std(C_SECRET)])
    case("raw key", ["KeyMode"], hdr(legacy_header(b"\x01\x02\x03", t, body.encode())), ok0, keys=[raw(b"\x01\x02\x03")])
    case("rotation: L-main key second", ["Rotation"], xik, ("ok", 1), keys=[ik(L_1[0]), key])
    case("rotation: the L-1 header with keys [L-1, L-main] matches index 0", ["Rotation"],
         [["x-ik-signature", L_1[2]]], ok0, keys=[ik(L_1[0]), key])

    # -- size and order
    case("maxPayloadBytes below the body size", ["PayloadSize"], xik, "payload_too_large",
         {"legacy": True, "maxPayloadBytes": len(body) - 1})
    case("maxPayloadBytes equal to the body size", ["PayloadSize"], xik, ok0,
         {"legacy": True, "maxPayloadBytes": len(body)})
    case("missing v1 and an invalid t: invalid_header", ["CheckOrder"], hdr("t=abc"), "invalid_header")
    case("invalid t and a malformed v1: invalid_timestamp", ["CheckOrder"], hdr("t=abc,v1=zz"), "invalid_timestamp")
    case("stale t and a malformed v1: timestamp_too_old", ["CheckOrder"], hdr(f"t={t},v1=zz"), "timestamp_too_old",
         now_=now + 301)
    case("oversized body and a malformed v1: payload_too_large", ["CheckOrder"], hdr(f"t={t},v1=zz"),
         "payload_too_large", {"legacy": True, "maxPayloadBytes": 10})
    return f


# --------------------------------------------------------------------------------------------
# unwrap.json
# --------------------------------------------------------------------------------------------

def event_bodies() -> dict:
    """type -> (body, fields). Real sample bodies where ImageKit published one."""
    file_data = {
        "fileId": "6643a1f2e2a9b0c1d2e3f4a5", "name": "product_shot_01.jpg",
        "filePath": "/catalog/product_shot_01.jpg",
        "url": "https://ik.imagekit.io/demo/catalog/product_shot_01.jpg",
        "thumbnail": "https://ik.imagekit.io/demo/tr:n-ik_ml_thumbnail/catalog/product_shot_01.jpg",
        "fileType": "image", "mime": "image/jpeg", "size": 482113, "height": 1600, "width": 1200,
        "hasAlpha": False, "isPrivateFile": False, "isPublished": True, "tags": ["catalog", "summer"],
        "AITags": None, "customCoordinates": None, "customMetadata": {"sku": "SKU-1042"},
        "versionInfo": {"id": "6643a1f2e2a9b0c1d2e3f4a5", "name": "Version 1"}, "type": "file",
        "createdAt": "2024-05-14T09:21:37.301Z", "updatedAt": "2024-05-14T09:21:37.301Z",
    }
    updated = dict(file_data, tags=["catalog", "summer", "sale"], customMetadata={"sku": "SKU-1042", "price": 19.9},
                   updatedAt="2024-05-15T08:02:11.004Z")
    version = dict(file_data, type="file-version", size=501877, updatedAt="2024-05-16T10:30:00.000Z",
                   url="https://ik.imagekit.io/demo/catalog/product_shot_01.jpg?ik-obj-version=v2",
                   versionInfo={"id": "6645d0a1e2a9b0c1d2e3f4b6", "name": "Version 2"})
    folder = {
        "createdAt": "2024-05-14T09:00:00.000Z", "createdBy": {"email": "ops@example.com", "name": "Ops Team"},
        "customMetadata": {}, "folderId": "6643a000e2a9b0c1d2e3f400", "folderPath": "/catalog/summer",
        "name": "summer", "type": "folder", "updatedAt": "2024-05-14T09:00:00.000Z",
    }

    def envelope(type_, id_, created, data):
        return compact({"type": type_, "id": id_, "created_at": created, "data": data})

    file_fields = ["data.fileId", "data.name", "data.filePath", "data.url", "data.size", "data.isPublished",
                   "data.versionInfo.id", "data.type"]
    folder_fields = ["data.folderId", "data.folderPath", "data.name", "data.createdBy.email", "data.type"]
    return {
        "video.transformation.accepted": (L1, [
            "data.asset.url", "data.transformation.type", "data.transformation.options.video_codec",
            "data.transformation.options.quality", "data.transformation.options.auto_rotate",
            "request.x_request_id", "request.url", "request.user_agent"]),
        # video_metadata.bitrate is 15.023 in this body although typed integer: not listed.
        "video.transformation.ready": (L2, [
            "data.transformation.output.url", "data.transformation.output.video_metadata.duration",
            "data.transformation.output.video_metadata.width", "data.transformation.output.video_metadata.height",
            "timings.download_duration", "timings.encoding_duration", "request.x_request_id"]),
        "video.transformation.error": (L3, [
            "data.transformation.error.reason", "data.asset.url", "data.transformation.options.quality",
            "request.x_request_id"]),
        "upload.pre-transform.success": (PRE_SUCCESS, [
            "request.transformation", "request.x_request_id", "data.fileId", "data.name", "data.url", "data.size",
            "data.height", "data.fileType", "data.versionInfo.name"]),
        "upload.pre-transform.error": (PRE_ERROR, [
            "request.transformation", "request.x_request_id", "data.name", "data.path",
            "data.transformation.error.reason"]),
        "upload.post-transform.success": (POST_SUCCESS, [
            "request.transformation.type", "request.transformation.value", "request.x_request_id", "data.fileId",
            "data.url", "data.name"]),
        "upload.post-transform.error": (POST_ERROR, [
            "request.transformation.type", "request.transformation.value", "data.fileId", "data.url", "data.path",
            "data.transformation.error.reason"]),
        "file.created": (envelope("file.created", "4f2b8c1e-5d3a-4e7f-9a1b-2c3d4e5f6a71",
                                  "2024-05-14T09:21:38.012Z", file_data), file_fields),
        "file.updated": (envelope("file.updated", "8a1c2e3f-6b7d-4c8e-9f0a-1b2c3d4e5f62",
                                  "2024-05-15T08:02:11.250Z", updated), file_fields),
        "file.deleted": (envelope("file.deleted", "b3c4d5e6-7f80-4a1b-8c2d-3e4f5a6b7c83",
                                  "2024-05-17T12:00:00.000Z", {"fileId": file_data["fileId"]}), ["data.fileId"]),
        "file-version.created": (envelope("file-version.created", "c4d5e6f7-8091-4b2c-9d3e-4f5a6b7c8d94",
                                          "2024-05-16T10:30:00.420Z", version), file_fields),
        "file-version.deleted": (envelope("file-version.deleted", "d5e6f708-9102-4c3d-8e4f-5a6b7c8d9ea5",
                                          "2024-05-16T11:45:09.777Z",
                                          {"fileId": file_data["fileId"], "versionId": "6645d0a1e2a9b0c1d2e3f4b6"}),
                                 ["data.fileId", "data.versionId"]),
        "folder.created": (envelope("folder.created", "e6f70819-a213-4d4e-9f50-6b7c8d9eafb6",
                                    "2024-05-14T09:00:00.318Z", folder), folder_fields),
        "folder.updated": (envelope("folder.updated", "f708192a-b324-4e5f-8061-7c8d9eafb0c7",
                                    "2024-05-18T16:20:45.900Z",
                                    dict(folder, name="summer-2024", folderPath="/catalog/summer-2024",
                                         updatedAt="2024-05-18T16:20:45.512Z")), folder_fields),
        "folder.deleted": (envelope("folder.deleted", "0819a2b3-c435-4f60-9172-8d9eafb0c1d8",
                                    "2024-05-19T07:07:07.007Z", {"folderId": folder["folderId"]}), ["data.folderId"]),
    }


def unwrap_file() -> VectorFile:
    f = VectorFile("unwrap.json",
                   "unwrap (verify, then parse the ImageKit event) and unsafe_unwrap (parse only) of every "
                   "ImageKit event type, unknown types, and bodies that are not events.",
                   {
                       "KnownEvent": "one of the 15 ImageKit event types; `fields` are read through the "
                                     "language's typed event",
                       "UnknownEvent": "a string type that is not one of the 15: ok with known=false; `fields` are "
                                       "paths into the raw JSON kept with the unknown event",
                       "Unsafe": "unsafe_unwrap: no keys, no headers, no clock, no verification",
                       "Lenient": "what the schema allows beyond its members: members it does not list are "
                                  "ignored, a repeated key's last value counts, null where a member is nullable",
                       "Schema": "a known type whose body breaks its schema (schema/imagekit-events.json): a "
                                 "required member missing or null, a member of another JSON type, null where the "
                                 "member is not nullable, created_at not an RFC 3339 date-time of year 1 or later: "
                                 "invalid_payload",
                       "CreatedAt": "createdAtMs: created_at as RFC 3339 (Z or offset, optional fraction "
                                    "truncated to ms) in unix ms. A known type needs it (see Schema); an unknown "
                                    "type gets null when it is missing or unparsable, and id null when it is "
                                    "missing or not a string",
                       "InvalidPayload": "verified (or unsafe) body that is not UTF-8 JSON with a top-level object "
                                         "holding a string `type`",
                       "VerifyFirst": "verification errors come before payload errors",
                       "Legacy": "unwrap with the legacy x-ik-signature header",
                   })
    key = ik(C_SECRET)
    now = 1716000000
    seq = iter(range(1, 1000))

    def headers_for(body, keyspec=key):
        msg_id = f"msg_unwrap_{next(seq):03d}"
        return signed(keyspec, msg_id, now, body)

    def unwrap(comment, flags, body, fields=None, result=None, keys=None, headers=None, options=None, key_index=0):
        keys = keys or [key]
        headers = headers if headers is not None else headers_for(body, keys[0])
        event = expected_event(body, fields) if result is None else None
        f.deliver(comment, flags, keys, headers, body, now, result or ("ok", key_index), options, operation="unwrap",
                  event=event)

    def unsafe(comment, flags, body, fields=None, result=None):
        fields_ = dict(body_field(body))
        if result is None:
            fields_.update(result="ok", event=expected_event(body, fields))
        else:
            fields_.update(outcome(result))
        f.add(comment, ["Unsafe"] + flags, "unsafe_unwrap", **fields_)

    events = event_bodies()
    assert tuple(events) == KNOWN_TYPES
    for type_, (body, fields) in events.items():
        unwrap(f"{type_}", ["KnownEvent"], body, fields)
    for type_, (body, fields) in events.items():
        unsafe(f"{type_}", ["KnownEvent"], body, fields)

    sdk_fields = ["data.asset.url", "data.transformation.options.stream_protocol",
                  "data.transformation.options.quality", "request.user_agent"]
    unwrap("SDK test fixture body with webhook-id 1", ["KnownEvent"], SDK_FIXTURE, sdk_fields,
           headers=signed(key, "1", now, SDK_FIXTURE))
    f.deliver("public vector C through unwrap (file.deleted)", ["KnownEvent"], [key],
              wh(C_ID, C_TS, C_SIG_IMAGEKIT), C_BODY, C_TS, ("ok", 0), operation="unwrap",
              event=expected_event(C_BODY, ["data.fileId"]))
    std_key = std(A_SECRET)
    unwrap("standard-mode key (a Standard Webhooks sender)", ["KnownEvent"], events["file.created"][0],
           events["file.created"][1][:2], keys=[std_key])
    unwrap("rotation: second key matches", ["KnownEvent"], events["file.deleted"][0], ["data.fileId"],
           keys=[std_key, key], headers=signed(key, "msg_unwrap_rot", now, events["file.deleted"][0]), key_index=1)
    unwrap("trailing newline after the JSON is fine", ["KnownEvent"], C_BODY + "\n", ["data.fileId"])

    unknown = compact({"type": "video.transformation.queued", "id": "9a8b7c6d-0000-4000-8000-000000000001",
                       "created_at": "2024-05-20T10:00:00.000Z",
                       "data": {"asset": {"url": "https://ik.imagekit.io/demo/v.mp4"}, "position": 3}})
    unwrap("unknown type video.transformation.queued", ["UnknownEvent"], unknown, ["data.asset.url", "data.position"])
    unsafe("unknown type video.transformation.queued", ["UnknownEvent"], unknown, ["data.asset.url"])
    upper = C_BODY.replace('"file.deleted"', '"FILE.CREATED"')
    unwrap("type matching is case-sensitive: FILE.CREATED is unknown", ["UnknownEvent"], upper, ["data.fileId"])
    unwrap("empty type string is an unknown type", ["UnknownEvent"],
           '{"type":"","id":"e1","created_at":"2024-05-20T10:00:00Z"}', [])
    unwrap("minimal unknown event: type only", ["UnknownEvent", "CreatedAt"], '{"type":"extension.completed"}', [])

    extra = compact({"type": "file.deleted", "id": "x1", "created_at": "2024-05-20T10:00:00.000Z",
                     "data": {"fileId": "f1", "newField": {"nested": [1, 2]}}, "schemaVersion": 2})
    unwrap("extra unknown fields are kept, known fields still read", ["KnownEvent", "Lenient"], extra, ["data.fileId"])
    env = '"type":"file.deleted","id":"x3","created_at":"2024-05-20T10:00:00.000Z"'
    unwrap("a repeated key: the last value counts", ["KnownEvent", "Lenient"],
           '{%s,"data":{"fileId":7,"fileId":"f1"}}' % env, ["data.fileId"])
    unwrap("a repeated key whose last value is of the wrong type", ["Schema", "InvalidPayload"],
           '{%s,"data":{"fileId":"f1","fileId":7}}' % env, result="invalid_payload")
    created = json.loads(events["file.created"][0])
    nulls = dict(created, data=dict(created["data"], AITags=None, tags=None, customCoordinates=None))
    unwrap("null where the schema says nullable (AITags, tags, customCoordinates)", ["KnownEvent", "Lenient"],
           compact(nulls), ["data.fileId"])

    def broken(comment, doc, unsafe_too=False):
        body = compact(doc)
        assert not schema_ok(doc), comment
        unwrap(comment, ["Schema", "InvalidPayload"], body, result="invalid_payload")
        if unsafe_too:
            unsafe(comment, ["Schema", "InvalidPayload"], body, result="invalid_payload")

    deleted = json.loads(events["file.deleted"][0])
    broken("data.fileId is a number", dict(deleted, data={"fileId": 123}), unsafe_too=True)
    broken("data.fileId is null", dict(deleted, data={"fileId": None}))
    broken("data is an array", dict(deleted, data=[]))
    broken("video option quality is a string", json.loads(L3.replace('"quality":50', '"quality":"high"')),
           unsafe_too=True)
    ready = json.loads(events["video.transformation.ready"][0])
    broken("timings is null (optional, not nullable)", dict(ready, timings=None))
    broken("a tag that is not a string", dict(created, data=dict(created["data"], tags=["ok", 1])))
    broken("an AITag name that is a number", dict(created, data=dict(created["data"], AITags=[{"name": 1}])))
    broken("customMetadata is not an object", dict(created, data=dict(created["data"], customMetadata="x")))

    # Each type without each member its schema requires, at every depth the sample reaches.
    def required_paths(obj, fields, prefix=""):
        for fd in fields:
            if fd["name"] not in obj or obj[fd["name"]] is None:
                continue
            path = prefix + fd["name"]
            if fd["required"]:
                yield path
            t = fd["type"]
            if t in EVENT_SCHEMA["objects"] and isinstance(obj[fd["name"]], dict):
                yield from required_paths(obj[fd["name"]], EVENT_SCHEMA["objects"][t]["fields"], path + ".")

    def removed(doc, path):
        doc = json.loads(json.dumps(doc))
        *parents, last = path.split(".")
        target = doc
        for part in parents:
            target = target[part]
        del target[last]
        return doc

    schema_events = {e["type"]: e for e in EVENT_SCHEMA["events"]}
    for type_, (body, _) in events.items():
        doc = json.loads(body)
        fields_ = EVENT_SCHEMA["envelope"]["fields"] + schema_events[type_]["fields"]
        for path in required_paths(doc, fields_):
            if path == "type":
                continue
            broken(f"{type_} without {path}", removed(doc, path), unsafe_too=path == "data")

    def with_created(value, id_="ca1", type_="file.deleted"):
        doc = {"type": type_}
        if id_ is not ...:
            doc["id"] = id_
        if value is not ...:
            doc["created_at"] = value
        doc["data"] = {"fileId": "f1"}
        return doc

    for comment, value in (("created_at with a +05:30 offset", "2024-05-14T14:51:37.512+05:30"),
                           ("created_at with a -08:00 offset", "2024-05-14T01:21:37.512-08:00"),
                           ("created_at without fraction", "2024-05-14T09:21:37Z"),
                           ("created_at with microseconds (truncated to ms)", "2024-05-14T09:21:37.512999Z"),
                           ("created_at with one fraction digit", "2024-05-14T09:21:37.5Z"),
                           ("created_at on the first day of year 1", "0001-01-01T00:00:00Z")):
        unwrap(comment, ["CreatedAt"], compact(with_created(value)), ["data.fileId"])
    assert rfc3339_ms("2024-05-14T14:51:37.512+05:30") == rfc3339_ms("2024-05-14T09:21:37.512Z") == 1715678497512
    for comment, value in (("missing created_at", ...), ("created_at 'yesterday'", "yesterday"),
                           ("created_at without zone", "2024-05-14T09:21:37.512"),
                           ("created_at with month 13", "2024-13-14T09:21:37.512Z"),
                           ("created_at in year 0", "0000-12-31T23:59:59Z"),
                           ("created_at is a number", 1715678497512)):
        broken(f"known type, {comment}", with_created(value))
        unwrap(f"unknown type, {comment}", ["UnknownEvent", "CreatedAt"],
               compact(with_created(value, type_="file.archived")), ["data.fileId"])
    broken("known type, id missing", with_created("2024-05-14T09:21:37Z", id_=...))
    broken("known type, id is a number", with_created("2024-05-14T09:21:37Z", id_=7))
    unwrap("unknown type, id missing: event id null", ["UnknownEvent", "CreatedAt"],
           '{"type":"file.archived","data":{"fileId":"f1"}}', [])
    unwrap("unknown type, id is a number: event id null", ["UnknownEvent", "CreatedAt"],
           '{"type":"file.archived","id":7,"data":{"fileId":"f1"}}', [])

    # -- verify first
    tampered_headers = headers_for(C_BODY)
    unwrap("tampered body is invalid_signature, not invalid_payload", ["VerifyFirst"],
           C_BODY.replace("abc", "abd"), result="invalid_signature", headers=tampered_headers)
    unwrap("unsigned body that is not JSON: invalid_signature", ["VerifyFirst"], "not json",
           result="invalid_signature", headers=replaced(headers_for("x"), "webhook-signature", A_DECOY))
    unwrap("not JSON and stale: timestamp_too_old", ["VerifyFirst"], "not json", result="timestamp_too_old",
           headers=signed(key, "msg_unwrap_stale", now - 301, "not json"))
    f.deliver("legacy x-ik-signature (L-main) through unwrap", ["Legacy", "KnownEvent"], [key],
              [["x-ik-signature", L_MAIN[2]]], L1, 1655788406, ("ok", 0), {"legacy": True}, operation="unwrap",
              event=expected_event(L1, ["data.asset.url"]))

    # -- invalid payloads
    bad = [
        ("not JSON", "not json"),
        ("empty body", ""),
        ("JSON array", '[{"type":"file.created"}]'),
        ("JSON string", '"file.created"'),
        ("JSON number", "42"),
        ("JSON null", "null"),
        ("object without type", '{"id":"x","data":{}}'),
        ("type is a number", '{"type":5,"id":"x"}'),
        ("type is null", '{"type":null,"id":"x"}'),
        ("type is an object", '{"type":{"name":"file.created"}}'),
        ("trailing garbage after the object", C_BODY + "x"),
        ("two JSON objects", C_BODY + C_BODY),
        ("truncated JSON", C_BODY[:-1]),
        ("not UTF-8", b'{"type":"file.deleted","id":"\xff"}'),
    ]
    for comment, body in bad:
        unwrap(f"verified but {comment}", ["InvalidPayload"], body, result="invalid_payload")
    for comment, body in bad[:2] + bad[6:8] + bad[10:11] + bad[13:]:
        unsafe(comment, ["InvalidPayload"], body, result="invalid_payload")
    return f


# --------------------------------------------------------------------------------------------
# replay.json
# --------------------------------------------------------------------------------------------

def replay_file() -> VectorFile:
    f = VectorFile("replay.json",
                   "The replay guard: sequences of deliveries to one verifier with options.replayGuard. An id "
                   "is recorded only after its signature verified, and remembered from the delivery's `now` "
                   "until now + 2*tolerance + 1 s (exclusive): as long as any delivery of it can still pass the "
                   "(inclusive) tolerance check.",
                   {
                       "Replay": "a verified id seen again within its window is replayed",
                       "Expiry": "an id is forgotten at now + 2*tolerance + 1 s: a fresh, validly signed delivery "
                                 "of it is accepted from then on",
                       "Edge": "the widest replay window: signed tolerance seconds ahead of the first delivery's "
                               "clock, replayed tolerance seconds after its timestamp",
                       "RecordOnlyVerified": "deliveries that fail (forged, stale) do not record their id",
                       "SignatureFirst": "the signature is checked before the replay guard",
                       "Legacy": "legacy deliveries are recorded under 'legacy:' + the v1 hex",
                   })
    key = ik(C_SECRET)
    guard = {"replayGuard": True}
    T = 1716000000
    body = '{"type":"file.deleted","id":"r1","created_at":"2024-05-18T02:40:00.000Z","data":{"fileId":"f1"}}'
    mid = "msg_replay_1"
    ok0 = ("ok", 0)

    def d(msg_id=mid, ts=T, keyspec=key, prefix="webhook"):
        return signed(keyspec, msg_id, ts, body, prefix)

    def case(comment, flags, first, first_result, steps, options=None, keys=None, now=T):
        f.deliver(comment, flags, keys or [key], first, body, now, first_result, dict(guard, **(options or {})),
                  then=steps)

    case("same delivery twice", ["Replay"], d(), ok0, [then_step(result="replayed")])
    case("same delivery three times", ["Replay"], d(), ok0, [then_step(result="replayed"),
                                                             then_step(result="replayed")])
    case("same id re-signed with a later timestamp, one minute later", ["Replay"], d(), ok0,
         [then_step(d(ts=T + 60), now=T + 60, result="replayed")])
    case("forged first, then the genuine delivery", ["RecordOnlyVerified"],
         replaced(d(), "webhook-signature", A_DECOY), "invalid_signature", [then_step(d(), now=T, result=ok0)])
    case("stale first (same id), then a fresh genuine delivery", ["RecordOnlyVerified"],
         d(ts=T - 301), "timestamp_too_old", [then_step(d(), now=T, result=ok0)])
    case("genuine, then a forged delivery with the same id: invalid_signature", ["SignatureFirst"], d(), ok0,
         [then_step(replaced(d(), "webhook-signature", flip_b64_char(d()[2][1], 7)), now=T,
                    result="invalid_signature")])
    case("expiry: 2*300 s later the id is still remembered", ["Expiry"], d(), ok0,
         [then_step(d(ts=T + 600), now=T + 600, result="replayed")])
    case("expiry: 2*300 + 1 s later the id is accepted again, then remembered anew", ["Expiry"], d(), ok0,
         [then_step(d(ts=T + 601), now=T + 601, result=ok0),
          then_step(d(ts=T + 601), now=T + 601, result="replayed")])
    case("tolerance 60: 120 s later still remembered", ["Expiry"], d(), ok0,
         [then_step(d(ts=T + 120), now=T + 120, result="replayed")], {"tolerance": 60})
    case("tolerance 60: 121 s later accepted", ["Expiry"], d(), ok0,
         [then_step(d(ts=T + 121), now=T + 121, result=ok0)], {"tolerance": 60})
    # First seen 300 s before its timestamp (the clock behind), replayed 300 s after it: the same
    # signed bytes still pass the tolerance check, so the id must still be remembered.
    case("widest window: first 300 s early, the same bytes 300 s late are replayed", ["Edge", "Replay"],
         d(), ok0, [then_step(now=T + 300, result="replayed")], now=T - 300)
    case("widest window, tolerance 60", ["Edge", "Replay"], d(), ok0,
         [then_step(now=T + 60, result="replayed")], {"tolerance": 60}, now=T - 60)
    case("different ids are independent", ["Replay"], d(), ok0,
         [then_step(d(msg_id="msg_replay_2"), now=T, result=ok0),
          then_step(d(msg_id="msg_replay_2"), now=T, result="replayed")])
    case("same id under svix headers", ["Replay"], d(), ok0, [then_step(d(prefix="svix"), now=T, result="replayed")])
    k0 = std(A_SECRET)
    case("rotation: the same id signed with the other key is still replayed", ["Replay"], d(keyspec=k0), ok0,
         [then_step(d(), now=T, result="replayed")], keys=[k0, key])

    secret, lbody, lheader = L_MAIN
    t = int(lheader.split(",")[0][2:])
    hexsig = lheader.split("v1=")[1]
    lnow = t // 1000
    lopts = {"replayGuard": True, "legacy": True}
    f.deliver("legacy header delivered twice", ["Legacy", "Replay"], [key], [["x-ik-signature", lheader]], lbody,
              lnow, ok0, lopts, then=[then_step(result="replayed")])
    t2 = t + 1000
    f.deliver("legacy: same body, new t, new v1: a different replay id", ["Legacy"], [key],
              [["x-ik-signature", lheader]], lbody, lnow, ok0, lopts,
              then=[then_step([["x-ik-signature", legacy_header(hk(key), t2, lbody.encode())]], now=lnow + 1,
                              result=ok0)])
    legacy_id = "legacy:" + hexsig
    f.deliver("legacy id is 'legacy:' + v1 hex: a standard delivery with that webhook-id is replayed", ["Legacy"],
              [key], [["x-ik-signature", lheader]], lbody, lnow, ok0, lopts,
              then=[then_step(signed(key, legacy_id, lnow, lbody), now=lnow, result="replayed")])
    f.deliver("legacy: forged first (wrong v1), then genuine", ["Legacy", "RecordOnlyVerified"], [key],
              [["x-ik-signature", f"t={t},v1={'0' * 64}"]], lbody, lnow, "invalid_signature", lopts,
              then=[then_step([["x-ik-signature", lheader]], now=lnow, result=ok0)])
    return f


# --------------------------------------------------------------------------------------------
# sign.json
# --------------------------------------------------------------------------------------------

def sign_file() -> VectorFile:
    f = VectorFile("sign.json",
                   "sign(msgId, timestamp, body) -> 'v1,<base64>' (HMAC keys) or 'v1a,<base64>' (whsk_ keys), "
                   "and sign_legacy(timestamp_ms, body) -> 't=<ms>,v1=<hex>'. Each case has exactly one key.",
                   {
                       "PublicVector": "reproduces a contract §9 signature",
                       "KeyMode": "signing in imagekit, standard or raw mode",
                       "Body": "bodies that are empty, not UTF-8 or multi-byte",
                       "Ed25519": "whsk_ key: deterministic ed25519 (RFC 8032) signature, 'v1a,<base64 of 64 bytes>'",
                       "Legacy": "sign_legacy: the x-ik-signature value",
                       "InvalidSecret": "the key cannot sign: invalid_secret",
                   })

    def sign(comment, flags, key, msg_id, ts, body, expected):
        fields = {"keys": [key], **body_field(body), "msgId": msg_id, "timestamp": ts}
        fields.update({"result": "ok", "signature": expected} if expected.startswith("v1")
                      else outcome(expected))
        f.add(comment, flags, "sign", **fields)

    def sign_legacy(comment, flags, key, t_ms, body, expected):
        fields = {"keys": [key], **body_field(body), "timestamp": t_ms}
        fields.update({"result": "ok", "signature": expected} if expected.startswith("t=")
                      else outcome(expected))
        f.add(comment, flags, "sign_legacy", **fields)

    def hsig(key, msg_id, ts, body):
        return hmac_v1(hk(key), msg_id, ts, body_bytes(body))

    sign("public vector A", ["PublicVector"], std(A_SECRET), A_ID, A_TS, A_BODY, A_SIG)
    sign("public vector B", ["PublicVector"], std(B_SECRET), B_ID, B_TS, B_BODY, B_SIG)
    sign("public vector C, imagekit mode", ["PublicVector", "KeyMode"], ik(C_SECRET), C_ID, C_TS, C_BODY, C_SIG_IMAGEKIT)
    sign("public vector C's inputs, standard mode", ["PublicVector", "KeyMode"], std(C_SECRET), C_ID, C_TS, C_BODY,
         C_SIG_STANDARD)
    sign("standard secret without the whsec_ prefix", ["KeyMode"], std(A_SECRET[6:]), A_ID, A_TS, A_BODY, A_SIG)
    for key in (raw(bytes(range(32))), ik("9rK6+3jL"), std("whsec_" + b64(pseudo_bytes("sign padded", 20)).rstrip("="))):
        sign(f"{key['mode']} mode", ["KeyMode"], key, "msg_sign_1", 1700000400, C_BODY,
             hsig(key, "msg_sign_1", 1700000400, C_BODY))
    key = ik(C_SECRET)
    for comment, body in (("empty body", ""), ("non-UTF-8 body", b"\xff\x00\xfe"),
                          ("multi-byte body", '{"name":"café 🎬"}')):
        sign(comment, ["Body"], key, "msg_sign_2", 1700000500, body, hsig(key, "msg_sign_2", 1700000500, body))
    sign("timestamp 0", ["Body"], key, "msg_sign_3", 0, C_BODY, hsig(key, "msg_sign_3", 0, C_BODY))

    s1, s2 = seed("v1a key 1"), seed("sign key 2")
    for comment, key_ in (("whsk_ key, standard mode", std(whsk(s1))), ("whsk_ key, imagekit mode", ik(whsk(s1))),
                          ("whsk_ key without padding", std(whsk(s1).rstrip("="))),
                          ("another whsk_ key", std(whsk(s2)))):
        sign(comment, ["Ed25519"], key_, "msg_sign_v1a", 1700000600, C_BODY,
             ed_sign(sk(key_), "msg_sign_v1a", 1700000600, C_BODY.encode()))
    sign("whsk_ key, empty body", ["Ed25519"], std(whsk(s1)), "msg_sign_v1a", 1700000600, "",
         ed_sign(s1, "msg_sign_v1a", 1700000600, b""))

    for name, (secret, body, header) in LEGACY_PUBLIC.items():
        sign_legacy(f"public legacy vector {name}", ["Legacy", "PublicVector"], ik(secret),
                    int(header.split(",")[0][2:]), body, header)
    for key_ in (std(A_SECRET), raw(b"\x01\x02\x03")):
        sign_legacy(f"legacy, {key_['mode']} mode key", ["Legacy", "KeyMode"], key_, 1700000700123, L1,
                    legacy_header(hk(key_), 1700000700123, L1.encode()))
    sign_legacy("legacy, empty body", ["Legacy", "Body"], ik(C_SECRET), 1700000700123, "",
                legacy_header(hk(ik(C_SECRET)), 1700000700123, b""))

    for comment, key_ in (("imagekit empty secret", ik("")), ("imagekit 'whsec_'", ik("whsec_")),
                          ("standard secret with a space", std("whsec_MfKQ9r8G KYqrTwjU")),
                          ("standard empty secret", std("")), ("raw empty key", raw(b"")),
                          ("whpk_ public key cannot sign", std(whpk(s1))),
                          ("whsk_ of 31 bytes", std("whsk_" + b64(s1[:31])))):
        sign(comment, ["InvalidSecret"], key_, "msg_sign_bad", 1700000800, C_BODY, "invalid_secret")
    sign_legacy("legacy with an empty imagekit secret", ["Legacy", "InvalidSecret"], ik(""), 1700000800000, L1,
                "invalid_secret")
    return f


# --------------------------------------------------------------------------------------------
# Self-checks: contract §9 facts, and a reference model of every verify/unwrap/build/sign case
# --------------------------------------------------------------------------------------------

def assert_public_vectors() -> None:
    assert hmac_v1(hk(std(A_SECRET)), A_ID, A_TS, A_BODY.encode()) == A_SIG
    assert hmac_v1(hk(std(A_SECRET)), A_ID, A_TS, A_BODY.encode()) != A_DECOY
    assert hmac_v1(hk(std(B_SECRET)), B_ID, B_TS, B_BODY.encode()) == B_SIG
    assert hmac_v1(hk(ik(C_SECRET)), C_ID, C_TS, C_BODY.encode()) == C_SIG_IMAGEKIT
    assert hmac_v1(hk(std(C_SECRET)), C_ID, C_TS, C_BODY.encode()) == C_SIG_STANDARD
    for name, (secret, body, header) in LEGACY_PUBLIC.items():
        t = int(header.split(",")[0][2:])
        assert legacy_header(secret.encode(), t, body.encode()) == header, name
    assert rfc3339_ms("2019-12-27T18:11:19.117Z") == 1577470279117
    assert not ed_point_decodes(off_curve_y()) and ed_point_decodes(ed_public(seed("check")))


class Model:
    """The rules of the brief, compactly. Returns (result, code, keyIndex)."""

    TS = re.compile(r"[0-9]{1,18}")

    def __init__(self, keys, options):
        parsed = [parse_key(k) for k in keys]  # raises InvalidSecret
        if any(kind == "ed25519-seed" for kind, _ in parsed):
            raise InvalidSecret
        self.keys = parsed
        self.tol = options.get("tolerance", DEFAULT_TOLERANCE)
        self.max = options.get("maxPayloadBytes", DEFAULT_MAX_PAYLOAD)
        self.legacy = options.get("legacy", False)
        self.seen = {} if options.get("replayGuard") else None

    def deliver(self, headers, body: bytes, now: int):
        try:
            msg_id, index = self._verify(headers, body, now)
        except Failure as failure:
            return "error", failure.code, None
        if self.seen is not None:
            if msg_id in self.seen and now < self.seen[msg_id]:
                return "error", "replayed", None
            self.seen[msg_id] = now + 2 * self.tol + 1
        return "ok", None, index

    def _verify(self, headers, body, now):
        def values(name):
            return [v for n, v in headers if n.lower() == name and v != ""]

        def pick(x):
            return values("webhook-" + x) or values("svix-" + x)

        sigs = pick("signature")
        if self.legacy and not sigs and values("x-ik-signature"):
            legacy = values("x-ik-signature")
            assert len(legacy) == 1, "repeated x-ik-signature is not specified"
            return self._legacy(legacy[0], body, now)
        ids, stamps = pick("id"), pick("timestamp")
        if not ids or not stamps or not sigs:
            raise Failure("missing_header")
        if len(set(ids)) > 1 or len(set(stamps)) > 1:
            raise Failure("invalid_header")
        sig = " ".join(sigs)
        entries = [e for e in sig.split(" ") if e]
        if len(sig.encode()) > MAX_SIG_HEADER_BYTES or len(entries) > MAX_SIG_ENTRIES:
            raise Failure("invalid_header")
        ts = self._timestamp(stamps[0], now, 1)
        self._size(body)
        signed_content = content(ids[0], ts, body)
        matched = set()
        for entry in entries:
            if "," not in entry:
                continue
            version, value = entry.split(",", 1)
            for i, (kind, key) in enumerate(self.keys):
                if version == "v1" and kind == "hmac" and b64_canonical(value, 32) is not None:
                    if hmac.compare_digest(b64_canonical(value, 32),
                                           hmac.new(key, signed_content, hashlib.sha256).digest()):
                        matched.add(i)
                elif version == "v1a" and kind == "ed25519-public" and b64_canonical(value, 64) is not None:
                    try:
                        Ed25519PublicKey.from_public_bytes(key).verify(b64_canonical(value, 64), signed_content)
                        matched.add(i)
                    except InvalidSignature:
                        pass
        if not matched:
            raise Failure("invalid_signature")
        return ids[0], min(matched)

    def _timestamp(self, text, now, scale):
        if not self.TS.fullmatch(text):
            raise Failure("invalid_timestamp")
        ts = int(text)
        if ts < (now - self.tol) * scale:
            raise Failure("timestamp_too_old")
        if ts > (now + self.tol) * scale:
            raise Failure("timestamp_too_new")
        return ts

    def _size(self, body):
        if len(body) > self.max:
            raise Failure("payload_too_large")

    def _legacy(self, value, body, now):
        if len(value.encode()) > MAX_SIG_HEADER_BYTES:
            raise Failure("invalid_header")
        items = {}
        for item in (i.strip(" ") for i in value.split(",")):
            if "=" not in item:
                raise Failure("invalid_header")
            name, val = item.split("=", 1)
            items.setdefault(name, []).append(val)
        if len(items.get("t", [])) != 1 or len(items.get("v1", [])) != 1:
            raise Failure("invalid_header")
        t = self._timestamp(items["t"][0], now, 1000)
        self._size(body)
        v1 = items["v1"][0]
        if not re.fullmatch(r"[0-9a-f]{64}", v1):
            raise Failure("invalid_signature")
        matched = [i for i, (kind, key) in enumerate(self.keys)
                   if kind == "hmac" and hmac.compare_digest(legacy_hex(key, t, body), v1)]
        if not matched:
            raise Failure("invalid_signature")
        return "legacy:" + v1, matched[0]


class Failure(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def case_body(case) -> bytes:
    if "body" in case:
        return case["body"].encode("utf-8")
    if "bodyHex" in case:
        return bytes.fromhex(case["bodyHex"])
    rep = case["bodyRepeat"]
    return rep["chunk"].encode("utf-8") * rep["count"]


def has_body(d) -> bool:
    return any(k in d for k in ("body", "bodyHex", "bodyRepeat"))


def model_payload(body: bytes):
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    ok = isinstance(doc, dict) and isinstance(doc.get("type"), str) and schema_ok(doc)
    return doc if ok else None


def cross_check(name: str, case: dict) -> None:
    where = f"{name} tcId {case['tcId']}"
    op = case["operation"]

    def expect(step, got):
        want = (step["result"], step.get("code"), step.get("keyIndex"))
        assert got == want, f"{where}: model says {got}, vector says {want}"

    if op == "build":
        try:
            Model(case["keys"], case.get("options", {}))
            got = ("ok", None, None)
        except InvalidSecret:
            got = ("error", "invalid_secret", None)
        expect(case, got)
    elif op in ("sign", "sign_legacy"):
        assert len(case["keys"]) == 1, where
        try:
            kind, key = parse_key(case["keys"][0])
            if kind == "ed25519-public" or (op == "sign_legacy" and kind != "hmac"):
                raise InvalidSecret
        except InvalidSecret:
            expect(case, ("error", "invalid_secret", None))
            return
        body = case_body(case)
        if op == "sign_legacy":
            want = legacy_header(key, case["timestamp"], body)
        elif kind == "hmac":
            want = hmac_v1(key, case["msgId"], case["timestamp"], body)
        else:
            want = ed_sign(key, case["msgId"], case["timestamp"], body)
        assert case["result"] == "ok" and case["signature"] == want, where
    elif op == "unsafe_unwrap":
        doc = model_payload(case_body(case))
        expect(case, ("ok", None, None) if doc else ("error", "invalid_payload", None))
    else:
        model = Model(case["keys"], case.get("options", {}))
        steps = [case] + case.get("then", [])
        for i, step in enumerate(steps):
            # A `then` step inherits what it omits from the delivery before it; keep that equal to the
            # top-level value so that either reading of the README gives the same input.
            if i > 0:
                prev = steps[i - 1]
                for field in ("headers", "now"):
                    if field not in step:
                        assert prev.get(field, case[field]) == case[field], f"{where}: ambiguous {field}"
                if not has_body(step):
                    assert not has_body(prev) or prev is case or case_body(prev) == case_body(case), where
            body = case_body(step if has_body(step) else case)
            got = model.deliver(step.get("headers", case["headers"]), body, step.get("now", case["now"]))
            if op == "unwrap" and got[0] == "ok" and model_payload(body) is None:
                got = ("error", "invalid_payload", None)
            expect(step, got)
        if op == "unwrap" and case["result"] == "ok":
            doc = model_payload(case_body(case))
            assert case["event"]["type"] == doc["type"], where


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

BUILDERS = (standard_file, secrets_file, v1a_file, legacy_file, unwrap_file, replay_file, sign_file)


def render(doc: dict) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def validate(outputs: dict) -> None:
    try:
        import jsonschema
    except ImportError:
        print("note: jsonschema not installed; schema validation skipped", file=sys.stderr)
        return
    schema = json.loads((HERE / "schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failed = False
    for name, text in outputs.items():
        for error in validator.iter_errors(json.loads(text)):
            failed = True
            print(f"{name}: schema: {'/'.join(map(str, error.absolute_path))}: {error.message}", file=sys.stderr)
    if failed:
        sys.exit(1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    args = parser.parse_args()

    assert_public_vectors()
    outputs = {}
    for builder in BUILDERS:
        vf = builder()
        for case in vf.tests:
            cross_check(vf.name, case)
        outputs[vf.name] = render(vf.document())
    validate(outputs)

    if args.check:
        stale = [name for name, text in outputs.items()
                 if not (HERE / name).exists() or (HERE / name).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"{name} differs from generate.py's output; run python3 tests/vectors/generate.py", file=sys.stderr)
        return 1 if stale else 0
    for name, text in outputs.items():
        (HERE / name).write_text(text, encoding="utf-8", newline="\n")
    total = sum(json.loads(t)["numberOfTests"] for t in outputs.values())
    print(f"wrote {len(outputs)} files, {total} tests")
    return 0


if __name__ == "__main__":
    sys.exit(main())
