// Standard Webhooks drop-in: tests ported from the `standardwebhooks` npm package's own suite
// (javascript/src/index.test.ts in standard-webhooks/standard-webhooks), run against BOTH that
// package (installed as a dev dependency) and hookseal's Webhook, so "same signatures, same
// behaviour" is checked rather than assumed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as reference from 'standardwebhooks';
import * as hookseal from '../lib/index.mjs';

const defaultMsgID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const defaultPayload = '{"test": 2432232314}';
const defaultSecret = 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const tolerance_in_ms = 5 * 60 * 1000;

/** The reference suite's TestPayload helper. */
function makePayload(lib, timestamp = Date.now()) {
  const id = defaultMsgID;
  const ts = Math.floor(timestamp / 1000);
  const payload = defaultPayload;
  const secret = defaultSecret;
  const signature = new lib.Webhook(secret).sign(id, new Date(ts * 1000), payload);
  return {
    id,
    timestamp: ts,
    payload,
    secret,
    signature,
    header: { 'webhook-id': id, 'webhook-signature': signature, 'webhook-timestamp': String(ts) },
  };
}

for (const [name, lib] of [['standardwebhooks', reference], ['hookseal', hookseal]]) {
  const { Webhook, WebhookVerificationError } = lib;

  test(`${name}: empty key raises error`, () => {
    assert.throws(() => new Webhook(''), Error);
    assert.throws(() => new Webhook(undefined), Error);
    assert.throws(() => new Webhook(null), Error);
  });

  test(`${name}: missing id raises error`, () => {
    const wh = new Webhook('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const p = makePayload(lib);
    delete p.header['webhook-id'];
    assert.throws(() => wh.verify(p.payload, p.header), WebhookVerificationError);
  });

  test(`${name}: missing timestamp raises error`, () => {
    const wh = new Webhook('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const p = makePayload(lib);
    delete p.header['webhook-timestamp'];
    assert.throws(() => wh.verify(p.payload, p.header), WebhookVerificationError);
  });

  test(`${name}: invalid timestamp throws error`, () => {
    const wh = new Webhook('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const p = makePayload(lib);
    p.header['webhook-timestamp'] = 'hello';
    assert.throws(() => wh.verify(p.payload, p.header), WebhookVerificationError);
  });

  test(`${name}: missing signature raises error`, () => {
    const wh = new Webhook('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const p = makePayload(lib);
    delete p.header['webhook-signature'];
    assert.throws(() => wh.verify(p.payload, p.header), WebhookVerificationError);
  });

  test(`${name}: invalid signature throws error`, () => {
    const wh = new Webhook('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const p = makePayload(lib);
    p.header['webhook-signature'] = 'v1,dawfeoifkpqwoekfpqoekf';
    assert.throws(() => wh.verify(p.payload, p.header), WebhookVerificationError);
  });

  test(`${name}: valid signature is valid and returns valid json`, () => {
    const wh = new Webhook('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const p = makePayload(lib);
    assert.deepEqual(wh.verify(p.payload, p.header), { test: 2432232314 });
  });

  test(`${name}: valid signature with a Buffer payload`, () => {
    const wh = new Webhook('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const p = makePayload(lib);
    assert.deepEqual(wh.verify(Buffer.from(p.payload), p.header), { test: 2432232314 });
  });

  test(`${name}: old timestamp fails`, () => {
    const wh = new Webhook('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const p = makePayload(lib, Date.now() - tolerance_in_ms - 1000);
    assert.throws(() => wh.verify(p.payload, p.header), WebhookVerificationError);
  });

  test(`${name}: new timestamp fails`, () => {
    const wh = new Webhook('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const p = makePayload(lib, Date.now() + tolerance_in_ms + 1000);
    assert.throws(() => wh.verify(p.payload, p.header), WebhookVerificationError);
  });

  test(`${name}: multi sig payload is valid`, () => {
    const wh = new Webhook('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const p = makePayload(lib);
    const sigs = [
      'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=',
      'v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=',
      p.header['webhook-signature'], // valid signature
      'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=',
    ];
    p.header['webhook-signature'] = sigs.join(' ');
    assert.deepEqual(wh.verify(p.payload, p.header), { test: 2432232314 });
  });

  test(`${name}: verification works with and without the whsec_ prefix`, () => {
    const p = makePayload(lib);
    assert.deepEqual(new Webhook(defaultSecret).verify(p.payload, p.header), { test: 2432232314 });
    assert.deepEqual(new Webhook('whsec_' + defaultSecret).verify(p.payload, p.header), { test: 2432232314 });
  });

  test(`${name}: sign function works`, () => {
    const key = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const msgId = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
    const timestamp = new Date(1614265330 * 1000);
    const payload = '{"test": 2432232314}';
    const expected = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
    assert.equal(new Webhook(key).sign(msgId, timestamp, payload), expected);
  });

  test(`${name}: raw format secret (bytes and string)`, () => {
    const raw = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const wh = new Webhook(raw, { format: 'raw' });
    const ts = Math.floor(Date.now() / 1000);
    const sig = wh.sign('msg_1', new Date(ts * 1000), defaultPayload);
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(ts), 'webhook-signature': sig };
    assert.deepEqual(wh.verify(defaultPayload, headers), { test: 2432232314 });
    const ws = new Webhook('raw-key-string', { format: 'raw' });
    const sig2 = ws.sign('msg_1', new Date(ts * 1000), defaultPayload);
    assert.deepEqual(ws.verify(defaultPayload, { ...headers, 'webhook-signature': sig2 }), { test: 2432232314 });
  });

  test(`${name}: jsonParse false and empty payloads return undefined`, () => {
    const wh = new Webhook(defaultSecret);
    const ts = Math.floor(Date.now() / 1000);
    const h = (body) => ({ 'webhook-id': 'msg_1', 'webhook-timestamp': String(ts), 'webhook-signature': wh.sign('msg_1', new Date(ts * 1000), body) });
    assert.equal(wh.verify(defaultPayload, h(defaultPayload), { jsonParse: false }), undefined);
    assert.equal(wh.verify('', h('')), undefined);
  });

  test(`${name}: header names are case-insensitive`, () => {
    const wh = new Webhook(defaultSecret);
    const p = makePayload(lib);
    const upper = Object.fromEntries(Object.entries(p.header).map(([k, v]) => [k.toUpperCase(), v]));
    assert.deepEqual(wh.verify(p.payload, upper), { test: 2432232314 });
  });
}

test('the two implementations sign identically', () => {
  for (const [id, ts, body] of [['msg_a', 1, '{}'], ['msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}'], ['x', 1700000000, 'ünïcødé']]) {
    assert.equal(
      new hookseal.Webhook('whsec_' + defaultSecret).sign(id, new Date(ts * 1000), body),
      new reference.Webhook('whsec_' + defaultSecret).sign(id, new Date(ts * 1000), body),
    );
  }
});

test('hookseal is stricter where the reference is lenient (contract §3)', () => {
  const wh = new hookseal.Webhook(defaultSecret);
  const ts = Math.floor(Date.now() / 1000);
  const sig = wh.sign('msg_1', new Date(ts * 1000), defaultPayload);
  // The reference parses "123abc" as 123 (parseInt); the spec wants digits only.
  assert.throws(
    () => wh.verify(defaultPayload, { 'webhook-id': 'msg_1', 'webhook-timestamp': `${ts}abc`, 'webhook-signature': sig }),
    (e) => e.code === 'invalid_timestamp',
  );
  // Errors carry codes and subclasses; the reference's only carry messages.
  assert.throws(
    () => wh.verify(defaultPayload, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(ts) }),
    hookseal.MissingHeaderError,
  );
});
