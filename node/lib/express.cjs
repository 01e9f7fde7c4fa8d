'use strict';
// hookseal/express: middleware that reads the raw body itself (no express.raw needed), verifies
// it, and puts the event on req.webhookEvent, what verified on req.webhookVerified (its `replay`
// is 'unavailable' when a fail-open guard let it through unchecked) and the raw bytes on req.rawBody. Bad
// deliveries get a JSON answer with the code: 401 (signature, timestamp, replay), 503 (replay
// store down), 400 (the rest). Works with Express 4 and 5, and any connect-style stack.

const { statusFor, clientFrom, errorBody, DEFAULT_MAX } = require('./adapter-common.cjs');
const hookseal = require('./index.cjs');

const { WebhookVerificationError, InvalidPayloadError } = hookseal;

/**
 * Read the raw body, at most `limit + 1` bytes (one over the limit is enough for the core to
 * answer `payload_too_large`): it resolves as soon as the limit is passed, so the answer goes out
 * before the rest arrives, and the rest is discarded, not buffered.
 */
function readRaw(req, limit) {
  if (Buffer.isBuffer(req.body) || typeof req.body === 'string' || req.body instanceof Uint8Array) {
    return Promise.resolve(req.body); // express.raw()/text() already ran: use its bytes
  }
  if (req.body !== undefined && req.body !== null && (req.readableEnded || req.complete)) {
    return Promise.reject(
      new InvalidPayloadError(
        'the body was already parsed (express.json() or similar ran before hookseal/express); mount the webhook route before body parsers or use express.raw({ type: \'application/json\' })',
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.push(chunk.subarray(0, chunk.length - (size - limit - 1)));
        resolve(Buffer.concat(chunks));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res, e) {
  if (res.headersSent) return;
  res.statusCode = statusFor(e.code);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(errorBody(e));
}

/**
 * @param {object} [options] `secret`/`webhookSecret` (default IMAGEKIT_WEBHOOK_SECRET), `keyMode`
 *   ('imagekit'), `tolerance`, `legacy`, `replayGuard`, `maxPayloadBytes`, `property`
 *   (default 'webhookEvent').
 */
function webhookMiddleware(options = {}) {
  const client = clientFrom(hookseal, options);
  const property = (options && options.property) || 'webhookEvent';
  const limit = (options && options.maxPayloadBytes) ?? DEFAULT_MAX;
  return function hooksealWebhook(req, res, next) {
    readRaw(req, limit).then(
      (body) => {
        let got;
        try {
          got = client.webhooks.unwrapVerified(body, { headers: req.headers });
        } catch (e) {
          if (e instanceof WebhookVerificationError) return send(res, e);
          return next(e);
        }
        req[property] = got.event;
        req.webhookVerified = got.verified;
        req.rawBody = body;
        next();
      },
      (e) => (e instanceof WebhookVerificationError ? send(res, e) : next(e)),
    );
  };
}

module.exports = { webhookMiddleware, verifyWebhook: webhookMiddleware, default: webhookMiddleware, statusFor };
