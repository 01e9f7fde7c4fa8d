//! Typed events as Python classes: one class per core struct, one event class per event type.
//!
//! Each object keeps the core's typed struct and converts a field to Python the first time it is
//! read (then caches it), so `unwrap` costs what the core costs plus one small object.

use hookseal::{Event, EventData, Verified};
use pyo3::prelude::*;
use pyo3::sync::GILOnceCell;
use pyo3::types::{PyDict, PyList, PyType};
use pyo3::PyClassInitializer;
use serde_json::{Map, Number, Value};

use crate::api::PyVerified;
use crate::json;

/// A value the typed structs hold, as a Python object.
pub trait Field {
    fn to_py(&self, py: Python<'_>) -> PyResult<PyObject>;
}

impl Field for String {
    fn to_py(&self, py: Python<'_>) -> PyResult<PyObject> {
        Ok(self.into_pyobject(py)?.into_any().unbind())
    }
}
impl Field for bool {
    fn to_py(&self, py: Python<'_>) -> PyResult<PyObject> {
        Ok(self.into_pyobject(py)?.to_owned().into_any().unbind())
    }
}
impl Field for Number {
    fn to_py(&self, py: Python<'_>) -> PyResult<PyObject> {
        json::number(py, self)
    }
}
impl Field for Map<String, Value> {
    fn to_py(&self, py: Python<'_>) -> PyResult<PyObject> {
        Ok(json::object(py, self)?.into_any().unbind())
    }
}
impl<T: Field> Field for Vec<T> {
    fn to_py(&self, py: Python<'_>) -> PyResult<PyObject> {
        let list = PyList::empty(py);
        for item in self {
            list.append(item.to_py(py)?)?;
        }
        Ok(list.into_any().unbind())
    }
}

/// A member the schema makes optional: `None` when absent (or `null` where it may be).
#[allow(clippy::ref_option)] // the macro hands every converter a reference to its field
fn opt<T: Field>(py: Python<'_>, v: &Option<T>) -> PyResult<PyObject> {
    v.as_ref().map_or_else(|| Ok(py.None()), |x| x.to_py(py))
}

/// A member ImageKit always sends: the core refused the body if it was missing.
fn req<T: Field>(py: Python<'_>, v: &T) -> PyResult<PyObject> {
    v.to_py(py)
}

/// `Name(field=value, ...)` for the fields that are set.
fn repr_of(obj: &Bound<'_, PyAny>, fields: &[&str]) -> PyResult<String> {
    let name = obj.get_type().name()?.to_string();
    let mut parts = Vec::new();
    for f in fields {
        let v = obj.getattr(*f)?;
        if !v.is_none() {
            parts.push(format!("{f}={}", v.repr()?));
        }
    }
    Ok(format!("{name}({})", parts.join(", ")))
}

/// Declares a Python class wrapping a core struct: one cached getter per field.
macro_rules! py_struct {
    ($rs:ident = $name:literal wraps $core:ty { $($py:literal $field:ident: $conv:ident,)* }) => {
        #[pyclass(frozen, module = "hookseal", name = $name)]
        pub struct $rs {
            inner: $core,
            $($field: GILOnceCell<PyObject>,)*
        }

        impl $rs {
            pub fn new(inner: $core) -> Self {
                $rs { inner, $($field: GILOnceCell::new(),)* }
            }
        }

        impl Field for $core {
            fn to_py(&self, py: Python<'_>) -> PyResult<PyObject> {
                Ok(Py::new(py, $rs::new(self.clone()))?.into_any())
            }
        }

        #[pymethods]
        impl $rs {
            $(
                #[getter]
                #[pyo3(name = $py)]
                fn $field(&self, py: Python<'_>) -> PyResult<PyObject> {
                    self.$field
                        .get_or_try_init(py, || $conv(py, &self.inner.$field))
                        .map(|o| o.clone_ref(py))
                }
            )*

            fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                repr_of(slf.as_any(), &[$($py),*])
            }
        }
    };
}

static EPOCH: GILOnceCell<PyObject> = GILOnceCell::new();
static TIMEDELTA: GILOnceCell<Py<PyType>> = GILOnceCell::new();

/// Unix milliseconds as an aware UTC `datetime` (exact: epoch plus a `timedelta`).
fn utc_datetime(py: Python<'_>, ms: i64) -> PyResult<PyObject> {
    let epoch = EPOCH.get_or_try_init(py, || -> PyResult<PyObject> {
        let dt = py.import("datetime")?;
        let utc = dt.getattr("timezone")?.getattr("utc")?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("tzinfo", utc)?;
        Ok(dt
            .getattr("datetime")?
            .call((1970, 1, 1), Some(&kwargs))?
            .unbind())
    })?;
    let td = TIMEDELTA.import(py, "datetime", "timedelta")?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("milliseconds", ms)?;
    let delta = td.call((), Some(&kwargs))?;
    Ok(epoch.bind(py).add(delta)?.unbind())
}

/// The envelope every event has. Subclasses add the typed `data` (and `request`, `timings`).
#[pyclass(subclass, frozen, module = "hookseal", name = "BaseWebhookEvent")]
pub struct PyBaseEvent {
    id: Option<String>,
    event_type: String,
    created_at: Option<String>,
    created_at_ms: Option<i64>,
    /// The body as received; `raw` parses it on first use, keys in the order they were sent.
    body: Box<[u8]>,
    raw_dict: GILOnceCell<Py<PyDict>>,
    created: GILOnceCell<PyObject>,
    verified: Option<Verified>,
}

#[pymethods]
impl PyBaseEvent {
    /// The event id.
    #[getter]
    fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The event type, exactly as sent.
    #[getter]
    #[pyo3(name = "type")]
    fn event_type(&self) -> &str {
        &self.event_type
    }

    /// `created_at` as an aware UTC `datetime` (`None` if absent or not ISO 8601).
    #[getter]
    fn created_at(&self, py: Python<'_>) -> PyResult<PyObject> {
        self.created
            .get_or_try_init(py, || match self.created_at_ms {
                // A date Python cannot represent (year 0) reads as absent.
                Some(ms) => Ok(utc_datetime(py, ms).unwrap_or_else(|_| py.None())),
                None => Ok::<_, PyErr>(py.None()),
            })
            .map(|o| o.clone_ref(py))
    }

    /// `created_at` as the string that was sent.
    #[getter]
    fn created_at_raw(&self) -> Option<&str> {
        self.created_at.as_deref()
    }

    /// The whole JSON object as sent, keys in their order (the same `dict` on every access).
    #[getter]
    fn raw(&self, py: Python<'_>) -> PyResult<Py<PyDict>> {
        self.raw_dict
            .get_or_try_init(py, || Ok::<_, PyErr>(self.parse_body(py)?.unbind()))
            .map(|d| d.clone_ref(py))
    }

    /// The whole JSON object (as `raw`), as a new `dict`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.parse_body(py)
    }

    /// What verified this event (matched key index, timestamp, ...); `None` from `unsafe_unwrap`.
    #[getter]
    fn verified(&self, py: Python<'_>) -> PyResult<Option<Py<PyVerified>>> {
        self.verified
            .as_ref()
            .map(|v| Py::new(py, PyVerified::from(v)))
            .transpose()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let me = slf.get();
        let py = slf.py();
        Ok(format!(
            "{}(id={}, type={}, created_at={})",
            slf.get_type().name()?,
            me.id.as_deref().into_pyobject(py)?.repr()?,
            me.event_type.as_str().into_pyobject(py)?.repr()?,
            me.created_at.as_deref().into_pyobject(py)?.repr()?,
        ))
    }
}

impl PyBaseEvent {
    /// The body as a new `dict`. The core accepted it as a JSON object, with the same parser.
    fn parse_body<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let not_object = || {
            crate::errors::edge(
                hookseal::ErrorKind::InvalidPayload,
                "the event body is not a JSON object",
            )
        };
        json::parse(py, &self.body)
            .map_err(|_| not_object())?
            .downcast_into::<PyDict>()
            .map_err(|_| not_object())
    }
}

/// An event whose type this version does not know: read `raw` (`data` and `request` are the
/// raw JSON values, for convenience).
#[pyclass(extends = PyBaseEvent, frozen, module = "hookseal", name = "UnknownEvent")]
pub struct PyUnknownEvent;

#[pymethods]
impl PyUnknownEvent {
    /// `data` as plain JSON values (`None` if absent).
    #[getter]
    fn data(slf: &Bound<'_, Self>) -> PyResult<PyObject> {
        raw_field(slf.as_super().get(), slf.py(), "data")
    }

    /// `request` as raw JSON (`None` if absent).
    #[getter]
    fn request(slf: &Bound<'_, Self>) -> PyResult<PyObject> {
        raw_field(slf.as_super().get(), slf.py(), "request")
    }
}

fn raw_field(base: &PyBaseEvent, py: Python<'_>, key: &str) -> PyResult<PyObject> {
    let raw = base.raw(py)?;
    Ok(raw
        .bind(py)
        .get_item(key)?
        .map_or_else(|| py.None(), Bound::unbind))
}

/// Declares an event class: a subclass of `BaseWebhookEvent` wrapping a core payload struct.
macro_rules! py_event {
    ($rs:ident = $name:literal wraps $core:ty { $($py:literal $field:ident: $conv:ident,)* }) => {
        #[pyclass(extends = PyBaseEvent, frozen, module = "hookseal", name = $name)]
        pub struct $rs {
            inner: $core,
            $($field: GILOnceCell<PyObject>,)*
        }

        impl $rs {
            fn new(inner: $core) -> Self {
                $rs { inner, $($field: GILOnceCell::new(),)* }
            }
        }

        #[pymethods]
        impl $rs {
            $(
                #[getter]
                #[pyo3(name = $py)]
                fn $field(&self, py: Python<'_>) -> PyResult<PyObject> {
                    self.$field
                        .get_or_try_init(py, || $conv(py, &self.inner.$field))
                        .map(|o| o.clone_ref(py))
                }
            )*
        }
    };
}

// The payload and event classes, `typed_event` and `register`, from schema/imagekit-events.json.
include!("event_classes.rs");

/// A core event as an instance of its Python class.
/// `body` is the body the core parsed `event` from.
pub fn to_py(
    py: Python<'_>,
    event: Event,
    body: &[u8],
    verified: Option<Verified>,
) -> PyResult<PyObject> {
    let Event {
        id,
        event_type,
        created_at,
        created_at_ms,
        data,
        ..
    } = event;
    let base = PyClassInitializer::from(PyBaseEvent {
        id,
        event_type,
        created_at,
        created_at_ms,
        body: body.into(),
        raw_dict: GILOnceCell::new(),
        created: GILOnceCell::new(),
        verified,
    });
    typed_event(py, data, base)
}
