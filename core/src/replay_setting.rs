//! `HOOKSEAL_REPLAY_GUARD`: the one-line replay guard setting that every language's ImageKit
//! entry points read when no guard is given in code (contract §5). Bindings only read the
//! variable; what its value means is decided here, once.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::error::{Error, ErrorKind, Result};
use crate::replay::{FailureMode, InMemoryReplayGuard, ReplayGuard};

/// The environment variable that turns on a replay guard without code changes (12-factor style).
pub const REPLAY_GUARD_ENV: &str = "HOOKSEAL_REPLAY_GUARD";

/// The suffix of a Redis URL that makes the guard fail open.
const FAIL_OPEN_SUFFIX: &str = "#fail-open";

/// A parsed `HOOKSEAL_REPLAY_GUARD` value.
///
/// - empty or `off`: [`ReplayGuardSetting::Off`];
/// - `memory` or `memory:CAPACITY`: [`ReplayGuardSetting::Memory`];
/// - `redis://…`, `rediss://…` or `redis+unix://…`, optionally followed by `#fail-open`:
///   [`ReplayGuardSetting::Redis`] (failing closed unless `#fail-open`).
///
/// Anything else is `replay_guard_unavailable`, with a message that shows the accepted forms.
/// `Debug` and `Display` never show a Redis password.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReplayGuardSetting {
    /// No replay guard.
    Off,
    /// An [`InMemoryReplayGuard`] holding at most `capacity` ids.
    Memory {
        /// Most ids remembered at once.
        capacity: usize,
    },
    /// A Redis replay guard shared by every receiver that uses the same URL.
    Redis {
        /// The server's URL, without the `#fail-open` suffix.
        url: String,
        /// What to do when Redis cannot be reached.
        failure_mode: FailureMode,
    },
}

fn bad(why: &str) -> Error {
    Error::new(
        ErrorKind::ReplayGuardUnavailable,
        format!("invalid {REPLAY_GUARD_ENV} setting: {why}"),
    )
}

impl ReplayGuardSetting {
    /// Parse a setting (surrounding whitespace ignored).
    pub fn parse(spec: &str) -> Result<ReplayGuardSetting> {
        let spec = spec.trim();
        if spec.is_empty() || spec == "off" {
            return Ok(ReplayGuardSetting::Off);
        }
        if spec == "memory" {
            return Ok(ReplayGuardSetting::Memory {
                capacity: InMemoryReplayGuard::DEFAULT_CAPACITY,
            });
        }
        if let Some(cap) = spec.strip_prefix("memory:") {
            let capacity = cap
                .parse::<usize>()
                .ok()
                .filter(|&c| c > 0)
                .ok_or_else(|| {
                    bad("the capacity after `memory:` must be a whole number above 0")
                })?;
            return Ok(ReplayGuardSetting::Memory { capacity });
        }
        if ["redis://", "rediss://", "redis+unix://"]
            .iter()
            .any(|scheme| spec.starts_with(scheme))
        {
            let (url, failure_mode) = match spec.strip_suffix(FAIL_OPEN_SUFFIX) {
                Some(url) => (url, FailureMode::FailOpen),
                None => (spec, FailureMode::FailClosed),
            };
            return Ok(ReplayGuardSetting::Redis {
                url: url.to_owned(),
                failure_mode,
            });
        }
        Err(bad(
            "expected `memory`, `memory:CAPACITY`, `redis://…` (optionally `#fail-open`) or `off`",
        ))
    }

    /// The guard this setting describes (`None` for `Off`). A Redis setting needs the `redis`
    /// feature; a binding without it builds its own Redis guard from the URL.
    pub fn build(&self) -> Result<Option<Arc<dyn ReplayGuard>>> {
        match self {
            ReplayGuardSetting::Off => Ok(None),
            ReplayGuardSetting::Memory { capacity } => Ok(Some(Arc::new(
                InMemoryReplayGuard::with_capacity(*capacity),
            ))),
            ReplayGuardSetting::Redis { url, failure_mode } => redis(url, *failure_mode),
        }
    }
}

#[cfg(feature = "redis")]
fn redis(url: &str, failure_mode: FailureMode) -> Result<Option<Arc<dyn ReplayGuard>>> {
    let options = crate::redis_guard::RedisGuardOptions {
        failure_mode,
        ..Default::default()
    };
    Ok(Some(Arc::new(
        crate::redis_guard::RedisReplayGuard::with_options(url, options)?,
    )))
}

#[cfg(not(feature = "redis"))]
fn redis(_url: &str, _failure_mode: FailureMode) -> Result<Option<Arc<dyn ReplayGuard>>> {
    Err(bad("this build has no Redis support (the `redis` feature)"))
}

impl FromStr for ReplayGuardSetting {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

/// The URL with any password replaced, for messages and `Debug`.
fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split_once(':').map_or(userinfo, |(u, _)| u);
            format!("{scheme}://{user}:<redacted>@{host}")
        }
        None => url.to_owned(),
    }
}

impl fmt::Display for ReplayGuardSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplayGuardSetting::Off => f.write_str("off"),
            ReplayGuardSetting::Memory { capacity } => write!(f, "memory:{capacity}"),
            ReplayGuardSetting::Redis { url, failure_mode } => {
                f.write_str(&redacted(url))?;
                if *failure_mode == FailureMode::FailOpen {
                    f.write_str(FAIL_OPEN_SUFFIX)?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Debug for ReplayGuardSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ReplayGuardSetting({self})")
    }
}

/// A replay guard from a one-line setting: [`ReplayGuardSetting::parse`] then
/// [`build`](ReplayGuardSetting::build).
pub fn replay_guard_from_spec(spec: &str) -> Result<Option<Arc<dyn ReplayGuard>>> {
    ReplayGuardSetting::parse(spec)?.build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings() {
        let parse = |s: &str| ReplayGuardSetting::parse(s).map_err(|e| e.kind());
        assert_eq!(parse(""), Ok(ReplayGuardSetting::Off));
        assert_eq!(parse(" off "), Ok(ReplayGuardSetting::Off));
        assert_eq!(
            parse("memory"),
            Ok(ReplayGuardSetting::Memory {
                capacity: InMemoryReplayGuard::DEFAULT_CAPACITY
            })
        );
        assert_eq!(
            parse("memory:10"),
            Ok(ReplayGuardSetting::Memory { capacity: 10 })
        );
        assert_eq!(
            parse("redis://:pw@h:6379/0#fail-open"),
            Ok(ReplayGuardSetting::Redis {
                url: "redis://:pw@h:6379/0".to_owned(),
                failure_mode: FailureMode::FailOpen
            })
        );
        assert_eq!(
            parse("rediss://h"),
            Ok(ReplayGuardSetting::Redis {
                url: "rediss://h".to_owned(),
                failure_mode: FailureMode::FailClosed
            })
        );
        for bad in [
            "memory:x",
            "memory:0",
            "memory:",
            "mysql://x",
            "on",
            "Memory",
        ] {
            assert_eq!(parse(bad), Err(ErrorKind::ReplayGuardUnavailable), "{bad}");
        }
        assert!(replay_guard_from_spec("memory:10").is_ok_and(|g| g.is_some()));
        assert!(replay_guard_from_spec("off").is_ok_and(|g| g.is_none()));
    }

    #[test]
    fn never_shows_a_password() {
        let s = ReplayGuardSetting::parse("redis://user:s3cret@h:6379/0#fail-open").expect("ok");
        assert_eq!(s.to_string(), "redis://user:<redacted>@h:6379/0#fail-open");
        assert!(!format!("{s:?}").contains("s3cret"));
        let s = ReplayGuardSetting::parse("redis://:s3cret@h").expect("ok");
        assert!(!s.to_string().contains("s3cret"));
        // Round trip of what has no password.
        for spec in ["off", "memory:5", "redis://h:1/2", "redis://h#fail-open"] {
            assert_eq!(
                ReplayGuardSetting::parse(spec).expect("ok").to_string(),
                spec
            );
        }
    }
}
