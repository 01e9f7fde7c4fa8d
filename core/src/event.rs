//! Typed ImageKit events (contract §4). The types themselves are generated from
//! `schema/imagekit-events.json` into `event_types.rs`; this file holds the rules they follow.
//!
//! - A body is an event when it is UTF-8 JSON whose top level is an object with a string `type`.
//!   Anything else is `invalid_payload`.
//! - A `type` this version does not know gives [`EventData::Unknown`]: the JSON stays reachable in
//!   [`Event::raw`], so a new ImageKit event never breaks a receiver.
//! - A known type must match its schema, so that every language can type a field ImageKit always
//!   sends as present: the envelope's `id` is a string and `created_at` an RFC 3339 date-time
//!   (year 1 or later); each member the schema lists has its JSON type (a number is any JSON
//!   number); a required member is present and not `null`; an optional one may be absent, and
//!   `null` only where the schema says `nullable`. Members the schema does not list are ignored
//!   (and kept in `raw`); when a key repeats, its last value counts, as in every JSON parser the
//!   bindings use. A body that breaks a rule is `invalid_payload`, and the message names the
//!   member's path.

use std::fmt::{self, Write as _};

use serde_json::{Map, Number, Value};

use crate::error::{Error, ErrorKind, Result};
use crate::json_check::{self, Typed};

pub use crate::event_types::*;

/// How a known event's body differs from its schema: the path of the member, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mismatch {
    /// Innermost first while the error travels up; read reversed.
    path: Vec<Segment>,
    problem: Problem,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Segment {
    Key(&'static str),
    Index(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Problem {
    Missing,
    Null,
    /// The JSON type found, and the one expected.
    Type(&'static str, &'static str),
    NotDateTime,
}

impl Mismatch {
    fn new(problem: Problem) -> Self {
        Mismatch {
            path: Vec::new(),
            problem,
        }
    }

    fn at(mut self, key: &'static str) -> Self {
        self.path.push(Segment::Key(key));
        self
    }

    fn at_index(mut self, i: usize) -> Self {
        self.path.push(Segment::Index(i));
        self
    }

    fn into_error(self, t: EventType) -> Error {
        let mut path = String::new();
        for seg in self.path.iter().rev() {
            match seg {
                Segment::Key(k) if path.is_empty() => path.push_str(k),
                Segment::Key(k) => {
                    path.push('.');
                    path.push_str(k);
                }
                Segment::Index(i) => {
                    let _ = write!(path, "[{i}]");
                }
            }
        }
        let what = match self.problem {
            Problem::Missing => "is missing".to_owned(),
            Problem::Null => "is null".to_owned(),
            Problem::Type(found, expected) => format!("is {found}, not {expected}"),
            Problem::NotDateTime => "is not an RFC 3339 date-time".to_owned(),
        };
        Error::new(
            ErrorKind::InvalidPayload,
            format!("the body is not a valid `{t}` event: `{path}` {what}"),
        )
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn wrong(v: &Value, expected: &'static str) -> Mismatch {
    Mismatch::new(Problem::Type(json_kind(v), expected))
}

/// Strict conversion from parsed JSON (by reference: no subtree is copied on the way, which made
/// `unwrap` of large events several times slower). The generated structs implement it.
pub(crate) trait FromJson: Sized {
    fn from_json(v: &Value) -> std::result::Result<Self, Mismatch>;
}

impl FromJson for String {
    fn from_json(v: &Value) -> std::result::Result<Self, Mismatch> {
        v.as_str()
            .map(str::to_owned)
            .ok_or_else(|| wrong(v, "a string"))
    }
}

impl FromJson for bool {
    fn from_json(v: &Value) -> std::result::Result<Self, Mismatch> {
        v.as_bool().ok_or_else(|| wrong(v, "a boolean"))
    }
}

impl FromJson for Number {
    fn from_json(v: &Value) -> std::result::Result<Self, Mismatch> {
        match v {
            Value::Number(n) => Ok(n.clone()),
            _ => Err(wrong(v, "a number")),
        }
    }
}

impl FromJson for Map<String, Value> {
    fn from_json(v: &Value) -> std::result::Result<Self, Mismatch> {
        v.as_object().cloned().ok_or_else(|| wrong(v, "an object"))
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Value) -> std::result::Result<Self, Mismatch> {
        let items = v.as_array().ok_or_else(|| wrong(v, "an array"))?;
        items
            .iter()
            .enumerate()
            .map(|(i, x)| T::from_json(x).map_err(|m| m.at_index(i)))
            .collect()
    }
}

/// The members of an object, or the mismatch of a value that is not one.
pub(crate) fn object_of(v: &Value) -> std::result::Result<&Map<String, Value>, Mismatch> {
    v.as_object().ok_or_else(|| wrong(v, "an object"))
}

/// A member the schema requires (`v`: its value, if the object has it): present, not `null`,
/// of its type.
pub(crate) fn required<T: FromJson>(
    v: Option<&Value>,
    key: &'static str,
) -> std::result::Result<T, Mismatch> {
    match v {
        None => Err(Mismatch::new(Problem::Missing).at(key)),
        Some(Value::Null) => Err(Mismatch::new(Problem::Null).at(key)),
        Some(v) => T::from_json(v).map_err(|m| m.at(key)),
    }
}

/// An optional member: absent, or of its type (`null` is refused).
pub(crate) fn optional<T: FromJson>(
    v: Option<&Value>,
    key: &'static str,
) -> std::result::Result<Option<T>, Mismatch> {
    match v {
        None => Ok(None),
        Some(Value::Null) => Err(Mismatch::new(Problem::Null).at(key)),
        Some(v) => T::from_json(v).map(Some).map_err(|m| m.at(key)),
    }
}

/// An optional member that may also be `null` (which reads as absent).
pub(crate) fn nullable<T: FromJson>(
    v: Option<&Value>,
    key: &'static str,
) -> std::result::Result<Option<T>, Mismatch> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(v) => T::from_json(v).map(Some).map_err(|m| m.at(key)),
    }
}

/// What a member of the schema may hold: the table [`Event::check`] validates bytes against. The
/// generated structs' [`FromJson`] follow the same table (the tests hold them to it).
#[derive(Debug)]
pub(crate) enum Kind {
    String,
    Number,
    Bool,
    /// A JSON object of any content.
    Object,
    /// A string that is an RFC 3339 date-time, year 1 or later.
    DateTime,
    Array(&'static Kind),
    Struct(&'static Shape),
}

/// An object of the schema: its members, the index of a member by its JSON name, and bit `k` set
/// for each required member `k`.
#[derive(Debug)]
pub(crate) struct Shape {
    pub(crate) members: &'static [Member],
    pub(crate) index: fn(&[u8]) -> Option<usize>,
    pub(crate) required: u64,
}

/// One member of an object in the schema.
#[derive(Debug)]
pub(crate) struct Member {
    pub(crate) name: &'static str,
    pub(crate) kind: Kind,
    pub(crate) presence: Presence,
}

/// Whether a member may be absent, and whether it may be `null`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Presence {
    Required,
    Optional,
    Nullable,
}

/// The members of `o` against the schema's `members`: the first that breaks a rule.
fn members(o: &Map<String, Value>, members: &[Member]) -> std::result::Result<(), Mismatch> {
    for m in members {
        match o.get(m.name) {
            None if m.presence == Presence::Required => {
                return Err(Mismatch::new(Problem::Missing).at(m.name))
            }
            Some(Value::Null) if m.presence != Presence::Nullable => {
                return Err(Mismatch::new(Problem::Null).at(m.name))
            }
            None | Some(Value::Null) => {}
            Some(v) => of_kind(v, &m.kind).map_err(|e| e.at(m.name))?,
        }
    }
    Ok(())
}

/// Whether `o` follows `shape` (the rules of [`members`]), looking each of its members up by name
/// once instead of each of the schema's members in it.
fn struct_matches(o: &Map<String, Value>, shape: &Shape) -> bool {
    let mut seen = 0u64;
    for (k, v) in o {
        let Some(i) = (shape.index)(k.as_bytes()) else {
            continue;
        };
        let m = &shape.members[i];
        seen |= 1 << i;
        let ok = match v {
            Value::Null => m.presence == Presence::Nullable,
            v => of_kind(v, &m.kind).is_ok(),
        };
        if !ok {
            return false;
        }
    }
    shape.required & !seen == 0
}

fn of_kind(v: &Value, kind: &Kind) -> std::result::Result<(), Mismatch> {
    match (kind, v) {
        (Kind::String, Value::String(_))
        | (Kind::Number, Value::Number(_))
        | (Kind::Bool, Value::Bool(_))
        | (Kind::Object, Value::Object(_)) => Ok(()),
        (Kind::DateTime, Value::String(s)) => date_time_ms(s)
            .map(|_| ())
            .ok_or_else(|| Mismatch::new(Problem::NotDateTime)),
        (Kind::Array(item), Value::Array(items)) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, x)| of_kind(x, item).map_err(|e| e.at_index(i))),
        // One pass over the object's own members decides; only a refused object is walked in
        // the schema's order, which names its first broken member.
        (Kind::Struct(shape), Value::Object(o)) if struct_matches(o, shape) => Ok(()),
        (Kind::Struct(shape), Value::Object(o)) => members(o, shape.members),
        (Kind::String | Kind::DateTime, _) => Err(wrong(v, "a string")),
        (Kind::Number, _) => Err(wrong(v, "a number")),
        (Kind::Bool, _) => Err(wrong(v, "a boolean")),
        (Kind::Object | Kind::Struct(_), _) => Err(wrong(v, "an object")),
        (Kind::Array(_), _) => Err(wrong(v, "an array")),
    }
}

/// Unix milliseconds of 0001-01-01T00:00:00Z: every language's date type reaches back this far.
const YEAR_ONE_MS: i64 = -62_135_596_800_000;

/// `created_at`-style values: RFC 3339, in unix milliseconds, year 1 or later.
pub(crate) fn date_time_ms(s: &str) -> Option<i64> {
    parse_rfc3339_ms(s).filter(|&ms| ms >= YEAR_ONE_MS)
}

/// A parsed ImageKit event: the envelope, the typed payload and the whole JSON.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Event {
    /// `id`: always there for a known type; for an unknown one `None` if absent or not a string.
    pub id: Option<String>,
    /// `type`, exactly as sent.
    pub event_type: String,
    /// `created_at` as sent: always there for a known type.
    pub created_at: Option<String>,
    /// `created_at` as unix milliseconds: always there for a known type; for an unknown one when
    /// it is an RFC 3339 date-time of year 1 or later.
    pub created_at_ms: Option<i64>,
    /// The typed payload.
    pub data: EventData,
    /// The whole JSON object as sent (extra fields included).
    pub raw: Map<String, Value>,
}

impl Event {
    /// Parse a body (no verification: see `Verifier::unwrap` for the safe path).
    ///
    /// Fails with `invalid_payload` unless the body is UTF-8 JSON whose top level is an object
    /// with a string `type`, and, for a known type, matches its schema (see the module docs).
    pub fn parse(body: &[u8]) -> Result<Event> {
        Self::from_value(json_value(body)?)
    }

    /// Check that `body` is an event, with exactly the rules of [`Event::parse`], without building
    /// anything: one pass validates the JSON, finds `type` and checks the members a known type's
    /// schema lists. Only a refused (or unusual) body pays for a full parse, which words the error.
    pub fn check(body: &[u8]) -> Result<()> {
        if json_check::typed(body) == Typed::Match {
            return Ok(());
        }
        // Not the typed conversion: a binding that only checks does not carry it.
        Self::validate(&json_value(body)?).map(|_| ())
    }

    /// The rules of the module docs on a parsed value: the known type, if any.
    fn validate(value: &Value) -> Result<Option<EventType>> {
        let known = EventType::from_name(envelope_type(value)?);
        if let (Some(t), Value::Object(obj)) = (known, value) {
            members(obj, ENVELOPE)
                .and_then(|()| members(obj, t.members()))
                .map_err(|m| m.into_error(t))?;
        }
        Ok(known)
    }

    /// Build an event from an already parsed JSON value (same rules as [`Event::parse`]).
    pub fn from_value(value: Value) -> Result<Event> {
        let known = EventType::from_name(envelope_type(&value)?);
        let Value::Object(obj) = &value else {
            return Err(not_object());
        };
        let data = match known {
            Some(t) => {
                members(obj, ENVELOPE).map_err(|m| m.into_error(t))?;
                // The typed conversion follows the same rules as the check (the tests hold the
                // two to one rule), so it decides alone; only a refusal runs the check, whose
                // walk in schema order names the first broken member.
                match EventData::from_object(&value, t) {
                    Ok(data) => data,
                    Err(m) => {
                        Self::validate(&value)?;
                        return Err(m.into_error(t));
                    }
                }
            }
            None => EventData::Unknown,
        };
        let event_type = envelope_type(&value)?.to_owned();
        let str_field = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_owned);
        let (id, created_at) = (str_field("id"), str_field("created_at"));
        let created_at_ms = created_at.as_deref().and_then(date_time_ms);
        let Value::Object(raw) = value else {
            return Err(not_object());
        };
        Ok(Event {
            id,
            event_type,
            created_at,
            created_at_ms,
            data,
            raw,
        })
    }

    /// The known type, or `None` for an unknown one.
    pub fn known_type(&self) -> Option<EventType> {
        EventType::from_name(&self.event_type)
    }

    /// True unless the type is unknown to this version.
    pub fn is_known(&self) -> bool {
        !matches!(self.data, EventData::Unknown)
    }

    /// The typed payload serialized back to JSON (JSON names, only the members the schema
    /// lists); `None` for an unknown type.
    pub fn typed_value(&self) -> Option<Value> {
        self.data.to_value()
    }

    /// The JSON as a value (a copy of [`Event::raw`]).
    pub fn to_value(&self) -> Value {
        Value::Object(self.raw.clone())
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn json_value(body: &[u8]) -> Result<Value> {
    serde_json::from_slice(body).map_err(|e| not_json(&e))
}

fn not_json(e: &serde_json::Error) -> Error {
    Error::new(
        ErrorKind::InvalidPayload,
        format!("the body is not valid JSON: {e}"),
    )
}

fn no_type() -> Error {
    Error::new(ErrorKind::InvalidPayload, "the event has no `type`")
}

fn type_not_string() -> Error {
    Error::new(
        ErrorKind::InvalidPayload,
        "the event's `type` is not a string",
    )
}

fn not_object() -> Error {
    Error::new(
        ErrorKind::InvalidPayload,
        "the body is JSON but not an object",
    )
}

/// The envelope rule: a JSON object with a string `type`.
fn envelope_type(value: &Value) -> Result<&str> {
    let Value::Object(obj) = value else {
        return Err(not_object());
    };
    match obj.get("type") {
        Some(Value::String(t)) => Ok(t),
        Some(_) => Err(type_not_string()),
        None => Err(no_type()),
    }
}

/// Parse an RFC 3339 date-time (`2022-06-20T11:59:58.461Z`, offsets, optional fraction) into
/// unix milliseconds (fraction below a millisecond truncated). `None` if it does not parse.
#[allow(clippy::many_single_char_names)]
pub fn parse_rfc3339_ms(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(r)?;
        if part.iter().all(u8::is_ascii_digit) {
            Some(part.iter().fold(0i64, |a, d| a * 10 + i64::from(d - b'0')))
        } else {
            None
        }
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut i = 19;
    let mut millis = 0i64;
    if b[i] == b'.' {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
        for k in 0..3 {
            let d = if start + k < i {
                i64::from(b[start + k] - b'0')
            } else {
                0
            };
            millis = millis * 10 + d;
        }
    }
    let offset_min = match b.get(i..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let digits = [*h1, *h2, *m1, *m2];
            if !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let h = i64::from(h1 - b'0') * 10 + i64::from(h2 - b'0');
            let m = i64::from(m1 - b'0') * 10 + i64::from(m2 - b'0');
            if h > 23 || m > 59 {
                return None;
            }
            if *sign == b'+' {
                h * 60 + m
            } else {
                -(h * 60 + m)
            }
        }
        _ => return None,
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month[(month - 1) as usize]
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_min * 60;
    Some(secs * 1000 + millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339() {
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_rfc3339_ms("2019-12-27T18:11:19.117Z"),
            Some(1_577_470_279_117)
        );
        assert_eq!(
            parse_rfc3339_ms("2019-12-27T23:41:19.117999+05:30"),
            Some(1_577_470_279_117)
        );
        assert_eq!(parse_rfc3339_ms("2019-12-27T18:11:19"), None);
        assert_eq!(parse_rfc3339_ms("yesterday"), None);
        assert_eq!(parse_rfc3339_ms("2019-02-29T00:00:00Z"), None);
        assert_eq!(
            parse_rfc3339_ms("2020-02-29T00:00:00Z"),
            Some(1_582_934_400_000)
        );
        assert_eq!(parse_rfc3339_ms("2019-12-27T18:11:19.Z"), None);
        // Year 0 parses, but is not a date-time every language can hold.
        assert!(parse_rfc3339_ms("0000-12-31T23:59:59Z").is_some());
        assert_eq!(date_time_ms("0000-12-31T23:59:59Z"), None);
        assert_eq!(date_time_ms("0001-01-01T00:00:00Z"), Some(YEAR_ONE_MS));
    }

    const ENV: &str = r#""id":"e1","created_at":"2024-05-20T10:00:00.000Z""#;

    fn body(ty: &str, rest: &str) -> Vec<u8> {
        format!(r#"{{"type":"{ty}",{ENV}{rest}}}"#).into_bytes()
    }

    fn message(b: &[u8]) -> std::result::Result<(), String> {
        Event::parse(b).map(|_| ()).map_err(|e| {
            assert_eq!(e.kind(), ErrorKind::InvalidPayload);
            e.message().to_owned()
        })
    }

    /// The rules of the module docs, one case each; `check` must agree with `parse` on all.
    #[test]
    fn known_types_follow_their_schema() {
        let deleted = |data: &str| body("file.deleted", &format!(r#","data":{data}"#));
        let accepted = |data: &str| {
            body(
                "video.transformation.accepted",
                &format!(r#","request":{{"url":"u","x_request_id":"r"}},"data":{data}"#),
            )
        };
        let ok_data = r#"{"asset":{"url":"a"},"transformation":{"type":"video-transformation"}}"#;
        let cases: Vec<(Vec<u8>, std::result::Result<(), &str>)> = vec![
            (deleted(r#"{"fileId":"f"}"#), Ok(())),
            (body("file.deleted", ""), Err("`file.deleted` event: `data` is missing")),
            (deleted(r#"{"fileId":7}"#), Err("`data.fileId` is a number, not a string")),
            (deleted(r#"{"fileId":null}"#), Err("`data.fileId` is null")),
            (deleted("[]"), Err("`data` is an array, not an object")),
            (deleted("{}"), Err("`data.fileId` is missing")),
            // Members the schema does not list are ignored; a repeated key's last value counts.
            (deleted(r#"{"fileId":"f","more":[1,{"x":null}]}"#), Ok(())),
            (deleted(r#"{"fileId":7,"fileId":"f"}"#), Ok(())),
            (deleted(r#"{"fileId":"f","fileId":7}"#), Err("`data.fileId` is a number")),
            // The envelope of a known type.
            (
                br#"{"type":"file.deleted","created_at":"2024-05-20T10:00:00Z","data":{"fileId":"f"}}"#.to_vec(),
                Err("`id` is missing"),
            ),
            (
                br#"{"type":"file.deleted","id":7,"created_at":"2024-05-20T10:00:00Z","data":{"fileId":"f"}}"#.to_vec(),
                Err("`id` is a number, not a string"),
            ),
            (
                br#"{"type":"file.deleted","id":"e","data":{"fileId":"f"}}"#.to_vec(),
                Err("`created_at` is missing"),
            ),
            (
                br#"{"type":"file.deleted","id":"e","created_at":"yesterday","data":{"fileId":"f"}}"#.to_vec(),
                Err("`created_at` is not an RFC 3339 date-time"),
            ),
            (
                br#"{"type":"file.deleted","id":"e","created_at":"0000-01-01T00:00:00Z","data":{"fileId":"f"}}"#.to_vec(),
                Err("`created_at` is not an RFC 3339 date-time"),
            ),
            // Nested paths, optional members, null only where the schema allows it.
            (accepted(ok_data), Ok(())),
            (
                accepted(r#"{"asset":{},"transformation":{"type":"video-transformation"}}"#),
                Err("`data.asset.url` is missing"),
            ),
            (
                accepted(r#"{"asset":{"url":"a"},"transformation":{"type":"video-transformation","options":null}}"#),
                Err("`data.transformation.options` is null"),
            ),
            (
                accepted(r#"{"asset":{"url":"a"},"transformation":{"type":"video-transformation","options":{"quality":"10"}}}"#),
                Err("`data.transformation.options.quality` is a string, not a number"),
            ),
            (
                accepted(r#"{"asset":{"url":"a"},"transformation":{"type":"video-transformation","options":{"variants":["a",1]}}}"#),
                Err("`data.transformation.options.variants[1]` is a number, not a string"),
            ),
            (
                body("file.created", r#","data":{"AITags":null,"tags":null,"customCoordinates":null}"#),
                Ok(()),
            ),
            (
                body("file.created", r#","data":{"name":null}"#),
                Err("`data.name` is null"),
            ),
            (
                body("file.created", r#","data":{"AITags":[{"name":1}]}"#),
                Err("`data.AITags[0].name` is a number, not a string"),
            ),
            (
                body("file.created", r#","data":{"customMetadata":[]}"#),
                Err("`data.customMetadata` is an array, not an object"),
            ),
            // A number is any JSON number (ImageKit's own sample has a fractional bitrate).
            (crate::sample_body(EventType::VideoTransformationReady).as_bytes().to_vec(), Ok(())),
        ];
        for (b, want) in cases {
            let text = String::from_utf8_lossy(&b).into_owned();
            match (message(&b), want) {
                (Ok(()), Ok(())) => {}
                (Err(got), Err(part)) => assert!(got.contains(part), "{text}: {got}"),
                (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
            }
            assert_eq!(
                Event::check(&b).map_err(|e| e.to_string()),
                Event::parse(&b).map(|_| ()).map_err(|e| e.to_string()),
                "{text}"
            );
            assert_eq!(check_tests::fast(&b), Some(message(&b).is_ok()), "{text}");
        }
    }

    #[test]
    fn unknown_types_stay_lenient() {
        let e = Event::parse(br#"{"type":"extension.completed","id":5,"created_at":"x"}"#)
            .expect("event");
        assert_eq!(
            (e.id.as_deref(), e.created_at.as_deref(), e.created_at_ms),
            (None, Some("x"), None)
        );
        assert!(!e.is_known() && e.typed_value().is_none());
        let e = Event::parse(br#"{"type":"file.deleted","id":"e","created_at":"2024-05-20T10:00:00Z","data":{"fileId":"f"}}"#)
            .expect("event");
        assert_eq!(e.id.as_deref(), Some("e"));
        assert_eq!(e.created_at_ms, Some(1_716_199_200_000));
        assert!(matches!(
            &e.data,
            EventData::FileDeleted(FileDeleteEvent { data: FileDeletedData { file_id, .. }, .. }) if file_id == "f"
        ));
    }

    #[test]
    fn not_events() {
        for body in [
            &b""[..],
            b"[]",
            b"\"x\"",
            b"{}",
            b"{\"type\":1}",
            b"{\"type\":\"a\"} x",
            b"\xff",
        ] {
            assert_eq!(
                Event::parse(body).map_err(|e| e.kind()).err(),
                Some(ErrorKind::InvalidPayload),
                "{body:?}"
            );
        }
    }

    /// The schema's tables, applied to a parsed value: what the generated conversions must
    /// accept, and what the byte-level check walks.
    fn value_matches(v: &Value, kind: &Kind) -> bool {
        match (kind, v) {
            (Kind::String, Value::String(_))
            | (Kind::Number, Value::Number(_))
            | (Kind::Bool, Value::Bool(_))
            | (Kind::Object, Value::Object(_)) => true,
            (Kind::DateTime, Value::String(s)) => date_time_ms(s).is_some(),
            (Kind::Array(k), Value::Array(items)) => items.iter().all(|x| value_matches(x, k)),
            (Kind::Struct(shape), Value::Object(o)) => members_match(o, shape.members),
            _ => false,
        }
    }

    fn members_match(o: &Map<String, Value>, members: &[Member]) -> bool {
        members.iter().all(|m| match o.get(m.name) {
            None => m.presence != Presence::Required,
            Some(Value::Null) => m.presence == Presence::Nullable,
            Some(v) => value_matches(v, &m.kind),
        })
    }

    /// Every variation of every sample: each value replaced by one of another JSON type, each
    /// member removed, each member set to null.
    fn variations() -> Vec<Value> {
        fn edits(v: &Value, out: &mut Vec<Value>, rebuild: &dyn Fn(Value) -> Value) {
            for other in [
                Value::from(7),
                Value::from("7"),
                Value::Null,
                Value::from(true),
                Value::from(vec![Value::from(1), Value::from("a")]),
                Value::Object(Map::new()),
            ] {
                if std::mem::discriminant(&other) != std::mem::discriminant(v) {
                    out.push(rebuild(other));
                }
            }
            match v {
                Value::Object(o) => {
                    for (k, x) in o {
                        let mut without = o.clone();
                        without.remove(k);
                        out.push(rebuild(Value::Object(without)));
                        edits(x, out, &|nx| {
                            let mut copy = o.clone();
                            copy.insert(k.clone(), nx);
                            rebuild(Value::Object(copy))
                        });
                    }
                }
                Value::Array(items) => {
                    for (i, x) in items.iter().enumerate() {
                        edits(x, out, &|nx| {
                            let mut copy = items.clone();
                            copy[i] = nx;
                            rebuild(Value::Array(copy))
                        });
                    }
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        for t in EventType::ALL {
            let v: Value = serde_json::from_str(crate::sample_body(t)).expect("sample");
            out.push(v.clone());
            edits(&v, &mut out, &|nv| nv);
        }
        out
    }

    /// Whether `typed` is part of `raw`: every member it has, with the same value.
    fn sent_as(typed: &Value, raw: &Value) -> bool {
        match (typed, raw) {
            (Value::Object(t), Value::Object(r)) => t
                .iter()
                .all(|(k, x)| r.get(k).is_some_and(|y| sent_as(x, y))),
            (Value::Array(t), Value::Array(r)) => {
                t.len() == r.len() && t.iter().zip(r).all(|(x, y)| sent_as(x, y))
            }
            _ => typed == raw,
        }
    }

    /// The generated conversions, the generated tables and the byte-level check are one rule.
    #[test]
    fn conversions_tables_and_check_agree() {
        let (mut accepted, mut refused) = (0, 0);
        for v in variations() {
            let by_table = match v.get("type").and_then(Value::as_str) {
                Some(name) => match (EventType::from_name(name), v.as_object()) {
                    (Some(t), Some(o)) => {
                        members_match(o, ENVELOPE) && members_match(o, t.members())
                    }
                    (None, Some(_)) => true,
                    _ => false,
                },
                None => false,
            };
            let parsed = Event::from_value(v.clone());
            assert_eq!(parsed.is_ok(), by_table, "{v}");
            let bytes = serde_json::to_vec(&v).expect("json");
            assert_eq!(check_tests::same(&bytes), by_table, "{v}");
            if let Ok(e) = parsed {
                accepted += 1;
                // What the typed structs hold is what was sent.
                if let Some(typed) = e.typed_value() {
                    assert!(sent_as(&typed, &e.to_value()), "{typed} in {v}");
                }
            } else {
                refused += 1;
            }
        }
        assert!(
            accepted > 100 && refused > 1000,
            "{accepted} accepted, {refused} refused"
        );
    }
}

/// `Event::check` (the hand-rolled scan and schema walk) against `Event::parse`, its reference:
/// the same outcome, kind and message for every body.
#[cfg(test)]
mod check_tests {
    use super::*;
    use proptest::prelude::*;

    fn outcome(r: Result<()>) -> std::result::Result<(), (ErrorKind, String)> {
        r.map_err(|e| (e.kind(), e.message().to_owned()))
    }

    fn reference(body: &[u8]) -> std::result::Result<(), (ErrorKind, String)> {
        outcome(Event::parse(body).map(|_| ()))
    }

    /// What the fast path decided on its own, without the full parse: `Some(accepted)`, or
    /// `None` when it left the body to the parse.
    pub(super) fn fast(body: &[u8]) -> Option<bool> {
        match json_check::typed(body) {
            Typed::Match => Some(true),
            Typed::Mismatch => Some(false),
            Typed::Unsure => None,
        }
    }

    /// Same acceptance, kind and message as `parse`, and the fast path, when it decides,
    /// decides as `parse` does.
    #[track_caller]
    pub(super) fn same(body: &[u8]) -> bool {
        let new = outcome(Event::check(body));
        let text = String::from_utf8_lossy(body);
        assert_eq!(new, reference(body), "{text}");
        if let Some(fast) = fast(body) {
            assert_eq!(fast, new.is_ok(), "fast path: {text}");
        }
        new.is_ok()
    }

    /// `{"type":"x","v":<value>}`
    fn member(value: &[u8]) -> Vec<u8> {
        [&br#"{"type":"x","v":"#[..], value, b"}"].concat()
    }

    /// Asserts every body agrees, and that the list has both accepted and refused bodies (so it
    /// tests the boundary, not only one side of it).
    #[track_caller]
    fn all_same(bodies: &[Vec<u8>]) {
        let accepted = bodies.iter().filter(|b| same(b)).count();
        assert!(
            accepted > 0 && accepted < bodies.len(),
            "{accepted}/{}",
            bodies.len()
        );
    }

    #[test]
    fn whitespace() {
        let mut bodies = vec![b"".to_vec(), b" ".to_vec(), b" \t\r\n".to_vec()];
        for ws in [
            " ", "\t", "\n", "\r", "\x0c", "\x0b", "\u{a0}", "\u{feff}", "\0", " \r\n\t ",
        ] {
            let event = r#"{"type":"x","a":[1,{"b":null}]}"#;
            bodies.push(format!("{ws}{event}").into_bytes());
            bodies.push(format!("{event}{ws}").into_bytes());
            bodies.push(format!(
                "{ws}{{{ws}\"type\"{ws}:{ws}\"x\"{ws},{ws}\"a\"{ws}:{ws}[{ws}1{ws},{ws}{{{ws}}}{ws},{ws}[{ws}]{ws}]{ws}}}{ws}"
            ).into_bytes());
        }
        all_same(&bodies);
    }

    #[test]
    fn structure() {
        let bodies: Vec<Vec<u8>> = [
            &br#"{"type":"x"}"#[..],
            br#"{"type":"x"}x"#,
            br#"{"type":"x"}{}"#,
            br#"{"type":"x"},"#,
            br#"{"type":"x"}}"#,
            br#"{"type":"x""#,
            br#"{"type":"x","#,
            br#"{"type":"x",}"#,
            br#"{"type":"x",,"a":1}"#,
            br#"{"type":"x" "a":1}"#,
            br#"{"type" "x"}"#,
            br#"{"type"::"x"}"#,
            br#"{"type":}"#,
            br#"{"type"}"#,
            br#"{,"type":"x"}"#,
            br#"{type:"x"}"#,
            b"{'type':'x'}",
            br#"{1:"x"}"#,
            br#"{"type":"x","a":[1,]}"#,
            br#"{"type":"x","a":[,1]}"#,
            br#"{"type":"x","a":[1 2]}"#,
            br#"{"type":"x","a":[1,,2]}"#,
            br#"{"type":"x","a":[}"#,
            br#"{"type":"x","a":{]}"#,
            br#"{"type":"x","a":[1}"#,
            br#"{"type":"x","a":{"b":1]}"#,
            br#"{"type":"x","a":[[],{},[[]],{"":{}}]}"#,
            br#"{"type":"x","a":{"b":{"c":[true,false,null]}}}"#,
            br#"{"type":"x","a":tru}"#,
            br#"{"type":"x","a":truee}"#,
            br#"{"type":"x","a":True}"#,
            br#"{"type":"x","a":nul}"#,
            br#"{"type":"x","a":nulll}"#,
            br#"{"type":"x","a":fals}"#,
            br#"{"type":"x","a":undefined}"#,
            br#"{"type":"x","a":NaN}"#,
            br#"{"type":"x","a":Infinity}"#,
            b"{\"type\":\"x\",\"a\":t",
            b"{\"type\":\"x\",\"a\":",
            b"{\"type\":\"x\",\"a",
            b"{",
            b"}",
            b"[",
            b"[]",
            b"{}",
            b"[{\"type\":\"x\"}]",
            b"\"type\"",
            b"\"type",
            b"null",
            b"true",
            b"false",
            b"0",
            b"-",
            b"1e400",
            b"1 2",
            b"[1,2,3]",
            b"[1,2,3",
            b"[1,2,3]]",
            b"{\"a\":1}",
            b"{\"a\":1}x",
            b"{\"type\":1}x",
            b"{\"type\":1}",
            // Closing more than was opened.
            b"[]]",
            b"{}}",
            b"[[]]]]]]]]",
            b"{\"type\":\"x\"}]",
        ]
        .iter()
        .map(|b| b.to_vec())
        .collect();
        all_same(&bodies);
    }

    #[test]
    fn type_members() {
        let bodies: Vec<Vec<u8>> = [
            &br#"{"type":"a"}"#[..],
            br#"{"type":""}"#,
            br#"{"type":1}"#,
            br#"{"type":null}"#,
            br#"{"type":true}"#,
            br#"{"type":[]}"#,
            br#"{"type":["a"]}"#,
            br#"{"type":{}}"#,
            br#"{"type":{"type":"a"}}"#,
            br#"{"type":-1.5e3}"#,
            br#"{"type":"a","type":2}"#,
            br#"{"type":2,"type":"a"}"#,
            br#"{"type":"a","type":"b"}"#,
            br#"{"type":2,"type":"a","type":null}"#,
            br#"{"typ\u0065":"x"}"#,
            br#"{"ty\u0070e":"x"}"#,
            br#"{"\u0074\u0079\u0070\u0065":"x"}"#,
            br#"{"\u0074\u0079\u0070\u0065":1}"#,
            br#"{"\u0054ype":"x"}"#,
            br#"{"type\u0000":"x"}"#,
            br#"{"t\/pe":"x"}"#,
            br#"{"typ\u0065s":"x"}"#,
            br#"{"\u0074ype":"x","type":1}"#,
            br#"{"type":"x","\u0074ype":1}"#,
            br#"{"ty\npe":"x"}"#,
            br#"{"\ud83d\ude00":"x"}"#,
            br#"{"typ\u00e9":"x"}"#,
            br#"{"\u0074\u0079\u0070\u0065\u0065":"x"}"#,
            br#"{"Type":"x"}"#,
            br#"{"type ":"x"}"#,
            br#"{" type":"x"}"#,
            br#"{"typ":"x"}"#,
            br#"{"types":"x"}"#,
            br#"{"":"x"}"#,
            br#"{"a":{"type":"x"}}"#,
            br#"{"a":[{"type":"x"}]}"#,
            br#"{"a":{"type":"x"},"type":1}"#,
            br#"{"a":{"type":1},"type":"x"}"#,
            br#"{"a":{"b":{"type":"x"}},"c":[{"type":"y"}]}"#,
            br#"{"type":"\ud800"}"#,
            br#"{"type":"x","type":"\ud800"}"#,
            br#"{"type":"x","n":1e400}"#,
            br#"{"n":1e400}"#,
            br#"{"n":1e400,"type":1}"#,
            // After a string value (the scan's fast path for `,"key":"value"`).
            br#"{"id":"x","type":"a"}"#,
            br#"{"id":"x","type":1}"#,
            br#"{"type":1,"a":"b","type":"c"}"#,
            br#"{"type":"c","a":"b","type":1}"#,
            br#"{"type":"c","a":"b","type":null,"d":"e"}"#,
            br#"{"a":"b","ty\u0070e":"c"}"#,
            br#"{"a":"b","type" :"c"}"#,
            br#"{"a":"b","type": "c"}"#,
            br#"{"a":"b", "type":"c"}"#,
            br#"{"a":"b","c":{"type":"x"}}"#,
        ]
        .iter()
        .map(|b| b.to_vec())
        .collect();
        all_same(&bodies);
    }

    #[test]
    #[allow(clippy::too_many_lines)] // a table of cases
    fn numbers() {
        let nines = |n: usize| "9".repeat(n);
        let mut tokens: Vec<String> = [
            "0",
            "-0",
            "00",
            "01",
            "-01",
            "-00",
            "1",
            "-1",
            "10",
            "0.0",
            "-0.0",
            "1.",
            "-1.",
            ".1",
            "-.1",
            "1.0",
            "1.05",
            "0.5",
            "01.5",
            "1e5",
            "1E5",
            "1e+5",
            "1e-5",
            "1E-05",
            "1e",
            "1e+",
            "1e-",
            "1E+-5",
            "1ee5",
            "1.e5",
            "1.5e",
            "1.5e5",
            "0e0",
            "-0e-0",
            "-",
            "--1",
            "+1",
            "- 1",
            "1e400",
            "-1e400",
            "1E400",
            "1e308",
            "1e309",
            "-1e309",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1.8e308",
            "2e308",
            "0e400",
            "0.0e400",
            "0e99999999999999999999",
            "1e99999999999999999999",
            "1e-400",
            "1e-99999999999999999999",
            "-1e-99999999999999999999",
            "0.000001e314",
            "10e307",
            "100e306",
            "1e2147483647",
            "1e2147483648",
            "1e-2147483648",
            "1e-2147483649",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "184467440737095516150.5",
            "1844674407370955161.6",
            "4.9e-324",
            "2.4e-324",
            "1x",
            "1.5.3",
            "1e5e5",
            "1e5.5",
            "0x10",
            "1_000",
            "0.1e1.5",
            "1.5E+3",
            "9.",
            "9.9.",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        for n in [1, 19, 20, 21, 298, 299, 300, 301, 307, 308, 309, 310, 400] {
            tokens.push(nines(n));
            tokens.push(format!("-{}", nines(n)));
            tokens.push(format!("1{}", "0".repeat(n)));
            tokens.push(format!("{}.5", nines(n)));
            tokens.push(format!("0.{}", nines(n)));
            tokens.push(format!("0.{}1", "0".repeat(n)));
            tokens.push(format!("{}e1", nines(n)));
            tokens.push(format!("{}e-1", nines(n)));
            tokens.push(format!("0.{}e308", nines(n)));
            tokens.push(format!("1.{}e308", nines(n)));
        }
        let mut bodies = Vec::new();
        for t in &tokens {
            bodies.push(member(t.as_bytes()));
            bodies.push(member(format!("[{t}]").as_bytes()));
            bodies.push(member(format!("[{t},{t}]").as_bytes()));
            bodies.push(member(format!("{{\"k\":{t}}}").as_bytes()));
            bodies.push(member(format!("{t} ").as_bytes()));
            bodies.push(t.clone().into_bytes());
            bodies.push(format!(" {t} ").into_bytes());
            bodies.push(format!("{{\"type\":{t}}}").into_bytes());
        }
        all_same(&bodies);
    }

    #[test]
    #[allow(clippy::too_many_lines)] // a table of cases
    fn strings() {
        let mut contents: Vec<Vec<u8>> = Vec::new();
        for c in 0u8..=0x7f {
            contents.push(vec![c]);
            contents.push(vec![b'\\', c]);
            contents.push([b"abcdefghij", &[c][..], b"klmnopqrstuvwxyz"].concat());
        }
        for esc in [
            "\\u0041",
            "\\u00e9",
            "\\u00E9",
            "\\uFFFF",
            "\\uffff",
            "\\u0000",
            "\\u001f",
            "\\u12",
            "\\u123",
            "\\u123g",
            "\\u00G0",
            "\\U0041",
            "\\u",
            "\\u-123",
            "\\u+123",
            "\\ud800",
            "\\udbff",
            "\\udc00",
            "\\udfff",
            "\\uDFFF",
            "\\ud7ff",
            "\\ue000",
            "\\ud800\\udc00",
            "\\udbff\\udfff",
            "\\uD83D\\uDE00",
            "\\ud800\\ud800",
            "\\ud800\\u0041",
            "\\ud800\\n",
            "\\ud800x",
            "\\ud800\\",
            "\\ud800\\u",
            "\\ud800\\udc0",
            "\\ud800\\udc0g",
            "\\udc00\\ud800",
            "\\ud800\\ud800\\udc00",
            "\\ud800\\\\udc00",
            "\\ud800 \\udc00",
            "\\ud83d\\ude00\\ud83d\\ude00",
            "a\\ud83d\\ude00b",
        ] {
            contents.push(esc.as_bytes().to_vec());
            contents.push(format!("abc{esc}defghijklmnop").into_bytes());
        }
        for raw in [
            &b"\xc3\xa9"[..],
            b"\xe2\x82\xac",
            b"\xf0\x9f\x98\x80",
            b"\xf4\x8f\xbf\xbf",
            b"\xf4\x90\x80\x80",
            b"\xc0\x80",
            b"\xc1\xbf",
            b"\xe0\x80\x80",
            b"\xe0\x9f\xbf",
            b"\xed\x9f\xbf",
            b"\xed\xa0\x80",
            b"\xed\xbf\xbf",
            b"\xee\x80\x80",
            b"\xf0\x8f\xbf\xbf",
            b"\xf5\x80\x80\x80",
            b"\xf8\x88\x80\x80\x80",
            b"\x80",
            b"\xbf",
            b"\xc3",
            b"\xe2\x82",
            b"\xf0\x9f\x98",
            b"\xc3\xa9\xc3",
            b"\xc3\xc3\xa9",
            b"\xff",
            b"\xfe",
            b"\xc3\\n\xa9",
            b"\xe2\\\"\x82\xac",
            b"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x96\x87\xe5\xad\x97\xe5\x88\x97",
            b"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x96\x87\xe5\xad\x97\xe5\x88",
        ] {
            contents.push(raw.to_vec());
            contents.push([b"abcdefghi", raw, b"jklmnopqrstuvwxyz"].concat());
        }
        let mut bodies = Vec::new();
        for c in &contents {
            let s = [&b"\""[..], c, b"\""].concat();
            bodies.push(member(&s));
            bodies.push([&b"{\"type\":"[..], &s, b"}"].concat());
            bodies.push([&b"{"[..], &s, b":1,\"type\":\"x\"}"].concat());
            bodies.push([&b"{\"type\":\"x\",\"a\":{"[..], &s, b":[]}}"].concat());
            bodies.push(s.clone());
            // Unterminated, and cut short right after the contents.
            bodies.push([&br#"{"type":"x","a":""#[..], c].concat());
        }
        // Every length and every position of a special byte, across 8-byte word boundaries.
        for len in 0..26 {
            for at in 0..=len {
                for special in [&b"\""[..], b"\\n", b"\x1f", b"\xc3\xa9", b"\xc3", b"\x7f"] {
                    let mut c = vec![b'a'; len];
                    c.splice(at..at, special.iter().copied());
                    let s = [&b"\""[..], &c, b"\""].concat();
                    bodies.push(member(&s));
                    bodies.push([&b"{"[..], &s, b":\"x\"}"].concat());
                    bodies.push(s);
                }
            }
        }
        all_same(&bodies);
    }

    /// serde_json lets 127 arrays or objects be open at once; the top-level object is one.
    #[test]
    fn depth() {
        let nested = |n: usize, open: &str, close: &str| {
            format!("{}{}", open.repeat(n), close.repeat(n)).into_bytes()
        };
        let mut bodies = Vec::new();
        for n in 124..=131 {
            for (open, close) in [
                ("[", "]"),
                (r#"{"a":"#, "}"),
                (r#"[{"a":"#, "}]"),
                ("[1,", "]"),
            ] {
                let inner = nested(n, open, close);
                let inner_with_value =
                    format!("{}null{}", open.repeat(n), close.repeat(n)).into_bytes();
                bodies.push(member(&inner));
                bodies.push(member(&inner_with_value));
                bodies.push(inner.clone());
                bodies.push(inner_with_value.clone());
                bodies.push([&b"["[..], &inner, b",{\"type\":\"x\"}]"].concat());
                bodies.push([&inner[..], b" "].concat());
            }
            // Closed and reopened: depth is what is open, not how many were opened.
            let wide = format!("{}{}", "[[]]".repeat(n), "[]".repeat(n));
            bodies.push(member(
                format!("[{}]", wide.replace("][", "],[")).as_bytes(),
            ));
        }
        all_same(&bodies);
        // The boundary itself, spelled out: the top-level object plus 126 arrays is fine, plus
        // 127 is refused.
        let arrays = |n: usize| member(format!("{}{}", "[".repeat(n), "]".repeat(n)).as_bytes());
        assert!(Event::check(&arrays(126)).is_ok());
        assert!(Event::check(&arrays(127)).is_err());
    }

    #[test]
    fn samples_and_messages() {
        for t in EventType::ALL {
            let body = crate::sample_body(t).as_bytes();
            assert!(same(body), "{t}");
            assert_eq!(json_check::typed(body), Typed::Match);
            let pretty = serde_json::to_vec_pretty(&json_value(body).expect("json")).expect("json");
            assert!(same(&pretty), "{t}");
            // Cut at every byte: all refused, all with serde_json's message.
            for cut in 0..body.len() {
                assert!(!same(&body[..cut]), "{t} cut at {cut}");
            }
        }
        assert_eq!(
            Event::check(br#"{"type":"x","a":[1,]}"#).map_err(|e| e.to_string()),
            Err("the body is not valid JSON: trailing comma at line 1 column 20".to_owned())
        );
        assert_eq!(
            Event::check(b"[]").map_err(|e| e.to_string()),
            Err("the body is JSON but not an object".to_owned())
        );
    }

    /// Bytes that matter to a JSON scanner, to splice into bodies.
    fn interesting() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            any::<u8>().prop_map(|b| vec![b]),
            prop::sample::select(vec![
                &b"\""[..],
                b"\\",
                b"\\u",
                b"\\ud800",
                b"\\udc00",
                b"\\ud83d\\ude00",
                b"\\u0074",
                b"{",
                b"}",
                b"[",
                b"]",
                b",",
                b":",
                b" ",
                b"\n",
                b"\t",
                b"\x00",
                b"\x1f",
                b"\xc3",
                b"\xa9",
                b"\xc3\xa9",
                b"\xed\xa0\x80",
                b"\xf0\x9f\x98\x80",
                b"e",
                b"E",
                b"e400",
                b"e-400",
                b".",
                b"-",
                b"+",
                b"0",
                b"9",
                b"1e308",
                b"1.8e308",
                b"null",
                b"true",
                b"\"type\":",
                b"\"type\":1,",
                b"\"type\":\"t\",",
                b"[[[[[[[[",
                b"]]]]]]]]",
            ])
            .prop_map(<[u8]>::to_vec),
        ]
    }

    /// A sample body with a few random edits.
    fn mutated_sample() -> impl Strategy<Value = Vec<u8>> {
        let edit = (any::<prop::sample::Index>(), 0u8..4, interesting());
        (
            prop::sample::select(EventType::ALL.to_vec()),
            prop::collection::vec(edit, 1..4),
        )
            .prop_map(|(t, edits)| {
                let mut body = crate::sample_body(t).as_bytes().to_vec();
                for (at, how, bytes) in edits {
                    let i = at.index(body.len() + 1);
                    match how {
                        0 => {
                            body.splice(i..i, bytes);
                        }
                        1 => {
                            let end = (i + bytes.len()).min(body.len());
                            body.splice(i..end, bytes);
                        }
                        2 => body.truncate(i),
                        _ => {
                            let end = (i + 1 + bytes.len() % 4).min(body.len());
                            body.drain(i..end);
                        }
                    }
                }
                body
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn mutated_samples_agree(body in mutated_sample()) {
            let new = outcome(Event::check(&body));
            prop_assert_eq!(&new, &reference(&body));
            if let Some(fast) = fast(&body) {
                prop_assert_eq!(fast, new.is_ok());
            }
        }

        #[test]
        fn spliced_bytes_agree(parts in prop::collection::vec(interesting(), 0..24)) {
            let body = parts.concat();
            prop_assert_eq!(outcome(Event::check(&body)), reference(&body));
        }
    }
}
