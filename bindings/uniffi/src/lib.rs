//! uniffi glue for the Kotlin and Swift packages: converts at the edge, calls the `hookseal`
//! core, maps errors. No verification or parsing logic lives here.
//!
//! Integer types are signed on purpose: Kotlin's unsigned types are inline classes that Java
//! cannot call cleanly.

// uniffi passes foreign arguments as owned values; taking them by reference is not an option.
#![allow(clippy::needless_pass_by_value)]

use std::collections::HashMap;
use std::sync::Arc;

use hookseal as hs;

mod event;

pub use event::*;

uniffi::setup_scaffolding!();

// ---------------------------------------------------------------------------------------------
// Errors

/// A verification, parsing or configuration failure. One case per stable code (contract §7);
/// the message is for humans and never contains a secret.
///
/// Kotlin: `WebhookException` with one subclass per code; Swift: `WebhookError` cases.
#[derive(Debug, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum WebhookError {
    /// `missing_header`: a required header is absent or empty.
    #[error("{0}")]
    MissingHeader(String),
    /// `invalid_header`: a header is present but unusable.
    #[error("{0}")]
    InvalidHeader(String),
    /// `invalid_timestamp`: the timestamp is not 1 to 18 ASCII digits.
    #[error("{0}")]
    InvalidTimestamp(String),
    /// `timestamp_too_old`: older than the tolerance allows.
    #[error("{0}")]
    TimestampTooOld(String),
    /// `timestamp_too_new`: further in the future than the tolerance allows.
    #[error("{0}")]
    TimestampTooNew(String),
    /// `invalid_signature`: no signature entry matched any configured key.
    #[error("{0}")]
    InvalidSignature(String),
    /// `invalid_secret`: a secret or key cannot be used (raised when building).
    #[error("{0}")]
    InvalidSecret(String),
    /// `invalid_payload`: the body verified but is not an event.
    #[error("{0}")]
    InvalidPayload(String),
    /// `payload_too_large`: the body is larger than the configured maximum.
    #[error("{0}")]
    PayloadTooLarge(String),
    /// `replayed`: this message id was already accepted.
    #[error("{0}")]
    Replayed(String),
    /// `replay_guard_unavailable`: the replay store could not be used and the guard fails closed.
    #[error("{0}")]
    ReplayGuardUnavailable(String),
}

impl From<hs::Error> for WebhookError {
    fn from(e: hs::Error) -> Self {
        use hs::ErrorKind as K;
        let m = e.message().to_owned();
        match e.kind() {
            K::MissingHeader => WebhookError::MissingHeader(m),
            K::InvalidHeader => WebhookError::InvalidHeader(m),
            K::InvalidTimestamp => WebhookError::InvalidTimestamp(m),
            K::TimestampTooOld => WebhookError::TimestampTooOld(m),
            K::TimestampTooNew => WebhookError::TimestampTooNew(m),
            K::InvalidSignature => WebhookError::InvalidSignature(m),
            K::InvalidSecret => WebhookError::InvalidSecret(m),
            K::InvalidPayload => WebhookError::InvalidPayload(m),
            K::PayloadTooLarge => WebhookError::PayloadTooLarge(m),
            K::Replayed => WebhookError::Replayed(m),
            K::ReplayGuardUnavailable => WebhookError::ReplayGuardUnavailable(m),
            // A kind this glue does not know yet. The per-language tests feed every core code
            // through `throw_error_for_code` and fail on this fallback, so it cannot ship unnoticed.
            _ => WebhookError::InvalidHeader(format!("[unmapped {}] {m}", e.code())),
        }
    }
}

type Result<T, E = WebhookError> = std::result::Result<T, E>;

/// Every error code of the core, in the order of contract §7 (`ErrorKind::ALL`).
#[uniffi::export]
pub fn error_codes() -> Vec<String> {
    hs::ErrorKind::ALL
        .iter()
        .map(|k| k.code().to_owned())
        .collect()
}

/// The HTTP status a receiver answers with for an error code (`ErrorKind::http_status`: 401 not
/// genuine, 400 malformed, 413 too large, 500 a bad secret, 503 the replay store is down), or
/// null for an unknown code. Kotlin/Swift: `error.httpStatus`.
#[uniffi::export]
pub fn http_status_for_code(code: String) -> Option<u16> {
    hs::ErrorKind::from_code(&code).map(hs::ErrorKind::http_status)
}

/// For binding tests: throws the error of `code` exactly as a failed verification would, so each
/// language can prove it maps every core code to its native type. Does nothing for an unknown code.
#[uniffi::export]
pub fn throw_error_for_code(code: String) -> Result<()> {
    match hs::ErrorKind::from_code(&code) {
        Some(kind) => Err(hs::Error::new(kind, format!("example {code} error")).into()),
        None => Ok(()),
    }
}

// ---------------------------------------------------------------------------------------------
// Keys and options

/// How a secret string becomes HMAC key bytes (contract §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum KeyMode {
    /// The UTF-8 bytes of the whole secret string, `whsec_` included (ImageKit's SDKs).
    Imagekit,
    /// Strip an optional `whsec_` prefix and base64-decode the rest (Standard Webhooks, Svix).
    Standard,
    /// The string's UTF-8 bytes as they are.
    Raw,
}

impl From<KeyMode> for hs::KeyMode {
    fn from(m: KeyMode) -> Self {
        match m {
            KeyMode::Imagekit => hs::KeyMode::ImageKit,
            KeyMode::Standard => hs::KeyMode::Standard,
            KeyMode::Raw => hs::KeyMode::Raw,
        }
    }
}

impl From<hs::KeyMode> for KeyMode {
    fn from(m: hs::KeyMode) -> Self {
        match m {
            hs::KeyMode::ImageKit => KeyMode::Imagekit,
            hs::KeyMode::Standard => KeyMode::Standard,
            hs::KeyMode::Raw => KeyMode::Raw,
        }
    }
}

/// A parsed key: an HMAC secret, or an ed25519 `whpk_` public key (verifies `v1a`) or `whsk_`
/// secret key (signs `v1a`). Its bytes are never shown.
#[derive(Debug, uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct WebhookKey {
    key: hs::Key,
}

/// Kotlin's `toString` comes from `Display`: the core's redacted `Debug`, never the bytes.
impl std::fmt::Display for WebhookKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.key)
    }
}

#[uniffi::export]
impl WebhookKey {
    /// Parse `secret` under `mode`.
    #[uniffi::constructor]
    pub fn parse(secret: String, mode: KeyMode) -> Result<Arc<Self>> {
        Ok(Arc::new(WebhookKey {
            key: hs::Key::from_secret(hs::Secret::Text(&secret), mode.into())?,
        }))
    }

    /// A raw HMAC key from bytes.
    #[uniffi::constructor]
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Arc<Self>> {
        Ok(Arc::new(WebhookKey {
            key: hs::Key::from_secret(hs::Secret::Bytes(&bytes), hs::KeyMode::Raw)?,
        }))
    }

    /// The mode the key was parsed under.
    pub fn mode(&self) -> KeyMode {
        self.key.mode().into()
    }

    /// For a `whsk_` key, the `whpk_` public key that verifies what it signs.
    pub fn public_key(&self) -> Option<String> {
        self.key.public_key()
    }
}

/// What a Redis replay guard does while Redis cannot be reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum FailureMode {
    /// Refuse the delivery with `replay_guard_unavailable`: the sender retries later, nothing is
    /// lost or accepted twice. The default.
    FailClosed,
    /// Accept the delivery without a replay check; its `Verification.replay` is `Unavailable`.
    FailOpen,
}

/// A replay guard (contract §5), shared by the verifiers that should reject each other's
/// replays: in memory for one process (`ReplayGuard()`, `ReplayGuard.inMemory`), or in Redis for
/// several processes and machines (`ReplayGuard.redis`). Thread-safe.
///
/// Kotlin and Swift also name it `InMemoryReplayGuard`, its former name, so older code compiles.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct ReplayGuard {
    guard: Arc<dyn hs::ReplayGuard>,
    /// The same guard when it is in memory, for `size` and `capacity`.
    memory: Option<Arc<hs::InMemoryReplayGuard>>,
}

/// The core guard's own `Debug`: capacity and size, or the Redis `host:port` and options (a URL's
/// password never shows).
impl std::fmt::Debug for ReplayGuard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.guard.fmt(f)
    }
}

/// Kotlin's `toString` and Swift's `description` come from `Display`.
impl std::fmt::Display for ReplayGuard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.guard)
    }
}

impl ReplayGuard {
    fn memory(capacity: Option<i64>) -> Arc<Self> {
        let memory = Arc::new(match capacity {
            Some(c) => hs::InMemoryReplayGuard::with_capacity(usize::try_from(c).unwrap_or(1)),
            None => hs::InMemoryReplayGuard::new(),
        });
        Arc::new(ReplayGuard {
            guard: Arc::clone(&memory) as Arc<dyn hs::ReplayGuard>,
            memory: Some(memory),
        })
    }

    fn other(guard: Arc<dyn hs::ReplayGuard>) -> Arc<Self> {
        Arc::new(ReplayGuard {
            guard,
            memory: None,
        })
    }
}

#[uniffi::export]
impl ReplayGuard {
    /// An in-memory guard for one process, keeping at most `capacity` unexpired ids (default
    /// 100,000). When full of unexpired ids it fails closed with `replay_guard_unavailable`.
    #[uniffi::constructor(default(capacity = None))]
    pub fn new(capacity: Option<i64>) -> Arc<Self> {
        Self::memory(capacity)
    }

    /// The same as the primary constructor, by name.
    #[uniffi::constructor(default(capacity = None))]
    pub fn in_memory(capacity: Option<i64>) -> Arc<Self> {
        Self::memory(capacity)
    }

    /// A guard in the Redis at `url` (`redis://host:port/db`, `redis://:password@host`), shared by
    /// every receiver that uses the same Redis and `prefix`: one atomic `SET NX PX` per delivery,
    /// kept for twice the tolerance. `null`/`nil` options take the core's defaults: prefix
    /// `hookseal:replay:`, `timeoutMs` 500 (bounds connecting and each command), `failureMode`
    /// `FailClosed`, 16 idle connections kept. The connection is opened on first use, so this
    /// succeeds while Redis is down; a URL that does not parse is `replay_guard_unavailable`.
    #[uniffi::constructor(default(
        prefix = None,
        timeout_ms = None,
        failure_mode = None,
        max_idle_connections = None
    ))]
    pub fn redis(
        url: String,
        prefix: Option<String>,
        timeout_ms: Option<i64>,
        failure_mode: Option<FailureMode>,
        max_idle_connections: Option<i64>,
    ) -> Result<Arc<Self>> {
        redis_guard(url, prefix, timeout_ms, failure_mode, max_idle_connections).map(Self::other)
    }

    /// The most ids an in-memory guard keeps; null for Redis, which does not count, and for
    /// guards built from a setting (`replay_guard_from_spec`).
    pub fn capacity(&self) -> Option<i64> {
        self.memory.as_ref().map(|m| m.capacity() as i64)
    }

    /// Ids an in-memory guard holds now; null where `capacity` is.
    pub fn size(&self) -> Option<i64> {
        self.memory.as_ref().map(|m| m.len() as i64)
    }
}

#[cfg(feature = "redis")]
fn redis_guard(
    url: String,
    prefix: Option<String>,
    timeout_ms: Option<i64>,
    failure_mode: Option<FailureMode>,
    max_idle_connections: Option<i64>,
) -> Result<Arc<dyn hs::ReplayGuard>> {
    let mut options = hs::RedisGuardOptions::default();
    if let Some(p) = prefix {
        options.prefix = p;
    }
    if let Some(ms) = timeout_ms {
        // A zero socket timeout is an error in the standard library; 1 ms is the least.
        options.timeout = std::time::Duration::from_millis(non_negative(ms).max(1));
    }
    if let Some(m) = failure_mode {
        options.failure_mode = match m {
            FailureMode::FailClosed => hs::FailureMode::FailClosed,
            FailureMode::FailOpen => hs::FailureMode::FailOpen,
        };
    }
    if let Some(n) = max_idle_connections {
        options.max_idle_connections = usize::try_from(n).unwrap_or(0);
    }
    Ok(Arc::new(hs::RedisReplayGuard::with_options(&url, options)?))
}

#[cfg(not(feature = "redis"))]
fn redis_guard(
    _url: String,
    _prefix: Option<String>,
    _timeout_ms: Option<i64>,
    _failure_mode: Option<FailureMode>,
    _max_idle_connections: Option<i64>,
) -> Result<Arc<dyn hs::ReplayGuard>> {
    Err(WebhookError::ReplayGuardUnavailable(
        "this build of hookseal has no Redis support (cargo feature `redis`)".to_owned(),
    ))
}

/// A guard from a one-line setting, as in `HOOKSEAL_REPLAY_GUARD` (which `ImageKitWebhooks`
/// reads when its options give no guard): `memory`, `memory:CAPACITY`, `redis://...` (fails
/// closed; append `#fail-open` to accept while Redis is down), or `off`/empty for none (null).
/// Anything else is `replay_guard_unavailable`.
#[uniffi::export]
pub fn replay_guard_from_spec(spec: String) -> Result<Option<Arc<ReplayGuard>>> {
    Ok(hs::replay_guard_from_spec(&spec)?.map(ReplayGuard::other))
}

/// The name of the environment variable `ImageKitWebhooks` reads: `HOOKSEAL_REPLAY_GUARD`.
#[uniffi::export]
pub fn replay_guard_env() -> String {
    hs::REPLAY_GUARD_ENV.to_owned()
}

/// The guard the profile's environment variable asks for, when it has one and it is set.
fn env_replay_guard(profile: hs::Profile) -> Result<Option<Arc<dyn hs::ReplayGuard>>> {
    match profile.replay_guard_env().map(std::env::var) {
        Some(Ok(spec)) => Ok(hs::ReplayGuardSetting::parse(&spec)?.build()?),
        _ => Ok(None),
    }
}

/// Options of a verifier. Every field has a default.
#[derive(Clone, Debug, uniffi::Record)]
pub struct WebhookOptions {
    /// Tolerance between the signed timestamp and now, in seconds, both directions, inclusive.
    /// Negative values count as 0.
    #[uniffi(default = 300)]
    pub tolerance_seconds: i64,
    /// How secrets given as strings become keys; `null`/`nil` means the entry point's own mode
    /// (`imagekit` for `ImageKitWebhooks`, `standard` for `Webhook`).
    #[uniffi(default = None)]
    pub key_mode: Option<KeyMode>,
    /// Also accept ImageKit's legacy `x-ik-signature` header when no Standard Webhooks signature
    /// is present.
    #[uniffi(default = false)]
    pub legacy: bool,
    /// Largest accepted body in bytes (inclusive); negative values count as 0.
    #[uniffi(default = 1_048_576)]
    pub max_payload_bytes: i64,
    /// Reject a second delivery of a verified message id. When null, `ImageKitWebhooks` (not
    /// `Webhook`) takes one from `HOOKSEAL_REPLAY_GUARD` if that is set.
    #[uniffi(default = None)]
    pub replay_guard: Option<Arc<ReplayGuard>>,
}

impl Default for WebhookOptions {
    fn default() -> Self {
        WebhookOptions {
            tolerance_seconds: hs::DEFAULT_TOLERANCE_SECS as i64,
            key_mode: None,
            legacy: false,
            max_payload_bytes: hs::DEFAULT_MAX_PAYLOAD_BYTES as i64,
            replay_guard: None,
        }
    }
}

/// One received header. Use a list of these where a header may repeat.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct HeaderPair {
    /// The name, any case.
    pub name: String,
    /// The value.
    pub value: String,
}

/// Which signature scheme verified a delivery.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum Scheme {
    /// Standard Webhooks `v1` (HMAC-SHA256).
    V1,
    /// Standard Webhooks `v1a` (ed25519).
    V1a,
    /// ImageKit's legacy `x-ik-signature`.
    Legacy,
}

/// What the replay guard did for a verified delivery.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum ReplayStatus {
    /// No guard is configured.
    NotChecked,
    /// The id was new and is now recorded.
    Recorded,
    /// The guard's store was unreachable and it fails open.
    Unavailable,
}

/// A delivery that verified.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Verification {
    /// The message id (`webhook-id`); null for the legacy header, which carries none.
    pub id: Option<String>,
    /// The signed timestamp in unix seconds.
    pub timestamp: i64,
    /// Index of the configured key that matched (the lowest, if several did).
    pub key_index: i32,
    /// The scheme that matched.
    pub scheme: Scheme,
    /// What the replay guard did.
    pub replay: ReplayStatus,
}

impl From<hs::Verified> for Verification {
    fn from(v: hs::Verified) -> Self {
        Verification {
            id: v.id,
            timestamp: v.timestamp,
            key_index: i32::try_from(v.key_index).unwrap_or(i32::MAX),
            scheme: match v.scheme {
                hs::Scheme::V1a => Scheme::V1a,
                hs::Scheme::Legacy => Scheme::Legacy,
                _ => Scheme::V1,
            },
            replay: match v.replay {
                hs::ReplayStatus::Recorded => ReplayStatus::Recorded,
                hs::ReplayStatus::Unavailable => ReplayStatus::Unavailable,
                _ => ReplayStatus::NotChecked,
            },
        }
    }
}

/// An event together with what verified it.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct VerifiedEvent {
    /// The parsed event.
    pub event: WebhookEvent,
    /// Which key and scheme matched, and what the replay guard did.
    pub verification: Verification,
}

// ---------------------------------------------------------------------------------------------
// Verifiers

/// The verifier shared by both entry points; only the default key mode differs.
#[derive(Debug)]
struct Inner {
    verifier: hs::Verifier,
    mode: hs::KeyMode,
}

/// `ImageKitWebhooks` follows the core's ImageKit profile, `Webhook` (a drop-in for the Standard
/// Webhooks libraries) its Standard Webhooks one: the default key mode, and whether
/// `HOOKSEAL_REPLAY_GUARD` supplies a guard the options do not give.
const IMAGEKIT: hs::Profile = hs::Profile::ImageKit;
const STANDARD: hs::Profile = hs::Profile::StandardWebhooks;

fn non_negative(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl Inner {
    fn builder(
        options: &WebhookOptions,
        guard: Option<Arc<dyn hs::ReplayGuard>>,
    ) -> hs::VerifierBuilder {
        let b = hs::Verifier::builder()
            .tolerance(non_negative(options.tolerance_seconds))
            .legacy(options.legacy)
            .max_payload_bytes(usize::try_from(options.max_payload_bytes).unwrap_or(0));
        match guard {
            Some(g) => b.replay_guard(g),
            None => b,
        }
    }

    /// The guard in `options`, else the one the profile's environment variable asks for.
    fn guard(
        options: &WebhookOptions,
        profile: hs::Profile,
    ) -> Result<Option<Arc<dyn hs::ReplayGuard>>> {
        match &options.replay_guard {
            Some(g) => Ok(Some(Arc::clone(&g.guard))),
            None => env_replay_guard(profile),
        }
    }

    fn from_secrets(
        secrets: &[String],
        options: &WebhookOptions,
        profile: hs::Profile,
    ) -> Result<Inner> {
        let mode = options.key_mode.map_or(profile.key_mode(), Into::into);
        let verifier = secrets
            .iter()
            .fold(
                Self::builder(options, Self::guard(options, profile)?),
                |b, s| b.secret(s, mode),
            )
            .build()?;
        Ok(Inner { verifier, mode })
    }

    fn from_keys(
        keys: &[Arc<WebhookKey>],
        options: &WebhookOptions,
        profile: hs::Profile,
    ) -> Result<Inner> {
        let mode = options.key_mode.map_or(profile.key_mode(), Into::into);
        let verifier = keys
            .iter()
            .fold(
                Self::builder(options, Self::guard(options, profile)?),
                |b, k| b.key(k.key.clone()),
            )
            .build()?;
        Ok(Inner { verifier, mode })
    }

    /// The verifier to use for one call: this one, or the same options with a per-call secret.
    fn for_call(&self, key: Option<String>) -> Result<std::borrow::Cow<'_, hs::Verifier>> {
        Ok(match key {
            None => std::borrow::Cow::Borrowed(&self.verifier),
            Some(secret) => {
                std::borrow::Cow::Owned(self.verifier.with_keys(vec![hs::Key::from_secret(
                    hs::Secret::Text(&secret),
                    self.mode,
                )?])?)
            }
        })
    }

    fn verify(
        &self,
        payload: &[u8],
        headers: &hs::HeaderSet,
        now: Option<i64>,
    ) -> Result<Verification> {
        Ok(self.verifier.verify_headers(payload, headers, now)?.into())
    }

    fn unwrap(
        &self,
        payload: &[u8],
        headers: &hs::HeaderSet,
        key: Option<String>,
        now: Option<i64>,
    ) -> Result<VerifiedEvent> {
        let (event, verified) = self.for_call(key)?.unwrap_headers(payload, headers, now)?;
        Ok(VerifiedEvent {
            event: WebhookEvent::new(event, payload),
            verification: verified.into(),
        })
    }

    fn signer(&self) -> Result<hs::Signer> {
        let key = self
            .verifier
            .keys()
            .first()
            .cloned()
            .ok_or_else(|| WebhookError::InvalidSecret("no secret configured".to_owned()))?;
        Ok(hs::Signer::from_key(key)?)
    }
}

fn map_headers(headers: &HashMap<String, String>) -> hs::HeaderSet<'_> {
    hs::HeaderSet::from_pairs(headers.iter().map(|(k, v)| (k.as_bytes(), v.as_str())))
}

fn pair_headers(headers: &[HeaderPair]) -> hs::HeaderSet<'_> {
    hs::HeaderSet::from_pairs(
        headers
            .iter()
            .map(|h| (h.name.as_bytes(), h.value.as_str())),
    )
}

fn header_map(h: &hs::SignedHeaders) -> HashMap<String, String> {
    h.pairs()
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
}

/// ImageKit's webhook entry point, like `client.webhooks` in ImageKit's SDKs: `imagekit` key mode
/// (the whole `whsec_...` string is the HMAC key). When the options give no replay guard, the
/// `HOOKSEAL_REPLAY_GUARD` environment variable may turn one on (see `replay_guard_from_spec`);
/// a setting it cannot use fails the constructor with `replay_guard_unavailable`.
#[derive(Debug, uniffi::Object)]
pub struct ImageKitWebhooks {
    inner: Inner,
}

#[uniffi::export]
impl ImageKitWebhooks {
    /// A verifier for the dashboard secret `whsec_...`, with default options.
    #[uniffi::constructor]
    pub fn new(webhook_secret: String) -> Result<Arc<Self>> {
        Self::with_options(vec![webhook_secret], WebhookOptions::default())
    }

    /// A verifier for several secrets (rotation: a delivery verifies if any matches; its index is
    /// in `Verification.keyIndex`) and options.
    #[uniffi::constructor]
    pub fn with_options(
        webhook_secrets: Vec<String>,
        options: WebhookOptions,
    ) -> Result<Arc<Self>> {
        Ok(Arc::new(ImageKitWebhooks {
            inner: Inner::from_secrets(&webhook_secrets, &options, IMAGEKIT)?,
        }))
    }

    /// A verifier for already parsed keys (`options.keyMode` applies to per-call `key` secrets).
    #[uniffi::constructor]
    pub fn with_keys(keys: Vec<Arc<WebhookKey>>, options: WebhookOptions) -> Result<Arc<Self>> {
        Ok(Arc::new(ImageKitWebhooks {
            inner: Inner::from_keys(&keys, &options, IMAGEKIT)?,
        }))
    }

    /// Verify `payload` (the raw body, exactly as received) against `headers`, then parse the
    /// event. `key` replaces the configured secret for this call; `now` (unix seconds) replaces
    /// the clock.
    #[uniffi::method(default(key = None, now = None))]
    pub fn unwrap(
        &self,
        payload: Vec<u8>,
        headers: HashMap<String, String>,
        key: Option<String>,
        now: Option<i64>,
    ) -> Result<WebhookEvent> {
        Ok(self
            .inner
            .unwrap(&payload, &map_headers(&headers), key, now)?
            .event)
    }

    /// `unwrap` with headers as a list (names may repeat), also returning what verified.
    #[uniffi::method(default(key = None, now = None))]
    pub fn unwrap_headers(
        &self,
        payload: Vec<u8>,
        headers: Vec<HeaderPair>,
        key: Option<String>,
        now: Option<i64>,
    ) -> Result<VerifiedEvent> {
        self.inner
            .unwrap(&payload, &pair_headers(&headers), key, now)
    }

    /// Verify only (no parsing).
    #[uniffi::method(default(now = None))]
    pub fn verify(
        &self,
        payload: Vec<u8>,
        headers: HashMap<String, String>,
        now: Option<i64>,
    ) -> Result<Verification> {
        self.inner.verify(&payload, &map_headers(&headers), now)
    }

    /// `verify` with headers as a list (names may repeat).
    #[uniffi::method(default(now = None))]
    pub fn verify_headers(
        &self,
        payload: Vec<u8>,
        headers: Vec<HeaderPair>,
        now: Option<i64>,
    ) -> Result<Verification> {
        self.inner.verify(&payload, &pair_headers(&headers), now)
    }

    /// Parse an event **without verifying it**. Development and tests only: anyone can send your
    /// endpoint a body.
    pub fn unsafe_unwrap(&self, payload: Vec<u8>) -> Result<WebhookEvent> {
        unsafe_unwrap(payload)
    }

    /// The `webhook-signature` value for `msg_id`, `timestamp` (unix seconds) and `payload`,
    /// signed with the first configured key.
    pub fn sign(&self, msg_id: String, timestamp: i64, payload: Vec<u8>) -> Result<String> {
        Ok(self.inner.signer()?.sign(&msg_id, timestamp, &payload)?)
    }

    /// Complete, valid headers for `payload` (fresh `msg_...` id, current time), to test an endpoint.
    pub fn test_headers(&self, payload: Vec<u8>) -> Result<HashMap<String, String>> {
        Ok(header_map(&self.inner.signer()?.test_headers(&payload)?))
    }
}

/// The Standard Webhooks `Webhook` class, a drop-in for the reference libraries: `standard` key
/// mode (`whsec_` + base64 is decoded).
#[derive(Debug, uniffi::Object)]
pub struct Webhook {
    inner: Inner,
}

#[uniffi::export]
impl Webhook {
    /// A verifier for `whsec_<base64>` (the prefix is optional), with default options.
    #[uniffi::constructor]
    pub fn new(secret: String) -> Result<Arc<Self>> {
        Self::with_options(vec![secret], WebhookOptions::default())
    }

    /// A verifier for several secrets (rotation) and options.
    #[uniffi::constructor]
    pub fn with_options(secrets: Vec<String>, options: WebhookOptions) -> Result<Arc<Self>> {
        Ok(Arc::new(Webhook {
            inner: Inner::from_secrets(&secrets, &options, STANDARD)?,
        }))
    }

    /// A verifier for already parsed keys.
    #[uniffi::constructor]
    pub fn with_keys(keys: Vec<Arc<WebhookKey>>, options: WebhookOptions) -> Result<Arc<Self>> {
        Ok(Arc::new(Webhook {
            inner: Inner::from_keys(&keys, &options, STANDARD)?,
        }))
    }

    /// Verify `payload` (the raw body, exactly as received) against `headers`.
    #[uniffi::method(default(now = None))]
    pub fn verify(
        &self,
        payload: Vec<u8>,
        headers: HashMap<String, String>,
        now: Option<i64>,
    ) -> Result<Verification> {
        self.inner.verify(&payload, &map_headers(&headers), now)
    }

    /// `verify` with headers as a list (names may repeat).
    #[uniffi::method(default(now = None))]
    pub fn verify_headers(
        &self,
        payload: Vec<u8>,
        headers: Vec<HeaderPair>,
        now: Option<i64>,
    ) -> Result<Verification> {
        self.inner.verify(&payload, &pair_headers(&headers), now)
    }

    /// Verify, then parse the ImageKit event.
    #[uniffi::method(default(now = None))]
    pub fn unwrap(
        &self,
        payload: Vec<u8>,
        headers: HashMap<String, String>,
        now: Option<i64>,
    ) -> Result<WebhookEvent> {
        Ok(self
            .inner
            .unwrap(&payload, &map_headers(&headers), None, now)?
            .event)
    }

    /// `unwrap` with headers as a list (names may repeat), also returning what verified.
    #[uniffi::method(default(now = None))]
    pub fn unwrap_headers(
        &self,
        payload: Vec<u8>,
        headers: Vec<HeaderPair>,
        now: Option<i64>,
    ) -> Result<VerifiedEvent> {
        self.inner
            .unwrap(&payload, &pair_headers(&headers), None, now)
    }

    /// The `webhook-signature` value for `msg_id`, `timestamp` (unix seconds) and `payload`.
    pub fn sign(&self, msg_id: String, timestamp: i64, payload: Vec<u8>) -> Result<String> {
        Ok(self.inner.signer()?.sign(&msg_id, timestamp, &payload)?)
    }

    /// Complete, valid headers for `payload` (fresh `msg_...` id, current time).
    pub fn test_headers(&self, payload: Vec<u8>) -> Result<HashMap<String, String>> {
        Ok(header_map(&self.inner.signer()?.test_headers(&payload)?))
    }
}

/// Signs deliveries with one key: for tests, senders and test endpoints (contract §8).
#[derive(Debug, uniffi::Object)]
pub struct WebhookSigner {
    signer: hs::Signer,
}

#[uniffi::export]
impl WebhookSigner {
    /// A signer for `secret` under `mode`.
    #[uniffi::constructor]
    pub fn new(secret: String, mode: KeyMode) -> Result<Arc<Self>> {
        Ok(Arc::new(WebhookSigner {
            signer: hs::Signer::new(&secret, mode.into())?,
        }))
    }

    /// A signer for a parsed key (`whpk_` public keys cannot sign).
    #[uniffi::constructor]
    pub fn from_key(key: Arc<WebhookKey>) -> Result<Arc<Self>> {
        Ok(Arc::new(WebhookSigner {
            signer: hs::Signer::from_key(key.key.clone())?,
        }))
    }

    /// `v1,<base64>` (or `v1a,<base64>` for a `whsk_` key) for `msg_id`, `timestamp` (unix
    /// seconds) and `payload`.
    pub fn sign(&self, msg_id: String, timestamp: i64, payload: Vec<u8>) -> Result<String> {
        Ok(self.signer.sign(&msg_id, timestamp, &payload)?)
    }

    /// The legacy `x-ik-signature` value `t=<ms>,v1=<hex>`.
    pub fn sign_legacy(&self, timestamp_ms: i64, payload: Vec<u8>) -> Result<String> {
        Ok(self.signer.sign_legacy(timestamp_ms, &payload)?)
    }

    /// The three Standard Webhooks headers for `payload` with this id and timestamp.
    pub fn headers(
        &self,
        msg_id: String,
        timestamp: i64,
        payload: Vec<u8>,
    ) -> Result<HashMap<String, String>> {
        Ok(header_map(
            &self.signer.headers(&msg_id, timestamp, &payload)?,
        ))
    }

    /// Complete, valid headers for `payload` (fresh `msg_...` id, current time).
    pub fn test_headers(&self, payload: Vec<u8>) -> Result<HashMap<String, String>> {
        Ok(header_map(&self.signer.test_headers(&payload)?))
    }
}

/// Parse an event **without verifying it**. Development and tests only.
#[uniffi::export]
pub fn unsafe_unwrap(payload: Vec<u8>) -> Result<WebhookEvent> {
    Ok(WebhookEvent::new(hs::unsafe_unwrap(&payload)?, &payload))
}

/// A realistic sample body of a known event type (`file.created`, ...), or null for other names.
#[uniffi::export]
pub fn sample_body(event_type: String) -> Option<String> {
    hs::EventType::from_name(&event_type).map(|t| hs::sample_body(t).to_owned())
}

/// The 15 known ImageKit event type names.
#[uniffi::export]
pub fn event_types() -> Vec<String> {
    hs::EventType::ALL
        .iter()
        .map(|t| t.as_str().to_owned())
        .collect()
}
