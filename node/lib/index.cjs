'use strict';
// hookseal for Node.js: idiomatic shapes over the Rust core (../binding.js, the napi loader).
// Everything that decides anything (keys, headers, signatures, timestamps, what an event is, the
// replay guard) happens in the core. This file only converts inputs (bodies, header containers,
// options), maps errors to classes, and materialises accepted events with JSON.parse.

const native = require('../binding.js');

const ERROR_CODES = Object.freeze(native.errorCodes());
const EVENT_TYPES = Object.freeze(native.eventTypes());

// ---- errors ------------------------------------------------------------------------------------

class WebhookVerificationError extends Error {
  /**
   * @param {string} message
   * @param {string} [code] stable snake_case code (SPEC section 7)
   */
  constructor(message, code) {
    super(message);
    this.name = new.target.name;
    this.code = code ?? new.target.code ?? 'invalid_signature';
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

const NATIVE_ERROR = /^\[hookseal:([a-z_]+)\] /;

/** Turn the binding's `[hookseal:<code>] message` errors into typed errors; rethrow anything else. */
function fromNative(e) {
  const m = e instanceof Error ? NATIVE_ERROR.exec(e.message) : null;
  if (!m) return e;
  const err = errorFor(m[1], e.message.slice(m[0].length));
  return err;
}

// ---- inputs ------------------------------------------------------------------------------------

const RAW_BODY_HINT =
  'verification needs the raw body exactly as received. In Express put ' +
  "express.raw({ type: 'application/json' }) on the webhook route (not express.json()), or use " +
  "hookseal/express; in Fastify register hookseal/fastify; with a fetch Request use hookseal/fetch " +
  'or await request.text().';

/** A body the binding takes: a string, or a Buffer view of the caller's bytes (never a copy). */
function toBody(payload) {
  if (typeof payload === 'string' || Buffer.isBuffer(payload)) return payload;
  if (ArrayBuffer.isView(payload)) {
    return Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  }
  if (
    payload instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer !== 'undefined' && payload instanceof SharedArrayBuffer) ||
    Object.prototype.toString.call(payload) === '[object ArrayBuffer]'
  ) {
    return Buffer.from(payload);
  }
  if (payload === undefined || payload === null) {
    throw new InvalidPayloadError(`no payload (got ${payload}): ${RAW_BODY_HINT}`);
  }
  if (typeof payload === 'object' && !Array.isArray(payload) && Object.keys(payload).length === 0) {
    throw new InvalidPayloadError(
      `the payload is an empty object, not the raw body: in Express 4 this is what req.body holds when no body parser matched the request's content-type (check the type given to express.raw()). ${RAW_BODY_HINT}`,
    );
  }
  if (typeof payload === 'object') {
    throw new InvalidPayloadError(
      `the payload is an already parsed ${Array.isArray(payload) ? 'array' : 'object'}, not the raw body: ${RAW_BODY_HINT}`,
    );
  }
  throw new InvalidPayloadError(
    `the payload must be a Buffer, Uint8Array, ArrayBuffer or string, not ${typeof payload}: ${RAW_BODY_HINT}`,
  );
}

function pushValue(out, name, value) {
  if (typeof value === 'string') {
    out.push(name, value);
  } else if (Array.isArray(value)) {
    for (const v of value) pushValue(out, name, v);
  } else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    out.push(name, String(value));
  } else if (Buffer.isBuffer(value)) {
    out.push(name, value.toString('latin1'));
  } else if (value !== undefined && value !== null) {
    throw new InvalidHeaderError(`header ${JSON.stringify(name)} has a value of type ${typeof value}; expected a string or an array of strings`);
  }
}

/**
 * Any header container as flat [name, value, name, value, ...] for the core, which does all the
 * matching (case, aliases, repeats, empties). Accepts Node's IncomingHttpHeaders (array values
 * included), a Fetch Headers object, a Map, an array of [name, value] pairs, Node's flat
 * req.rawHeaders, or a plain object. Missing headers are the core's `missing_header`.
 */
function flatHeaders(headers) {
  const out = [];
  if (headers === undefined || headers === null) return out;
  if (typeof headers !== 'object') {
    throw new InvalidHeaderError(`headers must be an object, a Headers, a Map or an array, not ${typeof headers}`);
  }
  if (Array.isArray(headers)) {
    if (headers.length > 0 && typeof headers[0] === 'string') {
      for (let i = 0; i + 1 < headers.length; i += 2) pushValue(out, String(headers[i]), headers[i + 1]);
    } else {
      for (const pair of headers) {
        if (!Array.isArray(pair) || pair.length !== 2) {
          throw new InvalidHeaderError('header arrays must hold [name, value] pairs (or be a flat rawHeaders list)');
        }
        pushValue(out, String(pair[0]), pair[1]);
      }
    }
    return out;
  }
  if (headers instanceof Map || (typeof headers.entries === 'function' && typeof headers.get === 'function')) {
    // Map, Fetch Headers (and look-alikes such as undici's).
    for (const [k, v] of headers.entries()) pushValue(out, String(k), v);
    return out;
  }
  for (const k of Object.keys(headers)) pushValue(out, k, headers[k]);
  return out;
}

function intOption(name, v, { min = 0 } = {}) {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
    throw new TypeError(`option ${name} must be an integer >= ${min}, got ${String(v)}`);
  }
  return v;
}

function nowOption(options) {
  const now = options && options.now;
  if (now === undefined || now === null) return undefined;
  if (now instanceof Date) return Math.floor(now.getTime() / 1000);
  return intOption('now (unix seconds)', now, { min: Number.MIN_SAFE_INTEGER });
}

function toSecret(s) {
  if (typeof s === 'string' || Buffer.isBuffer(s)) return s;
  if (ArrayBuffer.isView(s)) return Buffer.from(s.buffer, s.byteOffset, s.byteLength);
  if (s instanceof ArrayBuffer) return Buffer.from(s);
  throw new InvalidSecretError(`a secret must be a string or bytes, not ${s === null ? 'null' : typeof s}`);
}

/**
 * Secrets as the binding takes them: parallel lists of secrets and key modes. An entry is a
 * string, bytes, or `{ secret, keyMode }` (rotation across key modes); `defaultMode` otherwise.
 */
function keyList(secret, defaultMode) {
  const secrets = [];
  const modes = [];
  if (secret === undefined || secret === null || secret === '') return { secrets, modes };
  for (const entry of Array.isArray(secret) ? secret : [secret]) {
    const isSpec = entry !== null && typeof entry === 'object' && !ArrayBuffer.isView(entry) && !(entry instanceof ArrayBuffer);
    const mode = (isSpec && entry.keyMode) || defaultMode;
    if (typeof mode !== 'string') throw new TypeError('keyMode must be "imagekit", "standard" or "raw"');
    secrets.push(toSecret(isSpec ? entry.secret : entry));
    modes.push(mode);
  }
  return { secrets, modes };
}

const NATIVE = Symbol('hookseal.native');

/** Build the core's verifier from secrets and options; bad secrets fail here (`invalid_secret`). */
function nativeVerifier(secret, options, defaultMode) {
  const o = options || {};
  const { secrets, modes } = keyList(secret, o.keyMode ?? defaultMode);
  if (o.replayGuard != null && !(o.replayGuard instanceof ReplayGuard)) {
    throw new TypeError('option replayGuard must come from ReplayGuard.inMemory(...)');
  }
  try {
    return new native.NativeVerifier(
      secrets,
      modes,
      intOption('tolerance', o.tolerance),
      o.legacy === undefined ? undefined : Boolean(o.legacy),
      intOption('maxPayloadBytes', o.maxPayloadBytes),
      o.replayGuard ? o.replayGuard[NATIVE] : undefined,
    );
  } catch (e) {
    throw fromNative(e);
  }
}

/** The accepted body as a JS object: the core has already checked it is a JSON event. */
function materialise(body) {
  try {
    return JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch (e) {
    throw new InvalidPayloadError(`the body is not valid JSON: ${e.message}`);
  }
}

// ---- replay guard ------------------------------------------------------------------------------

class ReplayGuard {
  /**
   * A guard from a one-line setting, parsed by the core: `memory`, `memory:CAPACITY`,
   * `redis://...` (append `#fail-open` to accept deliveries while Redis is down), or `off`/empty
   * (returns null). Bad settings are `replay_guard_unavailable`.
   */
  static fromSpec(spec) {
    let g;
    try {
      g = native.replayGuardFromSpec(String(spec ?? ''));
    } catch (e) {
      throw fromNative(e);
    }
    return g ? new SpecReplayGuard(g) : null;
  }

  /**
   * An in-memory guard for one process: remembers each verified message id for twice the
   * tolerance; a second delivery is `replayed`. Share one guard between verifiers to share memory.
   * @param {{ capacity?: number }} [options] at most this many unexpired ids (default 100,000)
   */
  static inMemory(options = {}) {
    return new InMemoryReplayGuard(options);
  }
}

class InMemoryReplayGuard extends ReplayGuard {
  constructor(options = {}) {
    super();
    Object.defineProperty(this, NATIVE, {
      value: new native.NativeReplayGuard(intOption('capacity', options.capacity, { min: 1 })),
    });
  }
  /** Ids held now. */
  get size() {
    return this[NATIVE].size;
  }
  /** The configured capacity. */
  get capacity() {
    return this[NATIVE].capacity;
  }
}

/** A guard the core built from a setting (Redis, or memory). */
class SpecReplayGuard extends ReplayGuard {
  constructor(nativeGuard) {
    super();
    Object.defineProperty(this, NATIVE, { value: nativeGuard });
  }
}

/** The guard `HOOKSEAL_REPLAY_GUARD` asks for, when options give none (ImageKit entry point). */
function envReplayGuard(options) {
  if (options.replayGuard !== undefined) return options;
  const spec = process.env[native.replayGuardEnv()];
  if (!spec) return options;
  return { ...options, replayGuard: ReplayGuard.fromSpec(spec) };
}

// ---- the general verifier ----------------------------------------------------------------------

class Verifier {
  /**
   * @param {string | Uint8Array | Array<string | Uint8Array>} secret one secret, or several (rotation)
   * @param {object} [options] keyMode ('imagekit' default), tolerance, legacy, replayGuard, maxPayloadBytes
   */
  constructor(secret, options = {}) {
    Object.defineProperty(this, NATIVE, { value: nativeVerifier(secret, options, 'imagekit') });
  }

  /** Verify only: what verified ({ id, timestamp, keyIndex, scheme, replay }). */
  verify(payload, headers, options) {
    const body = toBody(payload);
    try {
      return this[NATIVE].verify(body, flatHeaders(headers), nowOption(options));
    } catch (e) {
      throw fromNative(e);
    }
  }

  /** Verify, then parse: the event as sent (JSON field names). */
  unwrap(payload, headers, options) {
    const body = toBody(payload);
    try {
      this[NATIVE].unwrap(body, flatHeaders(headers), nowOption(options));
    } catch (e) {
      throw fromNative(e);
    }
    return materialise(body);
  }

  /** How many secrets are configured. */
  get keyCount() {
    return this[NATIVE].keyCount;
  }
}

// ---- ImageKit-compatible entry point -----------------------------------------------------------

const KEY_CACHE_LIMIT = 16;

class Webhooks {
  constructor(secret, options) {
    const o = envReplayGuard({ ...options });
    Object.defineProperty(this, '_options', { value: o });
    Object.defineProperty(this, '_keys', { value: new Map() });
    // Bad secrets fail now; no secret at all fails when unwrap needs one.
    const none = secret === undefined || secret === null || secret === '';
    Object.defineProperty(this, NATIVE, { value: none ? null : nativeVerifier(secret, o, 'imagekit') });
  }

  _verifier(key) {
    if (key === undefined || key === null) {
      if (this[NATIVE]) return this[NATIVE];
      try {
        return nativeVerifier([], this._options, 'imagekit');
      } catch (e) {
        e.message = `no webhook secret: pass webhookSecret to new ImageKit({ ... }), set IMAGEKIT_WEBHOOK_SECRET, or pass { key } to unwrap (${e.message})`;
        throw e;
      }
    }
    const cache = this._keys;
    let v = typeof key === 'string' ? cache.get(key) : undefined;
    if (!v) {
      v = nativeVerifier(key, this._options, 'imagekit');
      if (typeof key === 'string') {
        if (cache.size >= KEY_CACHE_LIMIT) cache.delete(cache.keys().next().value);
        cache.set(key, v);
      }
    }
    return v;
  }

  /**
   * Verify a delivery, then return its event (ImageKit's `client.webhooks.unwrap`).
   * @param body the raw body: Buffer, Uint8Array, ArrayBuffer or string
   * @param options `{ headers, key?, now? }`; without headers this throws `missing_header`
   */
  unwrap(body, options = {}) {
    const b = toBody(body);
    const o = options || {};
    const v = this._verifier(o.key);
    try {
      v.unwrap(b, flatHeaders(o.headers), nowOption(o));
    } catch (e) {
      throw fromNative(e);
    }
    return materialise(b);
  }

  /** Verify only; returns { id, timestamp, keyIndex, scheme, replay } (keyIndex: which secret matched). */
  verify(body, options = {}) {
    const b = toBody(body);
    const o = options || {};
    const v = this._verifier(o.key);
    try {
      return v.verify(b, flatHeaders(o.headers), nowOption(o));
    } catch (e) {
      throw fromNative(e);
    }
  }

  /** Parse **without verifying**. Development and tests only: anyone can post to your endpoint. */
  unsafeUnwrap(body) {
    return unsafeUnwrap(body);
  }
}

class ImageKit {
  /**
   * @param {object} [options] `{ privateKey?, webhookSecret?, tolerance?, legacy?, replayGuard?,
   *   maxPayloadBytes?, keyMode? }`; `webhookSecret` defaults to `process.env.IMAGEKIT_WEBHOOK_SECRET`
   *   and may be an array (rotation).
   */
  constructor(options = {}) {
    const { privateKey, webhookSecret, ...rest } = options || {};
    const secret = webhookSecret ?? process.env.IMAGEKIT_WEBHOOK_SECRET;
    // The private key is for ImageKit's REST API, which hookseal does not wrap; kept out of sight.
    Object.defineProperty(this, 'privateKey', { value: privateKey, enumerable: false });
    this.webhooks = new Webhooks(secret, rest);
  }
}

/** Parse an event **without verifying it** (development and tests only). */
function unsafeUnwrap(body) {
  const b = toBody(body);
  try {
    native.checkEvent(b);
  } catch (e) {
    throw fromNative(e);
  }
  return materialise(b);
}

// ---- signing -----------------------------------------------------------------------------------

function seconds(timestamp, what) {
  const ts = timestamp instanceof Date ? Math.floor(timestamp.getTime() / 1000) : timestamp;
  if (typeof ts !== 'number' || !Number.isSafeInteger(ts)) {
    throw new InvalidTimestampError(`${what} must be a Date or an integer, got ${String(timestamp)}`);
  }
  return ts;
}

/** Signs bodies (for tests, senders and tools): `v1` HMAC, `v1a` ed25519 (`whsk_`), legacy. */
class Signer {
  /**
   * @param {string | Uint8Array | { secret: string | Uint8Array, keyMode?: string }} secret
   * @param {{ keyMode?: 'imagekit' | 'standard' | 'raw' }} [options] default `imagekit`
   */
  constructor(secret, options = {}) {
    const { secrets, modes } = keyList(secret, (options && options.keyMode) ?? 'imagekit');
    if (secrets.length !== 1) throw new InvalidSecretError('a Signer takes exactly one secret');
    try {
      Object.defineProperty(this, NATIVE, { value: new native.NativeSigner(secrets[0], modes[0]) });
    } catch (e) {
      throw fromNative(e);
    }
  }

  /** The `webhook-signature` value for msgId, timestamp (Date or unix seconds) and body. */
  sign(msgId, timestamp, body) {
    const ts = seconds(timestamp, 'timestamp');
    try {
      return this[NATIVE].sign(String(msgId), ts, toBody(body));
    } catch (e) {
      throw fromNative(e);
    }
  }

  /** The legacy `x-ik-signature` value `t=<ms>,v1=<hex>` (timestamp in milliseconds, or a Date). */
  signLegacy(timestampMs, body) {
    const ms = timestampMs instanceof Date ? timestampMs.getTime() : timestampMs;
    if (typeof ms !== 'number' || !Number.isSafeInteger(ms)) {
      throw new InvalidTimestampError(`timestampMs must be a Date or an integer, got ${String(timestampMs)}`);
    }
    try {
      return this[NATIVE].signLegacy(ms, toBody(body));
    } catch (e) {
      throw fromNative(e);
    }
  }

  /**
   * A complete header set for body, as a sender makes it: `{ 'webhook-id', 'webhook-timestamp',
   * 'webhook-signature' }` with a fresh `msg_...` id and the current time unless given.
   */
  headers(body, options = {}) {
    const o = options || {};
    const id = o.id ?? native.freshMessageId();
    const ts = o.timestamp === undefined ? Math.floor(Date.now() / 1000) : seconds(o.timestamp, 'timestamp');
    return {
      'webhook-id': String(id),
      'webhook-timestamp': String(ts),
      'webhook-signature': this.sign(id, ts, body),
    };
  }
}

// ---- Standard Webhooks drop-in -----------------------------------------------------------------

/** Same constructor, `verify` and `sign` as the `standardwebhooks` npm package, on the core. */
class Webhook {
  /**
   * @param {string | Uint8Array | Array<string>} secret `whsec_...` (base64), or raw bytes with `{ format: 'raw' }`
   * @param {object} [options] `{ format?: 'raw', keyMode?, tolerance?, legacy?, replayGuard?, maxPayloadBytes? }`
   */
  constructor(secret, options = {}) {
    const o = { ...options };
    let secrets = secret;
    if (o.format === 'raw') {
      // The reference takes a raw string as char codes (latin1 bytes); so do we.
      secrets = (Array.isArray(secret) ? secret : [secret]).map((s) => ({
        secret: typeof s === 'string' ? Buffer.from(s, 'latin1') : s,
        keyMode: 'raw',
      }));
    }
    Object.defineProperty(this, NATIVE, { value: nativeVerifier(secrets, o, 'standard') });
    const first = keyList(secrets, o.keyMode ?? 'standard');
    Object.defineProperty(this, '_signer', {
      value: first.secrets.length ? new Signer({ secret: first.secrets[0], keyMode: first.modes[0] }) : null,
    });
  }

  /**
   * Verify, then return the payload parsed as JSON (any JSON, as the reference does; `undefined`
   * for an empty payload or with `{ jsonParse: false }`).
   */
  verify(payload, headers, options) {
    const body = toBody(payload);
    try {
      this[NATIVE].verifyIndex(body, flatHeaders(headers), nowOption(options));
    } catch (e) {
      throw fromNative(e);
    }
    if ((options && options.jsonParse === false) || body.length === 0) return undefined;
    return materialise(body);
  }

  /** Verify only; returns { id, timestamp, keyIndex, scheme, replay }. */
  verifyDetails(payload, headers, options) {
    const body = toBody(payload);
    try {
      return this[NATIVE].verify(body, flatHeaders(headers), nowOption(options));
    } catch (e) {
      throw fromNative(e);
    }
  }

  /** `v1,<base64>` for msgId, timestamp (a Date, or unix seconds) and payload. */
  sign(msgId, timestamp, payload) {
    return this._signer.sign(msgId, timestamp, payload);
  }
}
Webhook.prefix = 'whsec_';

module.exports = {
  ImageKit,
  Webhook,
  Webhooks,
  Verifier,
  Signer,
  ReplayGuard,
  InMemoryReplayGuard,
  unsafeUnwrap,
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
  ERROR_CODES,
  EVENT_TYPES,
  default: ImageKit,
};

// Internal helpers for the adapters and test helpers in this package (not public API).
Object.defineProperty(module.exports, '__internal', {
  value: Object.freeze({ native, toBody, flatHeaders, fromNative, NATIVE }),
  enumerable: false,
});
