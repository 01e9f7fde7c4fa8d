//! A replay guard shared by several receivers, backed by Redis (contract §5).
//!
//! One atomic `SET key 1 NX PX ttl` per delivery: the first receiver to record an id wins, every
//! other delivery of it is a replay, whichever machine it reaches.

use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

use crate::error::{Error, ErrorKind, Result};
use crate::replay::{FailureMode, GuardOutcome, ReplayGuard};

/// Options of a [`RedisReplayGuard`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RedisGuardOptions {
    /// Prefix of every key, so several applications can share one Redis.
    pub prefix: String,
    /// Bound on connecting and on each command.
    pub timeout: Duration,
    /// What to do when Redis cannot be reached.
    pub failure_mode: FailureMode,
    /// Most idle connections kept for reuse.
    pub max_idle_connections: usize,
}

impl Default for RedisGuardOptions {
    fn default() -> Self {
        RedisGuardOptions {
            prefix: "hookseal:replay:".to_owned(),
            timeout: Duration::from_millis(500),
            failure_mode: FailureMode::FailClosed,
            max_idle_connections: 16,
        }
    }
}

/// A replay guard in Redis, for receivers that run as several processes or machines.
///
/// Connect with a URL (`redis://host:port/db`, `rediss://` for TLS, `redis://:password@host`).
/// The connection is opened lazily, so a receiver starts even while Redis is down; its failure
/// mode decides what a delivery gets meanwhile.
pub struct RedisReplayGuard {
    client: redis::Client,
    idle: Mutex<Vec<redis::Connection>>,
    options: RedisGuardOptions,
    /// `host:port` only: the URL may carry a password, which never reaches a message.
    target: String,
}

fn unavailable(msg: String) -> Error {
    Error::new(ErrorKind::ReplayGuardUnavailable, msg)
}

impl RedisReplayGuard {
    /// A guard for the Redis at `url`, with default options.
    pub fn new(url: &str) -> Result<Self> {
        Self::with_options(url, RedisGuardOptions::default())
    }

    /// A guard for the Redis at `url`. A URL that does not parse is `replay_guard_unavailable`.
    pub fn with_options(url: &str, options: RedisGuardOptions) -> Result<Self> {
        let client = redis::Client::open(url)
            .map_err(|e| unavailable(format!("invalid Redis URL ({:?})", e.kind())))?;
        let target = match client.get_connection_info().addr() {
            redis::ConnectionAddr::Tcp(host, port)
            | redis::ConnectionAddr::TcpTls { host, port, .. } => {
                format!("{host}:{port}")
            }
            redis::ConnectionAddr::Unix(path) => path.display().to_string(),
            _ => "redis".to_owned(),
        };
        Ok(RedisReplayGuard {
            client,
            idle: Mutex::new(Vec::new()),
            options,
            target,
        })
    }

    /// The options.
    pub fn options(&self) -> &RedisGuardOptions {
        &self.options
    }

    fn connection(&self) -> redis::RedisResult<redis::Connection> {
        let reused = self
            .idle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .pop();
        if let Some(c) = reused {
            return Ok(c);
        }
        let c = self
            .client
            .get_connection_with_timeout(self.options.timeout)?;
        c.set_read_timeout(Some(self.options.timeout))?;
        c.set_write_timeout(Some(self.options.timeout))?;
        Ok(c)
    }

    fn set_nx(&self, id: &str, ttl_ms: u64) -> redis::RedisResult<bool> {
        let mut con = self.connection()?;
        let reply: Option<String> = redis::cmd("SET")
            .arg(format!("{}{id}", self.options.prefix))
            .arg(1)
            .arg("NX")
            .arg("PX")
            .arg(ttl_ms.max(1))
            .query(&mut con)?;
        // Only a connection that answered goes back to the pool.
        let mut idle = self
            .idle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if idle.len() < self.options.max_idle_connections {
            idle.push(con);
        }
        Ok(reply.is_some())
    }
}

impl ReplayGuard for RedisReplayGuard {
    fn check_and_record(&self, id: &str, _now: i64, ttl_secs: u64) -> Result<GuardOutcome> {
        // Redis expires keys on its own clock: `now` is for in-process guards and tests.
        match self.set_nx(id, ttl_secs.saturating_mul(1000)) {
            Ok(true) => Ok(GuardOutcome::Recorded),
            Ok(false) => Ok(GuardOutcome::Replayed),
            Err(e) => match self.options.failure_mode {
                FailureMode::FailOpen => Ok(GuardOutcome::Unavailable),
                FailureMode::FailClosed => Err(unavailable(format!(
                    "the replay guard's Redis at {} did not answer ({}); the delivery was refused so the sender retries",
                    self.target,
                    e
                ))),
            },
        }
    }
}

impl fmt::Debug for RedisReplayGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisReplayGuard")
            .field("target", &self.target)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}
