//! A replay guard shared by several receivers, backed by Redis (contract §5).
//!
//! One atomic `SET key 1 NX PX ttl` per delivery: the first receiver to record an id wins, every
//! other delivery of it is a replay, whichever machine it reaches.

use std::fmt;
use std::io;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use crate::error::{Error, ErrorKind, Result};
use crate::redis_client::{tls_config, Addr, Connection, Reply, Target};
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
/// Connect with a URL (`redis://host:port/db`, `rediss://` for TLS, `redis://:password@host`,
/// `redis+unix:///path`). The connection is opened lazily, so a receiver starts even while Redis
/// is down; its failure mode decides what a delivery gets meanwhile.
pub struct RedisReplayGuard {
    target: Target,
    /// Made on first use: reading the system's certificates is the first TLS connection's work.
    tls: OnceLock<std::result::Result<Arc<rustls::ClientConfig>, String>>,
    idle: Mutex<Vec<Connection>>,
    options: RedisGuardOptions,
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
        let target =
            Target::parse(url).map_err(|why| unavailable(format!("invalid Redis URL ({why})")))?;
        Ok(RedisReplayGuard {
            target,
            tls: OnceLock::new(),
            idle: Mutex::new(Vec::new()),
            options,
        })
    }

    /// The options.
    pub fn options(&self) -> &RedisGuardOptions {
        &self.options
    }

    fn connection(&self) -> io::Result<Connection> {
        // An idle connection the server has closed since (a restart, its `timeout`) is dropped
        // here rather than failing a delivery. Not retried after sending instead: a `SET NX`
        // whose reply was lost may have been applied, and a retry would call it a replay.
        loop {
            let reused = self
                .idle
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .pop();
            match reused {
                Some(c) if c.is_open() => return Ok(c),
                Some(_) => {}
                None => break,
            }
        }
        let tls = match &self.target.addr {
            Addr::Tls { insecure, .. } => Some(
                self.tls
                    .get_or_init(|| tls_config(*insecure).map_err(|e| e.to_string()))
                    .as_ref()
                    .map_err(|e| io::Error::other(e.clone()))?,
            ),
            _ => None,
        };
        Connection::open(&self.target, tls, self.options.timeout)
    }

    fn set_nx(&self, id: &str, ttl_ms: u64) -> io::Result<bool> {
        let mut con = self.connection()?;
        let key = format!("{}{id}", self.options.prefix);
        let ttl = ttl_ms.max(1).to_string();
        let reply = con.command(&[b"SET", key.as_bytes(), b"1", b"NX", b"PX", ttl.as_bytes()])?;
        // Only a connection that answered goes back to the pool.
        let mut idle = self
            .idle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if idle.len() < self.options.max_idle_connections {
            idle.push(con);
        }
        Ok(reply == Reply::Value)
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
                    self.target.addr,
                    e
                ))),
            },
        }
    }
}

impl fmt::Debug for RedisReplayGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisReplayGuard")
            .field("target", &self.target.addr.to_string())
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}
