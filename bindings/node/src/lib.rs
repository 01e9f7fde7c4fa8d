//! napi glue for the hookseal npm package: converts at the edge, calls the core, maps errors.
//!
//! No verification, parsing or key logic lives here. The hand-written JS in `node/lib/` gives
//! these classes their idiomatic shapes (`ImageKit`, `Webhook`, error subclasses, adapters).
//!
//! Errors cross the boundary as values: a JS `Error` whose `code` property is the core's stable
//! code (`ErrorKind::code`, set here through napi's error status) and whose message is the core's
//! message, unchanged. The JS layer (`node/lib/errors.cjs`, `fromNative`) picks the matching
//! `WebhookVerificationError` subclass by that `code` alone: nothing is parsed out of a message,
//! and nothing relies on `instanceof Error` (these errors belong to the main realm, not to the
//! caller's under jest's module sandbox or in a `vm` context).

use std::sync::Arc;
use std::time::Duration;

use hookseal::{
    ErrorKind, EventType, FailureMode, HeaderSet, InMemoryReplayGuard, Key, KeyMode, Profile,
    RedisGuardOptions, RedisReplayGuard, ReplayGuard, Secret, Signer, Verified, Verifier,
};
use napi::bindgen_prelude::{ClassInstance, Either, Uint8Array};
use napi_derive::napi;

/// The napi error status of our errors: the core's error kind, whose stable code napi puts on the
/// thrown JS error's `code` property (napi's `Error<S: AsRef<str>>`).
#[derive(Debug, Clone, Copy)]
pub struct Code(ErrorKind);

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        self.0.code()
    }
}

type Error = napi::Error<Code>;
type Result<T> = napi::Result<T, Code>;

fn to_js(e: &hookseal::Error) -> Error {
    Error::new(Code(e.kind()), e.message())
}

fn invalid_secret(msg: &str) -> Error {
    to_js(&hookseal::Error::new(ErrorKind::InvalidSecret, msg))
}

fn mode(name: &str) -> Result<KeyMode> {
    name.parse::<KeyMode>().map_err(|e| to_js(&e))
}

/// A secret by the core's rule: a string read in `mode`, bytes the raw key.
fn key(secret: &Either<String, Uint8Array>, mode: KeyMode) -> Result<Key> {
    let secret = match secret {
        Either::A(s) => Secret::Text(s),
        Either::B(b) => Secret::Bytes(b),
    };
    Key::from_secret(secret, mode).map_err(|e| to_js(&e))
}

/// Gather the headers into the core's header set (borrowed, no copy). The JS layer passes only
/// the signature headers (by name; the core still decides what each one means), joined as
/// `name\0value\0name\0value…`: one string crosses the boundary instead of an array of them.
/// When a value itself holds a NUL it passes the flat `[name, value, …]` array instead.
fn header_set(headers: &Either<String, Vec<String>>) -> HeaderSet<'_> {
    let mut set = HeaderSet::new();
    match headers {
        Either::A(joined) => {
            let mut parts = joined.split('\0');
            while let (Some(name), Some(value)) = (parts.next(), parts.next()) {
                set.push(name.as_bytes(), value);
            }
        }
        Either::B(flat) => {
            for pair in flat.chunks_exact(2) {
                set.push(pair[0].as_bytes(), pair[1].as_str());
            }
        }
    }
    set
}

/// Every stable error code, in the order of contract §7.
#[napi]
pub fn error_codes() -> Vec<&'static str> {
    ErrorKind::ALL.iter().map(|k| k.code()).collect()
}

/// The HTTP status for each error code, in `error_codes()` order (`ErrorKind::http_status`).
#[napi]
pub fn http_statuses() -> Vec<u16> {
    ErrorKind::ALL.iter().map(|k| k.http_status()).collect()
}

/// Every known event type (`EventType::ALL`).
#[napi]
pub fn event_types() -> Vec<&'static str> {
    EventType::ALL.iter().map(|t| t.as_str()).collect()
}

/// The core's sample body for a known event type, or `null`.
#[napi]
pub fn sample_body(event_type: String) -> Option<&'static str> {
    EventType::from_name(&event_type).map(hookseal::sample_body)
}

/// A fresh `msg_…` id.
#[napi]
pub fn fresh_message_id() -> String {
    hookseal::fresh_message_id()
}

/// Check that a body is an event (`unsafe_unwrap`'s rules) without verifying it. The JS layer
/// then materialises it with `JSON.parse` (see `NativeVerifier::unwrap`).
#[napi]
pub fn check_event(body: &[u8]) -> Result<()> {
    hookseal::Event::check(body).map_err(|e| to_js(&e))
}

/// The caller's `Float64Array` for `details`, read in place (one napi call; napi-rs's
/// `Float64Array` type would create and delete a reference on every call). An alias, because the
/// `napi` macro takes a written-out `&mut T` argument for a class instance.
type OutSlots<'a> = &'a mut [f64];

/// The scheme names, in the order `NativeVerifier::verify` numbers them (`hookseal::Scheme::ALL`).
#[napi]
pub fn scheme_names() -> Vec<&'static str> {
    hookseal::Scheme::ALL.iter().map(|s| s.as_str()).collect()
}

/// The replay statuses, in the order `NativeVerifier::verify` numbers them.
#[napi]
pub fn replay_names() -> Vec<&'static str> {
    hookseal::ReplayStatus::ALL
        .iter()
        .map(|r| r.as_str())
        .collect()
}

/// What verified (see `hookseal::Verified`), written into the caller's array as
/// `[keyIndex, scheme, replay, timestamp]` (scheme and replay as indexes into `scheme_names()` and
/// `replay_names()`); the id is returned. Numbers in a reused array cost a fraction of building
/// an object, or a string to split, through napi calls.
#[allow(clippy::cast_precision_loss)] // key indexes and unix seconds are far below 2^53
fn details(v: &Verified, out: &mut [f64]) -> Option<String> {
    fn index<T: PartialEq>(all: &[T], x: &T) -> f64 {
        all.iter().position(|a| a == x).unwrap_or(usize::MAX) as f64
    }
    if let [key, scheme, replay, timestamp, ..] = out {
        *key = v.key_index as f64;
        *scheme = index(&hookseal::Scheme::ALL, &v.scheme);
        *replay = index(&hookseal::ReplayStatus::ALL, &v.replay);
        *timestamp = v.timestamp as f64;
    }
    v.id.clone()
}

/// A replay guard, shareable between verifiers: in memory (`hookseal::InMemoryReplayGuard`) or
/// any guard the core builds from a spec (`hookseal::replay_guard_from_spec`, e.g. Redis).
#[napi]
pub struct NativeReplayGuard {
    inner: Arc<dyn ReplayGuard>,
    memory: Option<Arc<InMemoryReplayGuard>>,
}

#[napi]
impl NativeReplayGuard {
    /// An in-memory guard keeping at most `capacity` unexpired ids (default 100,000).
    #[napi(constructor)]
    pub fn new(capacity: Option<u32>) -> Self {
        let memory = Arc::new(capacity.map_or_else(InMemoryReplayGuard::new, |c| {
            InMemoryReplayGuard::with_capacity(c as usize)
        }));
        NativeReplayGuard {
            inner: Arc::clone(&memory) as Arc<dyn ReplayGuard>,
            memory: Some(memory),
        }
    }

    /// A guard in the Redis at `url` (`redis://`, `rediss://`, `redis://:password@host`), shared
    /// by every receiver using that Redis and prefix (`hookseal::RedisReplayGuard`). `timeoutMs`
    /// bounds connecting and each command; `failureMode` is `fail_closed` (the default: refuse
    /// with `replay_guard_unavailable` while Redis is down) or `fail_open` (accept, and say so).
    #[napi(factory)]
    pub fn redis(
        url: String,
        prefix: Option<String>,
        timeout_ms: Option<u32>,
        failure_mode: Option<String>,
    ) -> Result<Self> {
        let mut options = RedisGuardOptions::default();
        if let Some(p) = prefix {
            options.prefix = p;
        }
        if let Some(ms) = timeout_ms {
            options.timeout = Duration::from_millis(u64::from(ms.max(1)));
        }
        match failure_mode.as_deref() {
            None | Some("fail_closed") => options.failure_mode = FailureMode::FailClosed,
            Some("fail_open") => options.failure_mode = FailureMode::FailOpen,
            Some(other) => {
                return Err(to_js(&hookseal::Error::new(
                    ErrorKind::ReplayGuardUnavailable,
                    format!("failureMode must be \"fail_closed\" or \"fail_open\", not {other:?}"),
                )))
            }
        }
        let guard = RedisReplayGuard::with_options(&url, options).map_err(|e| to_js(&e))?;
        Ok(NativeReplayGuard {
            inner: Arc::new(guard),
            memory: None,
        })
    }

    /// Ids held now (in-memory guards; `null` for other stores).
    #[napi(getter)]
    pub fn size(&self) -> Option<u32> {
        self.memory
            .as_ref()
            .map(|m| u32::try_from(m.len()).unwrap_or(u32::MAX))
    }

    /// The configured capacity (in-memory guards; `null` for other stores).
    #[napi(getter)]
    pub fn capacity(&self) -> Option<u32> {
        self.memory
            .as_ref()
            .map(|m| u32::try_from(m.capacity()).unwrap_or(u32::MAX))
    }
}

/// A guard from a one-line spec (`memory`, `memory:N`, `redis://…`, `off`), or `null` for none.
#[napi]
pub fn replay_guard_from_spec(spec: String) -> Result<Option<NativeReplayGuard>> {
    hookseal::replay_guard_from_spec(&spec)
        .map(|g| {
            g.map(|inner| NativeReplayGuard {
                inner,
                memory: None,
            })
        })
        .map_err(|e| to_js(&e))
}

/// A profile's defaults (`imagekit` or `standard`): `[keyMode, secretEnv, replayGuardEnv]`, an
/// empty string where the profile reads no variable.
#[napi]
pub fn profile(name: String) -> Result<Vec<&'static str>> {
    let p = Profile::from_name(&name).ok_or_else(|| invalid_secret("no such profile"))?;
    Ok(vec![
        p.key_mode().as_str(),
        p.secret_env().unwrap_or_default(),
        p.replay_guard_env().unwrap_or_default(),
    ])
}

/// A configured `hookseal::Verifier`.
#[napi]
pub struct NativeVerifier {
    inner: Verifier,
}

#[napi]
impl NativeVerifier {
    /// Build from secrets (rotation: index = order), each with its key mode, and options.
    /// Bad secrets fail here (`invalid_secret`), never at request time.
    #[napi(constructor)]
    pub fn new(
        secrets: Vec<Either<String, Uint8Array>>,
        key_modes: Vec<String>,
        tolerance: Option<i64>,
        legacy: Option<bool>,
        max_payload_bytes: Option<i64>,
        replay_guard: Option<ClassInstance<NativeReplayGuard>>,
    ) -> Result<Self> {
        if key_modes.len() != secrets.len() {
            return Err(invalid_secret("give one key mode per secret"));
        }
        let mut b = Verifier::builder();
        for (s, m) in secrets.iter().zip(&key_modes) {
            b = b.key(key(s, mode(m)?)?);
        }
        if let Some(t) = tolerance {
            b = b.tolerance(u64::try_from(t).unwrap_or(0));
        }
        if let Some(l) = legacy {
            b = b.legacy(l);
        }
        if let Some(n) = max_payload_bytes {
            b = b.max_payload_bytes(usize::try_from(n).unwrap_or(0));
        }
        if let Some(g) = replay_guard {
            b = b.replay_guard(Arc::clone(&g.inner));
        }
        b.build()
            .map(|inner| NativeVerifier { inner })
            .map_err(|e| to_js(&e))
    }

    /// How many keys are configured.
    #[napi(getter)]
    pub fn key_count(&self) -> u32 {
        u32::try_from(self.inner.keys().len()).unwrap_or(u32::MAX)
    }

    /// Verify `body` against the headers (`name\0value\0…`, or a flat `[name, value, …]`) at
    /// `now` (unix seconds; the clock if absent). Writes `[keyIndex, scheme, replay, timestamp]`
    /// into `out` (see `details`) and returns the message id (`null` for the legacy header).
    #[napi]
    pub fn verify(
        &self,
        body: &[u8],
        headers: Either<String, Vec<String>>,
        now: Option<i64>,
        #[napi(ts_arg_type = "Float64Array")] out: OutSlots<'_>,
    ) -> Result<Option<String>> {
        self.inner
            .verify_headers(body, &header_set(&headers), now)
            .map(|v| details(&v, out))
            .map_err(|e| to_js(&e))
    }

    /// Verify, check the body is an event, run the replay guard (`Verifier::unwrap_checked`);
    /// returns the matching key's index. The JS layer then materialises the event with
    /// `JSON.parse` of the same bytes, which the core has just accepted as an event: several times
    /// faster than building the object through napi calls, and it keeps the JSON's key order.
    #[napi]
    pub fn unwrap(
        &self,
        body: &[u8],
        headers: Either<String, Vec<String>>,
        now: Option<i64>,
    ) -> Result<u32> {
        self.inner
            .unwrap_checked(body, &header_set(&headers), now)
            .map(|v| u32::try_from(v.key_index).unwrap_or(u32::MAX))
            .map_err(|e| to_js(&e))
    }

    /// As `unwrap`, and writes what verified into `out` as `verify` does; returns the message id
    /// (`null` for the legacy header). For `unwrapVerified` and the adapters.
    #[napi]
    pub fn unwrap_details(
        &self,
        body: &[u8],
        headers: Either<String, Vec<String>>,
        now: Option<i64>,
        #[napi(ts_arg_type = "Float64Array")] out: OutSlots<'_>,
    ) -> Result<Option<String>> {
        self.inner
            .unwrap_checked(body, &header_set(&headers), now)
            .map(|v| details(&v, out))
            .map_err(|e| to_js(&e))
    }

    /// Verify only; returns the matching key's index (the drop-in `verify` hot path).
    #[napi]
    pub fn verify_index(
        &self,
        body: &[u8],
        headers: Either<String, Vec<String>>,
        now: Option<i64>,
    ) -> Result<u32> {
        self.inner
            .verify_headers(body, &header_set(&headers), now)
            .map(|v| u32::try_from(v.key_index).unwrap_or(u32::MAX))
            .map_err(|e| to_js(&e))
    }
}

/// A configured `hookseal::Signer`.
#[napi]
pub struct NativeSigner {
    inner: Signer,
}

#[napi]
impl NativeSigner {
    /// A signer for one secret under a key mode.
    #[napi(constructor)]
    pub fn new(secret: Either<String, Uint8Array>, key_mode: String) -> Result<Self> {
        Signer::from_key(key(&secret, mode(&key_mode)?)?)
            .map(|inner| NativeSigner { inner })
            .map_err(|e| to_js(&e))
    }

    /// The `webhook-signature` entry for `id`, `timestamp` (unix seconds) and `body`.
    #[napi]
    pub fn sign(&self, id: String, timestamp: i64, body: &[u8]) -> Result<String> {
        self.inner.sign(&id, timestamp, body).map_err(|e| to_js(&e))
    }

    /// The legacy `x-ik-signature` value for `timestamp_ms` and `body`.
    #[napi]
    pub fn sign_legacy(&self, timestamp_ms: i64, body: &[u8]) -> Result<String> {
        self.inner
            .sign_legacy(timestamp_ms, body)
            .map_err(|e| to_js(&e))
    }
}
