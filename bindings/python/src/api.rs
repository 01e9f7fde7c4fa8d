//! The Python entry points: `Webhooks` (ImageKit's `client.webhooks`), `Webhook` (the Standard
//! Webhooks drop-in), `Signer`, `ReplayGuard`, `Verified`. Each converts its arguments, calls the
//! core, and converts the result or error.

use std::sync::Arc;

use hookseal::{
    CheckStatus, ErrorKind, FailureMode, GuardOutcome, HeaderSet, InMemoryReplayGuard, Key,
    KeyKind, KeyMode, Profile, RedisGuardOptions, RedisReplayGuard, ReplayGuard,
    ReplayGuardSetting, Signer, Verified, Verifier, DEFAULT_MAX_PAYLOAD_BYTES,
    DEFAULT_TOLERANCE_SECS,
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

fn maybe_without_gil<T: Send>(
    py: Python<'_>,
    len: usize,
    remote: bool,
    f: impl FnOnce() -> T + Send,
) -> T {
    if remote || len >= RELEASE_GIL_AT {
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
            replay: v.replay.as_str(),
        }
    }
}

#[pymethods]
impl PyVerified {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Verified(id={}, timestamp={}, key_index={}, scheme='{}', replay='{}')",
            self.id.as_deref().into_pyobject(py)?.repr()?,
            self.timestamp,
            self.key_index,
            self.scheme,
            self.replay
        ))
    }
}

/// The checks of one verification, step by step (`Webhooks.explain`): for debugging a delivery.
#[pyclass(frozen, module = "hookseal", name = "Explanation")]
pub struct PyExplanation {
    /// `(status, step, detail)`: status `pass`, `fail`, `skip` or `info`.
    #[pyo3(get)]
    checks: Vec<(&'static str, &'static str, String)>,
    /// The real outcome's error code, `None` if it verified.
    #[pyo3(get)]
    code: Option<&'static str>,
    /// Index of the secret that matched, if it verified.
    #[pyo3(get)]
    key_index: Option<usize>,
}

#[pymethods]
impl PyExplanation {
    /// True when the delivery verified (the replay guard is not consulted).
    #[getter]
    fn ok(&self) -> bool {
        self.code.is_none()
    }

    fn __str__(&self) -> String {
        let mut out: Vec<String> = self
            .checks
            .iter()
            .map(|(status, step, detail)| format!("[{status}] {step}: {detail}"))
            .collect();
        out.push(match (self.code, self.key_index) {
            (None, Some(i)) => format!("=> verified (secret #{i})"),
            (Some(code), _) => format!("=> {code}"),
            (None, None) => "=> verified".to_owned(),
        });
        out.join("\n")
    }

    fn __repr__(&self) -> String {
        format!(
            "Explanation(ok={}, code={}, checks={})",
            if self.code.is_none() { "True" } else { "False" },
            self.code
                .map_or_else(|| "None".to_owned(), |c| format!("'{c}'")),
            self.checks.len()
        )
    }
}

/// A store written in Python (a Django cache, redis-py, a database...) used as a replay guard.
struct PythonStore(Py<PyAny>);

impl std::fmt::Debug for PythonStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PythonStore")
    }
}

impl ReplayGuard for PythonStore {
    fn check_and_record(
        &self,
        id: &str,
        now: i64,
        ttl_secs: u64,
    ) -> hookseal::Result<GuardOutcome> {
        Python::with_gil(|py| {
            let answer = self
                .0
                .bind(py)
                .call_method1("check_and_record", (id, now, ttl_secs))
                .and_then(|r| r.is_truthy());
            match answer {
                Ok(true) => Ok(GuardOutcome::Recorded),
                Ok(false) => Ok(GuardOutcome::Replayed),
                Err(e) => Err(hookseal::Error::new(
                    ErrorKind::ReplayGuardUnavailable,
                    format!(
                        "the replay store raised {}",
                        e.get_type(py)
                            .name()
                            .map_or_else(|_| "an exception".to_owned(), |n| n.to_string())
                    ),
                )),
            }
        })
    }
}

/// Remembers verified message ids so a captured delivery cannot be replayed.
#[pyclass(frozen, module = "hookseal", name = "ReplayGuard")]
pub struct PyReplayGuard {
    guard: Arc<dyn ReplayGuard>,
    /// Set for the in-process guard, which can tell its size.
    memory: Option<Arc<InMemoryReplayGuard>>,
    /// What it is, for `repr` (never a password).
    describe: String,
}

impl PyReplayGuard {
    fn memory(capacity: usize) -> Self {
        let g = Arc::new(InMemoryReplayGuard::with_capacity(capacity));
        PyReplayGuard {
            guard: Arc::clone(&g) as Arc<dyn ReplayGuard>,
            memory: Some(g),
            describe: format!("ReplayGuard.in_memory(capacity={capacity})"),
        }
    }
}

#[pymethods]
impl PyReplayGuard {
    /// An in-process guard keeping at most `capacity` ids (full: fails closed).
    #[staticmethod]
    #[pyo3(signature = (capacity = 100_000))]
    fn in_memory(capacity: usize) -> Self {
        Self::memory(capacity)
    }

    /// A guard in Redis shared by every receiver process (`redis://`, `rediss://` URLs).
    #[staticmethod]
    #[pyo3(signature = (url, *, prefix = "hookseal:replay:", timeout = 0.5, fail_open = false))]
    fn redis(url: &str, prefix: &str, timeout: f64, fail_open: bool) -> PyResult<Self> {
        let mut options = RedisGuardOptions::default();
        prefix.clone_into(&mut options.prefix);
        if timeout.is_finite() && timeout > 0.0 {
            options.timeout = std::time::Duration::from_secs_f64(timeout);
        }
        if fail_open {
            options.failure_mode = FailureMode::FailOpen;
        }
        let g = RedisReplayGuard::with_options(url, options).py()?;
        Ok(PyReplayGuard {
            guard: Arc::new(g),
            memory: None,
            describe: format!(
                "ReplayGuard.redis(<url>, prefix='{prefix}', fail_open={})",
                if fail_open { "True" } else { "False" }
            ),
        })
    }

    /// A guard from a one-line setting, as in `HOOKSEAL_REPLAY_GUARD`: `memory`,
    /// `memory:CAPACITY`, `redis://...` (append `#fail-open` to accept while Redis is down), or
    /// `off`/empty for none.
    #[staticmethod]
    fn from_spec(spec: &str) -> PyResult<Option<Self>> {
        let setting = ReplayGuardSetting::parse(spec).py()?;
        // The in-memory guard keeps its size queryable.
        if let ReplayGuardSetting::Memory { capacity } = setting {
            return Ok(Some(Self::memory(capacity)));
        }
        Ok(setting.build().py()?.map(|guard| PyReplayGuard {
            guard,
            memory: None,
            describe: "ReplayGuard.from_spec(<redis>)".to_owned(),
        }))
    }

    /// A guard backed by any object with `check_and_record(id, now, ttl_seconds) -> bool`: true
    /// when it recorded the id, false when the id was already there (a replay). It must be
    /// atomic across receivers. If it raises, the delivery is refused (fails closed).
    #[staticmethod]
    fn custom(store: Bound<'_, PyAny>) -> PyResult<Self> {
        if !store.hasattr("check_and_record")? {
            return Err(edge(
                ErrorKind::ReplayGuardUnavailable,
                "a custom replay store needs a check_and_record(id, now, ttl_seconds) -> bool method",
            ));
        }
        let describe = format!("ReplayGuard.custom({})", store.get_type().name()?);
        Ok(PyReplayGuard {
            guard: Arc::new(PythonStore(store.unbind())),
            memory: None,
            describe,
        })
    }

    /// The most ids it keeps (`None` unless in-memory).
    #[getter]
    fn capacity(&self) -> Option<usize> {
        self.memory.as_ref().map(|g| g.capacity())
    }

    /// How many ids an in-memory guard holds (0 for a shared store, which does not say).
    fn __len__(&self) -> usize {
        self.memory.as_ref().map_or(0, |g| g.len())
    }

    fn __repr__(&self) -> String {
        self.describe.clone()
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
    #[pyo3(signature = (secret, key_mode = None))]
    fn new(secret: &Bound<'_, PyAny>, key_mode: Option<&str>) -> PyResult<Self> {
        Ok(PyKey {
            key: input::key(
                secret,
                input::profile_key_mode(Profile::ImageKit, key_mode)?,
            )?,
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
            "Key(kind='{}', key_mode='{}', secret=<redacted>)",
            self.kind(),
            self.key_mode()
        )
    }
}

/// Options shared by `Webhooks` and `Webhook`, kept to build a per-call verifier.
#[derive(Clone)]
struct Options {
    /// A guard that may wait on the network: always verify with the GIL released.
    remote_guard: bool,
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
        remote_guard: replay_guard.is_some_and(|g| g.get().memory.is_none()),
        tolerance,
        legacy,
        max_payload_bytes,
        guard: replay_guard.map(|g| Arc::clone(&g.get().guard)),
    }
}

/// Verify, then (optionally) parse: the shared path of every entry point.
fn verify_and<'py, T: Send>(
    py: Python<'py>,
    verifier: &Verifier,
    remote: bool,
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
    let out = maybe_without_gil(py, bytes.len(), remote, || f(verifier, bytes, &set, now)).py()?;
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
    #[pyo3(signature = (secret = None, *, key_mode = None, tolerance = 300, legacy = false, max_payload_bytes = 1_048_576, replay_guard = None))]
    fn new(
        secret: Option<&Bound<'_, PyAny>>,
        key_mode: Option<&str>,
        tolerance: u64,
        legacy: bool,
        max_payload_bytes: usize,
        replay_guard: Option<&Bound<'_, PyReplayGuard>>,
    ) -> PyResult<Self> {
        let mode = input::profile_key_mode(Profile::ImageKit, key_mode)?;
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
        let (body, (event, verified)) = verify_and(
            py,
            &checker,
            self.options.remote_guard,
            payload,
            headers,
            now,
            Verifier::unwrap_headers,
        )?;
        events::to_py(py, event, body.as_slice(), Some(verified))
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
            self.options.remote_guard,
            payload,
            headers,
            now,
            Verifier::verify_headers,
        )?;
        Ok(PyVerified::from(&verified))
    }

    /// Every check of verifying this delivery, step by step, and the real outcome. For
    /// debugging; the replay guard is not consulted or written.
    #[pyo3(signature = (payload, headers = None, *, key = None, now = None))]
    fn explain<'py>(
        &self,
        payload: &Bound<'py, PyAny>,
        headers: Option<&Bound<'py, PyAny>>,
        key: Option<&Bound<'py, PyAny>>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<PyExplanation> {
        let checker = self.verifier_for(key)?;
        let body = input::body(payload)?;
        let headers = Headers::gather(headers)?;
        let now = input::now(now)?;
        let e = checker.explain(body.as_slice(), &headers.set(), now);
        Ok(PyExplanation {
            checks: e
                .checks
                .into_iter()
                .map(|c| {
                    let status = match c.status {
                        CheckStatus::Pass => "pass",
                        CheckStatus::Fail => "fail",
                        CheckStatus::Skip => "skip",
                        _ => "info",
                    };
                    (status, c.step, c.detail)
                })
                .collect(),
            code: e.outcome.as_ref().err().map(hookseal::Error::code),
            key_index: e.outcome.as_ref().ok().map(|v| v.key_index),
        })
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

    /// The largest body accepted, in bytes; the framework adapters read at most one byte more.
    #[getter]
    fn max_payload_bytes(&self) -> usize {
        self.options.max_payload_bytes
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let me = slf.get();
        Ok(format!(
            "{}(key_mode='{}', secrets={}, tolerance={}, legacy={}, max_payload_bytes={}, replay_guard={})",
            slf.get_type().name()?,
            me.mode.as_str(),
            me.verifier.as_ref().map_or(0, |v| v.keys().len()),
            me.options.tolerance,
            if me.options.legacy { "True" } else { "False" },
            me.options.max_payload_bytes,
            if me.options.guard.is_some() { "<ReplayGuard>" } else { "None" },
        ))
    }
}

/// Parse an event without verifying it (development and tests only).
#[pyfunction]
pub fn unsafe_unwrap(py: Python<'_>, payload: &Bound<'_, PyAny>) -> PyResult<PyObject> {
    let body = input::body(payload)?;
    let bytes = body.as_slice();
    let event =
        maybe_without_gil(py, bytes.len(), false, || hookseal::unsafe_unwrap(bytes)).py()?;
    events::to_py(py, event, bytes, None)
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
    remote_guard: bool,
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
        let mode = input::profile_key_mode(Profile::StandardWebhooks, key_mode)?;
        let keys = input::keys(whsecret, mode)?;
        let signer = Signer::from_key(keys[0].clone()).ok();
        let options = options(tolerance, legacy, max_payload_bytes, replay_guard);
        let verifier = options.build(keys)?;
        Ok(PyWebhook {
            verifier,
            remote_guard: options.remote_guard,
            signer,
            mode,
        })
    }

    /// The largest body accepted, in bytes; the framework adapters read at most one byte more.
    #[getter]
    fn max_payload_bytes(&self) -> usize {
        self.verifier.max_payload_bytes()
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
            self.remote_guard,
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
        let (body, (event, verified)) = verify_and(
            py,
            &self.verifier,
            self.remote_guard,
            data,
            Some(headers),
            now,
            Verifier::unwrap_headers,
        )?;
        events::to_py(py, event, body.as_slice(), Some(verified))
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
            "{}(key_mode='{}', secrets={}, tolerance={})",
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
    #[pyo3(signature = (secret, *, key_mode = None))]
    fn new(secret: &Bound<'_, PyAny>, key_mode: Option<&str>) -> PyResult<Self> {
        let key = input::key(
            secret,
            input::profile_key_mode(Profile::ImageKit, key_mode)?,
        )?;
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
        format!("Signer(key_mode='{}')", self.signer.key().mode().as_str())
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

/// The key modes under which `secret` would verify this delivery (timestamp and size ignored):
/// for "the secret is right but nothing verifies". Empty: wrong secret, or a changed body.
#[pyfunction]
#[pyo3(signature = (secret, payload, headers, *, now = None))]
pub fn matching_key_modes(
    secret: &str,
    payload: &Bound<'_, PyAny>,
    headers: &Bound<'_, PyAny>,
    now: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<&'static str>> {
    let body = input::body(payload)?;
    let headers = Headers::gather(Some(headers))?;
    let now = input::now(now)?;
    Ok(
        hookseal::matching_key_modes(secret, body.as_slice(), &headers.set(), now)
            .into_iter()
            .map(KeyMode::as_str)
            .collect(),
    )
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
    m.add_function(wrap_pyfunction!(matching_key_modes, m)?)?;
    m.add_class::<PyExplanation>()?;
    Ok(())
}
