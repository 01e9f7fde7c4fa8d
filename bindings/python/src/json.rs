//! The core's parsed JSON as Python objects: `dict`, `list`, `str`, `int`, `float`, `bool`, `None`.

use pyo3::prelude::*;
use std::cell::RefCell;

use pyo3::types::{PyDict, PyList, PyString};
use serde_json::{Map, Number, Value};

/// A JSON number as `int` when the JSON wrote an integer, else `float`.
pub fn number(py: Python<'_>, n: &Number) -> PyResult<PyObject> {
    Ok(if let Some(i) = n.as_i64() {
        i.into_pyobject(py)?.into_any().unbind()
    } else if let Some(u) = n.as_u64() {
        u.into_pyobject(py)?.into_any().unbind()
    } else {
        n.as_f64()
            .unwrap_or(f64::NAN)
            .into_pyobject(py)?
            .into_any()
            .unbind()
    })
}

/// Any JSON value.
pub fn value(py: Python<'_>, v: &Value) -> PyResult<PyObject> {
    Ok(match v {
        Value::Null => py.None(),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any().unbind(),
        Value::Number(n) => number(py, n)?,
        Value::String(s) => s.into_pyobject(py)?.into_any().unbind(),
        Value::Array(a) => {
            let list = PyList::empty(py);
            for item in a {
                list.append(value(py, item)?)?;
            }
            list.into_any().unbind()
        }
        Value::Object(o) => object(py, o)?.into_any().unbind(),
    })
}

/// A JSON object as a new `dict` (key order as sent).
pub fn object<'py>(py: Python<'py>, o: &Map<String, Value>) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (k, v) in o {
        dict.set_item(key_str(py, k), value(py, v)?)?;
    }
    Ok(dict)
}

/// Parse JSON text straight into Python objects (no intermediate `Value` tree): what
/// `Webhook.verify` returns. The parser is serde_json's, as in the core.
pub fn parse<'py>(py: Python<'py>, text: &[u8]) -> Result<Bound<'py, PyAny>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(text);
    let value = serde::de::DeserializeSeed::deserialize(Seed(py), &mut de)?;
    de.end()?;
    Ok(value)
}

#[derive(Clone, Copy)]
struct Seed<'py>(Python<'py>);

impl<'de, 'py> serde::de::DeserializeSeed<'de> for Seed<'py> {
    type Value = Bound<'py, PyAny>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

fn py_err<E: serde::de::Error>(e: &PyErr) -> E {
    E::custom(e.to_string())
}

impl<'de, 'py> serde::de::Visitor<'de> for Seed<'py> {
    type Value = Bound<'py, PyAny>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into_pyobject(self.0)
            .map_err(|e| match e {})?
            .to_owned()
            .into_any())
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into_pyobject(self.0).map_err(|e| match e {})?.into_any())
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into_pyobject(self.0).map_err(|e| match e {})?.into_any())
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(v.into_pyobject(self.0).map_err(|e| match e {})?.into_any())
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(pyo3::types::PyString::new(self.0, v).into_any())
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.0.None().into_bound(self.0))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let list = PyList::empty(self.0);
        while let Some(item) = seq.next_element_seed(self)? {
            list.append(item).map_err(|e| py_err(&e))?;
        }
        Ok(list.into_any())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let dict = PyDict::new(self.0);
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let value = map.next_value_seed(self)?;
            dict.set_item(key_str(self.0, &key), value)
                .map_err(|e| py_err(&e))?;
        }
        Ok(dict.into_any())
    }
}

/// Keys longer than this are not cached (event keys are short: `type`, `fileId`, `created_at`).
const KEY_CACHE_MAX_LEN: usize = 32;
const KEY_CACHE_SLOTS: usize = 512;

/// One cache slot: the key's text and its Python `str`.
type KeySlot = Option<(Box<str>, Py<PyString>)>;

thread_local! {
    /// Recently seen object keys as Python strings, direct-mapped by a hash of their bytes. The
    /// same few dozen keys come in every event: reusing their `str` (its hash already computed)
    /// saves creating, hashing and freeing one per key, as orjson does.
    static KEY_CACHE: RefCell<Vec<KeySlot>> =
        RefCell::new((0..KEY_CACHE_SLOTS).map(|_| None).collect());
}

fn slot_of(key: &str) -> usize {
    // FNV-1a: plenty to spread a few dozen short keys over the slots.
    let mut h: u32 = 0x811c_9dc5;
    for b in key.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h as usize % KEY_CACHE_SLOTS
}

/// `key` as a Python `str`, from the cache when it was seen before.
fn key_str<'py>(py: Python<'py>, key: &str) -> Bound<'py, PyString> {
    if key.len() > KEY_CACHE_MAX_LEN {
        return PyString::new(py, key);
    }
    KEY_CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let slot = &mut cache[slot_of(key)];
        if let Some((k, s)) = slot {
            if **k == *key {
                return s.bind(py).clone();
            }
        }
        let s = PyString::new(py, key);
        *slot = Some((key.into(), s.clone().unbind()));
        s
    })
}
