//! Signing (contract §8): for tests, senders and the CLI.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ed25519_dalek::Signer as _;
use sha2::{Digest, Sha256};

use crate::error::{Error, ErrorKind, Result};
use crate::headers::names;
use crate::key::{Key, KeyKind, KeyMode};
use crate::verify::{decimal, signed_content};

/// Signs messages with one key: an HMAC secret (`v1`, legacy) or a `whsk_` ed25519 key (`v1a`).
#[derive(Clone, Debug)]
pub struct Signer {
    key: Key,
}

/// A complete set of Standard Webhooks headers for one body.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SignedHeaders {
    /// `webhook-id`.
    pub id: String,
    /// `webhook-timestamp`, unix seconds.
    pub timestamp: i64,
    /// `webhook-signature`.
    pub signature: String,
}

impl SignedHeaders {
    /// The three headers as `(name, value)` pairs, ready to send.
    pub fn pairs(&self) -> [(&'static str, String); 3] {
        [
            (names::WEBHOOK_ID, self.id.clone()),
            (names::WEBHOOK_TIMESTAMP, self.timestamp.to_string()),
            (names::WEBHOOK_SIGNATURE, self.signature.clone()),
        ]
    }
}

fn negative(what: &str) -> Error {
    Error::new(
        ErrorKind::InvalidTimestamp,
        format!("{what} must not be negative"),
    )
}

impl Signer {
    /// A signer for `secret` parsed under `mode` (`whpk_` public keys cannot sign).
    pub fn new(secret: &str, mode: KeyMode) -> Result<Signer> {
        Self::from_key(Key::parse(secret, mode)?)
    }

    /// A signer for a parsed key.
    pub fn from_key(key: Key) -> Result<Signer> {
        if key.kind() == KeyKind::Ed25519Public {
            return Err(Error::new(
                ErrorKind::InvalidSecret,
                "a whpk_ public key only verifies; sign with the matching whsk_ secret key",
            ));
        }
        Ok(Signer { key })
    }

    /// The key.
    pub fn key(&self) -> &Key {
        &self.key
    }

    /// The `webhook-signature` entry for `id`, `timestamp` (unix seconds) and `body`:
    /// `v1,<base64>` for HMAC keys, `v1a,<base64>` for ed25519 keys.
    pub fn sign(&self, id: &str, timestamp: i64, body: &[u8]) -> Result<String> {
        if timestamp < 0 {
            return Err(negative("the timestamp"));
        }
        let mut buf = [0u8; 20];
        let ts = decimal(timestamp, &mut buf);
        if let Some(tag) = self.key.content_tag(id.as_bytes(), ts, body) {
            return Ok(format!("v1,{}", STANDARD.encode(tag)));
        }
        let sk = self
            .key
            .signing_key()
            .ok_or_else(|| Error::new(ErrorKind::InvalidSecret, "this key cannot sign"))?;
        let sig = sk.sign(&signed_content(id.as_bytes(), ts, body));
        Ok(format!("v1a,{}", STANDARD.encode(sig.to_bytes())))
    }

    /// The legacy `x-ik-signature` value `t=<ms>,v1=<hex>` (HMAC keys only).
    pub fn sign_legacy(&self, timestamp_ms: i64, body: &[u8]) -> Result<String> {
        if timestamp_ms < 0 {
            return Err(negative("the timestamp"));
        }
        let mut buf = [0u8; 20];
        let t = decimal(timestamp_ms, &mut buf);
        let tag = self.key.hmac_tag(&[t, b".", body]).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidSecret,
                "the legacy x-ik-signature header needs an HMAC secret, not an ed25519 key",
            )
        })?;
        let mut hex = String::with_capacity(64);
        for b in tag {
            use fmt::Write as _;
            let _ = write!(hex, "{b:02x}");
        }
        Ok(format!("t={timestamp_ms},v1={hex}"))
    }

    /// Headers for `body` with the given id and timestamp.
    pub fn headers(&self, id: &str, timestamp: i64, body: &[u8]) -> Result<SignedHeaders> {
        Ok(SignedHeaders {
            id: id.to_owned(),
            timestamp,
            signature: self.sign(id, timestamp, body)?,
        })
    }

    /// Headers for `body` as a sender would make them now: a fresh `msg_…` id and the current time.
    pub fn test_headers(&self, body: &[u8]) -> Result<SignedHeaders> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        self.headers(&fresh_message_id(), now, body)
    }
}

/// A new message id, `msg_` plus 27 base62 characters, unique within and across processes.
///
/// Ids only need to be unique, not secret: they are derived from the clock, the process id and a
/// counter through SHA-256 (no OS randomness needed). Where there is no clock (WebAssembly), use
/// [`message_id_from_entropy`] with bytes from the host.
pub fn fresh_message_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut seed = Vec::with_capacity(40);
    seed.extend_from_slice(&nanos.to_le_bytes());
    seed.extend_from_slice(&std::process::id().to_le_bytes());
    seed.extend_from_slice(&COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    seed.extend_from_slice(&(&raw const COUNTER as usize).to_le_bytes());
    message_id_from_entropy(&seed)
}

/// A message id (`msg_` plus 27 base62 characters) derived from `entropy` through SHA-256: the
/// same entropy gives the same id, so pass fresh random bytes (16 or more).
pub fn message_id_from_entropy(entropy: &[u8]) -> String {
    const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let digest = Sha256::digest(entropy);
    let mut id = String::with_capacity(31);
    id.push_str("msg_");
    // 27 base62 digits from 24 digest bytes: 21 from the first 16, 6 from the next 8.
    let mut n = u128::from_le_bytes(digest[..16].try_into().unwrap_or([0; 16]));
    let mut m = u64::from_le_bytes(digest[16..24].try_into().unwrap_or([0; 8]));
    for i in 0..27 {
        let d = if i < 21 {
            let d = (n % 62) as usize;
            n /= 62;
            d
        } else {
            let d = (m % 62) as usize;
            m /= 62;
            d
        };
        id.push(char::from(ALPHABET[d]));
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_differ_and_look_right() {
        let a = fresh_message_id();
        let b = fresh_message_id();
        assert_ne!(a, b);
        assert_eq!(a.len(), 31);
        assert!(a.starts_with("msg_") && a[4..].bytes().all(|c| c.is_ascii_alphanumeric()));
    }

    #[test]
    fn public_keys_cannot_sign_and_negative_times_are_refused() {
        let pk = "whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
        assert_eq!(
            Signer::new(pk, KeyMode::Standard)
                .map(|_| ())
                .map_err(|e| e.kind()),
            Err(ErrorKind::InvalidSecret)
        );
        let s = Signer::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", KeyMode::Standard)
            .expect("valid");
        assert_eq!(
            s.sign("x", -1, b"").map_err(|e| e.kind()),
            Err(ErrorKind::InvalidTimestamp)
        );
        assert_eq!(
            s.sign_legacy(-1, b"").map_err(|e| e.kind()),
            Err(ErrorKind::InvalidTimestamp)
        );
        // The epoch itself is a time like any other.
        assert!(s.sign("x", 0, b"").is_ok());
        assert!(s.sign_legacy(0, b"").expect("t=0").starts_with("t=0,v1="));
    }

    #[test]
    fn message_ids_from_entropy_are_known_answers() {
        // Computed independently (Python: SHA-256, then base62 of bytes 0..16 and 16..24, little
        // endian, least significant digit first).
        assert_eq!(
            message_id_from_entropy(b"hookseal"),
            "msg_0PXyLykRZwlOk7S3Mu4N7yL6RkI"
        );
        assert_eq!(
            message_id_from_entropy(&[0; 16]),
            "msg_vFXBJMF2c6in0Tg6kAr1FhAGn0D"
        );
    }
}
