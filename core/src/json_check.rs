//! The allocation-free check behind [`Event::check`](crate::Event::check): one pass over the body
//! that validates the JSON as `serde_json::Value` would (serde_json's `from_slice`), finds the
//! top-level `type` and checks the members its schema lists ([`typed`]). What it does not decide
//! (an escaped key, a repeated `type`, a very wide or deep body, a number with an exponent) it
//! leaves to the full parse, which also words every error.
//!
//! The rules it reproduces, from serde_json 1.0's `de.rs` and `read.rs`:
//! - whitespace is space, tab, line feed and carriage return; after the value only whitespace;
//! - strings: no byte below 0x20, valid UTF-8, the escapes `\" \\ \/ \b \f \n \r \t \uXXXX`, and
//!   a `\u` surrogate only as a leading surrogate immediately followed by a `\u` trailing one
//!   (the strict `parse_str`, which `Value` and every key go through);
//! - numbers: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, refused when they overflow `f64`.
//!   Exact overflow is serde_json's business (and depends on its `float_roundtrip` feature), so a
//!   number with an exponent, or longer than [`MAX_PLAIN_NUMBER`], is handed to serde_json alone;
//!   any other number is below 10^300 and always accepted;
//! - nesting: serde_json's recursion limit lets 127 arrays or objects be open at once; this pass
//!   takes at most [`MAX_SKIP_DEPTH`] below a member and leaves deeper bodies to the parse.
//!
//! Speed: most bytes of a webhook body are inside strings, found eight at a time (SWAR on `u64`
//! words, no `unsafe`, the same code on WebAssembly); where each string ends is made a predicted
//! branch rather than arithmetic (`first_stop`), so that the processor does not wait for one
//! string's end before it starts on the next. The tests compare every outcome with the
//! serde_json-based check this replaced.

// Inlining decides much of the speed here (measured): the string scan and its callers must sit
// in one loop for the branch-predicted string ends (`first_stop`) to pay off.
#![allow(clippy::inline_always)]

use std::fmt;

use serde::de::{Deserialize, Deserializer};

use crate::event::{date_time_ms, EventType, Kind, Member, Presence, Shape, ENVELOPE};

/// A number token without an exponent and at most this long (sign, digits and point included)
/// has at most 300 integer digits, so its magnitude is below 10^300, far from `f64::MAX`
/// (1.8 * 10^308) however serde_json rounds it; below the smallest `f64` it only rounds to zero,
/// which serde_json never refuses. Longer tokens (and all with an exponent) go to serde_json.
const MAX_PLAIN_NUMBER: usize = 300;

const ONES: u64 = u64::MAX / 255;
const HIGH: u64 = ONES << 7;

/// A number or literal at `i`.
#[inline(always)]
fn scalar(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => string(b, i + 1),
        b'-' | b'0'..=b'9' => number(b, i),
        b't' => literal(b, i, *b"true"),
        b'f' => literal(b, i + 1, *b"alse"),
        b'n' => literal(b, i, *b"null"),
        _ => None,
    }
}

/// Skip whitespace from `i`.
#[inline(always)]
fn ws(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(&c) if c > b' ' => i,
        _ => ws_run(b, i),
    }
}

#[inline(never)]
fn ws_run(b: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\t' | b'\r') = b.get(i) {
        i += 1;
    }
    i
}

/// A string's contents from `i` (just past the opening quote): returns the index just past the
/// closing quote. A plain string is done inline when it is shorter than 16 bytes.
#[inline(always)]
fn string(b: &[u8], i: usize) -> Option<usize> {
    let Some(word) = b.get(i..i + 8) else {
        return string_slow(b, i);
    };
    let lo = u64::from_le_bytes(word.try_into().ok()?);
    let stop = stops(lo);
    if stop != 0 {
        return first_stop(b, lo, stop, i);
    }
    // Separately bounds-checked, so that it is not computed before it is needed.
    let Some(word) = b.get(i + 8..i + 16) else {
        return string_slow(b, i + 8);
    };
    let hi = u64::from_le_bytes(word.try_into().ok()?);
    let stop = stops(hi);
    if stop != 0 {
        return first_stop(b, hi, stop, i + 8);
    }
    let j = find_stop(b, i + 16);
    if b.get(j) == Some(&b'"') {
        Some(j + 1)
    } else {
        string_slow(b, j)
    }
}

/// The string's end when its first stop byte is in `word` (at `i`; `stop` is `stops(word)`, not
/// 0). The eight cases are spelled out so that the index is a branch, which the processor can
/// predict and run ahead of, rather than arithmetic that the next string's loads wait for.
#[inline(always)]
fn first_stop(b: &[u8], word: u64, stop: u64, i: usize) -> Option<usize> {
    macro_rules! at {
        ($k:literal) => {
            if (word >> (8 * $k)) as u8 == b'"' {
                Some(i + $k + 1)
            } else {
                string_slow(b, i + $k)
            }
        };
    }
    match stop.trailing_zeros() / 8 {
        0 => at!(0),
        1 => at!(1),
        2 => at!(2),
        3 => at!(3),
        4 => at!(4),
        5 => at!(5),
        6 => at!(6),
        _ => at!(7),
    }
}

/// The index of the first byte from `i` that is non-ASCII, below 0x20, `"` or `\`, or the
/// body's length.
#[inline(never)]
fn find_stop(b: &[u8], mut i: usize) -> usize {
    // Four words at a time (compilers turn this into vector code where they can).
    while let Some(block) = b.get(i..i + 32) {
        let mut stop = [0u64; 4];
        for (s, word) in stop.iter_mut().zip(block.chunks_exact(8)) {
            *s = stops(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        }
        if stop != [0; 4] {
            for s in stop {
                if s != 0 {
                    return i + (s.trailing_zeros() / 8) as usize;
                }
                i += 8;
            }
        }
        i += 32;
    }
    while let Some(word) = b.get(i..i + 8) {
        let stop = stops(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if !(0x20..0x80).contains(&c) || c == b'"' || c == b'\\' {
            break;
        }
        i += 1;
    }
    i
}

/// The rest of a string from `i`, at an escape, a non-ASCII byte, a control byte or near the end
/// of the body.
#[cold]
#[inline(never)]
fn string_slow(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        i = find_stop(b, i);
        match *b.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i = escape(b, i + 1)?,
            0x80.. => i = utf8_run(b, i)?,
            // Below 0x20 (`find_stop` stops at nothing else).
            _ => return None,
        }
    }
}

/// The high bit of the first byte of `x` (little-endian) that is non-ASCII, below 0x20, `"` or
/// `\` is set; higher bytes may be flagged wrongly by borrows, so only the first counts.
/// (`x ^ 0x02` is below 0x21 exactly for the bytes below 0x20 and `"`.)
#[inline(always)]
fn stops(x: u64) -> u64 {
    (x | (x ^ (ONES * 0x02)).wrapping_sub(ONES * 0x21)
        | (x ^ (ONES * u64::from(b'\\'))).wrapping_sub(ONES))
        & HIGH
}

/// An escape from `i` (just past the backslash), with serde_json's strict surrogate rules.
fn escape(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => Some(i + 1),
        b'u' => {
            let i = i + 5;
            match hex4(b, i - 4)? {
                0xDC00..=0xDFFF => None,
                0xD800..=0xDBFF => {
                    if b.get(i..i + 2)? != b"\\u" {
                        return None;
                    }
                    matches!(hex4(b, i + 2)?, 0xDC00..=0xDFFF).then_some(i + 6)
                }
                _ => Some(i),
            }
        }
        _ => None,
    }
}

/// Four hex digits at `i`.
fn hex4(b: &[u8], i: usize) -> Option<u16> {
    b.get(i..i + 4)?.iter().try_fold(0u16, |acc, &c| {
        let d = (c as char).to_digit(16)?;
        Some(acc << 4 | d as u16)
    })
}

/// A run of non-ASCII bytes from `i` inside a string: it must be valid UTF-8 on its own, since
/// no ASCII byte can be part of a multi-byte character.
fn utf8_run(b: &[u8], i: usize) -> Option<usize> {
    let rest = &b[i..];
    let n = rest.iter().position(u8::is_ascii).unwrap_or(rest.len());
    std::str::from_utf8(&rest[..n]).ok()?;
    Some(i + n)
}

/// The four bytes `word` at `i`.
#[inline(always)]
fn literal(b: &[u8], i: usize, word: [u8; 4]) -> Option<usize> {
    (*b.get(i..)?.first_chunk::<4>()? == word).then_some(i + 4)
}

/// Digits from `i`: the index of the first non-digit.
#[inline]
fn digits(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

/// A number from `start` (at `-` or a digit). A malformed one is refused here; serde_json
/// refuses it as well, wherever it reports the error.
#[inline(always)]
fn number(b: &[u8], start: usize) -> Option<usize> {
    // The common case inline: a short integer without a sign.
    if let Some(&(b'1'..=b'9')) = b.get(start) {
        let end = digits(b, start + 1);
        if end - start <= MAX_PLAIN_NUMBER && !matches!(b.get(end), Some(b'.' | b'e' | b'E')) {
            return Some(end);
        }
    }
    number_slow(b, start)
}

#[inline(never)]
fn number_slow(b: &[u8], start: usize) -> Option<usize> {
    let mut i = start + usize::from(b[start] == b'-');
    match *b.get(i)? {
        // One leading zero, not followed by a digit.
        b'0' => {
            i += 1;
            if b.get(i).is_some_and(u8::is_ascii_digit) {
                return None;
            }
        }
        b'1'..=b'9' => i = digits(b, i + 1),
        _ => return None,
    }
    if b.get(i) == Some(&b'.') {
        if !b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        i = digits(b, i + 2);
    }
    let mut delegate = i - start > MAX_PLAIN_NUMBER;
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        if let Some(b'+' | b'-') = b.get(i) {
            i += 1;
        }
        if !b.get(i).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        i = digits(b, i + 1);
        delegate = true;
    }
    if delegate {
        // Alone, the token parses exactly as it does in place: serde_json's number parsing
        // stops at the first byte that cannot continue it, and the token ends there.
        serde_json::from_slice::<Skip>(&b[start..i]).ok()?;
    }
    Some(i)
}

/// Any JSON value, validated exactly as `serde_json::Value` would be (numbers included: `1e400` is
/// refused as by `Value`), then dropped. `IgnoredAny` is laxer than `Value` about numbers.
pub(crate) struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Skip;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Skip, A::Error> {
                while map.next_entry::<Skip, Skip>()?.is_some() {}
                Ok(Skip)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Skip, A::Error> {
                while seq.next_element::<Skip>()?.is_some() {}
                Ok(Skip)
            }
            fn visit_bool<E>(self, _: bool) -> std::result::Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_i64<E>(self, _: i64) -> std::result::Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_u64<E>(self, _: u64) -> std::result::Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_f64<E>(self, _: f64) -> std::result::Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_str<E>(self, _: &str) -> std::result::Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_unit<E>(self) -> std::result::Result<Skip, E> {
                Ok(Skip)
            }
        }
        d.deserialize_any(V)
    }
}

/// How a body compares with its type's schema ([`typed`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Typed {
    /// An unknown type, or a known one whose members match the schema.
    Match,
    /// A known type whose body breaks the schema.
    Mismatch,
    /// Not decided here (an escaped key or type, a type member given twice, an unusually wide
    /// object): the caller asks the full parse.
    Unsure,
}

/// The one-pass check of [`Event::check`](crate::Event::check): it validates the JSON as
/// [`scan`] does while it walks the members of the envelope and of the type's schema, with the
/// rules of `event.rs`. `Match` only for a valid event that keeps its schema; `Mismatch` only for
/// valid JSON that breaks it; anything it does not handle is `Unsure`, for the full parse. Each
/// value is walked to its end even when it mismatches, because a repeated key's last value is the
/// one that counts.
pub(crate) fn typed(b: &[u8]) -> Typed {
    event(b).unwrap_or(Typed::Unsure)
}

/// The most top-level members looked at; wider bodies are left to the full parse.
const MAX_TOP_MEMBERS: usize = 24;

/// A top-level member: where its key and value start, and, once checked, the check's result.
#[derive(Clone, Copy)]
struct Top {
    key: (usize, usize),
    value: usize,
    checked: Option<bool>,
}

fn event(b: &[u8]) -> Option<Typed> {
    let mut i = ws(b, 0);
    if *b.get(i)? != b'{' {
        return None;
    }
    let mut tops = [Top {
        key: (0, 0),
        value: 0,
        checked: None,
    }; MAX_TOP_MEMBERS];
    let mut n = 0;
    let mut known: Option<EventType> = None;
    let mut type_seen = false;
    i = ws(b, i + 1);
    if *b.get(i)? != b'}' {
        loop {
            let (key, value) = key_and_value(b, i)?;
            let name = &b[key.0..key.1];
            let mut checked = None;
            if name == b"type" {
                if type_seen {
                    return None;
                }
                type_seen = true;
                if *b.get(value)? != b'"' {
                    return None;
                }
                let end = string(b, value + 1)?;
                known =
                    EventType::from_name(std::str::from_utf8(unescaped(b, value + 1, end)?).ok()?);
                i = end;
            } else if let Some(m) = known.and_then(|t| top_member(t, name)) {
                // The type came first, as ImageKit sends it: check the value on the way.
                let (end, ok) = member_value(b, value, m)?;
                checked = Some(ok);
                i = end;
            } else {
                i = skip(b, value)?;
            }
            if n == MAX_TOP_MEMBERS {
                return None;
            }
            tops[n] = Top {
                key,
                value,
                checked,
            };
            n += 1;
            i = ws(b, i);
            match *b.get(i)? {
                b',' => i = ws(b, i + 1),
                b'}' => break,
                _ => return None,
            }
        }
    }
    // Nothing but whitespace after the object; an object without `type` is the parse's to word.
    if ws(b, i + 1) != b.len() || !type_seen {
        return None;
    }
    let Some(t) = known else {
        return Some(Typed::Match);
    };
    let tops = &tops[..n];
    for m in ENVELOPE.iter().chain(t.members()) {
        let last = tops
            .iter()
            .rev()
            .find(|top| &b[top.key.0..top.key.1] == m.name.as_bytes());
        let ok = match last {
            None => m.presence != Presence::Required,
            Some(top) => match top.checked {
                Some(ok) => ok,
                None => member_value(b, top.value, m)?.1,
            },
        };
        if !ok {
            return Some(Typed::Mismatch);
        }
    }
    Some(Typed::Match)
}

/// The schema member of `t`'s envelope or payload called `name`.
fn top_member(t: EventType, name: &[u8]) -> Option<&'static Member> {
    ENVELOPE
        .iter()
        .chain(t.members())
        .find(|m| m.name.as_bytes() == name)
}

/// A member's key at `i` (a string, no escapes) and where its value starts.
#[inline(always)]
fn key_and_value(b: &[u8], i: usize) -> Option<((usize, usize), usize)> {
    if *b.get(i)? != b'"' {
        return None;
    }
    let end = key_end(b, i + 1)?;
    let key = (i + 1, end - 1);
    let colon = ws(b, end);
    if *b.get(colon)? != b':' {
        return None;
    }
    Some((key, ws(b, colon + 1)))
}

/// Just past the closing quote of a key without escapes whose contents start at `i`; `None` for a
/// key with an escape (the full parse decides those). A key shorter than eight bytes, as most
/// are, is one word: its first stop byte is its closing quote, so it has no backslash.
#[inline(always)]
fn key_end(b: &[u8], i: usize) -> Option<usize> {
    if let Some(word) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(word.try_into().ok()?);
        let stop = stops(w);
        if stop != 0 {
            let k = (stop.trailing_zeros() / 8) as usize;
            if b[i + k] == b'"' {
                return Some(i + k + 1);
            }
        }
    }
    let end = string(b, i)?;
    unescaped_span(b, i, end).map(|_| end)
}

/// The contents of the string from `start` to `end` (just past its closing quote), when it has
/// no escapes.
fn unescaped_span(b: &[u8], start: usize, end: usize) -> Option<(usize, usize)> {
    let inner = b.get(start..end.checked_sub(1)?)?;
    (!inner.contains(&b'\\')).then_some((start, end - 1))
}

fn unescaped(b: &[u8], start: usize, end: usize) -> Option<&[u8]> {
    let (s, e) = unescaped_span(b, start, end)?;
    Some(&b[s..e])
}

/// A member's value at `i`: its end, and whether it matches the member (`null` only where the
/// schema allows it).
fn member_value(b: &[u8], i: usize, m: &Member) -> Option<(usize, bool)> {
    if *b.get(i)? == b'n' {
        return Some((literal(b, i, *b"null")?, m.presence == Presence::Nullable));
    }
    value(b, i, &m.kind)
}

/// The value at `i`: its end, and whether it is of `kind`.
fn value(b: &[u8], i: usize, kind: &Kind) -> Option<(usize, bool)> {
    let c = *b.get(i)?;
    let ok = match kind {
        Kind::String if c == b'"' => return Some((string(b, i + 1)?, true)),
        Kind::DateTime if c == b'"' => {
            let end = string(b, i + 1)?;
            let text = std::str::from_utf8(unescaped(b, i + 1, end)?).ok()?;
            return Some((end, date_time_ms(text).is_some()));
        }
        // Scalars of the right kind directly, without the general walk.
        Kind::Number if c == b'-' || c.is_ascii_digit() => return Some((number(b, i)?, true)),
        Kind::Bool if c == b't' => return Some((literal(b, i, *b"true")?, true)),
        Kind::Bool if c == b'f' => return Some((literal(b, i + 1, *b"alse")?, true)),
        Kind::Object => c == b'{',
        Kind::Array(item) if c == b'[' => return array(b, i, item),
        Kind::Struct(shape) if c == b'{' => return object(b, i, shape),
        _ => false,
    };
    Some((skip(b, i)?, ok))
}

fn array(b: &[u8], i: usize, item: &Kind) -> Option<(usize, bool)> {
    let mut i = ws(b, i + 1);
    let mut all = true;
    if *b.get(i)? == b']' {
        return Some((i + 1, true));
    }
    loop {
        let (end, ok) = value(b, i, item)?;
        all &= ok;
        i = ws(b, end);
        match *b.get(i)? {
            b',' => i = ws(b, i + 1),
            b']' => return Some((i + 1, all)),
            _ => return None,
        }
    }
}

fn object(b: &[u8], i: usize, shape: &Shape) -> Option<(usize, bool)> {
    // Bit `k` for member `k`: seen at all, and whether its last value mismatched.
    let (mut seen, mut bad) = (0u64, 0u64);
    let mut i = ws(b, i + 1);
    if *b.get(i)? != b'}' {
        loop {
            let (key, value) = key_and_value(b, i)?;
            match (shape.index)(&b[key.0..key.1]) {
                Some(k) => {
                    let (end, ok) = member_value(b, value, &shape.members[k])?;
                    let bit = 1u64 << k;
                    seen |= bit;
                    bad = if ok { bad & !bit } else { bad | bit };
                    i = end;
                }
                None => i = skip(b, value)?,
            }
            i = ws(b, i);
            match *b.get(i)? {
                b',' => i = ws(b, i + 1),
                b'}' => break,
                _ => return None,
            }
        }
    }
    Some((i + 1, bad == 0 && seen & shape.required == shape.required))
}

/// The deepest nesting [`skip`] walks below the member it starts at; deeper values are left to
/// the full parse. With the schema's few levels above it, far below serde_json's limit.
const MAX_SKIP_DEPTH: u32 = 64;

/// Past the value at `i` (maybe after whitespace), validated as [`scan`] validates: strings,
/// numbers, literals, nesting. `None` for anything else: the caller leaves the body to the parse.
fn skip(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0u32;
    // Bit 0 is set when the innermost open container is an object.
    let mut objects = 0u64;
    loop {
        i = ws(b, i);
        match *b.get(i)? {
            c @ (b'{' | b'[') => {
                depth += 1;
                if depth > MAX_SKIP_DEPTH {
                    return None;
                }
                let is_object = c == b'{';
                objects = (objects << 1) | u64::from(is_object);
                i = ws(b, i + 1);
                // `]` or `}`: empty.
                if *b.get(i)? == c + 2 {
                    i += 1;
                    depth -= 1;
                    objects >>= 1;
                } else {
                    if is_object {
                        i = key_colon(b, i)?;
                    }
                    continue;
                }
            }
            _ => i = scalar(b, i)?,
        }
        // A value ended just before `i`: close containers until one goes on.
        loop {
            if depth == 0 {
                return Some(i);
            }
            i = ws(b, i);
            let in_object = objects & 1 == 1;
            match *b.get(i)? {
                b',' => {
                    i = ws(b, i + 1);
                    if in_object {
                        i = key_colon(b, i)?;
                    }
                    break;
                }
                b']' if !in_object => {}
                b'}' if in_object => {}
                _ => return None,
            }
            i += 1;
            depth -= 1;
            objects >>= 1;
        }
    }
}

/// A key at `i` and its colon: where the value starts (maybe after whitespace).
fn key_colon(b: &[u8], i: usize) -> Option<usize> {
    if *b.get(i)? != b'"' {
        return None;
    }
    let colon = ws(b, string(b, i + 1)?);
    (*b.get(colon)? == b':').then_some(colon + 1)
}
