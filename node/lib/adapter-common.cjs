'use strict';
// Shared by the framework adapters (given the hookseal API they run on): one verifier from adapter options, and the HTTP answer for
// each error code. No verification logic: the core decides, this only picks a status.

const { httpStatuses } = require('./errors.cjs');

/** The core's HTTP status for an error code (see WebhookVerificationError#httpStatus). */
function statusFor(code) {
  return httpStatuses.get(code) ?? 400;
}

/**
 * The ImageKit-flavoured client adapters verify with: `secret` (or `webhookSecret`, default
 * `IMAGEKIT_WEBHOOK_SECRET`), `keyMode` ('imagekit' default; 'standard' for Svix/Standard
 * Webhooks senders), tolerance, legacy, replayGuard, maxPayloadBytes.
 */
function clientFrom(hookseal, options = {}) {
  const { secret, webhookSecret, property, ...rest } = options || {};
  return new hookseal.ImageKit({ webhookSecret: secret ?? webhookSecret, ...rest });
}

// The same answer body in every language's adapters (docs/contract.md): the message, the code.
function errorBody(e) {
  return JSON.stringify({ error: e.message, code: e.code });
}

const DEFAULT_MAX = 1024 * 1024;

module.exports = { statusFor, clientFrom, errorBody, DEFAULT_MAX };
