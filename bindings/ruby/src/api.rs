//! The native classes under `Hookseal::Native` (`Verifier`, `Signer`) and the public
//! `Hookseal::ReplayGuard` and `Hookseal::Verified`. Positional arguments only: lib/hookseal.rb
//! gives them the keyword-argument API. Each converts its arguments, calls the core, converts back.

use std::sync::Arc;

use hookseal::{
    FailureMode, InMemoryReplayGuard, KeyMode, RedisGuardOptions, RedisReplayGuard, ReplayGuard,
    ReplayGuardSetting, Signer, Verified, Verifier,
};
use magnus::{function, method, prelude::*, Error, RHash, RModule, Ruby, Value};

use crate::errors::{argument, IntoRb};
use crate::events;
use crate::input::{self, Headers};

/// What verified a delivery.
#[magnus::wrap(class = "Hookseal::Verified", free_immediately, size)]
pub struct RbVerified(Verified);

impl From<&Verified> for RbVerified {
    fn from(v: &Verified) -> Self {
        RbVerified(v.clone())
    }
}

impl RbVerified {
    fn id(ruby: &Ruby, s: &Self) -> Value {
        s.0.id
            .as_deref()
            .map_or_else(|| ruby.qnil().as_value(), |id| ruby.str_new(id).as_value())
    }
    fn timestamp(&self) -> i64 {
        self.0.timestamp
    }
    fn key_index(&self) -> usize {
        self.0.key_index
    }
    /// `:v1`, `:v1a` or `:legacy`.
    fn scheme(ruby: &Ruby, s: &Self) -> Value {
        ruby.to_symbol(s.0.scheme.as_str()).as_value()
    }
    /// `:not_checked`, `:recorded` or `:unavailable`.
    fn replay(ruby: &Ruby, s: &Self) -> Value {
        ruby.to_symbol(s.0.replay.as_str()).as_value()
    }
    fn inspect(&self) -> String {
        format!(
            "#<Hookseal::Verified id={:?} timestamp={} key_index={} scheme={} replay={}>",
            self.0.id.as_deref().unwrap_or(""),
            self.0.timestamp,
            self.0.key_index,
            self.0.scheme.as_str(),
            self.0.replay.as_str()
        )
    }
}

/// Remembers verified message ids so a captured delivery cannot be replayed.
#[magnus::wrap(class = "Hookseal::ReplayGuard", free_immediately, size)]
pub struct RbReplayGuard {
    guard: Arc<dyn ReplayGuard>,
    /// Set for the in-process guard, which can tell its size.
    memory: Option<Arc<InMemoryReplayGuard>>,
    /// What it is, for `inspect` (never a password).
    describe: String,
}

impl RbReplayGuard {
    fn memory(capacity: usize) -> Self {
        let g = Arc::new(InMemoryReplayGuard::with_capacity(capacity));
        RbReplayGuard {
            guard: Arc::clone(&g) as Arc<dyn ReplayGuard>,
            memory: Some(g),
            describe: format!("#<Hookseal::ReplayGuard in_memory capacity={capacity}>"),
        }
    }

    fn in_memory(capacity: usize) -> Self {
        Self::memory(capacity)
    }

    fn redis(
        ruby: &Ruby,
        url: String,
        prefix: String,
        timeout: f64,
        fail_open: bool,
    ) -> Result<Self, Error> {
        let mut options = RedisGuardOptions::default();
        options.prefix = prefix;
        if timeout.is_finite() && timeout > 0.0 {
            options.timeout = std::time::Duration::from_secs_f64(timeout);
        }
        if fail_open {
            options.failure_mode = FailureMode::FailOpen;
        }
        let describe = format!(
            "#<Hookseal::ReplayGuard redis prefix={:?} fail_open={fail_open}>",
            options.prefix
        );
        let g = RedisReplayGuard::with_options(&url, options).rb(ruby)?;
        Ok(RbReplayGuard {
            guard: Arc::new(g),
            memory: None,
            describe,
        })
    }

    /// A guard from a one-line setting, as in `HOOKSEAL_REPLAY_GUARD`; nil for `off`/empty.
    fn from_spec(ruby: &Ruby, spec: String) -> Result<Option<Self>, Error> {
        let setting = ReplayGuardSetting::parse(&spec).rb(ruby)?;
        // The in-memory guard keeps its size queryable.
        if let ReplayGuardSetting::Memory { capacity } = setting {
            return Ok(Some(Self::memory(capacity)));
        }
        Ok(setting.build().rb(ruby)?.map(|guard| RbReplayGuard {
            guard,
            memory: None,
            describe: "#<Hookseal::ReplayGuard from_spec(redis)>".to_owned(),
        }))
    }

    /// The most ids it keeps (nil unless in memory).
    fn capacity(&self) -> Option<usize> {
        self.memory.as_ref().map(|g| g.capacity())
    }

    /// How many ids an in-memory guard holds (0 for a shared store, which does not say).
    fn size(&self) -> usize {
        self.memory.as_ref().map_or(0, |g| g.len())
    }

    fn inspect(&self) -> String {
        self.describe.clone()
    }
}

/// A verifier: secrets in one key mode, tolerance, legacy header, size limit, replay guard.
#[magnus::wrap(class = "Hookseal::Native::Verifier", free_immediately, size)]
pub struct RbVerifier {
    verifier: Verifier,
    mode: KeyMode,
}

impl RbVerifier {
    fn build(
        ruby: &Ruby,
        secrets: Value,
        mode: Value,
        tolerance: u64,
        legacy: bool,
        max_payload_bytes: usize,
        guard: Option<&RbReplayGuard>,
    ) -> Result<Self, Error> {
        let mode = input::key_mode(ruby, mode)?;
        let keys = input::keys(ruby, secrets, mode)?;
        let mut b = Verifier::builder()
            .tolerance(tolerance)
            .legacy(legacy)
            .max_payload_bytes(max_payload_bytes);
        if let Some(g) = guard {
            b = b.replay_guard(Arc::clone(&g.guard));
        }
        let verifier = keys
            .into_iter()
            .fold(b, hookseal::VerifierBuilder::key)
            .build()
            .rb(ruby)?;
        Ok(RbVerifier { verifier, mode })
    }

    /// The same settings with other secrets (ImageKit's per-call `key:`).
    fn with_secrets(ruby: &Ruby, s: &Self, secrets: Value) -> Result<Self, Error> {
        let keys = input::keys(ruby, secrets, s.mode)?;
        Ok(RbVerifier {
            verifier: s.verifier.with_keys(keys).rb(ruby)?,
            mode: s.mode,
        })
    }

    fn verify(
        ruby: &Ruby,
        s: &Self,
        payload: Value,
        headers: Value,
        now: Value,
    ) -> Result<RbVerified, Error> {
        let body = input::body(ruby, payload)?;
        let headers = Headers::gather(ruby, headers)?;
        let now = input::now(ruby, now)?;
        let v = s
            .verifier
            .verify_headers(&body, &headers.set(), now)
            .rb(ruby)?;
        Ok(RbVerified(v))
    }

    fn unwrap(
        ruby: &Ruby,
        s: &Self,
        payload: Value,
        headers: Value,
        now: Value,
    ) -> Result<Value, Error> {
        let body = input::body(ruby, payload)?;
        let headers = Headers::gather(ruby, headers)?;
        let now = input::now(ruby, now)?;
        let (event, verified) = s
            .verifier
            .unwrap_headers(&body, &headers.set(), now)
            .rb(ruby)?;
        events::to_rb(ruby, event, &body, Some(verified))
    }

    fn key_mode(&self) -> &'static str {
        self.mode.as_str()
    }
    fn key_count(&self) -> usize {
        self.verifier.keys().len()
    }
    fn tolerance(&self) -> u64 {
        self.verifier.tolerance()
    }
    fn legacy(&self) -> bool {
        self.verifier.legacy_enabled()
    }
    fn max_payload_bytes(&self) -> usize {
        self.verifier.max_payload_bytes()
    }
}

/// Signs deliveries: for tests, senders and the test helpers.
#[magnus::wrap(class = "Hookseal::Native::Signer", free_immediately, size)]
pub struct RbSigner(Signer);

impl RbSigner {
    fn build(ruby: &Ruby, secret: Value, mode: Value) -> Result<Self, Error> {
        let mode = input::key_mode(ruby, mode)?;
        let key = input::key(ruby, secret, mode)?;
        Ok(RbSigner(Signer::from_key(key).rb(ruby)?))
    }

    fn sign(
        ruby: &Ruby,
        s: &Self,
        id: String,
        timestamp: i64,
        payload: Value,
    ) -> Result<String, Error> {
        let body = input::body(ruby, payload)?;
        s.0.sign(&id, timestamp, &body).rb(ruby)
    }

    fn sign_legacy(
        ruby: &Ruby,
        s: &Self,
        timestamp_ms: i64,
        payload: Value,
    ) -> Result<String, Error> {
        let body = input::body(ruby, payload)?;
        s.0.sign_legacy(timestamp_ms, &body).rb(ruby)
    }

    /// `{"webhook-id" => ..., "webhook-timestamp" => ..., "webhook-signature" => ...}`.
    fn headers(
        ruby: &Ruby,
        s: &Self,
        payload: Value,
        id: String,
        timestamp: i64,
    ) -> Result<RHash, Error> {
        let body = input::body(ruby, payload)?;
        let h = s.0.headers(&id, timestamp, &body).rb(ruby)?;
        let out = ruby.hash_new();
        for (k, v) in h.pairs() {
            out.aset(k, v)?;
        }
        Ok(out)
    }

    fn key_mode(&self) -> &'static str {
        self.0.key().mode().as_str()
    }
}

/// Parse an event without verifying it (development and tests only).
fn unsafe_unwrap(ruby: &Ruby, payload: Value) -> Result<Value, Error> {
    let body = input::body(ruby, payload)?;
    let event = hookseal::unsafe_unwrap(&body).rb(ruby)?;
    events::to_rb(ruby, event, &body, None)
}

/// The sample body of a known event type.
fn sample_body(ruby: &Ruby, event_type: String) -> Result<&'static str, Error> {
    hookseal::EventType::from_name(&event_type)
        .map(hookseal::sample_body)
        .ok_or_else(|| {
            argument(
                ruby,
                format!("no sample for unknown event type {event_type:?}"),
            )
        })
}

/// Define the classes.
pub fn register(ruby: &Ruby, m: RModule) -> Result<(), Error> {
    let verified = m.define_class("Verified", ruby.class_object())?;
    verified.undef_default_alloc_func();
    verified.define_method("id", method!(RbVerified::id, 0))?;
    verified.define_method("timestamp", method!(RbVerified::timestamp, 0))?;
    verified.define_method("key_index", method!(RbVerified::key_index, 0))?;
    verified.define_method("scheme", method!(RbVerified::scheme, 0))?;
    verified.define_method("replay", method!(RbVerified::replay, 0))?;
    verified.define_method("inspect", method!(RbVerified::inspect, 0))?;

    let guard = m.define_class("ReplayGuard", ruby.class_object())?;
    guard.undef_default_alloc_func();
    guard.define_singleton_method("_in_memory", function!(RbReplayGuard::in_memory, 1))?;
    guard.define_singleton_method("_redis", function!(RbReplayGuard::redis, 4))?;
    guard.define_singleton_method("from_spec", function!(RbReplayGuard::from_spec, 1))?;
    guard.define_method("capacity", method!(RbReplayGuard::capacity, 0))?;
    guard.define_method("size", method!(RbReplayGuard::size, 0))?;
    guard.define_method("inspect", method!(RbReplayGuard::inspect, 0))?;

    let native = m.define_module("Native")?;
    let checker = native.define_class("Verifier", ruby.class_object())?;
    checker.undef_default_alloc_func();
    checker.define_singleton_method("build", function!(RbVerifier::build, 6))?;
    checker.define_method("with_secrets", method!(RbVerifier::with_secrets, 1))?;
    checker.define_method("verify", method!(RbVerifier::verify, 3))?;
    checker.define_method("unwrap", method!(RbVerifier::unwrap, 3))?;
    checker.define_method("key_mode", method!(RbVerifier::key_mode, 0))?;
    checker.define_method("key_count", method!(RbVerifier::key_count, 0))?;
    checker.define_method("tolerance", method!(RbVerifier::tolerance, 0))?;
    checker.define_method("legacy?", method!(RbVerifier::legacy, 0))?;
    checker.define_method(
        "max_payload_bytes",
        method!(RbVerifier::max_payload_bytes, 0),
    )?;

    let signer = native.define_class("Signer", ruby.class_object())?;
    signer.undef_default_alloc_func();
    signer.define_singleton_method("build", function!(RbSigner::build, 2))?;
    signer.define_method("sign", method!(RbSigner::sign, 3))?;
    signer.define_method("sign_legacy", method!(RbSigner::sign_legacy, 2))?;
    signer.define_method("headers", method!(RbSigner::headers, 3))?;
    signer.define_method("key_mode", method!(RbSigner::key_mode, 0))?;

    native.define_module_function("unsafe_unwrap", function!(unsafe_unwrap, 1))?;
    native.define_module_function("sample_body", function!(sample_body, 1))?;
    native.define_module_function("fresh_message_id", function!(hookseal::fresh_message_id, 0))?;
    Ok(())
}
