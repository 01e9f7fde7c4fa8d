// The ImageKit-compatible entry point, the general Verifier, inputs, options and errors.
// Runs against the backend `hookseal` loads: the native addon (make test-node) and, with
// HOOKSEAL_BACKEND=wasm, the WebAssembly build (make test-wasm).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

import ImageKit, {
  Verifier,
  Signer,
  ReplayGuard,
  unsafeUnwrap,
  WebhookVerificationError,
  MissingHeaderError,
  InvalidPayloadError,
  InvalidSignatureError,
  InvalidSecretError,
  TimestampTooOldError,
  ReplayedError,
  errorClasses,
  errorFor,
  ERROR_CODES,
  EVENT_TYPES,
  backend,
} from '../lib/index.mjs';

const require = createRequire(import.meta.url);
const { native } = require('../lib/index.cjs').__internal;

test('the backend is the one asked for', () => {
  assert.equal(backend, process.env.HOOKSEAL_BACKEND || 'native');
});

const SECRET = 'whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd';
const BODY = '{"id":"id","type":"file.deleted","created_at":"2019-12-27T18:11:19.117Z","data":{"fileId":"abc"}}';
const TS = 1674087231;
const HEADERS = {
  'webhook-id': 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
  'webhook-timestamp': String(TS),
  'webhook-signature': 'v1,HXtyYJGsJjTTpJpWZHsk8pLNIX9EhyGPH5ZSQ1C3dwg=',
};

// The core's ErrorKind::http_status, which every adapter answers with.
const HTTP_STATUS = {
  missing_header: 401, invalid_header: 400, invalid_timestamp: 400, timestamp_too_old: 401,
  timestamp_too_new: 401, invalid_signature: 401, invalid_secret: 500, invalid_payload: 400,
  payload_too_large: 413, replayed: 401, replay_guard_unavailable: 503,
};

test('every core error code has its own subclass with that code', () => {
  const codes = native.errorCodes();
  assert.deepEqual([...ERROR_CODES], codes);
  for (const code of codes) {
    const C = errorClasses[code];
    assert.ok(C, `no error subclass for core code ${code}`);
    assert.equal(C.code, code);
    const e = new C('msg');
    assert.ok(e instanceof WebhookVerificationError && e instanceof Error);
    assert.equal(e.code, code);
    assert.equal(e.name, C.name);
    assert.match(C.name, /Error$/);
    assert.equal(errorFor(code, 'x').constructor, C);
    assert.equal(e.httpStatus, HTTP_STATUS[code], code);
  }
  assert.equal(new Set(Object.values(errorClasses)).size, codes.length);
  assert.deepEqual(Object.keys(errorClasses).sort(), [...codes].sort());
});

test('event types come from the core', () => {
  assert.equal(EVENT_TYPES.length, 15);
  assert.deepEqual([...EVENT_TYPES], native.eventTypes());
});

test('ImageKit: new ImageKit({ privateKey, webhookSecret }).webhooks.unwrap (contract §9, vector C)', () => {
  const client = new ImageKit({ privateKey: 'private_xxx', webhookSecret: SECRET });
  const event = client.webhooks.unwrap(BODY, { headers: HEADERS, now: TS });
  assert.deepEqual(event, JSON.parse(BODY));
  assert.equal(event.data.fileId, 'abc');
  assert.ok(!JSON.stringify(client).includes('private_xxx'), 'the private key stays out of sight');
  assert.ok(!JSON.stringify(client).includes('xeO2UNkf'), 'the secret stays out of sight');
});

test('ImageKit: unwrapVerified gives the event and what verified, the guard included', () => {
  const client = new ImageKit({ webhookSecret: ['whsec_other', SECRET], replayGuard: ReplayGuard.inMemory() });
  const { event, verified } = client.webhooks.unwrapVerified(BODY, { headers: HEADERS, now: TS });
  assert.deepEqual(event, JSON.parse(BODY));
  assert.deepEqual(verified, { id: HEADERS['webhook-id'], timestamp: TS, keyIndex: 1, scheme: 'v1', replay: 'recorded' });
  assert.throws(() => client.webhooks.unwrapVerified(BODY, { headers: HEADERS, now: TS }), ReplayedError);
  const plain = new ImageKit({ webhookSecret: SECRET });
  assert.equal(plain.webhooks.unwrapVerified(BODY, { headers: HEADERS, now: TS }).verified.replay, 'not_checked');
  assert.throws(() => plain.webhooks.unwrapVerified('[]', { headers: HEADERS, now: TS }), InvalidSignatureError);
  assert.throws(() => plain.webhooks.unwrapVerified(BODY, { headers: {}, now: TS }), MissingHeaderError);
});

test('ImageKit: webhookSecret falls back to IMAGEKIT_WEBHOOK_SECRET', () => {
  const before = process.env.IMAGEKIT_WEBHOOK_SECRET;
  process.env.IMAGEKIT_WEBHOOK_SECRET = SECRET;
  try {
    const event = new ImageKit().webhooks.unwrap(Buffer.from(BODY), { headers: HEADERS, now: TS });
    assert.equal(event.type, 'file.deleted');
  } finally {
    if (before === undefined) delete process.env.IMAGEKIT_WEBHOOK_SECRET;
    else process.env.IMAGEKIT_WEBHOOK_SECRET = before;
  }
});

test('ImageKit: no secret anywhere is invalid_secret at unwrap, with the fix', () => {
  const before = process.env.IMAGEKIT_WEBHOOK_SECRET;
  delete process.env.IMAGEKIT_WEBHOOK_SECRET;
  try {
    const client = new ImageKit({ privateKey: 'k' });
    assert.throws(() => client.webhooks.unwrap(BODY, { headers: HEADERS, now: TS }), (e) => {
      assert.ok(e instanceof InvalidSecretError);
      assert.match(e.message, /IMAGEKIT_WEBHOOK_SECRET/);
      return true;
    });
    // A per-call key works without a configured secret.
    assert.equal(client.webhooks.unwrap(BODY, { headers: HEADERS, key: SECRET, now: TS }).type, 'file.deleted');
  } finally {
    if (before !== undefined) process.env.IMAGEKIT_WEBHOOK_SECRET = before;
  }
});

test('ImageKit: a bad secret fails when the client is built', () => {
  assert.throws(() => new ImageKit({ webhookSecret: 'whsec_' }), InvalidSecretError);
  assert.throws(() => new ImageKit({ webhookSecret: SECRET, keyMode: 'standard', legacy: false, tolerance: 1 , webhookSecret: 'whsec_a b' }), InvalidSecretError);
});

test('ImageKit: unwrap without headers is missing_header, never a silent skip', () => {
  const client = new ImageKit({ webhookSecret: SECRET });
  assert.throws(() => client.webhooks.unwrap(BODY), MissingHeaderError);
  assert.throws(() => client.webhooks.unwrap(BODY, {}), MissingHeaderError);
  assert.throws(() => client.webhooks.unwrap(BODY, { headers: {} }), (e) => e.code === 'missing_header');
});

test('ImageKit: per-call key overrides the client secret', () => {
  const other = 'whsec_other_secret_value';
  const signer = new Signer(other);
  const h = signer.headers(BODY, { id: 'msg_k', timestamp: TS });
  const client = new ImageKit({ webhookSecret: SECRET });
  assert.throws(() => client.webhooks.unwrap(BODY, { headers: h, now: TS }), InvalidSignatureError);
  assert.equal(client.webhooks.unwrap(BODY, { headers: h, key: other, now: TS }).type, 'file.deleted');
  assert.equal(client.webhooks.unwrap(BODY, { headers: h, key: other, now: TS }).type, 'file.deleted'); // cached
});

test('ImageKit: unsafeUnwrap parses without verifying, and still refuses non-events', () => {
  const client = new ImageKit({ webhookSecret: SECRET });
  assert.equal(client.webhooks.unsafeUnwrap(BODY).data.fileId, 'abc');
  assert.equal(unsafeUnwrap(new TextEncoder().encode(BODY)).type, 'file.deleted');
  for (const bad of ['', '[]', '{}', '{"type":1}', 'nope', '{"type":"a"} x']) {
    assert.throws(() => unsafeUnwrap(bad), InvalidPayloadError, bad);
  }
  const unknown = unsafeUnwrap('{"type":"folder.moved","id":"x","extra":{"a":1}}');
  assert.equal(unknown.type, 'folder.moved');
  assert.deepEqual(unknown.extra, { a: 1 });
});

test('inputs: Buffer, Uint8Array (a view into a larger buffer), ArrayBuffer, string', () => {
  const client = new ImageKit({ webhookSecret: SECRET });
  const big = Buffer.concat([Buffer.from('xxxx'), Buffer.from(BODY), Buffer.from('yyyy')]);
  const view = new Uint8Array(big.buffer, big.byteOffset + 4, Buffer.byteLength(BODY));
  const ab = new TextEncoder().encode(BODY).buffer;
  for (const body of [BODY, Buffer.from(BODY), view, ab, new DataView(ab)]) {
    assert.equal(client.webhooks.unwrap(body, { headers: HEADERS, now: TS }).data.fileId, 'abc');
  }
});

test('inputs: a parsed object gets an error naming the fix', () => {
  const client = new ImageKit({ webhookSecret: SECRET });
  for (const body of [JSON.parse(BODY), [], undefined, null, 42, true]) {
    assert.throws(() => client.webhooks.unwrap(body, { headers: HEADERS, now: TS }), (e) => {
      assert.ok(e instanceof InvalidPayloadError, String(e));
      assert.match(e.message, /express\.raw\(\{ type: 'application\/json' \}\)/);
      assert.match(e.message, /not express\.json\(\)/);
      return true;
    });
  }
});

test('inputs: IncomingHttpHeaders (arrays), Fetch Headers, Map, pairs, rawHeaders, mixed case', () => {
  const client = new ImageKit({ webhookSecret: SECRET });
  const sig = HEADERS['webhook-signature'];
  const forms = [
    { ...HEADERS, 'content-type': 'application/json', 'x-forwarded-for': ['1.1.1.1', '2.2.2.2'] },
    { ...HEADERS, 'webhook-signature': ['v1,AAAA', sig] },
    new Headers(HEADERS),
    new Map(Object.entries(HEADERS)),
    Object.entries(HEADERS),
    Object.entries(HEADERS).flat(),
    { 'Webhook-Id': HEADERS['webhook-id'], 'WEBHOOK-TIMESTAMP': HEADERS['webhook-timestamp'], 'Webhook-Signature': sig },
    Object.assign(Object.create(null), HEADERS),
  ];
  forms.forEach((headers, i) => {
    assert.equal(client.webhooks.unwrap(BODY, { headers, now: TS }).type, 'file.deleted', `form ${i}`);
  });
});

test('options: several secrets, the matched index is reachable', () => {
  const client = new ImageKit({ webhookSecret: ['whsec_old_one', SECRET] });
  assert.equal(client.webhooks.verify(BODY, { headers: HEADERS, now: TS }).keyIndex, 1);
  const v = new Verifier([{ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', keyMode: 'standard' }, SECRET]);
  const details = v.verify(BODY, HEADERS, { now: TS });
  assert.deepEqual(details, { id: HEADERS['webhook-id'], timestamp: TS, keyIndex: 1, scheme: 'v1', replay: 'not_checked' });
});

test('options: tolerance and now (seconds or a Date)', () => {
  const v = new Verifier(SECRET, { tolerance: 10 });
  assert.equal(v.unwrap(BODY, HEADERS, { now: TS + 10 }).type, 'file.deleted');
  assert.equal(v.unwrap(BODY, HEADERS, { now: new Date((TS + 10) * 1000) }).type, 'file.deleted');
  assert.throws(() => v.unwrap(BODY, HEADERS, { now: TS + 11 }), TimestampTooOldError);
  assert.throws(() => v.unwrap(BODY, HEADERS, { now: TS - 11 }), (e) => e.code === 'timestamp_too_new');
  // Without now, the clock: this 2023 delivery is too old.
  assert.throws(() => v.unwrap(BODY, HEADERS), TimestampTooOldError);
});

test('options: keyMode standard verifies what standard-mode senders sign', () => {
  const std = { ...HEADERS, 'webhook-signature': 'v1,4UJiwJx94QIqFgB2vIWrlXhMdpwupVYB03zdOEYU1Ck=' };
  assert.equal(new Verifier(SECRET, { keyMode: 'standard' }).unwrap(BODY, std, { now: TS }).type, 'file.deleted');
  assert.throws(() => new ImageKit({ webhookSecret: SECRET }).webhooks.unwrap(BODY, { headers: std, now: TS }), (e) => {
    assert.match(e.message, /key mode/);
    return e instanceof InvalidSignatureError;
  });
});

test('options: legacy x-ik-signature only when enabled', () => {
  const body = native.sampleBody('video.transformation.accepted');
  const tMs = TS * 1000;
  const legacy = new Signer(SECRET).signLegacy(tMs, body);
  const on = new ImageKit({ webhookSecret: SECRET, legacy: true });
  assert.equal(on.webhooks.unwrap(body, { headers: { 'x-ik-signature': legacy }, now: TS }).type, 'video.transformation.accepted');
  // The legacy header carries no id; its millisecond timestamp reads as seconds.
  assert.deepEqual(on.webhooks.verify(body, { headers: { 'x-ik-signature': legacy }, now: TS }),
    { timestamp: TS, keyIndex: 0, scheme: 'legacy', replay: 'not_checked' });
  const off = new ImageKit({ webhookSecret: SECRET });
  assert.throws(() => off.webhooks.unwrap(body, { headers: { 'x-ik-signature': legacy }, now: TS }), MissingHeaderError);
});

test('options: replayGuard rejects the second delivery of an id', () => {
  const guard = ReplayGuard.inMemory({ capacity: 10 });
  const client = new ImageKit({ webhookSecret: SECRET, replayGuard: guard });
  client.webhooks.unwrap(BODY, { headers: HEADERS, now: TS });
  assert.equal(guard.size, 1);
  assert.throws(() => client.webhooks.unwrap(BODY, { headers: HEADERS, now: TS }), ReplayedError);
  // Forgeries are not recorded.
  const forged = { ...HEADERS, 'webhook-id': 'msg_forged', 'webhook-signature': 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' };
  assert.throws(() => client.webhooks.unwrap(BODY, { headers: forged, now: TS }), InvalidSignatureError);
  assert.equal(guard.size, 1);
});

test('options: HOOKSEAL_REPLAY_GUARD turns a guard on for the ImageKit entry point', () => {
  process.env.HOOKSEAL_REPLAY_GUARD = 'memory:100';
  try {
    const client = new ImageKit({ webhookSecret: SECRET });
    client.webhooks.unwrap(BODY, { headers: HEADERS, now: TS });
    assert.throws(() => client.webhooks.unwrap(BODY, { headers: HEADERS, now: TS }), ReplayedError);
    process.env.HOOKSEAL_REPLAY_GUARD = 'bogus';
    assert.throws(() => new ImageKit({ webhookSecret: SECRET }), (e) => e.code === 'replay_guard_unavailable');
  } finally {
    delete process.env.HOOKSEAL_REPLAY_GUARD;
  }
  assert.equal(ReplayGuard.fromSpec('off'), null);
  assert.ok(ReplayGuard.fromSpec('memory') instanceof ReplayGuard);
});

test('options: maxPayloadBytes', () => {
  const v = new Verifier(SECRET, { maxPayloadBytes: 10 });
  assert.throws(() => v.unwrap(BODY, HEADERS, { now: TS }), (e) => e.code === 'payload_too_large');
});

test('hostile input only ever raises WebhookVerificationError', () => {
  const client = new ImageKit({ webhookSecret: SECRET, legacy: true, replayGuard: ReplayGuard.inMemory() });
  let seed = 42;
  const rnd = (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const junk = () => {
    const len = rnd(300);
    const b = Buffer.alloc(len);
    for (let i = 0; i < len; i++) b[i] = rnd(256);
    return b;
  };
  const values = () => [junk().toString('latin1'), 'v1,' + junk().toString('base64'), String(rnd(1e9)), '', ' ', 'v1,', ','.repeat(rnd(100)), 'x'.repeat(9000), 't=1,v1=' + 'a'.repeat(64), Array.from({ length: 80 }, () => 'v1,x').join(' ')];
  for (let i = 0; i < 3000; i++) {
    const vs = values();
    const headers = {
      'webhook-id': vs[rnd(vs.length)],
      'webhook-timestamp': rnd(2) ? String(TS) : vs[rnd(vs.length)],
      'webhook-signature': vs[rnd(vs.length)],
      'x-ik-signature': vs[rnd(vs.length)],
      'svix-id': rnd(2) ? [vs[rnd(vs.length)], vs[rnd(vs.length)]] : undefined,
    };
    const body = rnd(2) ? junk() : BODY;
    try {
      client.webhooks.unwrap(body, { headers, now: TS });
      assert.fail('a random delivery verified');
    } catch (e) {
      assert.ok(e instanceof WebhookVerificationError, `iteration ${i}: ${e && e.stack}`);
      assert.ok(ERROR_CODES.includes(e.code));
      assert.ok(!e.message.includes('xeO2UNkf'), 'a secret leaked into a message');
    }
  }
  // Odd header containers and values.
  for (const headers of [42, 'webhook-id: x', { 'webhook-id': {} }, [[1]], { 'webhook-id': Symbol('x') }]) {
    assert.throws(() => client.webhooks.unwrap(BODY, { headers, now: TS }), WebhookVerificationError);
  }
});

test('secrets never appear in errors', () => {
  const secret = 'whsec_SUPERSECRETVALUE123';
  const client = new ImageKit({ webhookSecret: secret });
  try {
    client.webhooks.unwrap(BODY, { headers: HEADERS, now: TS });
  } catch (e) {
    assert.ok(!e.message.includes('SUPERSECRET'));
    assert.ok(!String(e.stack).includes('SUPERSECRET'));
  }
  try {
    new Verifier('whsec_not base64!', { keyMode: 'standard' });
  } catch (e) {
    assert.ok(!e.message.includes('not base64!'));
  }
});

test('Signer: headers() makes a complete, verifiable header set', () => {
  const s = new Signer(SECRET);
  const h = s.headers(BODY);
  assert.match(h['webhook-id'], /^msg_[0-9A-Za-z]{27}$/);
  assert.equal(new ImageKit({ webhookSecret: SECRET }).webhooks.unwrap(BODY, { headers: h }).type, 'file.deleted');
  assert.equal(s.sign(HEADERS['webhook-id'], TS, BODY), HEADERS['webhook-signature']);
  assert.equal(s.sign(HEADERS['webhook-id'], new Date(TS * 1000), BODY), HEADERS['webhook-signature']);
});

test('beside ImageKit\'s own client: its webhook secret is used, the rest of the SDK says where it is', async () => {
  const { default: SdkImageKit } = await import('@imagekit/nodejs');
  const sdk = new SdkImageKit({ privateKey: 'private_x', webhookSecret: SECRET });
  const client = new ImageKit({ client: sdk });
  const event = client.webhooks.unwrap(BODY, { headers: HEADERS, now: TS });
  assert.equal(event.type, 'file.deleted');
  // The SDK client is not kept (nor its private key).
  assert.ok(!Object.values(client).includes(sdk) && !JSON.stringify(Object.keys(client)).includes('private'));
  for (const name of ['files', 'assets', 'folders', 'helper', 'customMetadataFields']) {
    assert.ok(name in sdk, `the SDK has ${name}`);
    assert.throws(() => client[name], (e) => e instanceof TypeError && e.message.includes(`\`${name}\` is part of ImageKit's SDK`));
  }
  // An explicit webhookSecret wins over the client's.
  const other = new ImageKit({ client: sdk, webhookSecret: 'whsec_other' });
  assert.throws(() => other.webhooks.unwrap(BODY, { headers: HEADERS, now: TS }), (e) => e.code === 'invalid_signature');
});
