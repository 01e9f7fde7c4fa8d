//! Secrets and keys: the one thing that silently breaks everything (contract §2).

use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, OnceLock};

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use ed25519_dalek::{SigningKey, VerifyingKey};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::{Error, ErrorKind, Result};

pub(crate) type HmacSha256 = Hmac<Sha256>;

/// HMAC-SHA256 of `parts` (concatenated) under `key`, computed by the host program.
pub type HmacSha256Fn = fn(key: &[u8], parts: &[&[u8]]) -> [u8; 32];

static HOST_HMAC: OnceLock<HmacSha256Fn> = OnceLock::new();

/// Have every HMAC-SHA256 of this process computed by `f` instead of this crate's own code.
///
/// For hosts that run the core where its compiled SHA-256 is slow and the host's is fast: the Go
/// module runs the core as WebAssembly, and Go's assembly SHA-256 is several times faster there.
/// Only the primitive moves: what is signed, which entries are tried and the constant-time
/// comparison stay here. Like a crypto provider, it is installed once, before the first
/// verification; a second call returns `Err` with the function already in place.
pub fn install_hmac_sha256(f: HmacSha256Fn) -> std::result::Result<(), HmacSha256Fn> {
    HOST_HMAC.set(f).map_err(|_| *HOST_HMAC.get().unwrap_or(&f))
}

/// Secrets in the wild: standard alphabet, padding optional, stray low bits tolerated
/// (as Python's and JS's decoders do), but nothing outside the alphabet.
const LENIENT_B64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

const SECRET_PREFIX: &str = "whsec_";
const PUBLIC_PREFIX: &str = "whpk_";
const SIGNING_PREFIX: &str = "whsk_";

/// How a secret string becomes HMAC key bytes. Always explicit: the two conventions in the wild
/// produce different keys from the same dashboard secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum KeyMode {
    /// The UTF-8 bytes of the whole secret string, `whsec_` included: what ImageKit's SDKs do.
    #[default]
    ImageKit,
    /// Strip an optional `whsec_` prefix and base64-decode the rest: the Standard Webhooks
    /// reference libraries and Svix.
    Standard,
    /// The bytes given by the caller, as they are.
    Raw,
}

impl KeyMode {
    /// Every mode, for bindings and help texts.
    pub const ALL: [KeyMode; 3] = [KeyMode::ImageKit, KeyMode::Standard, KeyMode::Raw];

    /// The stable name: `imagekit`, `standard` or `raw`.
    pub const fn as_str(self) -> &'static str {
        match self {
            KeyMode::ImageKit => "imagekit",
            KeyMode::Standard => "standard",
            KeyMode::Raw => "raw",
        }
    }
}

impl fmt::Display for KeyMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for KeyMode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        KeyMode::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidSecret,
                    format!(
                        "unknown key mode {s:?}: expected \"imagekit\", \"standard\" or \"raw\""
                    ),
                )
            })
    }
}

#[derive(Clone)]
enum Material {
    /// Keyed HMAC state, prepared once and cloned per message; the key bytes for an installed
    /// host HMAC.
    Hmac {
        state: HmacSha256,
        raw: Arc<[u8]>,
    },
    Ed25519Public(VerifyingKey),
    Ed25519Secret(Box<SigningKey>),
}

/// A parsed key: an HMAC secret, an ed25519 public key (`whpk_`, verifies `v1a`) or an ed25519
/// secret key (`whsk_`, signs `v1a`). Its bytes never appear in `Debug` or any message.
#[derive(Clone)]
pub struct Key {
    material: Material,
    mode: KeyMode,
}

/// Which algorithm a [`Key`] is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyKind {
    /// A symmetric HMAC-SHA256 key (`v1` and the legacy header).
    Hmac,
    /// An ed25519 public key (`whpk_`): verifies `v1a`.
    Ed25519Public,
    /// An ed25519 secret key (`whsk_`): signs `v1a`.
    Ed25519Secret,
}

fn invalid(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidSecret, msg)
}

fn decode_b64(what: &str, s: &str) -> Result<Vec<u8>> {
    LENIENT_B64.decode(s).map_err(|_| {
        invalid(format!(
            "{what} is not valid base64 (standard alphabet A-Z a-z 0-9 + /, optional = padding)"
        ))
    })
}

fn decode_32(what: &str, s: &str) -> Result<[u8; 32]> {
    let bytes = decode_b64(what, s)?;
    <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| {
        invalid(format!(
            "{what} must decode to 32 bytes, got {}",
            bytes.len()
        ))
    })
}

/// A secret as a caller gives it, in any language: the one rule every binding follows
/// (contract §2). Bytes (`bytes`, `Buffer`, `ByteArray`, `Data`, `[]byte`, a binary Ruby String)
/// are the raw HMAC key, whatever the key mode; a string is read in the key mode.
#[derive(Clone, Copy)]
pub enum Secret<'a> {
    /// A string: `whsec_…`, `whpk_…`/`whsk_…`, or the key itself in `raw` mode.
    Text(&'a str),
    /// The raw HMAC key.
    Bytes(&'a [u8]),
}

impl fmt::Debug for Secret<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the secret itself.
        match self {
            Secret::Text(_) => f.write_str("Secret::Text(<redacted>)"),
            Secret::Bytes(b) => write!(f, "Secret::Bytes(<{} bytes redacted>)", b.len()),
        }
    }
}

impl Key {
    /// The key for a secret as given (see [`Secret`]): bytes are the raw key, a string follows
    /// `mode`.
    pub fn from_secret(secret: Secret<'_>, mode: KeyMode) -> Result<Key> {
        match secret {
            Secret::Text(text) => Self::parse(text, mode),
            Secret::Bytes(bytes) => Self::from_bytes(bytes),
        }
    }

    /// Parse a secret string under `mode`.
    ///
    /// In `imagekit` and `standard` mode, `whpk_…` is an ed25519 public key and `whsk_…` an
    /// ed25519 secret key (base64 of 32 bytes). In `raw` mode the string's UTF-8 bytes are the key.
    pub fn parse(secret: &str, mode: KeyMode) -> Result<Key> {
        if mode != KeyMode::Raw {
            if let Some(rest) = secret.strip_prefix(PUBLIC_PREFIX) {
                let bytes = decode_32("the whpk_ public key", rest)?;
                let vk = VerifyingKey::from_bytes(&bytes)
                    .map_err(|_| invalid("the whpk_ public key is not a valid ed25519 point"))?;
                return Ok(Key {
                    material: Material::Ed25519Public(vk),
                    mode,
                });
            }
            if let Some(rest) = secret.strip_prefix(SIGNING_PREFIX) {
                let seed = decode_32("the whsk_ secret key", rest)?;
                let sk = SigningKey::from_bytes(&seed);
                return Ok(Key {
                    material: Material::Ed25519Secret(Box::new(sk)),
                    mode,
                });
            }
        }
        match mode {
            KeyMode::ImageKit => {
                if secret.is_empty() || secret == SECRET_PREFIX {
                    return Err(invalid("the secret is empty"));
                }
                Self::hmac(secret.as_bytes(), mode)
            }
            KeyMode::Standard => {
                let rest = secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret);
                let bytes = decode_b64("the secret (standard key mode)", rest)?;
                Self::hmac(&bytes, mode)
            }
            KeyMode::Raw => Self::hmac(secret.as_bytes(), mode),
        }
    }

    /// A raw HMAC key from bytes (`raw` mode).
    pub fn from_bytes(bytes: &[u8]) -> Result<Key> {
        Self::hmac(bytes, KeyMode::Raw)
    }

    fn hmac(bytes: &[u8], mode: KeyMode) -> Result<Key> {
        if bytes.is_empty() {
            return Err(invalid(format!(
                "the secret is empty after decoding ({mode} key mode)"
            )));
        }
        let mac = HmacSha256::new_from_slice(bytes)
            .map_err(|_| invalid("the secret cannot key HMAC-SHA256"))?;
        Ok(Key {
            material: Material::Hmac {
                state: mac,
                raw: bytes.into(),
            },
            mode,
        })
    }

    /// Which algorithm this key is for.
    pub fn kind(&self) -> KeyKind {
        match self.material {
            Material::Hmac { .. } => KeyKind::Hmac,
            Material::Ed25519Public(_) => KeyKind::Ed25519Public,
            Material::Ed25519Secret(_) => KeyKind::Ed25519Secret,
        }
    }

    /// The key mode the secret was parsed under.
    pub fn mode(&self) -> KeyMode {
        self.mode
    }

    /// The HMAC-SHA256 tag of `parts` (concatenated), or `None` for an ed25519 key.
    pub(crate) fn hmac_tag(&self, parts: &[&[u8]]) -> Option<[u8; 32]> {
        let Material::Hmac { state, raw } = &self.material else {
            return None;
        };
        if let Some(host) = HOST_HMAC.get() {
            return Some(host(raw, parts));
        }
        let mut mac = state.clone();
        for p in parts {
            mac.update(p);
        }
        Some(mac.finalize().into_bytes().into())
    }

    /// The tag of `{id}.{ts}.{body}`, the Standard Webhooks signed content (contract §3.4).
    pub(crate) fn content_tag(&self, id: &[u8], ts_dec: &[u8], body: &[u8]) -> Option<[u8; 32]> {
        // `{id}.{ts}.` in one piece when it fits on the stack (the common case).
        let mut buf = [0u8; 128];
        let n = id.len() + ts_dec.len() + 2;
        if n <= buf.len() {
            buf[..id.len()].copy_from_slice(id);
            buf[id.len()] = b'.';
            buf[id.len() + 1..n - 1].copy_from_slice(ts_dec);
            buf[n - 1] = b'.';
            self.hmac_tag(&[&buf[..n], body])
        } else {
            self.hmac_tag(&[id, b".", ts_dec, b".", body])
        }
    }

    pub(crate) fn verifying_key(&self) -> Option<&VerifyingKey> {
        match &self.material {
            Material::Ed25519Public(k) => Some(k),
            _ => None,
        }
    }

    pub(crate) fn signing_key(&self) -> Option<&SigningKey> {
        match &self.material {
            Material::Ed25519Secret(k) => Some(k),
            _ => None,
        }
    }

    /// The `whpk_` public key that verifies what this `whsk_` key signs, if it is one.
    pub fn public_key(&self) -> Option<String> {
        self.signing_key().map(|sk| {
            format!(
                "{PUBLIC_PREFIX}{}",
                base64::engine::general_purpose::STANDARD.encode(sk.verifying_key().as_bytes())
            )
        })
    }
}

// The key material is left out on purpose: secrets never reach Debug.
#[allow(clippy::missing_fields_in_debug)]
impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Key")
            .field("kind", &self.kind())
            .field("mode", &self.mode)
            .field("secret", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        for mode in KeyMode::ALL {
            let k = Key::parse(secret, mode).expect("valid");
            let dbg = format!("{k:?}");
            assert!(!dbg.contains("MfKQ9r8"), "{dbg}");
            assert!(dbg.contains("redacted"));
        }
    }

    #[test]
    fn secrets_as_given_are_redacted_in_debug() {
        assert_eq!(
            format!("{:?}", Secret::Text("whsec_hidden")),
            "Secret::Text(<redacted>)"
        );
        assert_eq!(
            format!("{:?}", Secret::Bytes(b"hidden")),
            "Secret::Bytes(<6 bytes redacted>)"
        );
    }

    #[test]
    fn modes_parse_and_print() {
        for m in KeyMode::ALL {
            assert_eq!(m.as_str().parse::<KeyMode>().expect("known"), m);
            assert_eq!(m.to_string(), m.as_str());
            // A key remembers the mode it was read in.
            assert_eq!(
                Key::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", m)
                    .expect("valid")
                    .mode(),
                m
            );
        }
        assert_eq!(
            "x".parse::<KeyMode>().map_err(|e| e.kind()),
            Err(ErrorKind::InvalidSecret)
        );
    }

    #[test]
    fn empty_and_invalid_secrets_are_refused() {
        for (s, m) in [
            ("", KeyMode::ImageKit),
            ("whsec_", KeyMode::ImageKit),
            ("whsec_", KeyMode::Standard),
            ("whsec_a b", KeyMode::Standard),
            ("", KeyMode::Raw),
            ("whpk_AAAA", KeyMode::Standard),
        ] {
            let e = Key::parse(s, m).expect_err(s);
            assert_eq!(e.kind(), ErrorKind::InvalidSecret, "{s:?} {m}");
        }
        assert!(Key::from_bytes(&[]).is_err());
    }

    #[test]
    fn a_signing_key_names_the_public_key_that_verifies_it() {
        let sk = "whsk_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
        let public = Key::parse(sk, KeyMode::Standard)
            .expect("valid")
            .public_key()
            .expect("whsk_");
        let vk = Key::parse(&public, KeyMode::Standard).expect("a valid whpk_ key");
        assert_eq!(vk.kind(), KeyKind::Ed25519Public);
        let signing = Key::parse(sk, KeyMode::Standard).expect("valid");
        assert_eq!(
            vk.verifying_key().map(VerifyingKey::to_bytes),
            signing.signing_key().map(|k| k.verifying_key().to_bytes())
        );
        // Only a whsk_ key has one.
        assert_eq!(Key::from_bytes(b"k").expect("valid").public_key(), None);
        assert_eq!(vk.public_key(), None);
    }

    #[test]
    fn content_tag_is_the_hmac_of_the_whole_content_at_any_id_length() {
        let key = Key::from_bytes(b"k").expect("valid");
        // `{id}.{ts}.` fits the stack buffer up to 128 bytes, and takes the other path beyond.
        for id_len in [1, 100, 115, 116, 117, 300] {
            let id = vec![b'i'; id_len];
            let (ts, body) = (&b"1700000000"[..], &b"{}"[..]);
            let whole = [&id[..], b".", ts, b".", body].concat();
            assert_eq!(
                key.content_tag(&id, ts, body),
                key.hmac_tag(&[&whole]),
                "id of {id_len} bytes"
            );
        }
    }
}
