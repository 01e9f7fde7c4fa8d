//! The core's parsed JSON as Python objects: `dict`, `list`, `str`, `int`, `float`, `bool`, `None`.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
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
        dict.set_item(k, value(py, v)?)?;
    }
    Ok(dict)
}
