'use strict';
// hookseal/fetch: verify a Fetch API Request (Next.js route handlers, Hono, Remix, Deno-style
// servers, undici): reads the raw body once, verifies, returns the event.
//
//   export async function POST(request) {
//     const event = await verifyRequest(request);           // throws WebhookVerificationError
//     ...
//   }

const { statusFor, clientFrom, errorBody, DEFAULT_MAX } = require('./adapter-common.cjs');

/** The adapter over one hookseal API (this package's Node entry, or the edge build's). */
function fetchAdapter(hookseal) {
  const { InvalidPayloadError, WebhookVerificationError } = hookseal;

  async function rawBody(request, limit) {
    if (!request || typeof request.arrayBuffer !== 'function') {
      throw new InvalidPayloadError('verifyRequest needs a Fetch API Request');
    }
    if (request.bodyUsed) {
      throw new InvalidPayloadError(
        'the request body was already read (request.json() or request.text()); call verifyRequest first, or pass the text to client.webhooks.unwrap',
      );
    }
    if (!request.body || typeof request.body.getReader !== 'function') {
      return new Uint8Array(await request.arrayBuffer());
    }
    // Streamed, at most one byte over the limit (enough for the core to answer
    // payload_too_large); the rest is cancelled, not buffered.
    const reader = request.body.getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        chunks.push(value.subarray(0, value.length - (size - limit - 1)));
        reader.cancel().catch(() => {});
        size = limit + 1;
        break;
      }
      chunks.push(value);
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  /**
   * A verifier for requests, built once: `(request, { now }?) => Promise<event>`. Options as the
   * ImageKit client (`secret`/`webhookSecret`, `keyMode`, `tolerance`, `legacy`, `replayGuard`, ...).
   */
  function createRequestVerifier(options = {}) {
    const client = clientFrom(hookseal, options);
    const limit = (options && options.maxPayloadBytes) ?? DEFAULT_MAX;
    return async function verify(request, callOptions = {}) {
      const body = await rawBody(request, limit);
      return client.webhooks.unwrap(body, { headers: request.headers, ...callOptions });
    };
  }

  /** Verify one request (builds a verifier per call; keep one from createRequestVerifier on hot paths). */
  async function verifyRequest(request, options = {}) {
    const { now, ...rest } = options || {};
    return createRequestVerifier(rest)(request, now === undefined ? {} : { now });
  }

  /** The Response a failed verification deserves: JSON `{ error, code }` with 400/401/413/503. */
  function errorResponse(e) {
    if (!(e instanceof WebhookVerificationError)) throw e;
    return new Response(errorBody(e), { status: statusFor(e.code), headers: { 'content-type': 'application/json' } });
  }

  return { verifyRequest, createRequestVerifier, errorResponse, statusFor };
}

module.exports = fetchAdapter;

