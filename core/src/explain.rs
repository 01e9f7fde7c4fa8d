//! `explain`: the checks of one verification, step by step, for the CLI's `verify --explain` and
//! for anyone debugging a delivery. The outcome is always the real verification's; the steps only
//! describe it, reusing the same parsing.

use crate::error::Result;
use crate::headers::{names, HeaderSet};
use crate::key::{Key, KeyKind, KeyMode};
use crate::verify::{
    classify, now_ms, parse_timestamp, pieces, printable, Entry, Verified, Verifier,
};

/// How a step went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CheckStatus {
    /// The step passed.
    Pass,
    /// The step failed: verification stops here.
    Fail,
    /// Skipped, never fatal (e.g. a malformed signature entry).
    Skip,
    /// Information only.
    Info,
}

/// One step of an explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Check {
    /// How it went.
    pub status: CheckStatus,
    /// What was checked: `headers`, `timestamp`, `body`, `signature`, `replay`.
    pub step: &'static str,
    /// What was found, in words.
    pub detail: String,
}

/// The steps of one verification and its outcome.
#[derive(Debug)]
#[non_exhaustive]
pub struct Explanation {
    /// Steps in order.
    pub checks: Vec<Check>,
    /// The real outcome (replay guard not consulted).
    pub outcome: Result<Verified>,
}

fn check(status: CheckStatus, step: &'static str, detail: impl Into<String>) -> Check {
    Check {
        status,
        step,
        detail: detail.into(),
    }
}

impl Verifier {
    /// Explain how `body` and `headers` verify at `now`: each check in order. Does not consult or
    /// record in the replay guard.
    pub fn explain(&self, body: &[u8], headers: &HeaderSet<'_>, now: Option<i64>) -> Explanation {
        use CheckStatus::{Fail, Info, Pass};
        let outcome = self
            .verify_pending(body, headers, now)
            .map(crate::verify::Pending::into_verified);
        let mut checks = Vec::new();
        let now_s = now.unwrap_or_else(|| (now_ms() / 1000) as i64);
        checks.push(check(
            Info,
            "clock",
            format!(
                "now = {now_s} (unix seconds), tolerance = {}s",
                self.tolerance()
            ),
        ));

        let legacy = if self.legacy_enabled() && headers.lacks_standard_signature() {
            headers.legacy().ok().flatten()
        } else {
            None
        };
        if let Some(l) = legacy {
            checks.push(check(
                Pass,
                "headers",
                format!("no Standard Webhooks signature; using legacy `{}`", l.name),
            ));
            self.explain_legacy(l.value, now_s, &mut checks);
        } else {
            let found = [
                (headers.id(), names::WEBHOOK_ID),
                (headers.timestamp(), names::WEBHOOK_TIMESTAMP),
                (headers.signature(), names::WEBHOOK_SIGNATURE),
            ];
            for (f, wanted) in &found {
                match f {
                    Ok(Some(h)) => checks.push(check(
                        Pass,
                        "headers",
                        format!("`{}` = {}", h.name, printable(h.value)),
                    )),
                    Ok(None) => checks.push(check(
                        Fail,
                        "headers",
                        format!("`{wanted}` is missing (or empty)"),
                    )),
                    Err(e) => checks.push(check(Fail, "headers", e.message().to_owned())),
                }
            }
            if let (Ok(Some(id)), Ok(Some(ts)), Ok(Some(sig))) =
                (&found[0].0, &found[1].0, &found[2].0)
            {
                match parse_timestamp(ts.value) {
                    None => checks.push(check(
                        Fail,
                        "timestamp",
                        format!("{} is not 1 to 18 ASCII digits", printable(ts.value)),
                    )),
                    Some(t) => {
                        let age = now_s.saturating_sub(t);
                        let within = age.unsigned_abs() <= self.tolerance();
                        let words = if age >= 0 {
                            format!("{age}s old")
                        } else {
                            format!("{}s in the future", -age)
                        };
                        checks.push(check(
                            if within { Pass } else { Fail },
                            "timestamp",
                            format!("{t}: {words}, tolerance {}s", self.tolerance()),
                        ));
                    }
                }
                let size_ok = body.len() <= self.max_payload_bytes();
                checks.push(check(
                    if size_ok { Pass } else { Fail },
                    "body",
                    format!("{} bytes (limit {})", body.len(), self.max_payload_bytes()),
                ));
                self.explain_entries(body, id.value, ts.value, sig.value, now, &mut checks);
            }
        }
        match &outcome {
            Ok(v) => checks.push(check(
                Pass,
                "result",
                format!("verified with key #{} ({})", v.key_index, v.scheme.as_str()),
            )),
            Err(e) => checks.push(check(
                Fail,
                "result",
                format!("{}: {}", e.code(), e.message()),
            )),
        }
        Explanation { checks, outcome }
    }

    fn explain_entries(
        &self,
        body: &[u8],
        id: &[u8],
        ts: &[u8],
        sig: &[u8],
        now: Option<i64>,
        checks: &mut Vec<Check>,
    ) {
        let total = pieces(sig).count();
        checks.push(check(
            CheckStatus::Info,
            "signature",
            format!(
                "{total} entr{} in {} bytes",
                if total == 1 { "y" } else { "ies" },
                sig.len()
            ),
        ));
        for (i, piece) in pieces(sig)
            .enumerate()
            .take(crate::verify::MAX_SIGNATURE_ENTRIES)
        {
            let label = format!("entry {}: {}", i + 1, printable(piece));
            match classify(piece) {
                Err(why) => checks.push(check(
                    CheckStatus::Skip,
                    "signature",
                    format!("{label} skipped: {why}"),
                )),
                Ok(entry) => {
                    let wanted = match entry {
                        Entry::V1 => KeyKind::Hmac,
                        _ => KeyKind::Ed25519Public,
                    };
                    if !self.keys().iter().any(|k| k.kind() == wanted) {
                        checks.push(check(
                            CheckStatus::Skip,
                            "signature",
                            format!("{label} skipped: no key of that kind configured"),
                        ));
                        continue;
                    }
                    // Verify this entry alone, through the real path.
                    let one: HeaderSet<'_> = [
                        (names::WEBHOOK_ID, id),
                        (names::WEBHOOK_TIMESTAMP, ts),
                        (names::WEBHOOK_SIGNATURE, piece),
                    ]
                    .into_iter()
                    .collect();
                    let relaxed = self.relaxed();
                    match relaxed.verify_pending(body, &one, now) {
                        Ok(p) => checks.push(check(
                            CheckStatus::Pass,
                            "signature",
                            format!("{label} matches key #{}", p.into_verified().key_index),
                        )),
                        Err(_) => checks.push(check(
                            CheckStatus::Fail,
                            "signature",
                            format!("{label} matches no configured key"),
                        )),
                    }
                }
            }
        }
    }

    fn explain_legacy(&self, value: &[u8], now_s: i64, checks: &mut Vec<Check>) {
        checks.push(check(
            CheckStatus::Info,
            "signature",
            format!("x-ik-signature = {}", printable(value)),
        ));
        let t = value
            .split(|&b| b == b',')
            .map(<[u8]>::trim_ascii)
            .find_map(|item| item.strip_prefix(b"t="))
            .and_then(parse_timestamp);
        if let Some(t_ms) = t {
            let age = now_s.saturating_mul(1000).saturating_sub(t_ms);
            let within = age.unsigned_abs() <= self.tolerance().saturating_mul(1000);
            checks.push(check(
                if within {
                    CheckStatus::Pass
                } else {
                    CheckStatus::Fail
                },
                "timestamp",
                format!(
                    "t = {t_ms} ms: {age} ms old, tolerance {}s",
                    self.tolerance()
                ),
            ));
        }
    }

    /// The same keys with no tolerance, size or replay limits: to ask "does this signature match?".
    fn relaxed(&self) -> Verifier {
        let b = Verifier::builder()
            .tolerance(u64::from(u32::MAX) * 1000)
            .max_payload_bytes(usize::MAX);
        self.keys()
            .iter()
            .cloned()
            .fold(b, crate::verify::VerifierBuilder::key)
            .build()
            .unwrap_or_else(|_| self.clone())
    }
}

/// For a secret that verified nothing: the key modes under which it *would* verify this delivery
/// (timestamp and size limits ignored). Empty if none: then the secret itself is wrong, or the body
/// was changed (for example re-serialized JSON).
pub fn matching_key_modes(
    secret: &str,
    body: &[u8],
    headers: &HeaderSet<'_>,
    now: Option<i64>,
) -> Vec<KeyMode> {
    KeyMode::ALL
        .into_iter()
        .filter(|&mode| {
            Key::parse(secret, mode).ok().is_some_and(|key| {
                let b = Verifier::builder()
                    .key(key)
                    .legacy(true)
                    .tolerance(u64::from(u32::MAX) * 1000)
                    .max_payload_bytes(usize::MAX);
                b.build()
                    .is_ok_and(|v| v.verify_pending(body, headers, now).is_ok())
            })
        })
        .collect()
}
