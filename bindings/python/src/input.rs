//! What Python callers hand us, turned into what the core takes: bodies, headers, `now`, secrets.
//! Conversion only: every rule about what verifies lives in the core.

use hookseal::{names, ErrorKind, HeaderSet, Key, KeyMode, Profile, Secret};
use pyo3::prelude::*;
use pyo3::sync::GILOnceCell;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMemoryView, PyString, PyTuple,
    PyType,
};

use crate::errors::{edge, IntoPyResult};

/// The UTF-8 bytes of a Python `str` or `bytes`, read in place wherever the ABI allows.
pub enum Text<'py> {
    Bytes(Bound<'py, PyBytes>),
    /// The 3.10+ limited API reads a `str`'s own UTF-8 (no copy for ASCII; cached otherwise).
    #[cfg(Py_3_10)]
    Str(Bound<'py, PyString>),
}

impl Text<'_> {
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Text::Bytes(b) => b.as_bytes(),
            // `utf8` checked that it encodes.
            #[cfg(Py_3_10)]
            Text::Str(s) => s.to_str().map(str::as_bytes).unwrap_or_default(),
        }
    }
}

/// A `str` as UTF-8, or `None` when it cannot be encoded (a lone surrogate). The 3.9 limited API
/// has no borrowed view, so there it is encoded into a new `bytes`.
pub fn utf8<'py>(s: &Bound<'py, PyString>) -> Option<Text<'py>> {
    #[cfg(Py_3_10)]
    {
        s.to_str().ok()?;
        Some(Text::Str(s.clone()))
    }
    #[cfg(not(Py_3_10))]
    {
        s.encode_utf8().ok().map(Text::Bytes)
    }
}

/// A request body: the caller's `bytes` or `str` (no copy where the ABI allows) or bytes we had
/// to copy.
pub enum Body<'py> {
    Borrowed(Text<'py>),
    Owned(Vec<u8>),
}

impl Body<'_> {
    pub fn as_slice(&self) -> &[u8] {
        match self {
            Body::Borrowed(t) => t.as_bytes(),
            Body::Owned(v) => v,
        }
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "object".to_owned(), |n| n.to_string())
}

/// The raw body. `bytes` is used in place; `str` in place on 3.10+ (encoded once on 3.9); `bytearray` and
/// `memoryview` are copied (they are mutable, and the GIL may be released while hashing).
/// Anything else, such as an already parsed `dict`, is refused with the fix in the message.
pub fn body<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Body<'py>> {
    if let Ok(b) = obj.downcast::<PyBytes>() {
        return Ok(Body::Borrowed(Text::Bytes(b.clone())));
    }
    if let Ok(s) = obj.downcast::<PyString>() {
        return utf8(s).map(Body::Borrowed).ok_or_else(|| {
            edge(
                ErrorKind::InvalidPayload,
                "the payload str is not valid Unicode (it holds a lone surrogate): pass the raw body bytes as received",
            )
        });
    }
    if let Ok(b) = obj.downcast::<PyByteArray>() {
        return Ok(Body::Owned(b.to_vec()));
    }
    if obj.is_instance_of::<PyMemoryView>() {
        let bytes = obj.call_method0("tobytes").map_err(|_| {
            edge(
                ErrorKind::InvalidPayload,
                "the payload memoryview could not be read as bytes",
            )
        })?;
        if let Ok(b) = bytes.downcast_into::<PyBytes>() {
            return Ok(Body::Borrowed(Text::Bytes(b)));
        }
    }
    let hint = if obj.is_instance_of::<PyDict>() || obj.is_instance_of::<PyList>() {
        " Signatures cover the exact bytes that were sent, so a parsed and re-serialized body never verifies."
    } else {
        ""
    };
    Err(edge(
        ErrorKind::InvalidPayload,
        format!(
            "the payload must be the raw request body as bytes or str, not {}: pass request.get_data() (Flask), await request.body() (FastAPI/Starlette) or request.body (Django).{hint}",
            type_name(obj)
        ),
    ))
}

/// The canonical name of a header the core reads, or `None` for any other header. Most headers
/// are skipped on their length alone, without encoding their names.
fn relevant_name(k: &Bound<'_, PyAny>) -> Option<&'static str> {
    if let Ok(s) = k.downcast::<PyString>() {
        let len = s.len().ok()?;
        if !names::could_be(len, false) {
            return None;
        }
        return names::canonical(utf8(s)?.as_bytes());
    }
    if let Ok(b) = k.downcast::<PyBytes>() {
        return names::canonical(b.as_bytes());
    }
    None
}

/// The signature-relevant headers of a request, their values borrowed from the caller.
#[derive(Default)]
pub struct Headers<'py> {
    items: Vec<(&'static str, Text<'py>)>,
}

impl<'py> Headers<'py> {
    fn push(&mut self, name: &'static str, v: &Bound<'py, PyAny>) -> PyResult<()> {
        if let Ok(s) = v.downcast::<PyString>() {
            let b = utf8(s).ok_or_else(|| {
                edge(
                    ErrorKind::InvalidHeader,
                    format!("header `{name}` is not valid Unicode"),
                )
            })?;
            self.items.push((name, b));
        } else if let Ok(b) = v.downcast::<PyBytes>() {
            self.items.push((name, Text::Bytes(b.clone())));
        } else if v.is_none() {
            // `{"webhook-id": request.headers.get("webhook-id")}`: absent, like an empty value.
        } else if v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>() {
            // A multi-valued mapping: each value is one received header.
            for item in v.try_iter()? {
                self.push(name, &item?)?;
            }
        } else {
            return Err(edge(
                ErrorKind::InvalidHeader,
                format!(
                    "header `{name}` must be a str or bytes value, not {}",
                    type_name(v)
                ),
            ));
        }
        Ok(())
    }

    fn pair(&mut self, item: &Bound<'py, PyAny>) -> PyResult<()> {
        let bad = || {
            edge(
                ErrorKind::InvalidHeader,
                format!(
                    "headers given as pairs must be (name, value) pairs, got an item of type {}",
                    type_name(item)
                ),
            )
        };
        if item.is_instance_of::<PyString>() || item.is_instance_of::<PyBytes>() {
            return Err(bad());
        }
        if item.len().map_err(|_| bad())? != 2 {
            return Err(bad());
        }
        let k = item.get_item(0).map_err(|_| bad())?;
        if let Some(name) = relevant_name(&k) {
            let v = item.get_item(1).map_err(|_| bad())?;
            self.push(name, &v)?;
        }
        Ok(())
    }

    /// Gather from a `dict`, any mapping with `.items()` (Werkzeug, Starlette, Django headers) or
    /// an iterable of `(name, value)` pairs (names and values as `str` or `bytes`).
    pub fn gather(headers: Option<&Bound<'py, PyAny>>) -> PyResult<Headers<'py>> {
        let mut out = Headers::default();
        let Some(h) = headers.filter(|h| !h.is_none()) else {
            return Err(edge(
                ErrorKind::MissingHeader,
                "no headers were given: pass the request's headers (e.g. request.headers)",
            ));
        };
        if let Ok(d) = h.downcast::<PyDict>() {
            for (k, v) in d.iter() {
                if let Some(name) = relevant_name(&k) {
                    out.push(name, &v)?;
                }
            }
            return Ok(out);
        }
        if h.is_instance_of::<PyString>() || h.is_instance_of::<PyBytes>() {
            return Err(edge(
                ErrorKind::InvalidHeader,
                "headers must be a mapping or an iterable of (name, value) pairs, not a string",
            ));
        }
        let not_headers = || {
            edge(
                ErrorKind::InvalidHeader,
                format!(
                    "headers must be a mapping or an iterable of (name, value) pairs, not {}",
                    type_name(h)
                ),
            )
        };
        // Lists and tuples of pairs (ASGI `scope["headers"]`) first: asking them for `.items`
        // would raise and catch an AttributeError on every request.
        let is_sequence = h.is_instance_of::<PyList>() || h.is_instance_of::<PyTuple>();
        let iterable = if !is_sequence && h.hasattr("items").unwrap_or(false) {
            h.call_method0("items").map_err(|_| not_headers())?
        } else {
            h.clone()
        };
        let iter = iterable.try_iter().map_err(|_| not_headers())?;
        for item in iter {
            out.pair(&item.map_err(|_| not_headers())?)?;
        }
        Ok(out)
    }

    /// The gathered headers as the core's header set (borrowing the values).
    pub fn set(&self) -> HeaderSet<'_> {
        HeaderSet::from_pairs(self.items.iter().map(|(n, b)| (n.as_bytes(), b.as_bytes())))
    }
}

static DATETIME: GILOnceCell<Py<PyType>> = GILOnceCell::new();

/// `datetime.datetime`.
pub fn datetime_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DATETIME.import(py, "datetime", "datetime")
}

/// `now=`: `None` (the clock), unix seconds as `int` (or `float`, floored), or an aware
/// `datetime`. A naive `datetime` is refused: its instant is ambiguous.
pub fn now(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<i64>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    let bad = |what: &str| edge(ErrorKind::InvalidTimestamp, format!("now= {what}"));
    if obj.is_instance_of::<PyBool>() {
        return Err(bad(
            "must be int unix seconds or an aware datetime, not bool",
        ));
    }
    if obj.is_instance_of::<PyInt>() {
        return obj
            .extract::<i64>()
            .map(Some)
            .map_err(|_| bad("is out of range"));
    }
    if obj.is_instance_of::<PyFloat>() {
        let f: f64 = obj.extract()?;
        if !f.is_finite() || f.abs() > 9.2e18 {
            return Err(bad("is out of range"));
        }
        return Ok(Some(f.floor() as i64));
    }
    if obj.is_instance(datetime_type(obj.py())?)? {
        if obj.call_method0("utcoffset")?.is_none() {
            return Err(bad(
                "must be an aware datetime (e.g. datetime.now(timezone.utc)), not a naive one",
            ));
        }
        let f: f64 = obj.call_method0("timestamp")?.extract()?;
        return Ok(Some(f.floor() as i64));
    }
    Err(bad(&format!(
        "must be int unix seconds or an aware datetime, not {}",
        type_name(obj)
    )))
}

/// A key mode name.
pub fn key_mode(name: &str) -> PyResult<KeyMode> {
    name.parse::<KeyMode>().py()
}

/// The key mode given, or the profile's when none is.
pub fn profile_key_mode(profile: Profile, name: Option<&str>) -> PyResult<KeyMode> {
    name.map_or(Ok(profile.key_mode()), key_mode)
}

/// One secret, by the core's rule (`hookseal::Secret`): `str` read in `mode`, `bytes` the raw key.
pub fn key(obj: &Bound<'_, PyAny>, mode: KeyMode) -> PyResult<Key> {
    if let Ok(k) = obj.downcast::<crate::api::PyKey>() {
        return Ok(k.get().key.clone());
    }
    if let Ok(s) = obj.downcast::<PyString>() {
        let s = s
            .to_cow()
            .map_err(|_| edge(ErrorKind::InvalidSecret, "the secret is not valid Unicode"))?;
        return Key::from_secret(Secret::Text(&s), mode).py();
    }
    if let Ok(b) = obj.downcast::<PyBytes>() {
        return Key::from_secret(Secret::Bytes(b.as_bytes()), mode).py();
    }
    Err(edge(
        ErrorKind::InvalidSecret,
        format!(
            "a secret must be str (e.g. \"whsec_...\"), raw key bytes or a hookseal.Key, not {}",
            type_name(obj)
        ),
    ))
}

/// One secret or a list/tuple of them (rotation: the index of the matching one is reported).
pub fn keys(obj: &Bound<'_, PyAny>, mode: KeyMode) -> PyResult<Vec<Key>> {
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        for item in obj.try_iter()? {
            out.push(key(&item?, mode)?);
        }
        if out.is_empty() {
            return Err(edge(
                ErrorKind::InvalidSecret,
                "the list of secrets is empty",
            ));
        }
        return Ok(out);
    }
    Ok(vec![key(obj, mode)?])
}
