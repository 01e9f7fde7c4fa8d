//! # hookseal
//!
//! Webhook verification for ImageKit and the Standard Webhooks spec: verify, sign, typed events
//! and a replay guard, in one pure-Rust core shared by the Python, Node, Kotlin and Swift
//! packages. The behaviour contract is `docs/contract.md`; the shared test vectors in `tests/vectors/`
//! are its executable form.
//!
//! ```
//! use hookseal::{KeyMode, Signer, Verifier};
//!
//! let secret = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd";
//! let body = br#"{"id":"id","type":"file.deleted","created_at":"2019-12-27T18:11:19.117Z","data":{"fileId":"abc"}}"#;
//! let headers = Signer::new(secret, KeyMode::ImageKit)?.headers("msg_1", 1_674_087_231, body)?;
//!
//! let verifier = Verifier::new(secret, KeyMode::ImageKit)?;
//! let event = verifier.unwrap(body, headers.pairs(), Some(1_674_087_231))?;
//! assert_eq!(event.event_type, "file.deleted");
//! # Ok::<(), hookseal::Error>(())
//! ```
#![forbid(unsafe_code)]

mod error;
mod event;
mod event_types;
mod explain;
mod headers;
mod json_check;
mod key;
mod profile;
#[cfg(feature = "redis")]
mod redis_client;
#[cfg(feature = "redis")]
mod redis_guard;
mod replay;
mod replay_setting;
mod samples;
mod sign;
mod unwrap;
mod verify;

pub use error::{Error, ErrorKind, Result};
pub use event::*;
pub use explain::{matching_key_modes, Check, CheckStatus, Explanation};
pub use headers::{names, HeaderSet, HeaderValue};
pub use key::{install_hmac_sha256, HmacSha256Fn, Key, KeyKind, KeyMode, Secret};
pub use profile::Profile;
#[cfg(feature = "redis")]
pub use redis_guard::{RedisGuardOptions, RedisReplayGuard};
pub use replay::{FailureMode, GuardOutcome, InMemoryReplayGuard, ReplayGuard};
pub use replay_setting::{replay_guard_from_spec, ReplayGuardSetting, REPLAY_GUARD_ENV};
pub use samples::sample_body;
pub use sign::{fresh_message_id, message_id_from_entropy, SignedHeaders, Signer};
pub use unwrap::unsafe_unwrap;
pub use verify::{
    Pending, ReplayStatus, Scheme, Verified, Verifier, VerifierBuilder, DEFAULT_MAX_PAYLOAD_BYTES,
    DEFAULT_TOLERANCE_SECS, MAX_SIGNATURE_ENTRIES, MAX_SIGNATURE_HEADER_BYTES,
    MAX_TIMESTAMP_DIGITS,
};
