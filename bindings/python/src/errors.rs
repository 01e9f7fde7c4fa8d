//! The error contract in Python: one base exception (a `ValueError`) and one subclass per core
//! `ErrorKind`, each with a class attribute `code`.

use hookseal::{Error, ErrorKind};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyType;

create_exception!(
    hookseal,
    WebhookVerificationError,
    PyValueError,
    "A webhook could not be verified or parsed; `.code` says why."
);
create_exception!(hookseal, MissingHeaderError, WebhookVerificationError);
create_exception!(hookseal, InvalidHeaderError, WebhookVerificationError);
create_exception!(hookseal, InvalidTimestampError, WebhookVerificationError);
create_exception!(hookseal, TimestampTooOldError, WebhookVerificationError);
create_exception!(hookseal, TimestampTooNewError, WebhookVerificationError);
create_exception!(hookseal, InvalidSignatureError, WebhookVerificationError);
create_exception!(hookseal, InvalidSecretError, WebhookVerificationError);
create_exception!(hookseal, InvalidPayloadError, WebhookVerificationError);
create_exception!(hookseal, PayloadTooLargeError, WebhookVerificationError);
create_exception!(hookseal, ReplayedError, WebhookVerificationError);
create_exception!(
    hookseal,
    ReplayGuardUnavailableError,
    WebhookVerificationError
);

/// The exception class for a kind, if this binding maps it (a kind added to the core later
/// falls back to the base class; the test suite fails until it gets a subclass).
fn class_for(py: Python<'_>, kind: ErrorKind) -> Option<Bound<'_, PyType>> {
    Some(match kind {
        ErrorKind::MissingHeader => py.get_type::<MissingHeaderError>(),
        ErrorKind::InvalidHeader => py.get_type::<InvalidHeaderError>(),
        ErrorKind::InvalidTimestamp => py.get_type::<InvalidTimestampError>(),
        ErrorKind::TimestampTooOld => py.get_type::<TimestampTooOldError>(),
        ErrorKind::TimestampTooNew => py.get_type::<TimestampTooNewError>(),
        ErrorKind::InvalidSignature => py.get_type::<InvalidSignatureError>(),
        ErrorKind::InvalidSecret => py.get_type::<InvalidSecretError>(),
        ErrorKind::InvalidPayload => py.get_type::<InvalidPayloadError>(),
        ErrorKind::PayloadTooLarge => py.get_type::<PayloadTooLargeError>(),
        ErrorKind::Replayed => py.get_type::<ReplayedError>(),
        ErrorKind::ReplayGuardUnavailable => py.get_type::<ReplayGuardUnavailableError>(),
        _ => return None,
    })
}

/// A core error as a Python exception.
pub fn to_py(err: &Error) -> PyErr {
    Python::with_gil(|py| raise(py, err.kind(), err.message()))
}

/// An exception of `kind` with `message`.
pub fn raise(py: Python<'_>, kind: ErrorKind, message: &str) -> PyErr {
    if let Some(cls) = class_for(py, kind) {
        return PyErr::from_type(cls, message.to_owned());
    }
    let e = WebhookVerificationError::new_err(message.to_owned());
    // Best effort: the instance still carries its code.
    let _ = e.value(py).setattr("code", kind.code());
    e
}

/// Shorthand for errors the binding itself detects at the edge (wrong argument types).
pub fn edge(kind: ErrorKind, message: impl Into<String>) -> PyErr {
    let message = message.into();
    Python::with_gil(|py| raise(py, kind, &message))
}

/// Extension: `core_result.py()?`.
pub trait IntoPyResult<T> {
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for hookseal::Result<T> {
    fn py(self) -> PyResult<T> {
        self.map_err(|e| to_py(&e))
    }
}

/// Register the classes and give each its `code` and `http_status` (the core's).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let base = py.get_type::<WebhookVerificationError>();
    base.setattr("code", py.None())?;
    base.setattr("http_status", ErrorKind::InvalidPayload.http_status())?;
    m.add("WebhookVerificationError", base)?;
    for kind in ErrorKind::ALL {
        if let Some(cls) = class_for(py, kind) {
            cls.setattr("code", kind.code())?;
            cls.setattr("http_status", kind.http_status())?;
            m.add(cls.name()?, cls)?;
        }
    }
    Ok(())
}
