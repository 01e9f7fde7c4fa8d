#!/usr/bin/env python3
"""Write every language's ImageKit event types from schema/imagekit-events.json.

    python3 schema/generate.py           rewrite the generated files
    python3 schema/generate.py --check   fail (exit 1) if any generated file differs

One schema, one generator: the core's structs and validation tables, the Python classes and
stubs, the uniffi records (Kotlin, Swift), the TypeScript union, the Go types, the Ruby classes
and their RBS. Each output says in
its first line that it is generated. What is not per field (verification, the JSON helpers each
language's glue needs, idioms) stays hand-written next to it. The format and the rules every
language follows are in schema/README.md.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "imagekit-events.json"
SOURCE = "schema/imagekit-events.json"
GENERATOR = "schema/generate.py"

SCALARS = ("string", "number", "boolean", "object", "date-time")


# --------------------------------------------------------------------------------------------
# The schema, checked


@dataclass
class Field:
    name: str  # the JSON name, as sent
    type: str  # a scalar, an object name, or `X[]`
    required: bool
    nullable: bool
    doc: str
    values: list[str] = field(default_factory=list)

    @property
    def item(self) -> str:
        """The element type of an array, else the type itself."""
        return self.type[:-2] if self.is_array else self.type

    @property
    def is_array(self) -> bool:
        return self.type.endswith("[]")

    @property
    def presence(self) -> str:
        if self.required:
            return "required"
        return "nullable" if self.nullable else "optional"


@dataclass
class Obj:
    name: str
    doc: str
    fields: list[Field]


@dataclass
class Event:
    type: str  # the `type` string
    name: str  # the variant name (Rust `EventType`, Kotlin/Swift payload case)
    cls: str  # the class name, as ImageKit's SDKs name it
    doc: str
    fields: list[Field]  # top-level members besides the envelope


@dataclass
class Schema:
    envelope: list[Field]
    events: list[Event]
    objects: dict[str, Obj]

    def obj(self, name: str) -> Obj:
        return self.objects[name]


def fail(msg: str) -> None:
    sys.exit(f"{SOURCE}: {msg}")


def load() -> Schema:
    raw = json.loads(SCHEMA.read_text())

    def fields(where: str, items: list[dict]) -> list[Field]:
        out = []
        seen = set()
        for f in items:
            unknown = set(f) - {"name", "type", "required", "nullable", "doc", "values"}
            if unknown:
                fail(f"{where}.{f.get('name')}: unknown keys {sorted(unknown)}")
            for key in ("name", "type", "required", "doc"):
                if key not in f:
                    fail(f"{where}: a field lacks `{key}`")
            if f["name"] in seen:
                fail(f"{where}.{f['name']}: repeated")
            seen.add(f["name"])
            if not f["doc"].strip() or "\n" in f["doc"]:
                fail(f"{where}.{f['name']}: the doc must be one line")
            if f["required"] and f.get("nullable"):
                fail(f"{where}.{f['name']}: a required field cannot be nullable")
            out.append(
                Field(f["name"], f["type"], f["required"], bool(f.get("nullable")), f["doc"], f.get("values", []))
            )
        return out

    objects = {n: Obj(n, o["doc"], fields(n, o["fields"])) for n, o in raw["objects"].items()}
    events = [Event(e["type"], e["name"], e["class"], e["doc"], fields(e["type"], e["fields"])) for e in raw["events"]]
    envelope = fields("envelope", raw["envelope"]["fields"])
    schema = Schema(envelope, events, objects)

    if [f.name for f in envelope] != ["id", "type", "created_at"]:
        fail("the envelope is id, type, created_at")
    # Every type resolves, `date-time` only in the envelope (it is the one field bindings parse),
    # and every object is used.
    used: set[str] = set()
    for where, fs in [("envelope", envelope)] + [(e.type, e.fields) for e in events] + [
        (o.name, o.fields) for o in objects.values()
    ]:
        for f in fs:
            if f.item not in SCALARS and f.item not in objects:
                fail(f"{where}.{f.name}: unknown type {f.type!r}")
            if f.item == "date-time" and where != "envelope":
                fail(f"{where}.{f.name}: date-time is for the envelope's created_at; use string")
            if f.values and f.item != "string":
                fail(f"{where}.{f.name}: `values` is for strings")
            used.add(f.item)
    unused = set(objects) - used
    if unused:
        fail(f"objects never used: {sorted(unused)}")
    for attr in ("type", "name", "cls"):
        names = [getattr(e, attr) for e in events]
        if len(set(names)) != len(names):
            fail(f"events: repeated {attr}")
    clash = {e.cls for e in events} & set(objects)
    if clash:
        fail(f"an event class and an object share a name: {sorted(clash)}")
    return schema


# --------------------------------------------------------------------------------------------
# Names


def snake(json_name: str) -> str:
    """`fileId` -> `file_id`, `AITags` -> `ai_tags`, `ai-auto-description` -> `ai_auto_description`."""
    s = json_name.replace("-", "_")
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    return s.lower()


def rust_field(f: Field) -> str:
    # `type` is a keyword in Rust (and kept out of uniffi records): the core calls it `kind`.
    return "kind" if f.name == "type" else snake(f.name)


def upper_snake(name: str) -> str:
    return snake(name).upper()


GO_INITIALISMS = {"id": "ID", "url": "URL", "ai": "AI", "aws": "AWS", "bg": "BG"}


def go_name(json_name: str) -> str:
    """Go's exported names, with Go's initialisms as ImageKit's Go SDK has them:
    `fileId` -> `FileID`, `x_request_id` -> `XRequestID`, `AITags` -> `AITags`, `url` -> `URL`."""
    return "".join(GO_INITIALISMS.get(p, p[:1].upper() + p[1:]) for p in snake(json_name).split("_"))


def ts_key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_$]*", name) else f"'{name}'"


def rust_str(s: str) -> str:
    return json.dumps(s)


def header(comment: str) -> str:
    return f"{comment} @generated by {GENERATOR} from {SOURCE}: do not edit; change the schema and rerun it.\n"


# --------------------------------------------------------------------------------------------
# Rust core: core/src/event_types.rs


def rust_type(s: Schema, f: Field) -> str:
    base = {"string": "String", "number": "Number", "boolean": "bool", "object": "Map<String, Value>"}.get(
        f.item, f.item
    )
    if f.is_array:
        base = f"Vec<{base}>"
    return base if f.required else f"Option<{base}>"


def rust_kind(s: Schema, t: str) -> str:
    if t.endswith("[]"):
        return f"Kind::Array(&{rust_kind(s, t[:-2])})"
    return {
        "string": "Kind::String",
        "number": "Kind::Number",
        "boolean": "Kind::Bool",
        "object": "Kind::Object",
        "date-time": "Kind::DateTime",
    }.get(t) or f"Kind::Struct(&{upper_snake(t)})"


def rust_doc(doc: str, indent: str = "") -> str:
    return f"{indent}/// {doc}\n"


def rust_struct(s: Schema, name: str, doc: str, fields: list[Field], extra_doc: str = "") -> str:
    out = rust_doc(doc)
    if extra_doc:
        out += "///\n" + rust_doc(extra_doc)
    out += "#[derive(Clone, Debug, PartialEq, serde::Serialize)]\n#[non_exhaustive]\n"
    out += f"pub struct {name} {{\n"
    for f in fields:
        out += rust_doc(f.doc + ("" if f.required else " Optional."), "    ")
        attrs = f'rename = {rust_str(f.name)}'
        if not f.required:
            attrs += ', skip_serializing_if = "Option::is_none"'
        out += f"    #[serde({attrs})]\n"
        out += f"    pub {rust_field(f)}: {rust_type(s, f)},\n"
    out += "}\n\n"
    out += f"impl FromJson for {name} {{\n"
    out += "    fn from_json(v: &Value) -> Result<Self, Mismatch> {\n"
    # One pass over the object's members (a lookup per schema member would compare every name).
    out += "        let o = object_of(v)?;\n"
    out += f"        let mut found: [Option<&Value>; {len(fields)}] = [None; {len(fields)}];\n"
    out += "        for (k, x) in o {\n"
    out += f"            if let Some(i) = ({upper_snake(name)}.index)(k.as_bytes()) {{\n"
    out += "                found[i] = Some(x);\n            }\n        }\n"
    out += f"        Ok({name} {{\n"
    for k, f in enumerate(fields):
        out += f"            {rust_field(f)}: {f.presence}(found[{k}], {rust_str(f.name)})?,\n"
    out += "        })\n    }\n}\n\n"
    if len(fields) > 64:
        fail(f"{name}: more than 64 members (the check keeps one bit per member)")
    out += f"pub(crate) const {upper_snake(name)}: Shape = Shape {{\n    members: &[\n"
    for f in fields:
        out += (
            f"        Member {{ name: {rust_str(f.name)}, kind: {rust_kind(s, f.type)}, "
            f"presence: Presence::{f.presence.capitalize()} }},\n"
        )
    out += "    ],\n    index: |key| match key {\n"
    for k, f in enumerate(fields):
        out += f"        b{rust_str(f.name)} => Some({k}),\n"
    required = sum(1 << k for k, f in enumerate(fields) if f.presence == "required")
    out += f"        _ => None,\n    }},\n    required: {required:#x},\n}};\n\n"
    return out


def gen_rust_core(s: Schema) -> str:
    out = header("//")
    out += (
        "//! The ImageKit event types: one struct per object of the schema, its strict conversion from\n"
        "//! parsed JSON ([`FromJson`]), and the table [`Event::check`](crate::Event::check) validates\n"
        "//! a body against ([`Member`]). The rules they follow are in `event.rs`.\n\n"
        "use serde_json::{Map, Number, Value};\n\n"
        "use crate::event::{\n    nullable, object_of, optional, required, FromJson, Kind, Member, Mismatch, Presence, Shape,\n};\n\n"
    )
    for o in s.objects.values():
        out += rust_struct(s, o.name, o.doc, o.fields)
    for e in s.events:
        out += rust_struct(
            s, e.cls, f"`{e.type}`: {e.doc}", e.fields, "The members besides the envelope (`id`, `type`, `created_at`), which [`Event`](crate::Event) holds."
        )
    n = len(s.events)
    out += "/// The known ImageKit event types.\n"
    out += "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\n#[non_exhaustive]\npub enum EventType {\n"
    for e in s.events:
        out += f"    /// `{e.type}`: {e.doc}\n    {e.name},\n"
    out += "}\n\nimpl EventType {\n"
    out += f"    /// Every known type, in the schema's order.\n    pub const ALL: [EventType; {n}] = [\n"
    for e in s.events:
        out += f"        EventType::{e.name},\n"
    out += "    ];\n\n"
    out += "    /// The `type` string, e.g. `video.transformation.ready`.\n"
    out += "    pub const fn as_str(self) -> &'static str {\n        match self {\n"
    for e in s.events:
        out += f"            EventType::{e.name} => {rust_str(e.type)},\n"
    out += "        }\n    }\n\n"
    out += "    /// The known type for a `type` string (exact, case-sensitive).\n"
    out += "    pub fn from_name(s: &str) -> Option<EventType> {\n        match s {\n"
    for e in s.events:
        out += f"            {rust_str(e.type)} => Some(EventType::{e.name}),\n"
    out += "            _ => None,\n        }\n    }\n\n"
    out += "    /// The name ImageKit's SDKs give this type's event class, e.g. `FileCreateEvent`.\n"
    out += "    pub const fn class_name(self) -> &'static str {\n        match self {\n"
    for e in s.events:
        out += f"            EventType::{e.name} => {rust_str(e.cls)},\n"
    out += "        }\n    }\n\n"
    out += "    /// The top-level members of this type's events besides the envelope.\n"
    out += "    pub(crate) const fn members(self) -> &'static [Member] {\n        match self {\n"
    for e in s.events:
        out += f"            EventType::{e.name} => {upper_snake(e.cls)}.members,\n"
    out += "        }\n    }\n}\n\n"
    out += "/// The envelope of every known event.\n"
    out += "pub(crate) const ENVELOPE: &[Member] = &[\n"
    for f in s.envelope:
        out += (
            f"    Member {{ name: {rust_str(f.name)}, kind: {rust_kind(s, f.type)}, "
            f"presence: Presence::{f.presence.capitalize()} }},\n"
        )
    out += "];\n\n"
    out += "/// The typed part of an event, one variant per known type.\n"
    out += "#[derive(Clone, Debug, PartialEq)]\n#[non_exhaustive]\npub enum EventData {\n"
    for e in s.events:
        out += f"    /// `{e.type}`\n    {e.name}({e.cls}),\n"
    out += "    /// A type this version does not know: read [`Event::raw`](crate::Event::raw).\n    Unknown,\n}\n\n"
    out += "impl EventData {\n"
    out += "    /// The typed payload of a known type, read from the whole event object.\n"
    out += "    pub(crate) fn from_object(whole: &Value, t: EventType) -> Result<EventData, Mismatch> {\n"
    out += "        Ok(match t {\n"
    for e in s.events:
        out += f"            EventType::{e.name} => EventData::{e.name}({e.cls}::from_json(whole)?),\n"
    out += "        })\n    }\n\n"
    out += "    /// The typed payload as JSON (JSON names; absent optional members left out).\n"
    out += "    pub(crate) fn to_value(&self) -> Option<Value> {\n        match self {\n"
    for e in s.events:
        out += f"            EventData::{e.name}(p) => serde_json::to_value(p).ok(),\n"
    out += "            EventData::Unknown => None,\n        }\n    }\n}\n"
    return out


# --------------------------------------------------------------------------------------------
# Python: the pyo3 classes (bindings/python/src/event_classes.rs) and the stubs (_native.pyi)


def py_class(e: Event) -> str:
    return e.cls


def gen_python_rs(s: Schema) -> str:
    out = header("//")
    out += (
        "// Included by events.rs, which defines the macros: one Python class per schema object, one\n"
        "// event class per event type. `req` fields are always there; `opt` ones may be `None`.\n\n"
    )
    for o in s.objects.values():
        out += f'py_struct!(Py{o.name} = "{o.name}" wraps hookseal::{o.name} {{\n'
        for f in o.fields:
            out += f'    "{snake(f.name)}" {rust_field(f)}: {"req" if f.required else "opt"},\n'
        out += "});\n"
    for e in s.events:
        out += f'py_event!(Py{e.cls} = "{e.cls}" wraps hookseal::{e.cls} {{\n'
        for f in e.fields:
            out += f'    "{snake(f.name)}" {rust_field(f)}: {"req" if f.required else "opt"},\n'
        out += "});\n"
    out += "\n/// The Python object of a known event's payload, on top of its envelope `base`.\n"
    out += "fn typed_event(py: Python<'_>, data: EventData, base: PyClassInitializer<PyBaseEvent>) -> PyResult<PyObject> {\n"
    out += "    Ok(match data {\n"
    for e in s.events:
        out += f"        EventData::{e.name}(p) => Py::new(py, base.add_subclass(Py{e.cls}::new(p)))?.into_any(),\n"
    out += "        // `Unknown`, and any variant a later core adds before this binding maps it.\n"
    out += "        _ => Py::new(py, base.add_subclass(PyUnknownEvent))?.into_any(),\n    })\n}\n\n"
    out += "/// Register every event and payload class.\n"
    out += "pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {\n"
    out += "    m.add_class::<PyBaseEvent>()?;\n    m.add_class::<PyUnknownEvent>()?;\n"
    for e in s.events:
        out += f"    m.add_class::<Py{e.cls}>()?;\n"
    for o in s.objects.values():
        out += f"    m.add_class::<Py{o.name}>()?;\n"
    out += "    Ok(())\n}\n"
    return out


def py_type(f: Field) -> str:
    base = {
        "string": "str",
        "number": "Union[int, float]",
        "boolean": "bool",
        "object": "dict[str, Any]",
        "date-time": "datetime",
    }.get(f.item, f.item)
    if f.is_array:
        base = f"list[{base}]"
    if f.required:
        return base
    return "Union[int, float, None]" if base == "Union[int, float]" else f"Optional[{base}]"


def py_doc(doc: str, values: list[str] | None = None) -> str:
    if values:
        doc += " One of " + ", ".join(f"``{v}``" for v in values) + " (others may come)."
    return doc.replace("`", "``").replace("````", "``")


def py_props(fields: list[Field], overrides: dict[str, str] | None = None) -> str:
    out = ""
    for f in fields:
        t = (overrides or {}).get(f.name) or py_type(f)
        out += f"    @property\n    def {snake(f.name)}(self) -> {t}:\n"
        out += f'        """{py_doc(f.doc, f.values)}"""\n'
    return out


PY_BEGIN = "# --- BEGIN GENERATED: event classes"
PY_END = "# --- END GENERATED: event classes"


def gen_python_pyi_region(s: Schema) -> str:
    out = f"{PY_BEGIN} ({header('#').strip()[2:]}) ---\n\n"
    for o in s.objects.values():
        out += f'@final\nclass {o.name}:\n    """{py_doc(o.doc)}"""\n\n'
        out += py_props(o.fields) + "\n"
    for e in s.events:
        out += f'@final\nclass {e.cls}(BaseWebhookEvent):\n    """``{e.type}``: {py_doc(e.doc)}"""\n\n'
        env = {"type": f'Literal["{e.type}"]'}
        out += py_props(s.envelope, env)
        out += py_props(e.fields) + "\n"
    out += "#: A known event, as ``unwrap`` types its result: ``event.type == \"...\"`` narrows it to one\n"
    out += "#: class. A type this version does not know arrives as ``UnknownEvent`` at run time (see there).\n"
    out += "#: ``hookseal.events`` exports it as ``UnwrapWebhookEvent``.\n"
    out += "_UnwrapWebhookEvent = Union[\n"
    for e in s.events:
        out += f"    {e.cls},\n"
    out += "]\n\n"
    out += PY_END + " ---\n"
    return out


def splice_pyi(current: str, region: str) -> str:
    start = current.find(PY_BEGIN)
    end = current.find(PY_END)
    if start < 0 or end < 0:
        raise SystemExit(f"python/src/hookseal/_native.pyi: the markers {PY_BEGIN!r} / {PY_END!r} are missing")
    end = current.index("\n", end) + 1
    return current[:start] + region + current[end:]


def gen_python_events_py(s: Schema) -> str:
    names = ["BaseWebhookEvent", "UnknownEvent"] + [e.cls for e in s.events] + list(s.objects)
    out = header("#")
    out += '"""The ImageKit event classes (as ``imagekitio.types`` names them) and the union ``unwrap`` returns."""\n\n'
    out += "from __future__ import annotations\n\nfrom typing import Union\n\nfrom hookseal._native import (\n"
    for n in sorted(names, key=str.lower):
        out += f"    {n},\n"
    out += ")\n\n"
    out += "#: A known event: ``event.type == \"...\"`` narrows it to one class. A type this version does not\n"
    out += "#: know arrives as ``UnknownEvent`` at run time.\n"
    out += "UnwrapWebhookEvent = Union[\n"
    for e in s.events:
        out += f"    {e.cls},\n"
    out += "]\nUnsafeUnwrapWebhookEvent = UnwrapWebhookEvent\n\n"
    out += "#: Every known type string and the class of its events.\n"
    out += "EVENT_CLASSES: dict[str, type[BaseWebhookEvent]] = {\n"
    for e in s.events:
        out += f'    "{e.type}": {e.cls},\n'
    out += "}\n\n"
    out += "__all__ = [\n"
    for n in sorted(names + ["UnwrapWebhookEvent", "UnsafeUnwrapWebhookEvent", "EVENT_CLASSES"], key=str.lower):
        out += f'    "{n}",\n'
    out += "]\n"
    return out


# --------------------------------------------------------------------------------------------
# uniffi (Kotlin, Swift): bindings/uniffi/src/event_types.rs


def uniffi_type(f: Field) -> str:
    base = {"string": "String", "number": "f64", "boolean": "bool", "object": "String"}.get(f.item, f.item)
    if f.is_array:
        base = f"Vec<{base}>"
    return base if f.required else f"Option<{base}>"


def gen_uniffi(s: Schema) -> str:
    out = header("//")
    out += (
        "// Included by event.rs, which defines `mirror!` and the conversions: one uniffi record per\n"
        "// schema object (Kotlin and Swift see camelCase names; JSON `type` is `kind`), numbers as\n"
        "// `Double`, free-form JSON objects as JSON text.\n\n"
    )
    for o in s.objects.values():
        out += f"mirror!(\n    /// {o.doc}\n    {o.name} {{\n"
        for f in o.fields:
            note = "" if f.required else " Optional."
            out += f"        /// {f.doc}{note} (JSON `{f.name}`)\n        {rust_field(f)}: {uniffi_type(f)},\n"
        out += "    }\n);\n\n"
    out += "/// The typed part of an event: one case per known ImageKit type, plus `Unknown` (read\n"
    out += "/// `WebhookEvent.raw`). Cases carry the event's top-level members besides the envelope.\n"
    out += "#[derive(Clone, Debug, PartialEq, uniffi::Enum)]\npub enum EventPayload {\n"
    for e in s.events:
        out += f"    /// `{e.type}`: {e.doc}\n    {e.name} {{\n"
        for f in e.fields:
            out += f"        /// {f.doc}\n        {rust_field(f)}: {uniffi_type(f)},\n"
        out += "    },\n"
    out += "    /// A type this version does not know: read `WebhookEvent.raw`.\n    Unknown,\n}\n\n"
    out += "fn payload(data: hs::EventData) -> EventPayload {\n    match data {\n"
    for e in s.events:
        inner = ", ".join(f"{rust_field(f)}: p.{rust_field(f)}.ffi()" for f in e.fields)
        out += f"        hs::EventData::{e.name}(p) => EventPayload::{e.name} {{ {inner} }},\n"
    out += "        // `Unknown`, and any type a newer core adds before this glue maps it: the raw JSON\n"
    out += "        // stays reachable either way.\n        _ => EventPayload::Unknown,\n    }\n}\n"
    return out


# --------------------------------------------------------------------------------------------
# TypeScript: node/lib/events.d.ts


def ts_type(f: Field) -> str:
    if f.item == "string" and f.values:
        base = " | ".join(f"'{v}'" for v in f.values) + " | (string & {})"
        if f.is_array:
            base = f"({base})"
    else:
        base = {
            "string": "string",
            "number": "number",
            "boolean": "boolean",
            "object": "Record<string, unknown>",
            "date-time": "string",
        }.get(f.item, f.item)
    if f.is_array:
        base = f"Array<{base}>"
    if f.nullable:
        base += " | null"
    return base


def ts_members(fields: list[Field], overrides: dict[str, str] | None = None) -> str:
    out = ""
    for f in fields:
        t = (overrides or {}).get(f.name) or ts_type(f)
        out += f"  /** {f.doc} */\n  {ts_key(f.name)}{'' if f.required else '?'}: {t};\n"
    return out


def gen_ts(s: Schema) -> str:
    out = header("//")
    out += (
        "// ImageKit webhook events as sent (JSON names), a union discriminated by `type`. The core\n"
        "// refuses (`invalid_payload`) a known event whose body does not match these types, so a\n"
        "// field typed as present is there. Extra members ImageKit adds later are kept.\n\n"
    )
    for o in s.objects.values():
        out += f"/** {o.doc} */\nexport interface {o.name} {{\n{ts_members(o.fields)}}}\n\n"
    for e in s.events:
        out += f"/** `{e.type}`: {e.doc} */\nexport interface {e.cls} {{\n"
        out += ts_members(s.envelope, {"type": f"'{e.type}'"})
        out += ts_members(e.fields)
        out += "}\n\n"
    out += "/** Every event type this version knows. */\nexport type KnownEventType =\n"
    out += "\n".join(f"  | '{e.type}'" for e in s.events) + ";\n\n"
    out += (
        "/**\n"
        " * The `type` of an event this version does not know. At runtime it is the plain string sent; the\n"
        " * type is a template literal pattern that no known type matches, so `switch (event.type)` still\n"
        " * narrows every known member (a plain `string` would be kept in every `case` and hide their\n"
        " * fields). Use it as a string; compare it with `String(event.type) === 'some.new.type'`.\n"
        " */\n"
        "export type UnknownEventType = `${string}\\u0000unknown`;\n\n"
        "/** An event type this version does not know yet: never an error, the JSON is kept as sent. */\n"
        "export interface UnknownEvent {\n"
        "  type: UnknownEventType;\n"
        "  id?: string;\n"
        "  created_at?: string;\n"
        "  data?: unknown;\n"
        "  [key: string]: unknown;\n"
        "}\n\n"
    )
    out += "/** A known event. */\nexport type KnownEvent =\n"
    out += "\n".join(f"  | {e.cls}" for e in s.events) + ";\n\n"
    out += "/** What `unwrap` returns: a known event, narrowed by `switch (event.type)`, or an unknown one. */\n"
    out += "export type UnwrapWebhookEvent = KnownEvent | UnknownEvent;\n\n"
    out += "/** What `unsafeUnwrap` returns (the same union). */\nexport type UnsafeUnwrapWebhookEvent = UnwrapWebhookEvent;\n"
    return out


# --------------------------------------------------------------------------------------------
# Go: go/events.go (package hookseal) and go/imagekit/events.go (ImageKit's names for them)

GO_HEADER = f"// Code generated by {GENERATOR} from {SOURCE}. DO NOT EDIT.\n"


def go_type(f: Field) -> str:
    base = {
        "string": "string",
        "number": "float64",
        "boolean": "bool",
        "object": "map[string]any",
        "date-time": "time.Time",
    }.get(f.item, f.item)
    return f"[]{base}" if f.is_array else base


def go_comment(doc: str) -> str:
    return doc.replace("`", "")


def go_struct(name: str, doc: str, fields: list[Field]) -> str:
    out = f"// {name}: {go_comment(doc)}\ntype {name} struct {{\n"
    for f in fields:
        opt = "" if f.required else " Optional: the zero value when absent."
        out += f"\t// {go_comment(f.doc)}{opt}\n\t{go_name(f.name)} {go_type(f)} `json:\"{f.name}\"`\n"
    out += "}\n\n"
    out += "// UnmarshalJSON reads the members by their exact JSON names (encoding/json alone matches any case).\n"
    out += f"func (v *{name}) UnmarshalJSON(b []byte) error {{\n"
    out += "\tm, err := members(b)\n\tif err != nil {\n\t\treturn err\n\t}\n"
    out += "\treturn decode(m,\n"
    for f in fields:
        out += f"\t\tfield{{\"{f.name}\", &v.{go_name(f.name)}}},\n"
    out += "\t)\n}\n\n"
    return out


def gen_go(s: Schema) -> str:
    out = GO_HEADER + "\n"
    out += "package hookseal\n\nimport \"time\"\n\n"
    out += "// EventTypes lists every event type this version knows, in the schema's order.\n"
    out += "var EventTypes = []string{\n" + "".join(f'\t"{e.type}",\n' for e in s.events) + "}\n\n"
    for o in s.objects.values():
        out += go_struct(o.name, o.doc, o.fields)
    for e in s.events:
        out += go_struct(e.cls, f"`{e.type}`: {e.doc}", s.envelope + e.fields)
    out += "// decodeKnown decodes the body of a known type into its event struct; ok is false for an unknown type.\n"
    out += "func decodeKnown(eventType string, body []byte) (any, bool, error) {\n"
    out += "\tswitch eventType {\n"
    for e in s.events:
        out += f'\tcase "{e.type}":\n\t\tvar p {e.cls}\n\t\terr := p.UnmarshalJSON(body)\n\t\treturn p, true, err\n'
    out += "\t}\n\treturn nil, false, nil\n}\n\n"
    for e in s.events:
        out += (
            f"// As{e.cls} is the event as a `{e.type}` event; the zero value for any other type.\n"
            f"func (e *Event) As{e.cls}() {e.cls} {{\n"
            f"\tp, _ := e.payload.({e.cls})\n\treturn p\n}}\n\n"
        )
    return out.rstrip() + "\n"


def gen_go_imagekit(s: Schema) -> str:
    out = GO_HEADER + "\n"
    out += "package imagekit\n\nimport \"github.com/hookseal/hookseal/go\"\n\n"
    out += "// The event types under the names ImageKit's Go SDK gives them.\ntype (\n"
    for e in s.events:
        out += f"\t{e.cls} = hookseal.{e.cls}\n"
    for o in s.objects.values():
        out += f"\t{o.name} = hookseal.{o.name}\n"
    out += ")\n"
    return out


def gen_ts_parity(s: Schema) -> str:
    """A file `tsc --strict` must accept: every interface has exactly the schema's members, each
    optional exactly where the schema says, and narrowing on `type` reaches each event's class."""
    out = header("//")
    out += (
        "// Compiled by test/package.test.mjs with `tsc --strict`: the published types against the schema.\n"
        "import type * as H from 'hookseal';\n\n"
        "/** `true` when member `K` of `T` may be left out. */\n"
        "type Optional<T, K extends keyof T> = {} extends Pick<T, K> ? true : false;\n\n"
    )

    def exact(name: str, fields: list[Field]) -> str:
        keys = ", ".join(f"{ts_key(f.name)}: {'false' if f.required else 'true'}" for f in fields)
        o = f"// {name}: exactly these members; `true` where optional.\n"
        o += f"export const {name}_members: {{ [K in keyof H.{name}]-?: Optional<H.{name}, K> }} = {{ {keys} }};\n"
        return o

    for o in s.objects.values():
        out += exact(o.name, o.fields)
    for e in s.events:
        out += exact(e.cls, s.envelope + e.fields)
    out += "\nexport function narrows(e: H.UnwrapWebhookEvent): string {\n  switch (e.type) {\n"
    for e in s.events:
        out += f"    case '{e.type}': {{\n      const x: H.{e.cls} = e;\n      return x.id;\n    }}\n"
    out += "    default:\n      return String(e.type);\n  }\n}\n"
    return out


# --------------------------------------------------------------------------------------------
# Ruby: the magnus classes (bindings/ruby/src/event_classes.rs) and their RBS (ruby/sig/)

RB_MODULE = "Hookseal::Events"


def rb_conv(f: Field) -> str:
    # Strings with a fixed set of values read as Symbols, as ImageKit's Ruby SDK reads enums.
    if f.values and not f.is_array:
        return "sym" if f.required else "opt_sym"
    return "req" if f.required else "opt"


def rb_mirror_type(f: Field) -> str:
    """The mirror's field type: the core's, with every nested object behind an `Arc` (readers
    share it instead of copying the subtree)."""
    if f.item in SCALARS:
        base = {
            "string": "String",
            "number": "serde_json::Number",
            "boolean": "bool",
            "object": "serde_json::Map<String, serde_json::Value>",
        }[f.item]
        if f.is_array:
            base = f"Vec<{base}>"
        return base if f.required else f"Option<{base}>"
    base = f"Arc<M{f.item}>"
    if f.is_array:
        base = f"Vec<{base}>"
    return base if f.required else f"Option<{base}>"


def rb_mirror_move(f: Field) -> str:
    """The conversion of core field `c.<f>` into the mirror's (a move; nested objects into `Arc`s)."""
    name = f"c.{rust_field(f)}"
    if f.item in SCALARS:
        return name
    one = f"Arc::new(M{f.item}::from(x))"
    if f.is_array:
        each = f"into_iter().map(|x| {one}).collect()"
        return f"{name}.{each}" if f.required else f"{name}.map(|v| v.{each})"
    return f"Arc::new(M{f.item}::from({name}))" if f.required else f"{name}.map(|x| {one})"


def rb_mirror(name: str, core: str, fields: list[Field]) -> str:
    out = f"/// `{core}` with its nested objects shared (`Arc`), as the Ruby objects read it.\n"
    out += "#[derive(serde::Serialize)]\n"
    out += f"pub struct M{name} {{\n"
    for f in fields:
        attrs = f'rename = {rust_str(f.name)}'
        if not f.required:
            attrs += ', skip_serializing_if = "Option::is_none"'
        out += f"    #[serde({attrs})]\n    {rust_field(f)}: {rb_mirror_type(f)},\n"
    out += "}\n\n"
    out += f"impl From<{core}> for M{name} {{\n    fn from(c: {core}) -> Self {{\n        M{name} {{\n"
    for f in fields:
        out += f"            {rust_field(f)}: {rb_mirror_move(f)},\n"
    out += "        }\n    }\n}\n\n"
    return out


def gen_ruby_rs(s: Schema) -> str:
    out = header("//")
    out += (
        "// Included by events.rs, which defines the macros: one Ruby class per schema object, one\n"
        "// event class per event type, each over a mirror of the core's struct whose nested objects\n"
        "// are shared. `req` fields are always there; `opt` ones may be nil.\n\n"
    )
    for o in s.objects.values():
        out += rb_mirror(o.name, f"hookseal::{o.name}", o.fields)
        out += f'rb_struct!(Rb{o.name} = "{o.name}" at "{RB_MODULE}::{o.name}" wraps M{o.name} {{\n'
        for f in o.fields:
            out += f'    "{snake(f.name)}" {rust_field(f)}: {rb_conv(f)},\n'
        out += "});\n\n"
    for e in s.events:
        out += rb_mirror(e.cls, f"hookseal::{e.cls}", e.fields)
    out += "\n/// An event: its envelope and, for a known type, its typed payload. Each variant is its own\n"
    out += "/// Ruby class, a subclass of `BaseWebhookEvent`.\n"
    out += "/// (`DataTypeFunctions`, which marks the body it keeps, is in events.rs.)\n"
    out += f'#[derive(magnus::TypedData)]\n#[magnus(class = "{RB_MODULE}::BaseWebhookEvent", free_immediately, size, mark)]\n'
    out += "pub enum RbEvent {\n"
    for e in s.events:
        out += f'    #[magnus(class = "{RB_MODULE}::{e.cls}")]\n    {e.name}(Typed<M{e.cls}>),\n'
    out += f'    #[magnus(class = "{RB_MODULE}::UnknownEvent")]\n    Unknown(Envelope),\n}}\n\n'
    out += "impl RbEvent {\n    fn envelope(&self) -> &Envelope {\n        match self {\n"
    for e in s.events:
        out += f"            RbEvent::{e.name}(t) => &t.env,\n"
    out += "            RbEvent::Unknown(env) => env,\n        }\n    }\n}\n\n"
    out += "/// The Ruby object of an event on top of its envelope.\n"
    out += "fn typed_event(env: Envelope, data: EventData) -> RbEvent {\n    match data {\n"
    for e in s.events:
        out += f"        EventData::{e.name}(p) => RbEvent::{e.name}(Typed {{ env, p: p.into() }}),\n"
    out += "        // `Unknown`, and any variant a later core adds before this binding maps it.\n"
    out += "        _ => RbEvent::Unknown(env),\n    }\n}\n\n"
    out += "/// Define every payload class and event class under `events`.\n"
    out += "fn register_generated(ruby: &Ruby, events: RModule, base: RClass) -> Result<(), Error> {\n"
    for o in s.objects.values():
        out += f"    Rb{o.name}::define(ruby, events)?;\n"
    for e in s.events:
        out += f'    let class = events.define_class("{e.cls}", base)?;\n'
        out += f"    rb_event_fields!(class, {e.name} {{\n"
        for f in e.fields:
            out += f'        "{snake(f.name)}" {rust_field(f)}: {rb_conv(f)},\n'
        out += "    });\n"
    out += "    Ok(())\n}\n"
    return out


def rbs_type(f: Field) -> str:
    if f.values:
        base = "Symbol"
    else:
        base = {
            "string": "String",
            "number": "(Integer | Float)",
            "boolean": "bool",
            "object": "Hash[Symbol, untyped]",
        }.get(f.item, f.item)
    t = f"Array[{base}]" if f.is_array else base
    if f.required:
        return t
    return f"{t}?" if not t.startswith("(") else f"{t}?"


def gen_rbs(s: Schema) -> str:
    out = header("#")
    out += "# The event classes of `hookseal`; the rest of the API is in sig/hookseal.rbs.\n"
    out += "module Hookseal\n  module Events\n"
    for o in s.objects.values():
        out += f"    # {o.doc}\n    class {o.name}\n"
        for f in o.fields:
            out += f"      # {f.doc}\n      def {snake(f.name)}: () -> {rbs_type(f)}\n"
        out += "      def to_h: () -> Hash[Symbol, untyped]\n    end\n\n"
    out += (
        "    # What every event has: the envelope, the body as sent, what verified it.\n"
        "    class BaseWebhookEvent\n"
        "      def id: () -> String?\n"
        "      def type: () -> Symbol\n"
        "      def created_at: () -> Time?\n"
        "      def created_at_raw: () -> String?\n"
        "      def to_h: () -> Hash[Symbol, untyped]\n"
        "      def raw_json: () -> String\n"
        "      def verified: () -> Verified?\n"
        "    end\n\n"
        "    # An event whose type this version does not know: `data` and `request` are plain JSON.\n"
        "    class UnknownEvent < BaseWebhookEvent\n"
        "      def data: () -> untyped\n"
        "      def request: () -> untyped\n"
        "    end\n\n"
    )
    for e in s.events:
        out += f"    # `{e.type}`: {e.doc}\n    class {e.cls} < BaseWebhookEvent\n"
        out += "      def id: () -> String\n      def created_at: () -> Time\n"
        for f in e.fields:
            out += f"      # {f.doc}\n      def {snake(f.name)}: () -> {rbs_type(f)}\n"
        out += "    end\n\n"
    union = " | ".join([e.cls for e in s.events] + ["UnknownEvent"])
    out += f"    type unwrap_webhook_event = {union}\n  end\nend\n"
    return out


# --------------------------------------------------------------------------------------------
# Java: the ImageKit Java SDK's model classes (kotlin/src/main/java/dev/hookseal/imagekit/models/webhooks)

JAVA_PKG = "dev.hookseal.imagekit.models.webhooks"
JAVA_DIR = "kotlin/src/main/java/dev/hookseal/imagekit/models/webhooks"


def lower_camel(snake_name: str) -> str:
    parts = snake_name.split("_")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def java_accessor(f: Field) -> str:
    """The SDK's accessor: camelCase of the JSON name, no `get` prefix (`fileId()`, `aiTags()`)."""
    return lower_camel(snake(f.name))


def kotlin_getter(f: Field) -> str:
    """The JVM getter of the uniffi record's property (`isPrivateFile` keeps its name)."""
    prop = lower_camel(rust_field(f))
    if re.match(r"is[A-Z]", prop):
        return prop
    return "get" + prop[:1].upper() + prop[1:]


def kotlin_class(name: str) -> str:
    """The uniffi record's Kotlin class: upper camel case of the Rust name (`AITag` -> `AiTag`)."""
    return "".join(p[:1].upper() + p[1:] for p in snake(name).split("_"))


def java_scalar(t: str) -> str:
    return {"string": "String", "number": "Double", "boolean": "Boolean", "object": "Map<String, Object>"}.get(t, t)


def java_type(f: Field) -> str:
    base = java_scalar(f.item)
    return f"List<{base}>" if f.is_array else base


def java_convert(f: Field, expr: str) -> str:
    """The uniffi value `expr` as the facade's value (`null` stays `null`)."""
    if f.item in ("string", "number", "boolean"):
        return expr
    if f.item == "object":
        return f"Json.object({expr})"
    if f.is_array:
        return f"Json.mapList({expr}, {f.item}::new)"
    return f"{expr} == null ? null : new {f.item}({expr})" if not f.required else f"new {f.item}({expr})"


def java_doc(doc: str, indent: str = "    ") -> str:
    text = re.sub(r"`([^`]*)`", r"{@code \1}", doc).replace("*/", "*&#47;")
    return f"{indent}/** {text} */\n"


def java_header() -> str:
    return f"// @generated by {GENERATOR} from {SOURCE}: do not edit; change the schema and rerun it.\n"


def java_fields(fields: list[Field], source: str) -> str:
    out = ""
    for f in fields:
        opt = "" if f.required else " {@code null} when absent."
        out += java_doc(f.doc + opt)
        out += f"    public {java_type(f)} {java_accessor(f)}() {{\n"
        value = f"{source}.{kotlin_getter(f)}()"
        if f.item in ("string", "number", "boolean") or f.item == "object":
            out += f"        return {java_convert(f, value)};\n    }}\n\n"
        else:
            out += f"        {'var'} v = {value};\n        return {java_convert(f, 'v')};\n    }}\n\n"
    return out


def gen_java_object(o: Obj) -> str:
    out = java_header() + f"package {JAVA_PKG};\n\n"
    out += "import dev.hookseal.imagekit.core.Json;\nimport java.util.List;\nimport java.util.Map;\n\n"
    out += java_doc(o.doc, "")
    out += f"public final class {o.name} {{\n    private final dev.hookseal.{kotlin_class(o.name)} r;\n\n"
    out += f"    {o.name}(dev.hookseal.{kotlin_class(o.name)} r) {{\n        this.r = r;\n    }}\n\n"
    out += java_fields(o.fields, "r")
    out += "    @Override\n    public String toString() {\n"
    out += f'        return "{o.name}" + r.toString().substring(r.toString().indexOf(\'(\'));\n    }}\n}}\n'
    return out


def gen_java_event(s: Schema, e: Event) -> str:
    out = java_header() + f"package {JAVA_PKG};\n\n"
    out += "import dev.hookseal.EventPayload;\nimport dev.hookseal.WebhookEvent;\nimport dev.hookseal.imagekit.core.Json;\n"
    out += "import java.time.Instant;\nimport java.time.OffsetDateTime;\nimport java.time.ZoneOffset;\nimport java.util.List;\nimport java.util.Map;\n\n"
    out += java_doc(f"`{e.type}`: {e.doc}", "")
    out += f"public final class {e.cls} {{\n    private final WebhookEvent event;\n    private final EventPayload.{e.name} p;\n\n"
    out += f"    {e.cls}(WebhookEvent event, EventPayload.{e.name} p) {{\n        this.event = event;\n        this.p = p;\n    }}\n\n"
    out += java_doc(s.envelope[0].doc) + "    public String id() {\n        return event.getId();\n    }\n\n"
    out += java_doc(s.envelope[1].doc) + f'    public String type() {{\n        return "{e.type}";\n    }}\n\n'
    out += java_doc("When the event was created, in UTC.")
    out += "    public OffsetDateTime createdAt() {\n        Long ms = event.getCreatedAtMs();\n"
    out += "        return ms == null ? null : Instant.ofEpochMilli(ms).atOffset(ZoneOffset.UTC);\n    }\n\n"
    out += java_fields(e.fields, "p")
    out += java_doc("The body exactly as received (JSON text).")
    out += "    public String rawJson() {\n        return event.getRaw();\n    }\n\n"
    out += "    @Override\n    public String toString() {\n"
    out += f'        return "{e.cls}{{id=" + id() + ", type={e.type}, createdAt=" + event.getCreatedAt() + "}}";\n    }}\n}}\n'
    return out


def gen_java_union(s: Schema) -> str:
    out = java_header() + f"package {JAVA_PKG};\n\n"
    out += "import dev.hookseal.EventPayload;\nimport dev.hookseal.WebhookEvent;\nimport java.util.Optional;\n\n"
    out += "/**\n * A verified ImageKit event, as ImageKit's Java SDK returns it: {@code isX()} says which type it is,\n"
    out += " * {@code asX()} returns it as that type (and throws for any other), {@code x()} as an\n"
    out += " * {@code Optional}; {@link #accept} visits it. A type this version does not know answers\n"
    out += " * {@code false} to every {@code isX()}: read {@link #type()} and {@link #rawJson()}.\n */\n"
    out += "public final class UnwrapWebhookEvent {\n    private final WebhookEvent event;\n\n"
    out += "    /** For the client: wraps a verified (or, from {@code unsafeUnwrap}, parsed) event. */\n"
    out += "    public static UnwrapWebhookEvent of(WebhookEvent event) {\n        return new UnwrapWebhookEvent(event);\n    }\n\n"
    out += "    private UnwrapWebhookEvent(WebhookEvent event) {\n        this.event = event;\n    }\n\n"
    out += java_doc("The event id.") + "    public String id() {\n        return event.getId();\n    }\n\n"
    out += java_doc("The event type, exactly as sent.") + "    public String type() {\n        return event.getEventType();\n    }\n\n"
    out += java_doc("The body exactly as received (JSON text).") + "    public String rawJson() {\n        return event.getRaw();\n    }\n\n"
    out += java_doc("False for a type this version does not know.") + "    public boolean isKnown() {\n        return event.isKnown();\n    }\n\n"
    out += java_doc("The event as the jar's Kotlin API has it.") + "    public WebhookEvent toWebhookEvent() {\n        return event;\n    }\n\n"
    for e in s.events:
        x = e.cls[: -len("Event")] if e.cls.endswith("Event") else e.cls
        lx = x[:1].lower() + x[1:]
        out += java_doc(f"True for a `{e.type}` event.")
        out += f"    public boolean is{x}() {{\n        return event.getPayload() instanceof EventPayload.{e.name};\n    }}\n\n"
        out += java_doc(f"The event as `{e.type}`; throws {{@code IllegalStateException}} for any other type.")
        out += f"    public {e.cls} as{x}() {{\n        if (event.getPayload() instanceof EventPayload.{e.name} p) {{\n"
        out += f"            return new {e.cls}(event, p);\n        }}\n"
        out += f'        throw new IllegalStateException("not a {e.type} event: " + type());\n    }}\n\n'
        out += java_doc(f"The event as `{e.type}`, or empty.")
        out += f"    public Optional<{e.cls}> {lx}() {{\n        return is{x}() ? Optional.of(as{x}()) : Optional.empty();\n    }}\n\n"
    out += "    /** Calls the visitor's method for this event's type. */\n"
    out += "    public <T> T accept(Visitor<T> visitor) {\n"
    for e in s.events:
        x = e.cls[: -len("Event")] if e.cls.endswith("Event") else e.cls
        out += f"        if (is{x}()) {{\n            return visitor.visit{x}(as{x}());\n        }}\n"
    out += "        return visitor.unknown(this);\n    }\n\n"
    out += "    /** One method per event type, and {@link #unknown} for any type this version does not know. */\n"
    out += "    public interface Visitor<T> {\n"
    for e in s.events:
        x = e.cls[: -len("Event")] if e.cls.endswith("Event") else e.cls
        lx = x[:1].lower() + x[1:]
        out += f"        T visit{x}({e.cls} {lx});\n\n"
    out += "        /** A type this version does not know (or one the visitor does not handle). */\n"
    out += "        default T unknown(UnwrapWebhookEvent event) {\n"
    out += '            throw new IllegalStateException("unknown event type " + event.type());\n        }\n    }\n\n'
    out += "    @Override\n    public String toString() {\n"
    out += '        return "UnwrapWebhookEvent{id=" + id() + ", type=" + type() + "}";\n    }\n}\n'
    return out


def java_outputs(s: Schema) -> dict[Path, str]:
    out = {ROOT / JAVA_DIR / f"{o.name}.java": gen_java_object(o) for o in s.objects.values()}
    out.update({ROOT / JAVA_DIR / f"{e.cls}.java": gen_java_event(s, e) for e in s.events})
    out[ROOT / JAVA_DIR / "UnwrapWebhookEvent.java"] = gen_java_union(s)
    return out


# --------------------------------------------------------------------------------------------
# Driver


def rustfmt(code: str) -> str:
    """The generated Rust as `cargo fmt` leaves it, so that the check in CI stays quiet."""
    done = subprocess.run(
        ["rustfmt", "--edition", "2021", "--emit", "stdout"], input=code, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"rustfmt refused the generated code:\n{done.stderr}")
    return done.stdout


def gofmt(code: str) -> str:
    done = subprocess.run(["gofmt"], input=code, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"gofmt refused the generated code:\n{done.stderr}")
    return done.stdout


def outputs(s: Schema) -> dict[Path, str]:
    pyi = ROOT / "python/src/hookseal/_native.pyi"
    return {
        ROOT / "core/src/event_types.rs": rustfmt(gen_rust_core(s)),
        ROOT / "bindings/python/src/event_classes.rs": rustfmt(gen_python_rs(s)),
        pyi: splice_pyi(pyi.read_text(), gen_python_pyi_region(s)),
        ROOT / "python/src/hookseal/events.py": gen_python_events_py(s),
        ROOT / "bindings/uniffi/src/event_types.rs": rustfmt(gen_uniffi(s)),
        ROOT / "node/lib/events.d.ts": gen_ts(s),
        ROOT / "node/test/types/parity.ts": gen_ts_parity(s),
        ROOT / "go/events.go": gofmt(gen_go(s)),
        ROOT / "go/imagekit/events.go": gofmt(gen_go_imagekit(s)),
        ROOT / "bindings/ruby/src/event_classes.rs": rustfmt(gen_ruby_rs(s)),
        ROOT / "ruby/sig/hookseal/events.rbs": gen_rbs(s),
        **java_outputs(s),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if a generated file differs")
    args = ap.parse_args()
    schema = load()
    stale = []
    for path, text in outputs(schema).items():
        old = path.read_text() if path.exists() else None
        if old == text:
            continue
        if args.check:
            stale.append(path.relative_to(ROOT))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print("generated files differ from schema/imagekit-events.json; run python3 schema/generate.py:")
        for p in stale:
            print(f"  {p}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
