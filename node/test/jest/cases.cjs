'use strict';
// One real way (or several) to provoke every error code through the public API, shared by the
// CommonJS and ESM jest suites. Takes the API the suite imported, so each suite checks the
// classes it sees. `redisUrl()` is a loopback URL where nothing listens.

const IMAGEKIT_SECRET = 'whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd';
const STANDARD_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const EVENT = '{"id":"evt_1","type":"file.deleted","created_at":"2019-12-27T18:11:19.117Z","data":{"fileId":"abc"}}';
const NOW = 1700000000;

/** The core's ErrorKind::http_status (core/src/error.rs), which every adapter answers with. */
const HTTP_STATUS = Object.freeze({
  missing_header: 401,
  invalid_header: 400,
  invalid_timestamp: 400,
  timestamp_too_old: 401,
  timestamp_too_new: 401,
  invalid_signature: 401,
  invalid_secret: 500,
  invalid_payload: 400,
  payload_too_large: 413,
  replayed: 401,
  replay_guard_unavailable: 503,
});

/** code -> the exported name of its class. */
const CLASS_NAME = Object.freeze({
  missing_header: 'MissingHeaderError',
  invalid_header: 'InvalidHeaderError',
  invalid_timestamp: 'InvalidTimestampError',
  timestamp_too_old: 'TimestampTooOldError',
  timestamp_too_new: 'TimestampTooNewError',
  invalid_signature: 'InvalidSignatureError',
  invalid_secret: 'InvalidSecretError',
  invalid_payload: 'InvalidPayloadError',
  payload_too_large: 'PayloadTooLargeError',
  replayed: 'ReplayedError',
  replay_guard_unavailable: 'ReplayGuardUnavailableError',
});

/**
 * code -> [how, provoke] pairs; `provoke` throws that code. Every code has at least one case that
 * the core raises (through the binding); a few raised by the JS layer itself are marked `(js)`.
 */
function errorCases(api, { redisUrl }) {
  const { ImageKit, Webhook, Verifier, Signer, ReplayGuard, unsafeUnwrap } = api;
  const imagekitSigner = new Signer(IMAGEKIT_SECRET);
  const standardSigner = new Signer(STANDARD_SECRET, { keyMode: 'standard' });
  const signed = (body, signer = imagekitSigner, id = 'msg_jest') => signer.headers(body, { id, timestamp: NOW });
  const client = (options = {}) => new ImageKit({ webhookSecret: IMAGEKIT_SECRET, ...options }).webhooks;
  const wh = () => new Webhook(STANDARD_SECRET);
  const at = { now: NOW };

  return {
    missing_header: [
      ['ImageKit unwrap without headers', () => client().unwrap(EVENT, { now: NOW })],
      ['Webhook.verify without webhook-signature', () => {
        const { 'webhook-signature': _, ...rest } = signed('{}', standardSigner);
        wh().verify('{}', rest, at);
      }],
    ],
    invalid_header: [
      ['Verifier.verify with webhook-id twice, different values', () => {
        const h = signed(EVENT);
        new Verifier(IMAGEKIT_SECRET).verify(EVENT, [...Object.entries(h), ['webhook-id', 'msg_other']], at);
      }],
      ['Webhook.verify with 65 signature entries', () => {
        const h = signed('{}', standardSigner);
        wh().verify('{}', { ...h, 'webhook-signature': Array(65).fill('v2,x').join(' ') }, at);
      }],
    ],
    invalid_timestamp: [
      ['Webhook.verify with webhook-timestamp "yesterday"', () =>
        wh().verify('{}', { ...signed('{}', standardSigner), 'webhook-timestamp': 'yesterday' }, at)],
      ['(js) Signer.sign with a timestamp that is not a number', () => imagekitSigner.sign('msg_1', 'noon', EVENT)],
    ],
    timestamp_too_old: [
      ['ImageKit unwrap 301 s after the timestamp', () => client().unwrap(EVENT, { headers: signed(EVENT), now: NOW + 301 })],
    ],
    timestamp_too_new: [
      ['Verifier.verify 301 s before the timestamp', () =>
        new Verifier(IMAGEKIT_SECRET).verify(EVENT, signed(EVENT), { now: NOW - 301 })],
    ],
    invalid_signature: [
      ['ImageKit unwrap of a changed body', () => client().unwrap(EVENT.replace('abc', 'abd'), { headers: signed(EVENT), now: NOW })],
      ['Webhook.verify under another secret', () =>
        new Webhook('whsec_' + Buffer.alloc(24, 7).toString('base64')).verify('{}', signed('{}', standardSigner), at)],
    ],
    invalid_secret: [
      ['new Webhook with a secret that is not base64', () => new Webhook('whsec_not*base64!')],
      ['new Verifier with an unknown key mode', () => new Verifier(IMAGEKIT_SECRET, { keyMode: 'bogus' })],
      ['new Signer, standard mode, secret not base64', () => new Signer('whsec_!!', { keyMode: 'standard' })],
    ],
    invalid_payload: [
      ['ImageKit unwrap of a verified body that is not an object', () => client().unwrap('[1]', { headers: signed('[1]'), now: NOW })],
      ['unsafeUnwrap of an object without a type', () => unsafeUnwrap('{"id":"evt_1"}')],
      ['(js) Webhook.verify of an already parsed body', () => wh().verify({ type: 'x' }, signed('{}', standardSigner), at)],
    ],
    payload_too_large: [
      ['Verifier.verify of 17 bytes with maxPayloadBytes 16', () => {
        const body = '0123456789abcdefg';
        new Verifier(IMAGEKIT_SECRET, { maxPayloadBytes: 16 }).verify(body, signed(body), at);
      }],
    ],
    replayed: [
      ['ImageKit unwrap of the same delivery twice (in-memory guard)', () => {
        const c = client({ replayGuard: ReplayGuard.inMemory() });
        const headers = signed(EVENT);
        c.unwrap(EVENT, { headers, now: NOW });
        c.unwrap(EVENT, { headers, now: NOW });
      }],
      ['Webhook.verify of the same delivery twice (guard from a spec)', () => {
        const w = new Webhook(STANDARD_SECRET, { replayGuard: ReplayGuard.fromSpec('memory:10') });
        const headers = signed('{}', standardSigner);
        w.verify('{}', headers, at);
        w.verify('{}', headers, at);
      }],
    ],
    replay_guard_unavailable: [
      ['ReplayGuard.fromSpec with a setting it does not know', () => ReplayGuard.fromSpec('memcached://localhost')],
      // Native: the guard refuses the delivery (fail_closed). WebAssembly: no Redis at all.
      ['ImageKit unwrap with a Redis guard where no Redis listens', () =>
        client({ replayGuard: ReplayGuard.redis(redisUrl(), { timeoutMs: 200 }) }).unwrap(EVENT, { headers: signed(EVENT), now: NOW })],
    ],
  };
}

module.exports = { errorCases, HTTP_STATUS, CLASS_NAME };
