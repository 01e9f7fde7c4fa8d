//! `unwrap` (verify, then parse) and `unsafe_unwrap` (parse only).

use crate::error::Result;
use crate::event::Event;
use crate::headers::{HeaderSet, HeaderValue};
use crate::verify::{Verified, Verifier};

impl Verifier {
    /// Verify, then parse the body into a typed [`Event`].
    ///
    /// A body that verifies but is not an event is `invalid_payload`, never a signature error.
    /// The replay guard records the id only once the event has also parsed.
    pub fn unwrap<'h, I, K, V>(&self, body: &[u8], headers: I, now: Option<i64>) -> Result<Event>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<[u8]>,
        V: HeaderValue<'h>,
    {
        self.unwrap_headers(body, &HeaderSet::from_pairs(headers), now)
            .map(|(e, _)| e)
    }

    /// [`Verifier::unwrap`] with headers already gathered; also returns what verified.
    pub fn unwrap_headers(
        &self,
        body: &[u8],
        headers: &HeaderSet,
        now: Option<i64>,
    ) -> Result<(Event, Verified)> {
        let pending = self.verify_pending(body, headers, now)?;
        let event = Event::parse(body)?;
        let verified = self.record(pending)?;
        Ok((event, verified))
    }

    /// [`Verifier::unwrap_headers`] without building the typed payload: verify, check that the
    /// body is an event (the rules of [`Event::parse`], via [`Event::check`]), then run the replay
    /// guard. For bindings that materialise the JSON in their own runtime (Node's `JSON.parse`).
    pub fn unwrap_checked(
        &self,
        body: &[u8],
        headers: &HeaderSet,
        now: Option<i64>,
    ) -> Result<Verified> {
        self.record(self.unwrap_pending(body, headers, now)?)
    }
}

/// Parse an event **without verifying it**. For development and tests only: anyone can send
/// your endpoint a body, so production code calls [`Verifier::unwrap`].
pub fn unsafe_unwrap(body: &[u8]) -> Result<Event> {
    Event::parse(body)
}
