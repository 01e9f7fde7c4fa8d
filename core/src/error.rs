//! The error contract: one kind enum with stable snake_case codes (contract §7).

use std::fmt;

/// What went wrong, as a stable code shared by every language.
///
/// The codes (see [`ErrorKind::code`]) are the cross-language contract: vectors assert them and
/// every binding exposes them in its own idiom. Messages are for humans and may change.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A required header (`webhook-id`, `webhook-timestamp`, `webhook-signature`) is absent or empty.
    MissingHeader,
    /// A header is present but unusable: over its size bounds, conflicting repeats, malformed legacy header.
    InvalidHeader,
    /// The timestamp is not 1 to 18 ASCII digits.
    InvalidTimestamp,
    /// The timestamp is older than the tolerance allows.
    TimestampTooOld,
    /// The timestamp is further in the future than the tolerance allows.
    TimestampTooNew,
    /// No signature entry matched any configured key.
    InvalidSignature,
    /// A secret or key could not be used (empty, not base64, wrong length); raised when building.
    InvalidSecret,
    /// The body verified but is not an event (not a JSON object with a string `type`).
    InvalidPayload,
    /// The body is larger than the configured maximum.
    PayloadTooLarge,
    /// This message id was already accepted (replay).
    Replayed,
    /// The shared replay store could not be reached and the guard fails closed.
    ReplayGuardUnavailable,
}

impl ErrorKind {
    /// Every kind, in the order of contract §7. Bindings use it to prove they map every code.
    pub const ALL: [ErrorKind; 11] = [
        ErrorKind::MissingHeader,
        ErrorKind::InvalidHeader,
        ErrorKind::InvalidTimestamp,
        ErrorKind::TimestampTooOld,
        ErrorKind::TimestampTooNew,
        ErrorKind::InvalidSignature,
        ErrorKind::InvalidSecret,
        ErrorKind::InvalidPayload,
        ErrorKind::PayloadTooLarge,
        ErrorKind::Replayed,
        ErrorKind::ReplayGuardUnavailable,
    ];

    /// The stable snake_case code, e.g. `"invalid_signature"`.
    pub const fn code(self) -> &'static str {
        match self {
            ErrorKind::MissingHeader => "missing_header",
            ErrorKind::InvalidHeader => "invalid_header",
            ErrorKind::InvalidTimestamp => "invalid_timestamp",
            ErrorKind::TimestampTooOld => "timestamp_too_old",
            ErrorKind::TimestampTooNew => "timestamp_too_new",
            ErrorKind::InvalidSignature => "invalid_signature",
            ErrorKind::InvalidSecret => "invalid_secret",
            ErrorKind::InvalidPayload => "invalid_payload",
            ErrorKind::PayloadTooLarge => "payload_too_large",
            ErrorKind::Replayed => "replayed",
            ErrorKind::ReplayGuardUnavailable => "replay_guard_unavailable",
        }
    }

    /// The HTTP status a receiver answers with for this error; every adapter and `hookseal listen`
    /// use it, so they all answer alike.
    ///
    /// - 401: the request did not prove it is a genuine, fresh, first delivery (`missing_header`,
    ///   `invalid_signature`, `timestamp_too_old`, `timestamp_too_new`, `replayed`).
    /// - 400: it is malformed (`invalid_header`, `invalid_timestamp`, `invalid_payload`).
    /// - 413: `payload_too_large`.
    /// - 500: `invalid_secret`, the receiver's own configuration is wrong.
    /// - 503: `replay_guard_unavailable`, the replay store is down: the sender retries later.
    pub const fn http_status(self) -> u16 {
        match self {
            ErrorKind::MissingHeader
            | ErrorKind::InvalidSignature
            | ErrorKind::TimestampTooOld
            | ErrorKind::TimestampTooNew
            | ErrorKind::Replayed => 401,
            ErrorKind::InvalidHeader | ErrorKind::InvalidTimestamp | ErrorKind::InvalidPayload => {
                400
            }
            ErrorKind::PayloadTooLarge => 413,
            ErrorKind::InvalidSecret => 500,
            ErrorKind::ReplayGuardUnavailable => 503,
        }
    }

    /// The kind for a code, if the code is known.
    pub fn from_code(code: &str) -> Option<ErrorKind> {
        ErrorKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A verification, parsing or configuration failure: a stable [`ErrorKind`] plus a message that
/// helps. Messages never contain a secret.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// An error of `kind` with a human message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// The stable kind.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The stable code, shorthand for `self.kind().code()`.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The human message (no code prefix).
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Result alias for hookseal operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for k in ErrorKind::ALL {
            assert!(seen.insert(k.code()), "duplicate code {}", k.code());
            assert_eq!(ErrorKind::from_code(k.code()), Some(k));
            assert!(k
                .code()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_'));
        }
        assert_eq!(ErrorKind::from_code("nope"), None);
    }

    #[test]
    fn display_is_the_code_and_errors_carry_kind_and_message() {
        for k in ErrorKind::ALL {
            assert_eq!(k.to_string(), k.code());
        }
        let e = Error::new(ErrorKind::Replayed, "seen before");
        assert_eq!(
            (e.kind(), e.code(), e.message()),
            (ErrorKind::Replayed, "replayed", "seen before")
        );
        // Display is the message alone: the code travels as a value, never inside the text.
        assert_eq!(e.to_string(), "seen before");
    }

    #[test]
    fn http_status_by_code() {
        // Part of the contract: receivers in every language answer these.
        let table: Vec<(&str, u16)> = ErrorKind::ALL
            .iter()
            .map(|k| (k.code(), k.http_status()))
            .collect();
        assert_eq!(
            table,
            [
                ("missing_header", 401),
                ("invalid_header", 400),
                ("invalid_timestamp", 400),
                ("timestamp_too_old", 401),
                ("timestamp_too_new", 401),
                ("invalid_signature", 401),
                ("invalid_secret", 500),
                ("invalid_payload", 400),
                ("payload_too_large", 413),
                ("replayed", 401),
                ("replay_guard_unavailable", 503),
            ]
        );
    }
}
