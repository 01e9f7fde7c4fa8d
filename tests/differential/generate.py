#!/usr/bin/env python3
"""Random and mutated deliveries for the cross-language differential run (issue 17).

    python3 tests/differential/generate.py N [--seed S] > cases.jsonl

Each line is one case in the shape of the shared vectors (tests/vectors/README.md: `operation`,
`keys`, `headers`, `body`/`bodyHex`, `now`, `options`) without an expected result: every
language's runner (tests/differential/run_*) answers it, and compare.py holds the answers to one
another. Cases mix genuine signatures (made with the vector generator's own HMAC and Ed25519
helpers) with tampered ones, odd header sets and real and mutated ImageKit events, so that most
cases reach deep into the core rather than stopping at the first check. The same seed gives the
same cases.
"""

from __future__ import annotations

import argparse
import base64
import copy
import importlib.util
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("vectors_generate", HERE.parent / "vectors" / "generate.py")
vg = importlib.util.module_from_spec(_spec)
sys.modules["vectors_generate"] = vg  # dataclasses look their module up there
_spec.loader.exec_module(vg)

NOW = 1_700_000_000
SAMPLES = [body for body, _ in vg.event_bodies().values()]
SEEDS = [bytes([i]) * 32 for i in range(1, 4)]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# ---- keys ----------------------------------------------------------------------------------


def a_key(r: random.Random) -> dict:
    """A key entry as the vectors spell it; now and then one that must not build."""
    pick = r.random()
    if pick < 0.35:
        return {"mode": "imagekit", "secret": "whsec_" + b64(r.randbytes(r.choice((18, 24, 32))))}
    if pick < 0.65:
        text = b64(r.randbytes(r.choice((16, 24, 32, 64))))
        if r.random() < 0.2:
            text = text.rstrip("=")
        return {"mode": "standard", "secret": text if r.random() < 0.15 else "whsec_" + text}
    if pick < 0.75:
        return {"mode": "raw", "hex": r.randbytes(r.choice((1, 16, 32, 65))).hex()}
    if pick < 0.85:
        return {"mode": r.choice(("imagekit", "standard", "raw")), "bytesHex": r.randbytes(r.choice((1, 20, 32))).hex()}
    if pick < 0.95:
        return {"mode": r.choice(("imagekit", "standard")), "secret": vg.whpk(r.choice(SEEDS))}
    return r.choice([
        {"mode": "imagekit", "secret": ""}, {"mode": "imagekit", "secret": "whsec_"},
        {"mode": "standard", "secret": "whsec_!!!!"}, {"mode": "standard", "secret": "whsec_"},
        {"mode": "standard", "secret": "whsk_" + b64(SEEDS[0])}, {"mode": "raw", "hex": ""},
        {"mode": "standard", "secret": "whpk_" + b64(b"\x02" * 31 + b"\x80")},
    ])


def key_material(k: dict):
    """(kind, bytes) as the core reads the key, or None when it does not build."""
    try:
        return vg.parse_key(k)
    except vg.InvalidSecret:
        return None


def signature(k: dict, msg_id: str, ts: str, body: bytes) -> str | None:
    m = key_material(k)
    if m is None:
        return None
    kind, data = m
    if kind == "hmac":
        return vg.hmac_v1(data, msg_id, ts, body)
    seed = next((s for s in SEEDS if vg.whpk(s) == k.get("secret")), None)
    return vg.ed_sign(seed, msg_id, int(ts), body) if seed else None


# ---- bodies --------------------------------------------------------------------------------

JSON_VALUES = [None, True, False, 0, -1, 1.5, 1e308, 12345678901234567890, "", "x", "2024-05-14T09:21:37.301Z",
               "not a date", [], [1, "a"], {}, {"k": "v"}, "\u00e9\u6771", "\ud83c\udfac"]


def a_value(r: random.Random):
    # A copy: a shared list or dict could end up inside itself after a later mutation.
    return copy.deepcopy(r.choice(JSON_VALUES))


def mutate_doc(r: random.Random, doc):
    """Delete, replace or add one member somewhere in the object tree."""
    paths = []

    def walk(v, path):
        if isinstance(v, dict):
            for k in v:
                paths.append(path + [k])
                walk(v[k], path + [k])
        elif isinstance(v, list):
            for i, item in enumerate(v):
                walk(item, path + [i])
    walk(doc, [])
    if not paths:
        return doc
    path = r.choice(paths)
    parent = doc
    for p in path[:-1]:
        parent = parent[p]
    action = r.random()
    if action < 0.35 and isinstance(parent, dict):
        del parent[path[-1]]
    elif action < 0.8:
        parent[path[-1]] = a_value(r)
    elif isinstance(parent, dict):
        parent[r.choice(("extra", "fileId", "type", "url", "AITags", "\u00fcber"))] = a_value(r)
    return doc


def event_body(r: random.Random) -> bytes:
    doc = json.loads(r.choice(SAMPLES))
    for _ in range(r.choice((0, 0, 1, 1, 2, 3))):
        doc = mutate_doc(r, doc)
    if r.random() < 0.08:
        doc["type"] = r.choice(("file.unknown", "FILE.CREATED", "", "video.transformation.ready "))
    text = json.dumps(doc, ensure_ascii=r.random() < 0.3, indent=r.choice((None, None, 2)),
                      separators=None if r.random() < 0.3 else (",", ":"))
    tweak = r.random()
    if tweak < 0.04:
        text = text.replace('"type"', '"t\\u0079pe"', 1)
    elif tweak < 0.08:
        text = text[:-1] + ',"type":"file.deleted"}'
    elif tweak < 0.11:
        text = "\ufeff" + text
    elif tweak < 0.14:
        text = text + r.choice((" ", "\n", "x", "}", "\x00"))
    elif tweak < 0.17:
        text = text[: r.randrange(len(text))]
    elif tweak < 0.20:
        text = text.replace(":", ": ", 3)
    elif tweak < 0.23:
        text = text[:-1] + ',"deep":' + "[" * 200 + "]" * 200 + "}"
    elif tweak < 0.26:
        text = text[:-1] + ',"n":1e400}'
    elif tweak < 0.29:
        text = text[:-1] + ',"s":"\\ud800"}'
    data = text.encode("utf-8", "surrogatepass")
    if r.random() < 0.02:
        i = r.randrange(len(data))
        data = data[:i] + bytes([r.randrange(256)]) + data[i + 1:]
    return data


def a_body(r: random.Random, op: str) -> bytes:
    pick = r.random()
    if op != "verify" or pick < 0.5:
        return event_body(r) if r.random() < 0.92 else r.randbytes(r.randrange(64))
    if pick < 0.75:
        return r.randbytes(r.randrange(300))
    if pick < 0.9:
        return "".join(r.choice("ab{}\":, \u00e9\u6771\n") for _ in range(r.randrange(80))).encode()
    return b""


# ---- headers -------------------------------------------------------------------------------


def odd_case(r: random.Random, name: str) -> str:
    roll = r.random()
    if roll < 0.7:
        return name
    if roll < 0.85:
        return name.upper()
    return "".join(c.upper() if r.random() < 0.5 else c for c in name)


def timestamp_text(r: random.Random, ts: int) -> str:
    roll = r.random()
    if roll < 0.8:
        return str(ts)
    return r.choice([f"000{ts}", f"+{ts}", f" {ts}", f"{ts} ", f"{ts}.0", "", "x", str(ts * 1000),
                     "9" * 19, "0", f"{ts:e}", "\u0661\u0666", str(-ts)])


def junk_entries(r: random.Random) -> list[str]:
    return r.sample([
        "v2,abc", "v1,", "v1", ",", "v1," + b64(r.randbytes(31)), "v1," + b64(r.randbytes(32)).rstrip("="),
        "v1a," + b64(r.randbytes(64)), "v1," + b64(r.randbytes(32)), "V1," + b64(r.randbytes(32)),
        "v1,,", "v1 ,x", "\u00e9", "v1," + "A" * 44,
    ], r.randrange(4))


def a_case(r: random.Random, tc_id: int) -> dict:
    op = r.choices(("verify", "unwrap", "unsafe_unwrap"), (50, 35, 15))[0]
    body = a_body(r, op)
    case: dict = {"tcId": tc_id, "operation": op, "bodyHex": body.hex(), "now": NOW + r.randrange(-5, 5)}
    if op == "unsafe_unwrap":
        return case
    keys = [a_key(r) for _ in range(r.choice((1, 1, 1, 2, 3)))]
    options: dict = {}
    if r.random() < 0.25:
        options["tolerance"] = r.choice((0, 1, 300, 86_400))
    if r.random() < 0.1:
        options["maxPayloadBytes"] = r.choice((1, 64, 512))
    legacy = r.random() < 0.12
    if legacy:
        options["legacy"] = True
    msg_id = r.choice(["msg_" + "".join(r.choices("abcXYZ0189", k=r.randrange(1, 30))), "id.with.dots",
                       "\u00e9", "msg 1", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"])
    ts = case["now"] + r.choice((0, 0, 0, 1, -1, 299, -300, 301, -301, 86_401, r.randrange(-400, 400)))
    ts_text = timestamp_text(r, ts)
    signer = r.randrange(len(keys) + 1)  # len(keys): sign with none of them
    entries = junk_entries(r)
    if signer < len(keys):
        sig_ts = ts_text if r.random() < 0.97 else str(ts)
        try:
            sig = signature(keys[signer], msg_id, str(int(sig_ts)) if sig_ts.strip().isdigit() else sig_ts, body)
        except ValueError:
            sig = None
        if sig:
            entries.insert(r.randrange(len(entries) + 1), sig)
    if r.random() < 0.12 and entries:
        # Tampering after signing: one part changes.
        which = r.randrange(4)
        if which == 0 and body:
            i = r.randrange(len(body))
            case["bodyHex"] = (body[:i] + bytes([body[i] ^ 1]) + body[i + 1:]).hex()
        elif which == 1:
            msg_id += "x"
        elif which == 2:
            ts_text = str(ts + 1)
        elif len(entries[-1]) > 2:
            e = entries[-1]
            entries[-1] = e[:-2] + ("A" if e[-2] != "A" else "B") + e[-1]
    sep = r.choice((" ", " ", "  ", " \t"))
    sig_value = sep.join(entries)
    if r.random() < 0.1:
        sig_value = " " + sig_value + " "
    prefix = "svix" if r.random() < 0.1 else "webhook"
    headers = [[odd_case(r, f"{prefix}-id"), msg_id], [odd_case(r, f"{prefix}-timestamp"), ts_text]]
    if r.random() < 0.1 and len(entries) > 1:
        # The signature list split over two header lines (joined with one space).
        half = len(entries) // 2
        headers += [[odd_case(r, f"{prefix}-signature"), " ".join(entries[:half])],
                    [odd_case(r, f"{prefix}-signature"), " ".join(entries[half:])]]
    else:
        headers.append([odd_case(r, f"{prefix}-signature"), sig_value])
    roll = r.random()
    if roll < 0.05:
        headers.append([f"{prefix}-id", msg_id if r.random() < 0.5 else msg_id + "2"])
    elif roll < 0.1:
        del headers[r.randrange(len(headers))]
    elif roll < 0.13:
        headers.append(["webhook-timestamp" if prefix == "svix" else "svix-timestamp", str(ts + 5)])
    elif roll < 0.16:
        headers[r.randrange(len(headers))][1] = ""
    if legacy:
        material = key_material(keys[min(signer, len(keys) - 1)])
        t_ms = ts * 1000 + r.randrange(1000)
        value = vg.legacy_header(material[1], t_ms, body) if material and material[0] == "hmac" else f"t={t_ms},v1=00"
        if r.random() < 0.15:
            value = r.choice((value.replace(",", ", "), value + ",v1=ab", "t=x," + value.split(",")[1], value.upper()))
        headers.append([odd_case(r, "x-ik-signature"), value])
        if r.random() < 0.6:
            headers = [h for h in headers if not h[0].lower().endswith("-signature") or h[0].lower() == "x-ik-signature"]
    r.shuffle(headers)
    headers += [[r.choice(("content-type", "X-Other", "user-agent")), "application/json"]
                for _ in range(r.randrange(3))]
    case.update(keys=keys, headers=headers)
    if options:
        case["options"] = options
    return case


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=0, help="first case number (to split a long run)")
    args = ap.parse_args()
    out = sys.stdout
    for i in range(args.start, args.start + args.n):
        r = random.Random(args.seed * 1_000_003 + i)
        out.write(json.dumps(a_case(r, i), ensure_ascii=False, separators=(",", ":")) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
