// Hand-written conveniences over the generated bindings (Hookseal.swift, produced by
// uniffi-bindgen at build time). Conversions only: every check happens in the Rust core.
import Foundation

extension WebhookError {
    /// The stable error code (contract §7), e.g. `"invalid_signature"`. The switch is
    /// exhaustive, so a new error case fails the build until it has its code.
    public var code: String {
        switch self {
        case .MissingHeader: return "missing_header"
        case .InvalidHeader: return "invalid_header"
        case .InvalidTimestamp: return "invalid_timestamp"
        case .TimestampTooOld: return "timestamp_too_old"
        case .TimestampTooNew: return "timestamp_too_new"
        case .InvalidSignature: return "invalid_signature"
        case .InvalidSecret: return "invalid_secret"
        case .InvalidPayload: return "invalid_payload"
        case .PayloadTooLarge: return "payload_too_large"
        case .Replayed: return "replayed"
        case .ReplayGuardUnavailable: return "replay_guard_unavailable"
        }
    }

    /// The HTTP status a receiver answers with, from the core: 401 not genuine (missing headers,
    /// bad signature, stale, replayed), 400 malformed, 413 too large, 500 a bad secret, 503 the
    /// replay store is down (the sender retries).
    public var httpStatus: Int {
        Int(httpStatusForCode(code: code) ?? 400)
    }

    /// The human message (never contains a secret).
    public var message: String {
        switch self {
        case let .MissingHeader(m), let .InvalidHeader(m), let .InvalidTimestamp(m),
             let .TimestampTooOld(m), let .TimestampTooNew(m), let .InvalidSignature(m),
             let .InvalidSecret(m), let .InvalidPayload(m), let .PayloadTooLarge(m),
             let .Replayed(m), let .ReplayGuardUnavailable(m):
            return m
        }
    }
}

extension ImageKitWebhooks {
    /// `unwrap` for a body already decoded as a string (its UTF-8 bytes are verified).
    public func unwrap(payload: String, headers: [String: String], key: String? = nil, now: Int64? = nil) throws -> WebhookEvent {
        try unwrap(payload: Data(payload.utf8), headers: headers, key: key, now: now)
    }

    /// `unsafeUnwrap` for a string body. Development and tests only.
    public func unsafeUnwrap(payload: String) throws -> WebhookEvent {
        try unsafeUnwrap(payload: Data(payload.utf8))
    }
}

extension Webhook {
    /// `verify` for a string body, as in the Standard Webhooks reference libraries.
    @discardableResult
    public func verify(payload: String, headers: [String: String], now: Int64? = nil) throws -> Verification {
        try verify(payload: Data(payload.utf8), headers: headers, now: now)
    }

    /// `sign` for a string body.
    public func sign(msgId: String, timestamp: Int64, payload: String) throws -> String {
        try sign(msgId: msgId, timestamp: timestamp, payload: Data(payload.utf8))
    }
}

/// The former name of `ReplayGuard`, whose `init(capacity:)` is the in-memory guard: code written
/// as `InMemoryReplayGuard(capacity: ...)` keeps compiling.
public typealias InMemoryReplayGuard = ReplayGuard
