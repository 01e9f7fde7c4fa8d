'use strict';
// The error classes, shared by every backend (native addon and WebAssembly): an error from either
// is an instance of the same classes. The codes come from the core (ERROR_CODES); a test fails if
// one is missing here.

// ---- errors ------------------------------------------------------------------------------------

/** code -> the HTTP status a receiver answers with: the core's, filled in by api.cjs at load. */
const httpStatuses = new Map();

class WebhookVerificationError extends Error {
  /**
   * @param {string} message
   * @param {string} [code] stable snake_case code (contract §7)
   */
  constructor(message, code) {
    super(message);
    this.name = new.target.name;
    this.code = code ?? new.target.code ?? 'invalid_signature';
  }

  /**
   * The HTTP status a receiver answers with, from the core (401 not genuine, 400 malformed,
   * 413 too large, 500 a bad secret, 503 the replay store is down): what the adapters send.
   */
  get httpStatus() {
    return httpStatuses.get(this.code) ?? 400;
  }
}

class MissingHeaderError extends WebhookVerificationError {}
MissingHeaderError.code = 'missing_header';
class InvalidHeaderError extends WebhookVerificationError {}
InvalidHeaderError.code = 'invalid_header';
class InvalidTimestampError extends WebhookVerificationError {}
InvalidTimestampError.code = 'invalid_timestamp';
class TimestampTooOldError extends WebhookVerificationError {}
TimestampTooOldError.code = 'timestamp_too_old';
class TimestampTooNewError extends WebhookVerificationError {}
TimestampTooNewError.code = 'timestamp_too_new';
class InvalidSignatureError extends WebhookVerificationError {}
InvalidSignatureError.code = 'invalid_signature';
class InvalidSecretError extends WebhookVerificationError {}
InvalidSecretError.code = 'invalid_secret';
class InvalidPayloadError extends WebhookVerificationError {}
InvalidPayloadError.code = 'invalid_payload';
class PayloadTooLargeError extends WebhookVerificationError {}
PayloadTooLargeError.code = 'payload_too_large';
class ReplayedError extends WebhookVerificationError {}
ReplayedError.code = 'replayed';
class ReplayGuardUnavailableError extends WebhookVerificationError {}
ReplayGuardUnavailableError.code = 'replay_guard_unavailable';

/** code -> subclass. A test fails if the core has a code missing here. */
const errorClasses = Object.freeze({
  missing_header: MissingHeaderError,
  invalid_header: InvalidHeaderError,
  invalid_timestamp: InvalidTimestampError,
  timestamp_too_old: TimestampTooOldError,
  timestamp_too_new: TimestampTooNewError,
  invalid_signature: InvalidSignatureError,
  invalid_secret: InvalidSecretError,
  invalid_payload: InvalidPayloadError,
  payload_too_large: PayloadTooLargeError,
  replayed: ReplayedError,
  replay_guard_unavailable: ReplayGuardUnavailableError,
});

/** The subclass instance for a code (a code newer than this file still gets the base class). */
function errorFor(code, message) {
  const C = errorClasses[code];
  return C ? new C(message) : new WebhookVerificationError(message, code);
}

/**
 * The typed error for what a binding threw. Both bindings throw errors as values: the napi addon
 * an Error with the core's code on `code` (set in Rust), the WebAssembly glue the same shape from
 * the code index the module returns; the message is the core's, as it is. Recognised by `code`
 * alone (one of the core's, as loaded into `httpStatuses`), never by `instanceof Error`: the
 * addon's errors belong to the main realm, which is not the caller's under jest's module sandbox
 * or in a `vm` context. Anything else (a TypeError from napi's argument checks) comes back as is.
 */
function fromNative(e) {
  if (e instanceof WebhookVerificationError) return e;
  const code = e !== null && (typeof e === 'object' || typeof e === 'function') ? e.code : undefined;
  if (typeof code !== 'string' || !httpStatuses.has(code)) return e;
  return errorFor(code, typeof e.message === 'string' ? e.message : '');
}

module.exports = {
  WebhookVerificationError,
  MissingHeaderError,
  InvalidHeaderError,
  InvalidTimestampError,
  TimestampTooOldError,
  TimestampTooNewError,
  InvalidSignatureError,
  InvalidSecretError,
  InvalidPayloadError,
  PayloadTooLargeError,
  ReplayedError,
  ReplayGuardUnavailableError,
  errorClasses,
  errorFor,
  fromNative,
  httpStatuses,
};
