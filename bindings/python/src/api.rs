//! The Python entry points: `Webhooks` (ImageKit's `client.webhooks`), `Webhook` (the Standard
//! Webhooks drop-in), `Signer`, `ReplayGuard`, `Verified`. Each converts its arguments, calls the
//! core, and converts the result or error.

use std::sync::Arc;

use hookseal::{
    ErrorKind, HeaderSet, InMemoryReplayGuard, Key, KeyKind, KeyMode, ReplayGuard, ReplayStatus,
    Signer, Verified, Verifier, DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_TOLERANCE_SECS,
};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::{edge, IntoPyResult};
use crate::events;
use crate::input::{self, Body, Headers};
use crate::json;

// Python signatures show literal defaults (for `help()` and stubtest); they are the core's.
const _: () = assert!(
    DEFAULT_TOLERANCE_SECS == 300
        && DEFAULT_MAX_PAYLOAD_BYTES == 1_048_576
        && InMemoryReplayGuard::DEFAULT_CAPACITY == 100_000
);

/// Bodies at least this large are hashed with the GIL released: other threads run meanwhile.
/// Below it, releasing and re-taking the GIL would cost more than the hash.
const RELEASE_GIL_AT: usize = 16 * 1024;

fn maybe_without_gil<T: Send>(py: Python<'_>, len: usize, f: impl FnOnce() -> T + Send) -> T {
    if len >= RELEASE_GIL_AT {
        py.allow_threads(f)
    } else {
        f()
    }
}

/// What verified a delivery.
#[pyclass(frozen, module = "hookseal", name = "Verified")]
pub struct PyVerified {
    /// The message id (`webhook-id`); `None` for the legacy header.
    #[pyo3(get)]
    id: Option<String>,
    /// The signed timestamp, unix seconds.
    #[pyo3(get)]
    timestamp: i64,
    /// Index of the configured secret that matched (rotation).
    #[pyo3(get)]
    key_index: usize,
    /// `v1`, `v1a` or `legacy`.
    #[pyo3(get)]
    scheme: &'static str,
    /// `not_checked`, `recorded` or `unavailable`.
    #[pyo3(get)]
    replay: &'static str,
}

impl From<&Verified> for PyVerified {
    fn from(v: &Verified) -> Self {
        PyVerified {
            id: v.id.clone(),
            timestamp: v.timestamp,
            key_index: v.key_index,
            scheme: v.scheme.as_str(),
            replay: match v.replay {
                ReplayStatus::NotChecked => "not_checked",
                ReplayStatus::Recorded => "recorded",
                ReplayStatus::Unavailable => "unavailable",
                _ => "unknown",
            },
        }
    }
}

#[pymethods]
impl PyVerified {
    fn __repr__(&self) -> String {
        format!(
            "Verified(id={:?}, timestamp={}, key_index={}, scheme={:?}, replay={:?})",
            self.id.as_deref().unwrap_or(""),
            self.timestamp,
            self.key_index,
            self.scheme,
            self.replay
        )
    }
}

/// Remembers verified message ids so a captured delivery cannot be replayed.
#[pyclass(frozen, module = "hookseal", name = "ReplayGuard")]
pub struct PyReplayGuard {
    guard: Arc<InMemoryReplayGuard>,
}

#[pymethods]
impl PyReplayGuard {
    /// An in-process guard keeping at most `capacity` ids (full: fails closed).
    #[staticmethod]
    #[pyo3(signature = (capacity = 100_000))]
    fn in_memory(capacity: usize) -> Self {
        PyReplayGuard {
            guard: Arc::new(InMemoryReplayGuard::with_capacity(capacity)),
        }
    }

    /// The most ids it keeps.
    #[getter]
    fn capacity(&self) -> usize {
        self.guard.capacity()
    }

    fn __len__(&self) -> usize {
        self.guard.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "ReplayGuard.in_memory(capacity={}) holding {} ids",
            self.guard.capacity(),
            self.guard.len()
        )
    }
}

/// One secret parsed under an explicit key mode: lets one verifier mix modes (e.g. rotating
/// from `imagekit` to `standard` keys). Its bytes never appear in `repr`.
#[pyclass(frozen, module = "hookseal", name = "Key")]
pub struct PyKey {
    pub key: Key,
}

#[pymethods]
impl PyKey {
    #[new]
    #[pyo3(signature = (secret, key_mode = "imagekit"))]
    fn new(secret: &Bound<'_, PyAny>, key_mode: &str) -> PyResult<Self> {
        Ok(PyKey {
            key: input::key(secret, input::key_mode(key_mode)?)?,
        })
    }

    /// The key mode it was read in (`raw` for bytes).
    #[getter]
    fn key_mode(&self) -> &'static str {
        self.key.mode().as_str()
    }

    /// `hmac`, `ed25519_public` (`whpk_`) or `ed25519_secret` (`whsk_`).
    #[getter]
    fn kind(&self) -> &'static str {
        match self.key.kind() {
            KeyKind::Hmac => "hmac",
            KeyKind::Ed25519Public => "ed25519_public",
            KeyKind::Ed25519Secret => "ed25519_secret",
            _ => "unknown",
        }
    }

    /// The `whpk_` public key matching a `whsk_` secret key, else `None`.
    fn public_key(&self) -> Option<String> {
        self.key.public_key()
    }

    fn __repr__(&self) -> String {
        format!(
            "Key(kind={:?}, key_mode={:?}, secret=<redacted>)",
            self.kind(),
            self.key_mode()
        )
    }
}

/// Options shared by `Webhooks` and `Webhook`, kept to build a per-call verifier.
#[derive(Clone)]
struct Options {
    tolerance: u64,
    legacy: bool,
    max_payload_bytes: usize,
    guard: Option<Arc<dyn ReplayGuard>>,
}

impl Options {
    fn build(&self, keys: Vec<Key>) -> PyResult<Verifier> {
        let mut b = Verifier::builder()
            .tolerance(self.tolerance)
            .legacy(self.legacy)
            .max_payload_bytes(self.max_payload_bytes);
        if let Some(g) = &self.guard {
            b = b.replay_guard(Arc::clone(g));
        }
        keys.into_iter()
            .fold(b, hookseal::VerifierBuilder::key)
            .build()
            .py()
    }
}

fn options(
    tolerance: u64,
    legacy: bool,
    max_payload_bytes: usize,
    replay_guard: Option<&Bound<'_, PyReplayGuard>>,
) -> Options {
    Options {
        tolerance,
        legacy,
        max_payload_bytes,
        guard: replay_guard.map(|g| Arc::clone(&g.get().guard) as Arc<dyn ReplayGuard>),
    }
}

/// Verify, then (optionally) parse: the shared path of every entry point.
fn verify_and<'py, T: Send>(
    py: Python<'py>,
    verifier: &Verifier,
    payload: &Bound<'py, PyAny>,
    headers: Option<&Bound<'py, PyAny>>,
    now: Option<&Bound<'py, PyAny>>,
    f: impl FnOnce(&Verifier, &[u8], &HeaderSet<'_>, Option<i64>) -> hookseal::Result<T> + Send,
) -> PyResult<(Body<'py>, T)> {
    let body = input::body(payload)?;
    let headers = Headers::gather(headers)?;
    let now = input::now(now)?;
    let set = headers.set();
    let bytes = body.as_slice();
    let out = maybe_without_gil(py, bytes.len(), || f(verifier, bytes, &set, now)).py()?;
    Ok((body, out))
}

/// ImageKit's `client.webhooks`: `unwrap` verifies and returns a typed event. `imagekit` key mode
/// unless told otherwise.
#[pyclass(frozen, subclass, module = "hookseal", name = "Webhooks")]
pub struct PyWebhooks {
    verifier: Option<Verifier>,
    mode: KeyMode,
    options: Options,
}

impl PyWebhooks {
    fn verifier_for(
        &self,
        key: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<std::borrow::Cow<'_, Verifier>> {
        if let Some(k) = key.filter(|k| !k.is_none()) {
            let keys = input::keys(k, self.mode)?;
            return Ok(std::borrow::Cow::Owned(self.options.build(keys)?));
        }
        self.verifier.as_ref().map(std::borrow::Cow::Borrowed).ok_or_else(|| {
            edge(
                ErrorKind::InvalidSecret,
                "no webhook secret: set IMAGEKIT_WEBHOOK_SECRET, pass ImageKit(webhook_secret=\"whsec_...\"), or pass key= to this call",
            )
        })
    }
}

#[pymethods]
impl PyWebhooks {
    #[new]
    #[pyo3(signature = (secret = None, *, key_mode = "imagekit", tolerance = 300, legacy = false, max_payload_bytes = 1_048_576, replay_guard = None))]
    fn new(
        secret: Option<&Bound<'_, PyAny>>,
        key_mode: &str,
        tolerance: u64,
        legacy: bool,
        max_payload_bytes: usize,
        replay_guard: Option<&Bound<'_, PyReplayGuard>>,
    ) -> PyResult<Self> {
        let mode = input::key_mode(key_mode)?;
        let options = options(tolerance, legacy, max_payload_bytes, replay_guard);
        let verifier = match secret.filter(|s| !s.is_none()) {
            Some(s) => Some(options.build(input::keys(s, mode)?)?),
            None => None,
        };
        Ok(PyWebhooks {
            verifier,
            mode,
            options,
        })
    }

    /// Verify `payload` against `headers`, then parse it into a typed event.
    #[pyo3(signature = (payload, headers = None, *, key = None, now = None))]
    fn unwrap<'py>(
        &self,
        py: Python<'py>,
        payload: &Bound<'py, PyAny>,
        headers: Option<&Bound<'py, PyAny>>,
        key: Option<&Bound<'py, PyAny>>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<PyObject> {
        let checker = self.verifier_for(key)?;
        let (_, (event, verified)) = verify_and(
            py,
            &checker,
            payload,
            headers,
            now,
            Verifier::unwrap_headers,
        )?;
        events::to_py(py, event, Some(verified))
    }

    /// Verify only; returns what matched.
    #[pyo3(signature = (payload, headers = None, *, key = None, now = None))]
    fn verify<'py>(
        &self,
        py: Python<'py>,
        payload: &Bound<'py, PyAny>,
        headers: Option<&Bound<'py, PyAny>>,
        key: Option<&Bound<'py, PyAny>>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<PyVerified> {
        let checker = self.verifier_for(key)?;
        let (_, verified) = verify_and(
            py,
            &checker,
            payload,
            headers,
            now,
            Verifier::verify_headers,
        )?;
        Ok(PyVerified::from(&verified))
    }

    /// Parse without verifying: development only.
    #[allow(clippy::unused_self)]
    fn unsafe_unwrap(&self, py: Python<'_>, payload: &Bound<'_, PyAny>) -> PyResult<PyObject> {
        unsafe_unwrap(py, payload)
    }

    /// The key mode secrets are read in.
    #[getter]
    fn key_mode(&self) -> &'static str {
        self.mode.as_str()
    }

    /// Tolerance in seconds.
    #[getter]
    fn tolerance(&self) -> u64 {
        self.options.tolerance
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let me = slf.get();
        Ok(format!(
            "{}(key_mode={:?}, secrets={}, tolerance={}, legacy={}, max_payload_bytes={}, replay_guard={})",
            slf.get_type().name()?,
            me.mode.as_str(),
            me.verifier.as_ref().map_or(0, |v| v.keys().len()),
            me.options.tolerance,
            if me.options.legacy { "True" } else { "False" },
            me.options.max_payload_bytes,
            if me.options.guard.is_some() { "in_memory" } else { "None" },
        ))
    }
}

/// Parse an event without verifying it (development and tests only).
#[pyfunction]
pub fn unsafe_unwrap(py: Python<'_>, payload: &Bound<'_, PyAny>) -> PyResult<PyObject> {
    let body = input::body(payload)?;
    let bytes = body.as_slice();
    let event = maybe_without_gil(py, bytes.len(), || hookseal::unsafe_unwrap(bytes)).py()?;
    events::to_py(py, event, None)
}

/// Unix seconds from an `int` or a `datetime` (naive means UTC, as in `standardwebhooks`).
fn timestamp_secs(ts: &Bound<'_, PyAny>) -> PyResult<i64> {
    if ts.is_instance(input::datetime_type(ts.py())?)? && ts.call_method0("utcoffset")?.is_none() {
        let utc = ts
            .py()
            .import("datetime")?
            .getattr("timezone")?
            .getattr("utc")?;
        let kwargs = PyDict::new(ts.py());
        kwargs.set_item("tzinfo", utc)?;
        let aware = ts.call_method("replace", (), Some(&kwargs))?;
        return Ok(input::now(Some(&aware))?.unwrap_or_default());
    }
    input::now(Some(ts))?.ok_or_else(|| edge(ErrorKind::InvalidTimestamp, "the timestamp is None"))
}

/// The Standard Webhooks `Webhook`, a drop-in for the `standardwebhooks` package.
#[pyclass(frozen, subclass, module = "hookseal", name = "Webhook")]
pub struct PyWebhook {
    verifier: Verifier,
    signer: Option<Signer>,
    mode: KeyMode,
}

#[pymethods]
impl PyWebhook {
    #[new]
    #[pyo3(signature = (whsecret, *, key_mode = None, tolerance = 300, legacy = false, max_payload_bytes = 1_048_576, replay_guard = None))]
    fn new(
        whsecret: &Bound<'_, PyAny>,
        key_mode: Option<&str>,
        tolerance: u64,
        legacy: bool,
        max_payload_bytes: usize,
        replay_guard: Option<&Bound<'_, PyReplayGuard>>,
    ) -> PyResult<Self> {
        let mode = key_mode.map_or(Ok(KeyMode::Standard), input::key_mode)?;
        let keys = input::keys(whsecret, mode)?;
        let signer = Signer::from_key(keys[0].clone()).ok();
        let verifier = options(tolerance, legacy, max_payload_bytes, replay_guard).build(keys)?;
        Ok(PyWebhook {
            verifier,
            signer,
            mode,
        })
    }

    /// Verify; return the parsed JSON body (or `None` with `json_parse=False`).
    #[pyo3(signature = (data, headers, *, json_parse = true, now = None))]
    fn verify<'py>(
        &self,
        py: Python<'py>,
        data: &Bound<'py, PyAny>,
        headers: &Bound<'py, PyAny>,
        json_parse: bool,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<PyObject> {
        let (body, ()) = verify_and(
            py,
            &self.verifier,
            data,
            Some(headers),
            now,
            |v, b, h, n| v.verify_headers(b, h, n).map(|_| ()),
        )?;
        if !json_parse {
            return Ok(py.None());
        }
        json::parse(py, body.as_slice())
            .map(Bound::unbind)
            .map_err(|e| {
                edge(
                    ErrorKind::InvalidPayload,
                    format!("the body verified but is not valid JSON: {e}"),
                )
            })
    }

    /// Verify and parse into a typed ImageKit event (see `Webhooks.unwrap`).
    #[pyo3(signature = (data, headers, *, now = None))]
    fn unwrap<'py>(
        &self,
        py: Python<'py>,
        data: &Bound<'py, PyAny>,
        headers: &Bound<'py, PyAny>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<PyObject> {
        let (_, (event, verified)) = verify_and(
            py,
            &self.verifier,
            data,
            Some(headers),
            now,
            Verifier::unwrap_headers,
        )?;
        events::to_py(py, event, Some(verified))
    }

    /// `v1,<base64>` for `msg_id`, `timestamp` (a `datetime`, naive meaning UTC, or unix seconds)
    /// and `data`. Signs with the first secret.
    fn sign(
        &self,
        msg_id: &str,
        timestamp: &Bound<'_, PyAny>,
        data: &Bound<'_, PyAny>,
    ) -> PyResult<String> {
        let signer = self.signer.as_ref().ok_or_else(|| {
            edge(
                ErrorKind::InvalidSecret,
                "this key only verifies; it cannot sign",
            )
        })?;
        let ts = timestamp_secs(timestamp)?;
        let body = input::body(data)?;
        signer.sign(msg_id, ts, body.as_slice()).py()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let me = slf.get();
        Ok(format!(
            "{}(key_mode={:?}, secrets={}, tolerance={})",
            slf.get_type().name()?,
            me.mode.as_str(),
            me.verifier.keys().len(),
            me.verifier.tolerance()
        ))
    }
}

/// Signs deliveries: for tests, senders and the test helpers.
#[pyclass(frozen, module = "hookseal", name = "Signer")]
pub struct PySigner {
    signer: Signer,
}

#[pymethods]
impl PySigner {
    #[new]
    #[pyo3(signature = (secret, *, key_mode = "imagekit"))]
    fn new(secret: &Bound<'_, PyAny>, key_mode: &str) -> PyResult<Self> {
        let key = input::key(secret, input::key_mode(key_mode)?)?;
        Ok(PySigner {
            signer: Signer::from_key(key).py()?,
        })
    }

    /// The `webhook-signature` value for `msg_id`, `timestamp` (unix seconds or a `datetime`)
    /// and `payload`.
    fn sign(
        &self,
        msg_id: &str,
        timestamp: &Bound<'_, PyAny>,
        payload: &Bound<'_, PyAny>,
    ) -> PyResult<String> {
        let ts = timestamp_secs(timestamp)?;
        let body = input::body(payload)?;
        self.signer.sign(msg_id, ts, body.as_slice()).py()
    }

    /// The legacy `x-ik-signature` value `t=<ms>,v1=<hex>`.
    fn sign_legacy(&self, timestamp_ms: i64, payload: &Bound<'_, PyAny>) -> PyResult<String> {
        let body = input::body(payload)?;
        self.signer.sign_legacy(timestamp_ms, body.as_slice()).py()
    }

    /// A complete set of headers for `payload`: a fresh `msg_...` id and the current time unless
    /// given.
    #[pyo3(signature = (payload, *, msg_id = None, timestamp = None))]
    fn headers<'py>(
        &self,
        py: Python<'py>,
        payload: &Bound<'py, PyAny>,
        msg_id: Option<String>,
        timestamp: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let body = input::body(payload)?;
        let ts = match timestamp.filter(|t| !t.is_none()) {
            Some(t) => timestamp_secs(t)?,
            None => input::now(None)?.unwrap_or_else(now_secs),
        };
        let id = msg_id.unwrap_or_else(hookseal::fresh_message_id);
        let h = self.signer.headers(&id, ts, body.as_slice()).py()?;
        let d = PyDict::new(py);
        for (k, v) in h.pairs() {
            d.set_item(k, v)?;
        }
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!("Signer(key_mode={:?})", self.signer.key().mode().as_str())
    }
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The sample body of a known event type (ImageKit's own examples where it publishes them).
#[pyfunction]
pub fn sample_body(event_type: &str) -> PyResult<&'static str> {
    hookseal::EventType::from_name(event_type)
        .map(hookseal::sample_body)
        .ok_or_else(|| {
            edge(
                ErrorKind::InvalidPayload,
                format!("no sample for unknown event type {event_type:?}"),
            )
        })
}

/// A new message id, `msg_` plus 27 base62 characters.
#[pyfunction]
pub fn fresh_message_id() -> String {
    hookseal::fresh_message_id()
}

/// Register the classes and functions.
#[allow(clippy::unsafe_removed_from_name)] // `wrap_pyfunction!` renames `unsafe_unwrap` on import
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyVerified>()?;
    m.add_class::<PyKey>()?;
    m.add_class::<PyReplayGuard>()?;
    m.add_class::<PyWebhooks>()?;
    m.add_class::<PyWebhook>()?;
    m.add_class::<PySigner>()?;
    m.add_function(wrap_pyfunction!(unsafe_unwrap, m)?)?;
    m.add_function(wrap_pyfunction!(sample_body, m)?)?;
    m.add_function(wrap_pyfunction!(fresh_message_id, m)?)?;
    Ok(())
}
