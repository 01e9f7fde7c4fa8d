'use strict';
// hookseal under jest, as a new user runs it: every error code, provoked through the public API,
// arrives as its WebhookVerificationError subclass with `code`, `httpStatus` and `name`. jest
// runs each test file in its own module sandbox (another realm), where errors made by the native
// addon are not `instanceof Error`: the API must recognise them by their `code` alone.
// HOOKSEAL_BACKEND picks the backend: native (make test-node) or wasm (make test-wasm).
const vm = require('node:vm');
const net = require('node:net');

const hookseal = require('../../lib/index.cjs');
const { errorCases, HTTP_STATUS, CLASS_NAME } = require('./cases.cjs');

const { WebhookVerificationError, ERROR_CODES, errorClasses, backend } = hookseal;
const { native, fromNative } = hookseal.__internal;

let redisUrl;
beforeAll(async () => {
  // A loopback port that was free a moment ago: nothing listens there.
  const port = await new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port: p } = s.address();
      s.close(() => resolve(p));
    });
  });
  redisUrl = `redis://127.0.0.1:${port}/`;
});

const CASES = errorCases(hookseal, { redisUrl: () => redisUrl });

test('the backend is the one asked for', () => {
  expect(backend).toBe(process.env.HOOKSEAL_BACKEND || 'native');
});

test('every code of the core has cases here, and only those', () => {
  expect(Object.keys(CASES).sort()).toEqual([...ERROR_CODES].sort());
  for (const code of ERROR_CODES) {
    expect(CASES[code].some(([how]) => !how.startsWith('(js)'))).toBe(true);
  }
});

const rows = Object.entries(CASES).flatMap(([code, list]) => list.map(([how, provoke]) => [code, how, provoke]));

test.each(rows)('%s: %s', (code, how, provoke) => {
  const Subclass = hookseal[CLASS_NAME[code]];
  expect(Subclass).toBe(errorClasses[code]);

  expect(provoke).toThrow(WebhookVerificationError);
  expect(provoke).toThrow(Subclass);

  let err;
  try {
    provoke();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(Error);
  expect(err.code).toBe(code);
  expect(err.httpStatus).toBe(HTTP_STATUS[code]);
  expect(err.name).toBe(CLASS_NAME[code]);
  expect(typeof err.message).toBe('string');
  expect(err.message.length).toBeGreaterThan(0);
  // The core's message as it is: no code glued on in front.
  expect(err.message.startsWith('[')).toBe(false);
});

test('the binding throws a value: `code` is set on the error itself', () => {
  let raw;
  try {
    new native.NativeVerifier(['whsec_not*base64!'], ['standard']);
  } catch (e) {
    raw = e;
  }
  expect(raw).toBeDefined();
  expect(raw.code).toBe('invalid_secret');
  expect(raw.message).toMatch(/^the secret \(standard key mode\)/);
});

test('a binding error from another realm is recognised by its code', () => {
  const foreign = vm.runInNewContext('Object.assign(new Error("seen before"), { code: "replayed" })');
  expect(foreign instanceof Error).toBe(false);
  const err = fromNative(foreign);
  expect(err).toBeInstanceOf(hookseal.ReplayedError);
  expect(err).toBeInstanceOf(WebhookVerificationError);
  expect(err.message).toBe('seen before');
  expect(err.httpStatus).toBe(401);
});

test('nothing is read out of a message, and foreign errors pass through unchanged', () => {
  const prefixed = new Error('[hookseal:replayed] seen before');
  expect(fromNative(prefixed)).toBe(prefixed);
  const napiArgError = Object.assign(new TypeError('Expect type String'), { code: 'InvalidArg' });
  expect(fromNative(napiArgError)).toBe(napiArgError);
  expect(fromNative(undefined)).toBe(undefined);
  const typed = new hookseal.InvalidSignatureError('no match');
  expect(fromNative(typed)).toBe(typed);
});
