//! Verifying a delivery: Standard Webhooks `v1`/`v1a` (contract §3) and the legacy
//! `x-ik-signature` header (contract §6).

use std::fmt;
use std::sync::Arc;

use ed25519_dalek::Signature;
use subtle::ConstantTimeEq;

use crate::error::{Error, ErrorKind, Result};
use crate::headers::{names, HeaderSet, HeaderValue};
use crate::key::{Key, KeyKind, KeyMode};
use crate::replay::{GuardOutcome, ReplayGuard};

/// Default tolerance between the signed timestamp and now, in seconds (both directions).
pub const DEFAULT_TOLERANCE_SECS: u64 = 300;
/// Default largest accepted body, in bytes (inclusive).
pub const DEFAULT_MAX_PAYLOAD_BYTES: usize = 1024 * 1024;
/// Largest accepted signature header, in bytes (inclusive).
pub const MAX_SIGNATURE_HEADER_BYTES: usize = 8 * 1024;
/// Most entries accepted in one signature header (inclusive).
pub const MAX_SIGNATURE_ENTRIES: usize = 64;
/// Most digits accepted in a timestamp.
pub const MAX_TIMESTAMP_DIGITS: usize = 18;

/// Which signature scheme verified a delivery.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Scheme {
    /// Standard Webhooks `v1` (HMAC-SHA256).
    V1,
    /// Standard Webhooks `v1a` (ed25519).
    V1a,
    /// ImageKit's legacy `x-ik-signature`.
    Legacy,
}

impl Scheme {
    /// Every scheme, in a stable order (bindings pass a scheme across as its index here).
    pub const ALL: [Scheme; 3] = [Scheme::V1, Scheme::V1a, Scheme::Legacy];

    /// `v1`, `v1a` or `legacy`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Scheme::V1 => "v1",
            Scheme::V1a => "v1a",
            Scheme::Legacy => "legacy",
        }
    }
}

/// What the replay guard did for a verified delivery.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReplayStatus {
    /// No guard is configured.
    NotChecked,
    /// The id was new and is now recorded.
    Recorded,
    /// The guard's store was unreachable and it fails open: accepted without a check.
    Unavailable,
}

impl ReplayStatus {
    /// Every status, in a stable order (bindings pass a status across as its index here).
    pub const ALL: [ReplayStatus; 3] = [
        ReplayStatus::NotChecked,
        ReplayStatus::Recorded,
        ReplayStatus::Unavailable,
    ];

    /// `not_checked`, `recorded` or `unavailable`: the name every binding reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            ReplayStatus::NotChecked => "not_checked",
            ReplayStatus::Recorded => "recorded",
            ReplayStatus::Unavailable => "unavailable",
        }
    }
}

/// A delivery that verified.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verified {
    /// The message id (`webhook-id`); `None` for the legacy header, which carries none.
    pub id: Option<String>,
    /// The signed timestamp in unix seconds (legacy: its milliseconds, rounded down).
    pub timestamp: i64,
    /// Index of the configured key that matched (the lowest, if several did).
    pub key_index: usize,
    /// The scheme that matched.
    pub scheme: Scheme,
    /// What the replay guard did.
    pub replay: ReplayStatus,
}

/// Verifies deliveries against one or more keys. Cheap to share across threads (`Send + Sync`):
/// keyed HMAC states are prepared once, when it is built.
#[derive(Clone)]
pub struct Verifier {
    keys: Vec<Key>,
    tolerance: u64,
    legacy: bool,
    max_payload: usize,
    guard: Option<Arc<dyn ReplayGuard>>,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("keys", &self.keys)
            .field("tolerance", &self.tolerance)
            .field("legacy", &self.legacy)
            .field("max_payload", &self.max_payload)
            .field("replay_guard", &self.guard)
            .finish()
    }
}

/// Builds a [`Verifier`]. Errors in secrets are kept and reported by [`VerifierBuilder::build`].
#[derive(Debug)]
#[must_use]
pub struct VerifierBuilder {
    keys: Vec<Key>,
    error: Option<Error>,
    tolerance: u64,
    legacy: bool,
    max_payload: usize,
    guard: Option<Arc<dyn ReplayGuard>>,
}

impl Default for VerifierBuilder {
    fn default() -> Self {
        VerifierBuilder {
            keys: Vec::new(),
            error: None,
            tolerance: DEFAULT_TOLERANCE_SECS,
            legacy: false,
            max_payload: DEFAULT_MAX_PAYLOAD_BYTES,
            guard: None,
        }
    }
}

impl VerifierBuilder {
    /// Add a secret parsed under `mode` (several calls: key rotation, index in call order).
    pub fn secret(mut self, secret: &str, mode: KeyMode) -> Self {
        match Key::parse(secret, mode) {
            Ok(k) => self.keys.push(k),
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
        self
    }

    /// Add an already parsed key.
    pub fn key(mut self, key: Key) -> Self {
        self.keys.push(key);
        self
    }

    /// Tolerance in seconds between the signed timestamp and now, both directions, inclusive.
    pub fn tolerance(mut self, secs: u64) -> Self {
        self.tolerance = secs;
        self
    }

    /// Also accept ImageKit's legacy `x-ik-signature` when no Standard Webhooks signature is present.
    pub fn legacy(mut self, enabled: bool) -> Self {
        self.legacy = enabled;
        self
    }

    /// Largest accepted body in bytes (inclusive).
    pub fn max_payload_bytes(mut self, bytes: usize) -> Self {
        self.max_payload = bytes;
        self
    }

    /// Check and record each verified id with this guard.
    pub fn replay_guard(mut self, guard: Arc<dyn ReplayGuard>) -> Self {
        self.guard = Some(guard);
        self
    }

    /// Build, or report the first invalid secret (`invalid_secret`).
    pub fn build(self) -> Result<Verifier> {
        if let Some(e) = self.error {
            return Err(e);
        }
        if self.keys.is_empty() {
            return Err(Error::new(ErrorKind::InvalidSecret, "no secret configured"));
        }
        if self.keys.iter().any(|k| k.kind() == KeyKind::Ed25519Secret) {
            return Err(Error::new(
                ErrorKind::InvalidSecret,
                "a whsk_ secret key signs; give the verifier the matching whpk_ public key",
            ));
        }
        Ok(Verifier {
            keys: self.keys,
            tolerance: self.tolerance,
            legacy: self.legacy,
            max_payload: self.max_payload,
            guard: self.guard,
        })
    }
}

/// Parse a timestamp: 1 to 18 ASCII digits, nothing else (no sign, space, point or exponent).
pub(crate) fn parse_timestamp(raw: &[u8]) -> Option<i64> {
    if raw.is_empty() || raw.len() > MAX_TIMESTAMP_DIGITS {
        return None;
    }
    let mut n = 0i64;
    for &d in raw {
        let digit = d.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        n = n * 10 + i64::from(digit);
    }
    Some(n)
}

/// Constant-time equality of our 44-character tag encoding with a received entry (the entry's
/// length is public).
fn ct_equal(a: &[u8; 44], b: &[u8]) -> bool {
    let Ok(b) = <&[u8; 44]>::try_from(b) else {
        return false;
    };
    // Word by word, folding differences without branching on them; one comparison at the end.
    let word = |x: &[u8; 44], i: usize| {
        u64::from_le_bytes([
            x[i],
            x[i + 1],
            x[i + 2],
            x[i + 3],
            x[i + 4],
            x[i + 5],
            x[i + 6],
            x[i + 7],
        ])
    };
    let mut diff = 0u64;
    for i in (0..40).step_by(8) {
        diff |= word(a, i) ^ word(b, i);
    }
    diff |= u64::from(
        u32::from_le_bytes([a[40], a[41], a[42], a[43]])
            ^ u32::from_le_bytes([b[40], b[41], b[42], b[43]]),
    );
    bool::from(diff.ct_eq(&0))
}

/// Canonical padded base64 of a 32-byte tag (44 characters).
fn encode_tag(tag: &[u8; 32]) -> [u8; 44] {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sextet = |n: u32, shift: u32| ALPHABET[((n >> shift) & 63) as usize];
    let mut out = [b'='; 44];
    for i in 0..10 {
        let n = (u32::from(tag[3 * i]) << 16)
            | (u32::from(tag[3 * i + 1]) << 8)
            | u32::from(tag[3 * i + 2]);
        out[4 * i] = sextet(n, 18);
        out[4 * i + 1] = sextet(n, 12);
        out[4 * i + 2] = sextet(n, 6);
        out[4 * i + 3] = sextet(n, 0);
    }
    let n = (u32::from(tag[30]) << 16) | (u32::from(tag[31]) << 8);
    out[40] = sextet(n, 18);
    out[41] = sextet(n, 12);
    out[42] = sextet(n, 6);
    out
}

/// Decimal digits of a non-negative integer, without allocating.
pub(crate) fn decimal(n: i64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    let mut n = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[i..]
}

pub(crate) fn now_ms() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i128::try_from(d.as_millis()).unwrap_or(i128::MAX))
}

pub(crate) fn printable(raw: &[u8]) -> String {
    let s = String::from_utf8_lossy(&raw[..raw.len().min(40)]);
    if raw.len() > 40 {
        format!("{s:?}…")
    } else {
        format!("{s:?}")
    }
}

/// Standard-alphabet value of each byte, or 0xFF.
const B64_VALUES: [u8; 256] = {
    let mut t = [0xFFu8; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut i = 0;
    while i < 64 {
        t[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// Decode canonical padded base64 of exactly N bytes (N = 32 or 64: one or two `=`), or `None`.
/// A small fixed-size decoder: the signature check is on every request's hot path.
#[allow(clippy::many_single_char_names)] // a, b, c, d: the four sextets of a quantum
fn decode_fixed<const N: usize>(b64: &[u8]) -> Option<[u8; N]> {
    let pad = (3 - N % 3) % 3;
    if pad == 0
        || b64.len() != N.div_ceil(3) * 4
        || b64[b64.len() - pad..].iter().any(|&c| c != b'=')
    {
        return None;
    }
    let mut out = [0u8; N];
    let (full, tail) = (N / 3, N % 3);
    let mut bad = 0u8;
    for i in 0..full {
        let q = &b64[i * 4..i * 4 + 4];
        let (a, b, c, d) = (
            B64_VALUES[q[0] as usize],
            B64_VALUES[q[1] as usize],
            B64_VALUES[q[2] as usize],
            B64_VALUES[q[3] as usize],
        );
        bad |= a | b | c | d;
        out[i * 3] = (a << 2) | (b >> 4);
        out[i * 3 + 1] = (b << 4) | (c >> 2);
        out[i * 3 + 2] = (c << 6) | d;
    }
    if bad & 0xC0 != 0 {
        return None;
    }
    let q = &b64[full * 4..];
    let a = B64_VALUES[q[0] as usize];
    let b = B64_VALUES[q[1] as usize];
    if (a | b) & 0xC0 != 0 {
        return None;
    }
    out[full * 3] = (a << 2) | (b >> 4);
    if tail == 2 {
        let c = B64_VALUES[q[2] as usize];
        // Canonical: the unused low bits must be zero.
        if c & 0xC0 != 0 || c & 0x03 != 0 {
            return None;
        }
        out[full * 3 + 1] = (b << 4) | (c >> 2);
    } else if b & 0x0F != 0 {
        return None;
    }
    Some(out)
}

/// One parsed signature entry.
pub(crate) enum Entry {
    /// A well-formed `v1` entry (matched by comparing encodings, so its bytes are not kept).
    V1,
    V1a([u8; 64]),
    Skipped,
}

/// Classify one signature entry, or say why it is skipped (for `explain`).
pub(crate) fn classify(piece: &[u8]) -> std::result::Result<Entry, &'static str> {
    let Some(comma) = piece.iter().position(|&b| b == b',') else {
        return Err("no comma between version and signature");
    };
    let (version, sig) = (&piece[..comma], &piece[comma + 1..]);
    match version {
        b"v1" => decode_fixed::<32>(sig)
            .map(|_| Entry::V1)
            .ok_or("v1 signature is not canonical padded base64 of 32 bytes"),
        b"v1a" => decode_fixed::<64>(sig)
            .map(Entry::V1a)
            .ok_or("v1a signature is not canonical padded base64 of 64 bytes"),
        _ => Err("unknown version (only v1 and v1a are known; versions are case-sensitive)"),
    }
}

/// The non-empty space-separated pieces of a signature header.
pub(crate) fn pieces(header: &[u8]) -> impl Iterator<Item = &[u8]> + '_ {
    header.split(|&b| b == b' ').filter(|p| !p.is_empty())
}

/// The entries of a signature header, parsed lazily: no allocation.
fn entries(header: &[u8]) -> impl Iterator<Item = Entry> + '_ {
    pieces(header).map(|p| classify(p).unwrap_or(Entry::Skipped))
}

impl Verifier {
    /// Start building a verifier.
    pub fn builder() -> VerifierBuilder {
        VerifierBuilder::default()
    }

    /// A verifier for one secret under `mode`, with default options.
    pub fn new(secret: &str, mode: KeyMode) -> Result<Verifier> {
        Self::builder().secret(secret, mode).build()
    }

    /// The same options and replay guard with other keys (e.g. a per-call key).
    pub fn with_keys(&self, keys: Vec<Key>) -> Result<Verifier> {
        let mut b = Verifier::builder()
            .tolerance(self.tolerance)
            .legacy(self.legacy)
            .max_payload_bytes(self.max_payload);
        if let Some(g) = &self.guard {
            b = b.replay_guard(Arc::clone(g));
        }
        keys.into_iter().fold(b, VerifierBuilder::key).build()
    }

    /// The configured keys, in order.
    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    /// Tolerance in seconds.
    pub fn tolerance(&self) -> u64 {
        self.tolerance
    }

    /// Whether the legacy header is accepted.
    pub fn legacy_enabled(&self) -> bool {
        self.legacy
    }

    /// Largest accepted body in bytes.
    pub fn max_payload_bytes(&self) -> usize {
        self.max_payload
    }

    /// How long a verified id is remembered: twice the tolerance plus a second. A delivery
    /// signed `tolerance` seconds ahead of the clock can be replayed until `tolerance` seconds
    /// after its timestamp, inclusive: `2 * tolerance` seconds after it was first seen, an instant
    /// at which an id remembered for exactly that long would already be forgotten.
    pub fn replay_ttl(&self) -> u64 {
        self.tolerance.saturating_mul(2).saturating_add(1)
    }

    /// Verify `body` (raw bytes exactly as received) against `headers`, at `now` (unix seconds;
    /// `None` reads the clock). Records the id in the replay guard on success.
    pub fn verify<'h, I, K, V>(&self, body: &[u8], headers: I, now: Option<i64>) -> Result<Verified>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<[u8]>,
        V: HeaderValue<'h>,
    {
        self.verify_headers(body, &HeaderSet::from_pairs(headers), now)
    }

    /// [`Verifier::verify`] with headers already gathered.
    pub fn verify_headers(
        &self,
        body: &[u8],
        headers: &HeaderSet,
        now: Option<i64>,
    ) -> Result<Verified> {
        self.record(self.verify_pending(body, headers, now)?)
    }

    fn check(&self, body: &[u8], headers: &HeaderSet, now: Option<i64>) -> Result<Pending> {
        let now_ms = now.map_or_else(now_ms, |s| i128::from(s) * 1000);
        if self.legacy && headers.lacks_standard_signature() {
            if let Some(found) = headers.legacy()? {
                return self.verify_legacy(body, found.value, now_ms);
            }
        }
        let id = headers
            .id()?
            .ok_or_else(|| self.missing(names::WEBHOOK_ID, names::SVIX_ID))?;
        let ts = headers
            .timestamp()?
            .ok_or_else(|| self.missing(names::WEBHOOK_TIMESTAMP, names::SVIX_TIMESTAMP))?;
        let sig = headers
            .signature()?
            .ok_or_else(|| self.missing(names::WEBHOOK_SIGNATURE, names::SVIX_SIGNATURE))?;
        let id_str = std::str::from_utf8(id.value).map_err(|_| {
            Error::new(
                ErrorKind::InvalidHeader,
                format!("header `{}` is not valid UTF-8", id.name),
            )
        })?;
        check_signature_bounds(sig.name, sig.value)?;
        let timestamp = parse_timestamp(ts.value).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidTimestamp,
                format!(
                    "header `{}` must be unix seconds as 1 to {MAX_TIMESTAMP_DIGITS} ASCII digits, got {}",
                    ts.name,
                    printable(ts.value)
                ),
            )
        })?;
        // Explicit `now` is already in seconds: no 128-bit division on the hot path.
        let secs_now = now.map_or_else(|| now_ms.div_euclid(1000), i128::from);
        self.check_age(i128::from(timestamp), secs_now, 1, "s")?;
        self.check_size(body)?;

        let mut ts_buf = [0u8; 20];
        // The signed form is the integer in decimal: the header as received unless it has leading zeros.
        let ts_dec = if ts.value.len() == 1 || ts.value[0] != b'0' {
            ts.value
        } else {
            decimal(timestamp, &mut ts_buf)
        };
        let mut content: Option<Vec<u8>> = None;
        for (index, key) in self.keys.iter().enumerate() {
            if key.kind() == KeyKind::Hmac {
                // Compare the canonical encoding of our tag with each `v1,` entry as received:
                // base64 is unique for 32 bytes, so a malformed or non-canonical entry simply
                // never matches (the same outcome as skipping it) and nothing is decoded.
                let mut expected: Option<[u8; 44]> = None;
                // One `v1,<44 chars>` entry is the common header: it is its own only piece (a
                // space inside would make the comparison fail, as splitting would).
                let single = sig.value.len() == 47;
                let mut all = pieces(if single { &[] } else { sig.value });
                let mut first = single.then_some(sig.value);
                while let Some(piece) = first.take().or_else(|| all.next()) {
                    let Some(candidate) = piece.strip_prefix(b"v1,") else {
                        continue;
                    };
                    // Hash only once a v1 entry shows up.
                    let expected = expected.get_or_insert_with(|| {
                        encode_tag(&key.content_tag(id.value, ts_dec, body).unwrap_or_default())
                    });
                    if ct_equal(expected, candidate) {
                        return Ok(Pending::new(
                            Some(id_str.to_owned()),
                            timestamp,
                            index,
                            Scheme::V1,
                        ));
                    }
                }
            } else if let Some(vk) = key.verifying_key() {
                for entry in entries(sig.value) {
                    let Entry::V1a(s) = entry else { continue };
                    let msg = content.get_or_insert_with(|| signed_content(id.value, ts_dec, body));
                    if vk.verify_strict(msg, &Signature::from_bytes(&s)).is_ok() {
                        return Ok(Pending::new(
                            Some(id_str.to_owned()),
                            timestamp,
                            index,
                            Scheme::V1a,
                        ));
                    }
                }
            }
        }
        let (mut candidates, mut skipped) = (0, 0);
        for e in entries(sig.value) {
            if matches!(e, Entry::Skipped) {
                skipped += 1;
            } else {
                candidates += 1;
            }
        }
        Err(self.no_match(candidates, skipped))
    }

    fn verify_legacy(&self, body: &[u8], value: &[u8], now_ms: i128) -> Result<Pending> {
        let name = names::X_IK_SIGNATURE;
        let bad =
            |msg: String| Error::new(ErrorKind::InvalidHeader, format!("header `{name}`: {msg}"));
        if value.len() > MAX_SIGNATURE_HEADER_BYTES {
            return Err(bad(format!(
                "longer than {MAX_SIGNATURE_HEADER_BYTES} bytes"
            )));
        }
        let (mut t, mut v1) = (None, None);
        for item in value.split(|&b| b == b',') {
            let item = item.trim_ascii();
            let eq = item
                .iter()
                .position(|&b| b == b'=')
                .ok_or_else(|| bad(format!("item {} is not key=value", printable(item))))?;
            let slot = match &item[..eq] {
                b"t" => &mut t,
                b"v1" => &mut v1,
                _ => continue,
            };
            if slot.replace(&item[eq + 1..]).is_some() {
                return Err(bad(format!(
                    "`{}` appears twice",
                    String::from_utf8_lossy(&item[..eq])
                )));
            }
        }
        let t = t.ok_or_else(|| bad("no `t=` item".into()))?;
        let v1 = v1.ok_or_else(|| bad("no `v1=` item".into()))?;
        let t_ms = parse_timestamp(t).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidTimestamp,
                format!("header `{name}`: t must be unix milliseconds as 1 to {MAX_TIMESTAMP_DIGITS} ASCII digits, got {}", printable(t)),
            )
        })?;
        self.check_age(i128::from(t_ms), now_ms, 1000, "ms")?;
        self.check_size(body)?;
        let expected = decode_lower_hex(v1);
        if let Some(expected) = expected {
            let mut t_buf = [0u8; 20];
            let t_dec = decimal(t_ms, &mut t_buf);
            for (index, key) in self.keys.iter().enumerate() {
                if let Some(tag) = key.hmac_tag(&[t_dec, b".", body]) {
                    if bool::from(tag[..].ct_eq(&expected[..])) {
                        let replay_id = format!("legacy:{}", String::from_utf8_lossy(v1));
                        let mut p =
                            Pending::new(None, t_ms.div_euclid(1000), index, Scheme::Legacy);
                        p.replay_id = Some(replay_id);
                        return Ok(p);
                    }
                }
            }
        }
        Err(self.no_match(
            usize::from(expected.is_some()),
            usize::from(expected.is_none()),
        ))
    }

    fn missing(&self, name: &str, alias: &str) -> Error {
        let legacy = if self.legacy && name == names::WEBHOOK_SIGNATURE {
            format!(", and no `{}` either", names::X_IK_SIGNATURE)
        } else {
            String::new()
        };
        Error::new(
            ErrorKind::MissingHeader,
            format!("missing header `{name}` (or `{alias}`){legacy}"),
        )
    }

    /// `ts` and `now` in the header's unit; `per_sec` units make a second.
    fn check_age(&self, ts: i128, now: i128, per_sec: i128, unit_name: &str) -> Result<()> {
        let tol = i128::from(self.tolerance) * per_sec;
        let age = now - ts;
        if ts < now - tol {
            return Err(Error::new(
                ErrorKind::TimestampTooOld,
                format!(
                    "timestamp is {age}{unit_name} old; the tolerance is {}s",
                    self.tolerance
                ),
            ));
        }
        if ts > now + tol {
            return Err(Error::new(
                ErrorKind::TimestampTooNew,
                format!("timestamp is {}{unit_name} in the future; the tolerance is {}s (check the clocks)", -age, self.tolerance),
            ));
        }
        Ok(())
    }

    fn check_size(&self, body: &[u8]) -> Result<()> {
        if body.len() > self.max_payload {
            return Err(Error::new(
                ErrorKind::PayloadTooLarge,
                format!(
                    "body is {} bytes; the limit is {} bytes",
                    body.len(),
                    self.max_payload
                ),
            ));
        }
        Ok(())
    }

    fn no_match(&self, candidates: usize, skipped: usize) -> Error {
        let modes: Vec<&str> = {
            let mut m: Vec<&str> = self
                .keys
                .iter()
                .filter(|k| k.kind() == KeyKind::Hmac)
                .map(|k| k.mode().as_str())
                .collect();
            m.dedup();
            m
        };
        let hint = match modes.as_slice() {
            ["imagekit"] => " If the secret is right, check the key mode: `imagekit` mode (ImageKit's SDKs) keys HMAC with the whole secret string; Standard Webhooks libraries use `standard` mode (base64-decoded).",
            ["standard"] => " If the secret is right, check the key mode: `standard` mode base64-decodes the secret; ImageKit's SDKs use `imagekit` mode (the whole secret string as the key).",
            _ => "",
        };
        Error::new(
            ErrorKind::InvalidSignature,
            format!(
                "no signature matched: {candidates} well-formed entr{} checked against {} key{}, {skipped} entr{} skipped. Verify the raw body exactly as received, not re-serialized JSON.{hint}",
                if candidates == 1 { "y" } else { "ies" },
                self.keys.len(),
                if self.keys.len() == 1 { "" } else { "s" },
                if skipped == 1 { "y" } else { "ies" },
            ),
        )
    }

    /// Run the replay guard for a delivery whose signature verified.
    pub(crate) fn record(&self, p: Pending) -> Result<Verified> {
        match &self.guard {
            None => Ok(p.verified),
            Some(guard) => {
                let now = p.now.unwrap_or_else(|| (now_ms() / 1000) as i64);
                let outcome = guard.check_and_record(p.replay_key(), now, self.replay_ttl());
                self.complete(p, outcome)
            }
        }
    }

    /// Everything [`Verifier::verify_headers`] checks except the replay guard, for a host whose
    /// id store lives on its own side of a boundary (the Go module's guards, in Go): it asks its
    /// store about [`Pending::replay_key`] for [`Verifier::replay_ttl`] seconds, then hands the
    /// answer to [`Verifier::complete`]. The guard configured here, if any, is not consulted.
    pub fn verify_pending(
        &self,
        body: &[u8],
        headers: &HeaderSet,
        now: Option<i64>,
    ) -> Result<Pending> {
        self.check(body, headers, now).map(|p| p.at(now))
    }

    /// [`Verifier::verify_pending`], then the body checked as an event, as
    /// [`Verifier::unwrap_checked`] does before it records the id.
    pub fn unwrap_pending(
        &self,
        body: &[u8],
        headers: &HeaderSet,
        now: Option<i64>,
    ) -> Result<Pending> {
        let pending = self.verify_pending(body, headers, now)?;
        crate::Event::check(body)?;
        Ok(pending)
    }

    /// The outcome of a delivery once a store has answered for its id: a replay is `replayed`,
    /// a store error stays the error it is (fail-closed stores answer `replay_guard_unavailable`).
    pub fn complete(&self, p: Pending, outcome: Result<GuardOutcome>) -> Result<Verified> {
        let replay = match outcome? {
            GuardOutcome::Recorded => ReplayStatus::Recorded,
            GuardOutcome::Unavailable => ReplayStatus::Unavailable,
            GuardOutcome::Replayed => {
                return Err(Error::new(
                    ErrorKind::Replayed,
                    format!(
                        "message {} was already accepted (replay)",
                        printable(p.replay_key().as_bytes())
                    ),
                ))
            }
        };
        Ok(Verified {
            replay,
            ..p.verified
        })
    }
}

/// A delivery whose signature verified, before the replay guard ran
/// ([`Verifier::verify_pending`]).
#[derive(Debug)]
pub struct Pending {
    verified: Verified,
    replay_id: Option<String>,
    now: Option<i64>,
}

impl Pending {
    fn new(id: Option<String>, timestamp: i64, key_index: usize, scheme: Scheme) -> Pending {
        Pending {
            verified: Verified {
                id,
                timestamp,
                key_index,
                scheme,
                replay: ReplayStatus::NotChecked,
            },
            replay_id: None,
            now: None,
        }
    }

    pub(crate) fn into_verified(self) -> Verified {
        self.verified
    }

    /// What the delivery verified as (its replay status still `not_checked`).
    pub fn verified(&self) -> &Verified {
        &self.verified
    }

    /// The id a replay guard records: the `webhook-id`, or `legacy:` and the signature for a
    /// legacy delivery (which has no id).
    pub fn replay_key(&self) -> &str {
        self.replay_id
            .as_deref()
            .or(self.verified.id.as_deref())
            .unwrap_or_default()
    }

    fn at(mut self, now: Option<i64>) -> Pending {
        self.now = now;
        self
    }
}

pub(crate) fn check_signature_bounds(name: &str, value: &[u8]) -> Result<()> {
    // 65 non-empty entries need at least 129 bytes; shorter headers need no count.
    if value.len() <= 2 * MAX_SIGNATURE_ENTRIES {
        return Ok(());
    }
    if value.len() > MAX_SIGNATURE_HEADER_BYTES {
        return Err(Error::new(
            ErrorKind::InvalidHeader,
            format!(
                "header `{name}` is {} bytes; at most {MAX_SIGNATURE_HEADER_BYTES} are accepted",
                value.len()
            ),
        ));
    }
    let n = value
        .split(|&b| b == b' ')
        .filter(|p| !p.is_empty())
        .count();
    if n > MAX_SIGNATURE_ENTRIES {
        return Err(Error::new(
            ErrorKind::InvalidHeader,
            format!(
                "header `{name}` has {n} entries; at most {MAX_SIGNATURE_ENTRIES} are accepted"
            ),
        ));
    }
    Ok(())
}

pub(crate) fn signed_content(id: &[u8], ts_dec: &[u8], body: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(id.len() + ts_dec.len() + body.len() + 2);
    v.extend_from_slice(id);
    v.push(b'.');
    v.extend_from_slice(ts_dec);
    v.push(b'.');
    v.extend_from_slice(body);
    v
}

fn decode_lower_hex(s: &[u8]) -> Option<[u8; 32]> {
    if s.len() != 64 {
        return None;
    }
    let nib = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let mut out = [0u8; 32];
    for (o, pair) in out.iter_mut().zip(s.chunks_exact(2)) {
        *o = (nib(pair[0])? << 4) | nib(pair[1])?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine as _;

    #[test]
    fn all_lists_every_variant_once() {
        // A variant added without a place in ALL would reach the bindings as no name at all.
        for s in Scheme::ALL {
            match s {
                Scheme::V1 | Scheme::V1a | Scheme::Legacy => {}
            }
        }
        for r in ReplayStatus::ALL {
            match r {
                ReplayStatus::NotChecked | ReplayStatus::Recorded | ReplayStatus::Unavailable => {}
            }
        }
        let names = |v: Vec<&str>| {
            v.into_iter()
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        };
        assert_eq!(names(Scheme::ALL.map(Scheme::as_str).to_vec()), 3);
        assert_eq!(
            names(ReplayStatus::ALL.map(ReplayStatus::as_str).to_vec()),
            3
        );
    }

    #[test]
    fn a_host_store_answers_for_the_core_to_decide() {
        // verify_pending leaves the store to the caller; complete turns its answer into the
        // outcome `verify` with that store would have given.
        let secret = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd";
        let v = Verifier::new(secret, KeyMode::ImageKit).expect("verifier");
        let signer = crate::Signer::new(secret, KeyMode::ImageKit).expect("signer");
        let body = br#"{"type":"file.deleted","id":"e","created_at":"2024-01-01T00:00:00Z","data":{"fileId":"f"}}"#;
        let sig = signer.sign("msg_host", 1_700_000_000, body).expect("sign");
        let mut h = HeaderSet::new();
        h.push(b"webhook-id", b"msg_host");
        h.push(b"webhook-timestamp", b"1700000000");
        h.push(b"webhook-signature", sig.as_bytes());
        let now = Some(1_700_000_000);
        let p = v.verify_pending(body, &h, now).expect("pending");
        assert_eq!((p.replay_key(), v.replay_ttl()), ("msg_host", 601));
        assert_eq!(
            v.complete(p, Ok(GuardOutcome::Recorded)).map(|v| v.replay),
            Ok(ReplayStatus::Recorded)
        );
        let p = v.unwrap_pending(body, &h, now).expect("pending");
        let e = v
            .complete(p, Ok(GuardOutcome::Replayed))
            .expect_err("replay");
        assert_eq!(e.kind(), ErrorKind::Replayed);
        let p = v.verify_pending(body, &h, now).expect("pending");
        assert_eq!(
            v.complete(p, Ok(GuardOutcome::Unavailable))
                .map(|v| v.replay),
            Ok(ReplayStatus::Unavailable)
        );
        let p = v.verify_pending(body, &h, now).expect("pending");
        let down = Error::new(ErrorKind::ReplayGuardUnavailable, "down");
        assert_eq!(v.complete(p, Err(down.clone())), Err(down));
        // A forged delivery never reaches the store.
        h.push(b"webhook-id", b"msg_other");
        assert!(v.verify_pending(body, &h, now).is_err());
        assert!(v.unwrap_pending(b"[]", &HeaderSet::new(), now).is_err());
    }

    #[test]
    fn tag_encoder_agrees_with_the_base64_crate() {
        for seed in 0u8..=255 {
            let tag: [u8; 32] =
                std::array::from_fn(|i| (i as u8).wrapping_mul(seed).wrapping_add(seed ^ 0x5a));
            assert_eq!(encode_tag(&tag).as_slice(), STANDARD.encode(tag).as_bytes());
        }
        let a = encode_tag(&[7; 32]);
        let mut b = a;
        assert!(ct_equal(&a, &b) && !ct_equal(&a, &b[..43]));
        for i in 0..44 {
            b[i] ^= 1;
            assert!(!ct_equal(&a, &b), "{i}");
            b[i] ^= 1;
        }
    }

    #[test]
    fn fixed_decoder_agrees_with_the_base64_crate() {
        for seed in 0u8..=255 {
            let bytes32: Vec<u8> = (0..32u8)
                .map(|i| i.wrapping_mul(seed).wrapping_add(seed))
                .collect();
            let bytes64: Vec<u8> = (0..64u8)
                .map(|i| i.wrapping_mul(31).wrapping_add(seed))
                .collect();
            let e32 = STANDARD.encode(&bytes32);
            let e64 = STANDARD.encode(&bytes64);
            assert_eq!(
                decode_fixed::<32>(e32.as_bytes()).map(|a| a.to_vec()),
                Some(bytes32)
            );
            assert_eq!(
                decode_fixed::<64>(e64.as_bytes()).map(|a| a.to_vec()),
                Some(bytes64)
            );
            // Every single-character change is either rejected or decodes as the crate says.
            for pos in 0..e32.len() {
                for c in [b'A', b'B', b'/', b'+', b'=', b'-', b'_', b' '] {
                    let mut m = e32.clone().into_bytes();
                    m[pos] = c;
                    let ours = decode_fixed::<32>(&m).map(|a| a.to_vec());
                    let theirs = STANDARD.decode(&m).ok().filter(|v| v.len() == 32);
                    assert_eq!(ours, theirs, "{}", String::from_utf8_lossy(&m));
                }
            }
        }
        assert_eq!(decode_fixed::<32>(b""), None);
    }

    #[test]
    fn fixed_decoder_decodes_every_last_byte_and_rejects_pairs_of_bad_characters() {
        // The last byte of 32 is split over the final quantum's 2nd and 3rd characters: try all.
        for last in 0u8..=255 {
            let bytes: [u8; 32] = std::array::from_fn(|i| if i == 31 { last } else { i as u8 });
            let e = STANDARD.encode(bytes);
            assert_eq!(decode_fixed::<32>(e.as_bytes()), Some(bytes));
        }
        // Two bad characters in one quantum must not cancel out (in every position pair, in a
        // full quantum and in the final one).
        let good = STANDARD.encode([0x5au8; 32]).into_bytes();
        for quantum in [0, 7] {
            for (x, y) in [(0, 1), (1, 2), (2, 3), (0, 2), (0, 3), (1, 3)] {
                if quantum == 7 && y == 3 {
                    continue; // the final quantum's 4th character is the padding
                }
                let mut m = good.clone();
                m[quantum * 4 + x] = b'!';
                m[quantum * 4 + y] = b'!';
                assert_eq!(
                    decode_fixed::<32>(&m),
                    None,
                    "{}",
                    String::from_utf8_lossy(&m)
                );
                assert!(classify(&[b"v1,", &m[..]].concat()).is_err());
            }
        }
    }

    const SECRET: &str = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd";
    const BODY: &[u8] = br#"{"type":"file.deleted","id":"e","created_at":"2024-01-01T00:00:00Z","data":{"fileId":"f"}}"#;

    fn headers<'a>(pairs: &[(&'a str, &'a str)]) -> HeaderSet<'a> {
        let mut h = HeaderSet::new();
        for (k, v) in pairs {
            h.push(k.as_bytes(), v.as_bytes());
        }
        h
    }

    fn err(v: &Verifier, pairs: &[(&str, &str)], now: i64) -> Error {
        v.verify_headers(BODY, &headers(pairs), Some(now))
            .expect_err("must fail")
    }

    #[test]
    fn the_options_read_back_and_debug_names_them_without_the_secret() {
        let v = Verifier::builder()
            .secret(SECRET, KeyMode::ImageKit)
            .tolerance(42)
            .legacy(true)
            .max_payload_bytes(777)
            .build()
            .expect("verifier");
        assert_eq!(
            (v.tolerance(), v.legacy_enabled(), v.max_payload_bytes()),
            (42, true, 777)
        );
        let d = Verifier::new(SECRET, KeyMode::ImageKit).expect("verifier");
        assert_eq!(
            (d.tolerance(), d.legacy_enabled()),
            (DEFAULT_TOLERANCE_SECS, false)
        );
        let shown = format!("{v:?}");
        assert!(shown.starts_with("Verifier {"), "{shown}");
        assert!(
            shown.contains("tolerance: 42") && shown.contains("max_payload: 777"),
            "{shown}"
        );
        assert!(!shown.contains("xeO2UNkf"), "{shown}");
    }

    #[test]
    fn without_now_the_clock_decides() {
        // Signed at the real time: verifies with the clock (now = None), not with a clock stuck at 0.
        let ts = i64::try_from(now_ms() / 1000).expect("seconds");
        let sig = crate::Signer::new(SECRET, KeyMode::ImageKit)
            .expect("signer")
            .sign("msg_clock", ts, BODY)
            .expect("sign");
        let v = Verifier::new(SECRET, KeyMode::ImageKit).expect("verifier");
        let ts = ts.to_string();
        let h = headers(&[
            ("webhook-id", "msg_clock"),
            ("webhook-timestamp", &ts),
            ("webhook-signature", &sig),
        ]);
        assert!(v.verify_headers(BODY, &h, None).is_ok());
        let old = (now_ms() / 1000 - 3600).to_string();
        let h = headers(&[
            ("webhook-id", "msg_clock"),
            ("webhook-timestamp", &old),
            ("webhook-signature", &sig),
        ]);
        assert_eq!(
            v.verify_headers(BODY, &h, None).map_err(|e| e.kind()),
            Err(ErrorKind::TimestampTooOld)
        );
    }

    #[derive(Debug, Default)]
    struct Clock(std::sync::Mutex<Vec<i64>>);
    impl ReplayGuard for Clock {
        fn check_and_record(&self, _id: &str, now: i64, _ttl: u64) -> Result<GuardOutcome> {
            self.0.lock().expect("lock").push(now);
            Ok(GuardOutcome::Recorded)
        }
    }

    #[test]
    fn the_replay_guard_gets_the_time_in_seconds() {
        let clock = Arc::new(Clock::default());
        let v = Verifier::builder()
            .secret(SECRET, KeyMode::ImageKit)
            .replay_guard(clock.clone())
            .build()
            .expect("verifier");
        let ts = i64::try_from(now_ms() / 1000).expect("seconds");
        let sig = crate::Signer::new(SECRET, KeyMode::ImageKit)
            .expect("signer")
            .sign("msg_guard", ts, BODY)
            .expect("sign");
        let t = ts.to_string();
        let h = headers(&[
            ("webhook-id", "msg_guard"),
            ("webhook-timestamp", &t),
            ("webhook-signature", &sig),
        ]);
        v.verify_headers(BODY, &h, None).expect("verifies");
        v.verify_headers(BODY, &h, Some(ts + 1)).expect("verifies");
        let seen = clock.0.lock().expect("lock").clone();
        assert_eq!(seen.len(), 2);
        assert!((seen[0] - ts).abs() <= 5, "{seen:?} vs {ts}");
        assert_eq!(seen[1], ts + 1);
    }

    #[test]
    fn messages_count_entries_name_the_age_the_key_mode_and_the_legacy_header() {
        let v = Verifier::new(SECRET, KeyMode::ImageKit).expect("verifier");
        let wrong = STANDARD.encode([1u8; 32]);
        let (w1, w2) = (
            format!("v1,{wrong}"),
            format!("v1,{}", STANDARD.encode([2u8; 32])),
        );
        let sigs = format!("{w1} {w2} junk v2,abc");
        let base = [("webhook-id", "msg_m"), ("webhook-timestamp", "1700000000")];
        let e = err(
            &v,
            &[base[0], base[1], ("webhook-signature", &sigs)],
            1_700_000_000,
        );
        let m = e.message();
        assert!(
            m.contains("2 well-formed entries checked against 1 key, 2 entries skipped"),
            "{m}"
        );
        assert!(m.contains("check the key mode: `imagekit` mode"), "{m}");
        let e = err(
            &v,
            &[base[0], base[1], ("webhook-signature", &w1)],
            1_700_000_000,
        );
        assert!(
            e.message()
                .contains("1 well-formed entry checked against 1 key, 0 entries skipped"),
            "{}",
            e.message()
        );
        let std_key = format!("whsec_{}", STANDARD.encode([9u8; 24]));
        let vs = Verifier::new(&std_key, KeyMode::Standard).expect("verifier");
        let e = err(
            &vs,
            &[base[0], base[1], ("webhook-signature", &w1)],
            1_700_000_000,
        );
        assert!(
            e.message()
                .contains("check the key mode: `standard` mode base64-decodes"),
            "{}",
            e.message()
        );

        let e = err(
            &v,
            &[base[0], base[1], ("webhook-signature", &w1)],
            1_700_000_301,
        );
        assert_eq!(e.message(), "timestamp is 301s old; the tolerance is 300s");

        // The legacy header is named only where it could have stood in: for the signature.
        let legacy = Verifier::builder()
            .secret(SECRET, KeyMode::ImageKit)
            .legacy(true)
            .build()
            .expect("v");
        let e = err(&legacy, &base, 1_700_000_000);
        assert!(
            e.message().contains("and no `x-ik-signature` either"),
            "{}",
            e.message()
        );
        let e = err(&v, &base, 1_700_000_000);
        assert!(!e.message().contains("x-ik-signature"), "{}", e.message());
        let e = err(
            &legacy,
            &[base[1], ("webhook-signature", &w1)],
            1_700_000_000,
        );
        assert!(
            e.message().starts_with("missing header `webhook-id`")
                && !e.message().contains("x-ik-signature"),
            "{}",
            e.message()
        );
    }

    #[test]
    fn values_in_messages_are_quoted_and_cut_after_40_bytes() {
        assert_eq!(printable(b"abc"), "\"abc\"");
        let forty = "7".repeat(40);
        assert_eq!(printable(forty.as_bytes()), format!("\"{forty}\""));
        assert_eq!(
            printable(format!("{forty}8").as_bytes()),
            format!("\"{forty}\"…")
        );
        let v = Verifier::new(SECRET, KeyMode::ImageKit).expect("verifier");
        let e = err(
            &v,
            &[
                ("webhook-id", "m"),
                ("webhook-timestamp", "12x"),
                ("webhook-signature", "v1,a"),
            ],
            0,
        );
        assert!(e.message().ends_with("got \"12x\""), "{}", e.message());
    }
}
