'use strict';
// Shared by the framework adapters (given the hookseal API they run on): one verifier from adapter options, and the HTTP answer for
// each error code. No verification logic: the core decides, this only picks a status.

const UNAUTHORIZED = new Set(['invalid_signature', 'timestamp_too_old', 'timestamp_too_new', 'replayed']);

/** 401 when the sender could not prove itself, 503 when the replay store is down (retry later), else 400. */
function statusFor(code) {
  if (UNAUTHORIZED.has(code)) return 401;
  if (code === 'replay_guard_unavailable') return 503;
  return 400;
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

function errorBody(e) {
  return JSON.stringify({ error: e.code, message: e.message });
}

const DEFAULT_MAX = 1024 * 1024;

module.exports = { statusFor, clientFrom, errorBody, DEFAULT_MAX };
