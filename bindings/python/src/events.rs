//! Typed events as Python classes: one class per core struct, one event class per event type.
//!
//! Each object keeps the core's typed struct and converts a field to Python the first time it is
//! read (then caches it), so `unwrap` costs what the core costs plus one small object.

use hookseal::{Event, EventData, Verified};
use pyo3::prelude::*;
use pyo3::sync::GILOnceCell;
use pyo3::types::{PyDict, PyList, PyType};
use pyo3::PyClassInitializer;
use serde_json::{Number, Value};

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
impl Field for Value {
    fn to_py(&self, py: Python<'_>) -> PyResult<PyObject> {
        json::value(py, self)
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

/// An optional field: `None` when absent (or of an unexpected JSON type).
fn opt<T: Field>(py: Python<'_>, v: Option<&T>) -> PyResult<PyObject> {
    v.map_or_else(|| Ok(py.None()), |x| x.to_py(py))
}

/// A field ImageKit always sends (`data`, `request`, ...): an empty object when absent, so
/// `event.data.asset.url` is `None` rather than an `AttributeError` on a malformed event.
fn req<T: Field + Default>(py: Python<'_>, v: Option<&T>) -> PyResult<PyObject> {
    match v {
        Some(x) => x.to_py(py),
        None => T::default().to_py(py),
    }
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
                        .get_or_try_init(py, || $conv(py, self.inner.$field.as_ref()))
                        .map(|o| o.clone_ref(py))
                }
            )*

            fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                repr_of(slf.as_any(), &[$($py),*])
            }
        }
    };
}

py_struct!(PyVideoRequest = "VideoRequest" wraps hookseal::VideoRequest {
    "url" url: opt,
    "x_request_id" x_request_id: opt,
    "user_agent" user_agent: opt,
});
py_struct!(PyVideoAsset = "VideoAsset" wraps hookseal::VideoAsset {
    "url" url: opt,
});
py_struct!(PyVideoTransformationOptions = "VideoTransformationOptions" wraps hookseal::VideoTransformationOptions {
    "audio_codec" audio_codec: opt,
    "auto_rotate" auto_rotate: opt,
    "format" format: opt,
    "quality" quality: opt,
    "stream_protocol" stream_protocol: opt,
    "variants" variants: opt,
    "video_codec" video_codec: opt,
});
py_struct!(PyVideoMetadata = "VideoMetadata" wraps hookseal::VideoMetadata {
    "bitrate" bitrate: opt,
    "duration" duration: opt,
    "height" height: opt,
    "width" width: opt,
});
py_struct!(PyVideoOutput = "VideoOutput" wraps hookseal::VideoOutput {
    "url" url: opt,
    "video_metadata" video_metadata: opt,
});
py_struct!(PyTransformationError = "TransformationError" wraps hookseal::TransformationError {
    "reason" reason: opt,
});
py_struct!(PyVideoTransformation = "VideoTransformation" wraps hookseal::VideoTransformation {
    "type" kind: opt,
    "options" options: opt,
    "output" output: opt,
    "error" error: opt,
});
py_struct!(PyVideoTransformationData = "VideoTransformationData" wraps hookseal::VideoTransformationData {
    "asset" asset: req,
    "transformation" transformation: req,
});
py_struct!(PyTimings = "Timings" wraps hookseal::Timings {
    "download_duration" download_duration: opt,
    "encoding_duration" encoding_duration: opt,
});
py_struct!(PyPreTransformRequest = "PreTransformRequest" wraps hookseal::PreTransformRequest {
    "transformation" transformation: opt,
    "x_request_id" x_request_id: opt,
});
py_struct!(PyPostTransformation = "PostTransformation" wraps hookseal::PostTransformation {
    "type" kind: opt,
    "protocol" protocol: opt,
    "value" value: opt,
});
py_struct!(PyPostTransformRequest = "PostTransformRequest" wraps hookseal::PostTransformRequest {
    "transformation" transformation: req,
    "x_request_id" x_request_id: opt,
});
py_struct!(PyAiTag = "AITag" wraps hookseal::AiTag {
    "confidence" confidence: opt,
    "name" name: opt,
    "source" source: opt,
});
py_struct!(PyVersionInfo = "VersionInfo" wraps hookseal::VersionInfo {
    "id" id: opt,
    "name" name: opt,
});
py_struct!(PyFileDetails = "FileDetails" wraps hookseal::FileDetails {
    "ai_tags" ai_tags: opt,
    "audio_codec" audio_codec: opt,
    "bit_rate" bit_rate: opt,
    "created_at" created_at: opt,
    "custom_coordinates" custom_coordinates: opt,
    "custom_metadata" custom_metadata: opt,
    "description" description: opt,
    "duration" duration: opt,
    "embedded_metadata" embedded_metadata: opt,
    "extension_status" extension_status: opt,
    "file_id" file_id: opt,
    "file_path" file_path: opt,
    "file_type" file_type: opt,
    "has_alpha" has_alpha: opt,
    "height" height: opt,
    "is_private_file" is_private_file: opt,
    "is_published" is_published: opt,
    "metadata" metadata: opt,
    "mime" mime: opt,
    "name" name: opt,
    "selected_fields_schema" selected_fields_schema: opt,
    "size" size: opt,
    "tags" tags: opt,
    "thumbnail" thumbnail: opt,
    "thumbnail_url" thumbnail_url: opt,
    "type" kind: opt,
    "updated_at" updated_at: opt,
    "url" url: opt,
    "version_info" version_info: opt,
    "video_codec" video_codec: opt,
    "width" width: opt,
});
py_struct!(PyFailedTransformation = "FailedTransformation" wraps hookseal::FailedTransformation {
    "error" error: req,
});
py_struct!(PyPreTransformErrorData = "PreTransformErrorData" wraps hookseal::PreTransformErrorData {
    "name" name: opt,
    "path" path: opt,
    "transformation" transformation: req,
});
py_struct!(PyPostTransformSuccessData = "PostTransformSuccessData" wraps hookseal::PostTransformSuccessData {
    "file_id" file_id: opt,
    "name" name: opt,
    "url" url: opt,
});
py_struct!(PyPostTransformErrorData = "PostTransformErrorData" wraps hookseal::PostTransformErrorData {
    "file_id" file_id: opt,
    "name" name: opt,
    "path" path: opt,
    "url" url: opt,
    "transformation" transformation: req,
});
py_struct!(PyFileDeletedData = "FileDeletedData" wraps hookseal::FileDeletedData {
    "file_id" file_id: opt,
});
py_struct!(PyFileVersionDeletedData = "FileVersionDeletedData" wraps hookseal::FileVersionDeletedData {
    "file_id" file_id: opt,
    "version_id" version_id: opt,
});
py_struct!(PyCreatedBy = "CreatedBy" wraps hookseal::CreatedBy {
    "email" email: opt,
    "name" name: opt,
});
py_struct!(PyFolder = "Folder" wraps hookseal::Folder {
    "created_at" created_at: opt,
    "created_by" created_by: opt,
    "custom_metadata" custom_metadata: opt,
    "folder_id" folder_id: opt,
    "folder_path" folder_path: opt,
    "name" name: opt,
    "type" kind: opt,
    "updated_at" updated_at: opt,
});
py_struct!(PyFolderDeletedData = "FolderDeletedData" wraps hookseal::FolderDeletedData {
    "folder_id" folder_id: opt,
});

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
                        .get_or_try_init(py, || $conv(py, self.inner.$field.as_ref()))
                        .map(|o| o.clone_ref(py))
                }
            )*
        }
    };
}

py_event!(PyVideoAccepted = "VideoTransformationAcceptedEvent" wraps hookseal::VideoTransformationEvent {
    "request" request: req,
    "data" data: req,
    "timings" timings: opt,
});
py_event!(PyVideoReady = "VideoTransformationReadyEvent" wraps hookseal::VideoTransformationEvent {
    "request" request: req,
    "data" data: req,
    "timings" timings: opt,
});
py_event!(PyVideoError = "VideoTransformationErrorEvent" wraps hookseal::VideoTransformationEvent {
    "request" request: req,
    "data" data: req,
    "timings" timings: opt,
});
py_event!(PyPreSuccess = "UploadPreTransformSuccessEvent" wraps hookseal::UploadPreTransformSuccessEvent {
    "request" request: req,
    "data" data: req,
});
py_event!(PyPreError = "UploadPreTransformErrorEvent" wraps hookseal::UploadPreTransformErrorEvent {
    "request" request: req,
    "data" data: req,
});
py_event!(PyPostSuccess = "UploadPostTransformSuccessEvent" wraps hookseal::UploadPostTransformSuccessEvent {
    "request" request: req,
    "data" data: req,
});
py_event!(PyPostError = "UploadPostTransformErrorEvent" wraps hookseal::UploadPostTransformErrorEvent {
    "request" request: req,
    "data" data: req,
});
py_event!(PyFileCreate = "FileCreateEvent" wraps hookseal::FileEvent {
    "data" data: req,
});
py_event!(PyFileUpdate = "FileUpdateEvent" wraps hookseal::FileEvent {
    "data" data: req,
});
py_event!(PyFileDelete = "FileDeleteEvent" wraps hookseal::FileDeletedEvent {
    "data" data: req,
});
py_event!(PyFileVersionCreate = "FileVersionCreateEvent" wraps hookseal::FileEvent {
    "data" data: req,
});
py_event!(PyFileVersionDelete = "FileVersionDeleteEvent" wraps hookseal::FileVersionDeletedEvent {
    "data" data: req,
});
py_event!(PyFolderCreate = "FolderCreateEvent" wraps hookseal::FolderEvent {
    "data" data: req,
});
py_event!(PyFolderUpdate = "FolderUpdateEvent" wraps hookseal::FolderEvent {
    "data" data: req,
});
py_event!(PyFolderDelete = "FolderDeleteEvent" wraps hookseal::FolderDeletedEvent {
    "data" data: req,
});

/// A core event as an instance of its Python class.
/// `body` is the body the core parsed `event` from.
pub fn to_py(
    py: Python<'_>,
    event: Event,
    body: &[u8],
    verified: Option<Verified>,
) -> PyResult<PyObject> {
    use EventData as D;
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
    macro_rules! sub {
        ($cls:ident, $p:expr) => {
            Py::new(py, base.add_subclass($cls::new($p)))?.into_any()
        };
    }
    Ok(match data {
        D::VideoTransformationAccepted(p) => sub!(PyVideoAccepted, p),
        D::VideoTransformationReady(p) => sub!(PyVideoReady, p),
        D::VideoTransformationError(p) => sub!(PyVideoError, p),
        D::UploadPreTransformSuccess(p) => sub!(PyPreSuccess, p),
        D::UploadPreTransformError(p) => sub!(PyPreError, p),
        D::UploadPostTransformSuccess(p) => sub!(PyPostSuccess, p),
        D::UploadPostTransformError(p) => sub!(PyPostError, p),
        D::FileCreated(p) => sub!(PyFileCreate, p),
        D::FileUpdated(p) => sub!(PyFileUpdate, p),
        D::FileDeleted(p) => sub!(PyFileDelete, p),
        D::FileVersionCreated(p) => sub!(PyFileVersionCreate, p),
        D::FileVersionDeleted(p) => sub!(PyFileVersionDelete, p),
        D::FolderCreated(p) => sub!(PyFolderCreate, p),
        D::FolderUpdated(p) => sub!(PyFolderUpdate, p),
        D::FolderDeleted(p) => sub!(PyFolderDelete, p),
        // `Unknown`, and any variant a later core adds before this binding maps it.
        _ => Py::new(py, base.add_subclass(PyUnknownEvent))?.into_any(),
    })
}

/// Register every event and payload class.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyBaseEvent>()?;
    m.add_class::<PyUnknownEvent>()?;
    m.add_class::<PyVideoAccepted>()?;
    m.add_class::<PyVideoReady>()?;
    m.add_class::<PyVideoError>()?;
    m.add_class::<PyPreSuccess>()?;
    m.add_class::<PyPreError>()?;
    m.add_class::<PyPostSuccess>()?;
    m.add_class::<PyPostError>()?;
    m.add_class::<PyFileCreate>()?;
    m.add_class::<PyFileUpdate>()?;
    m.add_class::<PyFileDelete>()?;
    m.add_class::<PyFileVersionCreate>()?;
    m.add_class::<PyFileVersionDelete>()?;
    m.add_class::<PyFolderCreate>()?;
    m.add_class::<PyFolderUpdate>()?;
    m.add_class::<PyFolderDelete>()?;
    m.add_class::<PyVideoRequest>()?;
    m.add_class::<PyVideoAsset>()?;
    m.add_class::<PyVideoTransformationOptions>()?;
    m.add_class::<PyVideoMetadata>()?;
    m.add_class::<PyVideoOutput>()?;
    m.add_class::<PyTransformationError>()?;
    m.add_class::<PyVideoTransformation>()?;
    m.add_class::<PyVideoTransformationData>()?;
    m.add_class::<PyTimings>()?;
    m.add_class::<PyPreTransformRequest>()?;
    m.add_class::<PyPostTransformation>()?;
    m.add_class::<PyPostTransformRequest>()?;
    m.add_class::<PyAiTag>()?;
    m.add_class::<PyVersionInfo>()?;
    m.add_class::<PyFileDetails>()?;
    m.add_class::<PyFailedTransformation>()?;
    m.add_class::<PyPreTransformErrorData>()?;
    m.add_class::<PyPostTransformSuccessData>()?;
    m.add_class::<PyPostTransformErrorData>()?;
    m.add_class::<PyFileDeletedData>()?;
    m.add_class::<PyFileVersionDeletedData>()?;
    m.add_class::<PyCreatedBy>()?;
    m.add_class::<PyFolder>()?;
    m.add_class::<PyFolderDeletedData>()?;
    Ok(())
}
