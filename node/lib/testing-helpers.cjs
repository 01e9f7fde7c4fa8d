'use strict';
// hookseal/testing: sign deliveries and get realistic sample events of every type, to test a
// receiver end to end. Signing and the samples come from the core.

/** The helpers over one hookseal API (this package's Node entry, or the edge build's). */
function testingHelpers(hookseal) {
const { native } = hookseal.__internal;
  const { Signer, EVENT_TYPES } = hookseal;

  /** The core's sample body (compact JSON, as ImageKit sends it) for a known event type. */
  function sampleBody(type) {
    const body = native.sampleBody(String(type));
    if (body === null) {
      throw new RangeError(`unknown event type ${JSON.stringify(type)}; known: ${EVENT_TYPES.join(', ')}`);
    }
    return body;
  }

  /** The sample event for a type, parsed. */
  function sampleEvent(type) {
    return JSON.parse(sampleBody(type));
  }

  /** Every sample: [{ type, body }] for all known types. */
  function sampleEvents() {
    return EVENT_TYPES.map((type) => ({ type, body: sampleBody(type) }));
  }

  /**
   * Standard Webhooks headers for `body`, as ImageKit would send them: `{ 'webhook-id',
   * 'webhook-timestamp', 'webhook-signature' }`. Options: `keyMode` ('imagekit' default), `id`
   * (default a fresh msg_ id), `timestamp` (Date or unix seconds, default now).
   */
  function generateHeaders(secret, body, options = {}) {
    const { keyMode, ...rest } = options || {};
    return new Signer(secret, { keyMode }).headers(body, rest);
  }

  /** The legacy `x-ik-signature` header for `body` (timestamp in ms or a Date, default now). */
  function generateLegacyHeaders(secret, body, options = {}) {
    const { keyMode, timestamp } = options || {};
    return { 'x-ik-signature': new Signer(secret, { keyMode }).signLegacy(timestamp ?? Date.now(), body) };
  }

  /**
   * A complete signed delivery of a sample event: `{ body, headers, event }` (body: the exact
   * string to POST). `typeOrBody` is an event type (sample body) or your own body.
   */
  function signedDelivery(secret, typeOrBody, options = {}) {
    const body = EVENT_TYPES.includes(typeOrBody) ? sampleBody(typeOrBody) : typeOrBody;
    const headers = generateHeaders(secret, body, options);
    return { body, headers, event: typeof body === 'string' ? safeParse(body) : undefined };
  }

  function safeParse(s) {
    try {
      return JSON.parse(s);
    } catch {
      return undefined;
    }
  }

  return {
    sampleBody,
    sampleEvent,
    sampleEvents,
    generateHeaders,
    generateLegacyHeaders,
    signedDelivery,
    freshMessageId: () => native.freshMessageId(),
    EVENT_TYPES,
    Signer,
  };
}

module.exports = testingHelpers;
