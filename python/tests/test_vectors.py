"""Every case of every shared vector file, run through the Python API.

The files are read from ``tests/vectors/`` at the repository root (never copied); each file's
test asserts it ran exactly ``numberOfTests`` cases.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from conftest import VECTORS

import hookseal
from hookseal import Key, ReplayGuard, Signer, Webhooks, WebhookVerificationError

FILES = sorted(p.name for p in VECTORS.glob("*.json") if p.name != "schema.json")
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

# The Python class ImageKit's SDK (and hookseal) uses for each type.
CLASSES = {
    "video.transformation.accepted": "VideoTransformationAcceptedEvent",
    "video.transformation.ready": "VideoTransformationReadyEvent",
    "video.transformation.error": "VideoTransformationErrorEvent",
    "upload.pre-transform.success": "UploadPreTransformSuccessEvent",
    "upload.pre-transform.error": "UploadPreTransformErrorEvent",
    "upload.post-transform.success": "UploadPostTransformSuccessEvent",
    "upload.post-transform.error": "UploadPostTransformErrorEvent",
    "file.created": "FileCreateEvent",
    "file.updated": "FileUpdateEvent",
    "file.deleted": "FileDeleteEvent",
    "file-version.created": "FileVersionCreateEvent",
    "file-version.deleted": "FileVersionDeleteEvent",
    "folder.created": "FolderCreateEvent",
    "folder.updated": "FolderUpdateEvent",
    "folder.deleted": "FolderDeleteEvent",
}


def test_every_file_is_covered() -> None:
    assert FILES == ["legacy.json", "replay.json", "secrets.json", "sign.json", "standard.json",
                     "unwrap.json", "v1a.json"]
    assert set(CLASSES) == set(hookseal.EVENT_TYPES)


def body_of(case: dict[str, Any]) -> bytes:
    if "body" in case:
        return case["body"].encode("utf-8")
    if "bodyHex" in case:
        return bytes.fromhex(case["bodyHex"])
    rep = case["bodyRepeat"]
    return rep["chunk"].encode("utf-8") * rep["count"]


def key_of(k: dict[str, Any]) -> Key:
    if "bytesHex" in k:
        # The secret as bytes with a key mode configured: the raw key whatever the mode.
        return Key(bytes.fromhex(k["bytesHex"]), k["mode"])
    if k["mode"] == "raw":
        return Key(bytes.fromhex(k["hex"]), "raw")
    return Key(k["secret"], k["mode"])


def verifier_of(case: dict[str, Any]) -> Webhooks:
    opts = case.get("options", {})
    keys = [key_of(k) for k in case["keys"]]
    return Webhooks(
        keys,
        tolerance=opts.get("tolerance", 300),
        legacy=opts.get("legacy", False),
        max_payload_bytes=opts.get("maxPayloadBytes", 1048576),
        replay_guard=ReplayGuard.in_memory() if opts.get("replayGuard") else None,
    )


def attribute_name(json_name: str) -> str:
    """JSON name -> hookseal's snake_case attribute (``fileId`` -> ``file_id``)."""
    if json_name == "AITags":
        return "ai_tags"
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", json_name).lower()


def typed_value(event: Any, path: str) -> Any:
    obj = event
    for part in path.split("."):
        obj = getattr(obj, attribute_name(part))
    return obj


def key_order(value: Any) -> Any:
    """Every object's keys, in order, nested: `raw` keeps the order the JSON was sent in."""
    if isinstance(value, dict):
        return [(k, key_order(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [key_order(v) for v in value]
    return None


def raw_value(raw: dict[str, Any], path: str) -> Any:
    obj: Any = raw
    for part in path.split("."):
        obj = obj[part]
    return obj


def same(actual: Any, expected: Any) -> bool:
    return type(actual) is type(expected) and actual == expected


def check_event(event: Any, body: bytes, exp: dict[str, Any]) -> None:
    assert isinstance(event, hookseal.BaseWebhookEvent)
    assert event.type == exp["type"]
    assert event.id == exp["id"]
    if exp["known"]:
        assert type(event).__name__ == CLASSES[exp["type"]]
        assert not isinstance(event, hookseal.UnknownEvent)
    else:
        assert isinstance(event, hookseal.UnknownEvent)
    if exp["createdAtMs"] is None:
        assert event.created_at is None
    else:
        assert event.created_at is not None and event.created_at.tzinfo is not None
        assert (event.created_at - EPOCH) // timedelta(milliseconds=1) == exp["createdAtMs"]
    as_sent = json.loads(body)
    assert event.raw == as_sent and event.to_dict() == as_sent
    assert key_order(event.raw) == key_order(as_sent) == key_order(event.to_dict())
    for path, expected in exp["fields"].items():
        assert same(raw_value(event.raw, path), expected), path
        if exp["known"]:
            actual = typed_value(event, path)
            assert same(actual, expected), f"{path}: {actual!r} != {expected!r}"


def expect(result: str, code: str | None, run: Any) -> Any:
    if result == "ok":
        return run()
    with pytest.raises(WebhookVerificationError) as info:
        run()
    assert info.value.code == code
    assert type(info.value).code == code
    return None


def run_delivery(v: Webhooks, op: str, d: dict[str, Any], as_str: bool) -> None:
    body: Any = body_of(d)
    if as_str:
        body = body.decode("utf-8")
    headers = [tuple(h) for h in d["headers"]]
    now = d["now"]
    if op == "verify":
        got = expect(d["result"], d.get("code"), lambda: v.verify(body, headers, now=now))
        if got is not None:
            assert got.key_index == d["keyIndex"]
    else:
        got = expect(d["result"], d.get("code"), lambda: v.unwrap(body, headers=headers, now=now))
        if got is not None:
            assert got.verified is not None and got.verified.key_index == d["keyIndex"]
            check_event(got, body_of(d), d["event"])


def run_case(case: dict[str, Any], as_str: bool = False) -> None:
    op = case["operation"]
    if op == "build":
        expect(case["result"], case.get("code"), lambda: verifier_of(case))
    elif op in ("verify", "unwrap"):
        v = verifier_of(case)
        run_delivery(v, op, case, as_str)
        delivery = dict(case)
        for step in case.get("then", []):
            delivery = {**delivery, **step}
            for k in ("body", "bodyHex", "bodyRepeat"):
                if k in step:
                    delivery = {**{x: y for x, y in delivery.items()
                                   if x not in ("body", "bodyHex", "bodyRepeat")}, k: step[k]}
            for k in ("code", "keyIndex"):
                if k not in step:
                    delivery.pop(k, None)
            run_delivery(v, op, delivery, as_str and "body" in delivery)
    elif op == "unsafe_unwrap":
        got = expect(case["result"], case.get("code"), lambda: hookseal.unsafe_unwrap(body_of(case)))
        if got is not None:
            assert got.verified is None
            check_event(got, body_of(case), case["event"])
    elif op == "sign":
        got = expect(case["result"], case.get("code"),
                     lambda: Signer(key_of(case["keys"][0])).sign(
                         case["msgId"], case["timestamp"], body_of(case)))
        if got is not None:
            assert got == case["signature"]
    elif op == "sign_legacy":
        got = expect(case["result"], case.get("code"),
                     lambda: Signer(key_of(case["keys"][0])).sign_legacy(
                         case["timestamp"], body_of(case)))
        if got is not None:
            assert got == case["signature"]
    else:
        raise AssertionError(f"unknown operation {op}")


@pytest.mark.parametrize("name", FILES)
def test_vector_file(name: str) -> None:
    doc = json.loads((VECTORS / name).read_text("utf-8"))
    failures: list[str] = []
    ran = 0
    for case in doc["tests"]:
        try:
            run_case(case)
            # The same case with the body as str (what Flask's get_data(as_text=True) gives).
            if "body" in case:
                run_case(case, as_str=True)
        except Exception as e:  # collect all, report together
            failures.append(f"tcId {case['tcId']} ({case['comment']}): {type(e).__name__}: {e}")
        ran += 1
    assert not failures, "\n".join(failures)
    assert ran == doc["numberOfTests"], f"{name}: ran {ran} of {doc['numberOfTests']}"
    print(f"{name}: ran {ran} of {doc['numberOfTests']} cases")
