#!/usr/bin/env python3
"""The Python runner of the differential run: cases (JSON lines, tests/differential/generate.py)
in, one answer per case out, through hookseal's public Python API.

    python run_python.py cases.jsonl > answers.jsonl

An answer: `result` (`ok`/`error`), `code`, `keyIndex` (verify), and for an event its `type`,
`id`, whether the type is known, `createdAtMs`, and `typed`: every schema member read through the
typed attributes (date-times left out: not every language parses them; `createdAtMs` carries the
envelope's).
"""

from __future__ import annotations

import json
import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import hookseal
from hookseal import Key, Webhooks, WebhookVerificationError

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schema" / "imagekit-events.json").read_text())
OBJECTS = SCHEMA["objects"]
EVENTS = {e["type"]: e for e in SCHEMA["events"]}
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def attribute(json_name: str) -> str:
    if json_name == "AITags":
        return "ai_tags"
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", json_name).lower()


def typed(obj: Any, fields: list[dict]) -> dict:
    out = {}
    for f in fields:
        if f["type"] == "date-time":
            continue
        out[f["name"]] = convert(getattr(obj, attribute(f["name"])), f["type"])
    return out


def convert(v: Any, t: str) -> Any:
    if v is None:
        return None
    if t.endswith("[]"):
        return [convert(x, t[:-2]) for x in v]
    if t in OBJECTS:
        return typed(v, OBJECTS[t]["fields"])
    return v


def key(k: dict) -> Key:
    if "bytesHex" in k:
        return Key(bytes.fromhex(k["bytesHex"]), k["mode"])
    if k["mode"] == "raw":
        return Key(bytes.fromhex(k["hex"]), "raw")
    return Key(k["secret"], k["mode"])


def event_answer(event: Any) -> dict:
    known = not isinstance(event, hookseal.UnknownEvent)
    created = event.created_at
    return {
        "type": event.type,
        "id": event.id,
        "known": known,
        "createdAtMs": None if created is None else (created - EPOCH) // timedelta(milliseconds=1),
        "typed": typed(event, SCHEMA["envelope"]["fields"] + EVENTS[event.type]["fields"]) if known else None,
    }


def answer(case: dict) -> dict:
    body = bytes.fromhex(case["bodyHex"])
    try:
        if case["operation"] == "unsafe_unwrap":
            return {"result": "ok", "event": event_answer(hookseal.unsafe_unwrap(body))}
        opts = case.get("options", {})
        v = Webhooks([key(k) for k in case["keys"]], tolerance=opts.get("tolerance", 300),
                     legacy=opts.get("legacy", False), max_payload_bytes=opts.get("maxPayloadBytes", 1048576))
        headers = [tuple(h) for h in case["headers"]]
        if case["operation"] == "verify":
            return {"result": "ok", "keyIndex": v.verify(body, headers, now=case["now"]).key_index}
        event = v.unwrap(body, headers=headers, now=case["now"])
        return {"result": "ok", "keyIndex": event.verified.key_index, "event": event_answer(event)}
    except WebhookVerificationError as e:
        return {"result": "error", "code": e.code}


def main() -> int:
    out = sys.stdout
    with open(sys.argv[1], encoding="utf-8") as cases:
        for line in cases:
            case = json.loads(line)
            out.write(json.dumps({"tcId": case["tcId"], **answer(case)}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
