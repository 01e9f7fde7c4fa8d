//! pyo3 glue for `hookseal._native`: converts Python arguments, calls the `hookseal` core, and
//! converts results and errors back. No verification, parsing or key logic lives here.

use pyo3::prelude::*;
use pyo3::types::PyTuple;

mod api;
mod errors;
mod events;
mod input;
mod json;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add(
        "ERROR_CODES",
        PyTuple::new(py, hookseal::ErrorKind::ALL.map(hookseal::ErrorKind::code))?,
    )?;
    m.add(
        "EVENT_TYPES",
        PyTuple::new(
            py,
            hookseal::EventType::ALL.map(hookseal::EventType::as_str),
        )?,
    )?;
    m.add(
        "KEY_MODES",
        PyTuple::new(py, hookseal::KeyMode::ALL.map(hookseal::KeyMode::as_str))?,
    )?;
    m.add("DEFAULT_TOLERANCE", hookseal::DEFAULT_TOLERANCE_SECS)?;
    // The ImageKit profile's environment variables (the ImageKit client reads them).
    m.add("SECRET_ENV", hookseal::Profile::ImageKit.secret_env())?;
    m.add(
        "REPLAY_GUARD_ENV",
        hookseal::Profile::ImageKit.replay_guard_env(),
    )?;
    m.add(
        "DEFAULT_MAX_PAYLOAD_BYTES",
        hookseal::DEFAULT_MAX_PAYLOAD_BYTES,
    )?;
    errors::register(m)?;
    events::register(m)?;
    api::register(m)?;
    Ok(())
}
