"""The Python event classes against the one schema (schema/imagekit-events.json, read in place):
each class exposes exactly the schema's members, and reading every member of every sample gives
the JSON value sent, with the schema's type. (stubtest holds the .pyi to these classes.)"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import hookseal
from hookseal import _native, events

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "schema" / "imagekit-events.json").read_text())
EVENTS = {e["type"]: e for e in SCHEMA["events"]}
BASE_MEMBERS = {"id", "type", "created_at", "created_at_raw", "raw", "to_dict", "verified"}


def snake(name: str) -> str:
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name.replace("-", "_"))
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s).lower()


def exposed(cls: type) -> set[str]:
    """The public attributes a class defines itself (pyo3 getters), not inherited ones."""
    return {n for n, v in vars(cls).items() if not n.startswith("_") and type(v).__name__ == "getset_descriptor"}


@pytest.mark.parametrize("name", sorted(SCHEMA["objects"]))
def test_object_classes_expose_exactly_the_schema_members(name: str) -> None:
    cls = getattr(_native, name)
    assert exposed(cls) == {snake(f["name"]) for f in SCHEMA["objects"][name]["fields"]}


@pytest.mark.parametrize("event_type", sorted(EVENTS))
def test_event_classes_expose_exactly_the_schema_members(event_type: str) -> None:
    e = EVENTS[event_type]
    cls = events.EVENT_CLASSES[event_type]
    assert cls.__name__ == e["class"] and issubclass(cls, hookseal.BaseWebhookEvent)
    assert exposed(cls) == {snake(f["name"]) for f in e["fields"]}
    # The envelope is the base class's.
    assert {snake(f["name"]) for f in SCHEMA["envelope"]["fields"]} <= exposed(hookseal.BaseWebhookEvent)
    assert exposed(hookseal.BaseWebhookEvent) == BASE_MEMBERS - {"to_dict"}


def test_event_types_and_exports_follow_the_schema() -> None:
    assert list(hookseal.EVENT_TYPES) == [e["type"] for e in SCHEMA["events"]]
    assert list(events.EVENT_CLASSES) == list(hookseal.EVENT_TYPES)
    for name in [e["class"] for e in SCHEMA["events"]] + list(SCHEMA["objects"]):
        assert getattr(hookseal, name) is getattr(_native, name)
        assert name in hookseal.__all__


def check(value: Any, sent: Any, type_: str, where: str) -> int:
    """`value` (read through the classes) is `sent` (the JSON), with the schema's type."""
    if type_.endswith("[]"):
        assert isinstance(value, list) and len(value) == len(sent), where
        return sum(check(v, s, type_[:-2], f"{where}[{i}]") for i, (v, s) in enumerate(zip(value, sent)))
    if type_ in SCHEMA["objects"]:
        return walk(value, sent, SCHEMA["objects"][type_]["fields"], where)
    expected = {"string": str, "boolean": bool, "object": dict, "number": (int, float), "date-time": datetime}[type_]
    assert isinstance(value, expected), where
    if type_ != "date-time":
        assert value == sent, where
    return 1


def walk(obj: Any, sent: dict[str, Any], fields: list[dict[str, Any]], where: str) -> int:
    n = 0
    for f in fields:
        value = getattr(obj, snake(f["name"]))
        if sent.get(f["name"]) is None:
            assert value is None, f"{where}.{f['name']}"
            continue
        n += check(value, sent[f["name"]], f["type"], f"{where}.{f['name']}")
    return n


def test_every_member_of_every_sample_reads_as_sent() -> None:
    total = 0
    for event_type, e in EVENTS.items():
        body = hookseal.sample_body(event_type)
        sent = json.loads(body)
        event = hookseal.unsafe_unwrap(body)
        assert type(event) is events.EVENT_CLASSES[event_type]
        total += walk(event, sent, SCHEMA["envelope"]["fields"] + e["fields"], event_type)
        assert event.created_at.timestamp() * 1000 == pytest.approx(
            datetime.fromisoformat(sent["created_at"].replace("Z", "+00:00")).timestamp() * 1000
        )
    assert total > 150, total
