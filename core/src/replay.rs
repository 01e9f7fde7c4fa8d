//! Replay protection (contract §5): remember each verified message id for a while.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::error::{Error, ErrorKind, Result};

/// What a shared replay guard does when its store cannot be reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum FailureMode {
    /// Refuse the delivery with `replay_guard_unavailable`: the sender retries later and nothing
    /// is lost or accepted twice. The default.
    #[default]
    FailClosed,
    /// Accept the delivery without a replay check, and say so (`ReplayStatus::Unavailable`).
    FailOpen,
}

/// What a guard says about a message id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GuardOutcome {
    /// First delivery of this id: it is now recorded.
    Recorded,
    /// The id was recorded before and has not expired: a replay.
    Replayed,
    /// The store could not be reached and the guard is configured to fail open: the delivery is
    /// accepted without a replay check.
    Unavailable,
}

/// A store that checks and records message ids atomically.
///
/// Implementations must be thread-safe and must make check-and-record one atomic step, so two
/// concurrent deliveries of one id cannot both be `Recorded`. A store that cannot be reached and
/// fails closed returns an error of kind [`ErrorKind::ReplayGuardUnavailable`].
pub trait ReplayGuard: Send + Sync + fmt::Debug {
    /// Record `id` for `ttl_secs` seconds from `now` (unix seconds) unless it is already recorded.
    fn check_and_record(&self, id: &str, now: i64, ttl_secs: u64) -> Result<GuardOutcome>;
}

impl<T: ReplayGuard + ?Sized> ReplayGuard for Arc<T> {
    fn check_and_record(&self, id: &str, now: i64, ttl_secs: u64) -> Result<GuardOutcome> {
        (**self).check_and_record(id, now, ttl_secs)
    }
}

#[derive(Debug, Default)]
struct State {
    /// id -> expiry (unix seconds, exclusive).
    expiry: HashMap<Arc<str>, i64>,
    /// Insertion order, to drop expired ids without scanning the map.
    order: VecDeque<(i64, Arc<str>)>,
}

impl State {
    fn prune(&mut self, now: i64) {
        while let Some((exp, _)) = self.order.front() {
            if *exp > now {
                break;
            }
            if let Some((exp, id)) = self.order.pop_front() {
                // The id may have been recorded again later with a newer expiry; keep that one.
                if self.expiry.get(&id) == Some(&exp) {
                    self.expiry.remove(&id);
                }
            }
        }
    }
}

/// A thread-safe, memory-bounded in-memory replay guard for a single receiver process.
///
/// At most `capacity` unexpired ids are kept. When it is full of ids that have not expired yet,
/// it fails closed with `replay_guard_unavailable` (the sender retries later) rather than
/// forgetting an id early, which would reopen a replay window.
pub struct InMemoryReplayGuard {
    state: Mutex<State>,
    capacity: usize,
}

impl InMemoryReplayGuard {
    /// Default capacity: 100,000 ids (a few MiB), i.e. ~166 deliveries a second sustained over the
    /// default 10-minute memory.
    pub const DEFAULT_CAPACITY: usize = 100_000;

    /// A guard with the default capacity.
    pub fn new() -> Self {
        Self::with_capacity(Self::DEFAULT_CAPACITY)
    }

    /// A guard keeping at most `capacity` ids (at least 1).
    pub fn with_capacity(capacity: usize) -> Self {
        InMemoryReplayGuard {
            state: Mutex::new(State::default()),
            capacity: capacity.max(1),
        }
    }

    /// The configured capacity.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// How many ids are held now (expired ones included until the next call prunes them).
    pub fn len(&self) -> usize {
        self.lock().expiry.len()
    }

    /// True when no id is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere while holding the lock cannot leave the map inconsistent for our use.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Default for InMemoryReplayGuard {
    fn default() -> Self {
        Self::new()
    }
}

// The ids themselves are not worth printing; the count is.
#[allow(clippy::missing_fields_in_debug)]
impl fmt::Debug for InMemoryReplayGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InMemoryReplayGuard")
            .field("capacity", &self.capacity)
            .field("len", &self.len())
            .finish()
    }
}

impl ReplayGuard for InMemoryReplayGuard {
    fn check_and_record(&self, id: &str, now: i64, ttl_secs: u64) -> Result<GuardOutcome> {
        let mut st = self.lock();
        st.prune(now);
        if let Some(&exp) = st.expiry.get(id) {
            if exp > now {
                return Ok(GuardOutcome::Replayed);
            }
        }
        if st.expiry.len() >= self.capacity && !st.expiry.contains_key(id) {
            return Err(Error::new(
                ErrorKind::ReplayGuardUnavailable,
                format!(
                    "the in-memory replay guard is full ({} unexpired ids); retry later or raise its capacity",
                    self.capacity
                ),
            ));
        }
        let exp = now.saturating_add(i64::try_from(ttl_secs).unwrap_or(i64::MAX));
        let key: Arc<str> = Arc::from(id);
        st.expiry.insert(Arc::clone(&key), exp);
        st.order.push_back((exp, key));
        Ok(GuardOutcome::Recorded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_then_detects_then_expires() {
        let g = InMemoryReplayGuard::new();
        assert_eq!(
            g.check_and_record("a", 100, 10).ok(),
            Some(GuardOutcome::Recorded)
        );
        assert_eq!(
            g.check_and_record("a", 109, 10).ok(),
            Some(GuardOutcome::Replayed)
        );
        assert_eq!(
            g.check_and_record("a", 110, 10).ok(),
            Some(GuardOutcome::Recorded)
        );
        assert_eq!(
            g.check_and_record("b", 110, 10).ok(),
            Some(GuardOutcome::Recorded)
        );
        assert_eq!(g.len(), 2);
    }

    #[test]
    fn expiry_holds_when_the_clock_goes_back() {
        // `b`'s expiry (60) sits behind `a`'s (110) in the queue, so pruning at 60 stops at `a`:
        // the lookup itself must treat an id whose expiry has come as gone.
        let g = InMemoryReplayGuard::new();
        g.check_and_record("a", 100, 10).expect("a");
        g.check_and_record("b", 50, 10).expect("b");
        assert_eq!(
            g.check_and_record("b", 59, 10).ok(),
            Some(GuardOutcome::Replayed)
        );
        assert_eq!(
            g.check_and_record("b", 60, 10).ok(),
            Some(GuardOutcome::Recorded)
        );
    }

    #[test]
    fn size_capacity_and_debug() {
        let g = InMemoryReplayGuard::with_capacity(3);
        assert_eq!((g.capacity(), g.len(), g.is_empty()), (3, 0, true));
        g.check_and_record("msg_secret_id", 0, 10)
            .expect("recorded");
        assert_eq!((g.len(), g.is_empty()), (1, false));
        let debug = format!("{g:?}");
        assert_eq!(debug, "InMemoryReplayGuard { capacity: 3, len: 1 }");
        assert_eq!(InMemoryReplayGuard::with_capacity(0).capacity(), 1);
        assert_eq!(
            InMemoryReplayGuard::default().capacity(),
            InMemoryReplayGuard::DEFAULT_CAPACITY
        );
    }

    #[test]
    fn full_guard_fails_closed_until_ids_expire() {
        let g = InMemoryReplayGuard::with_capacity(2);
        g.check_and_record("a", 0, 10).expect("a");
        g.check_and_record("b", 0, 10).expect("b");
        let e = g.check_and_record("c", 5, 10).expect_err("full");
        assert_eq!(e.kind(), ErrorKind::ReplayGuardUnavailable);
        assert_eq!(
            g.check_and_record("a", 5, 10).ok(),
            Some(GuardOutcome::Replayed)
        );
        assert_eq!(
            g.check_and_record("c", 10, 10).ok(),
            Some(GuardOutcome::Recorded)
        );
    }

    #[test]
    fn concurrent_deliveries_of_one_id_record_once() {
        let g = Arc::new(InMemoryReplayGuard::new());
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let g = Arc::clone(&g);
                std::thread::spawn(move || {
                    (0..200)
                        .filter(|i| {
                            g.check_and_record(&format!("id{i}"), 0, 600).ok()
                                == Some(GuardOutcome::Recorded)
                        })
                        .count()
                })
            })
            .collect();
        let total: usize = handles.into_iter().map(|h| h.join().unwrap_or(0)).sum();
        assert_eq!(total, 200);
    }
}
