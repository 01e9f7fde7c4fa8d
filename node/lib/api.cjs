'use strict';
// The hookseal API over a binding: the napi addon (../binding.js) or the WebAssembly build
// (../wasm/binding.cjs), which have the same surface. Everything that decides anything (keys,
// headers, signatures, timestamps, what an event is, the replay guard) happens in the core behind
// the binding. This file only converts inputs (bodies, header containers, options), maps errors
// to classes, and materialises accepted events with JSON.parse.
//
// It runs wherever the binding does (Node, Deno, Bun, workerd, edge runtimes, browsers): no
// Buffer, no process at load time or on the hot path; `process.env` is read only where it exists.

const { httpStatuses, fromNative, ...errors } = require('./errors.cjs');

const {
  WebhookVerificationError,
  InvalidHeaderError,
  InvalidTimestampError,
  InvalidSecretError,
  InvalidPayloadError,
  ReplayGuardUnavailableError,
  errorClasses,
} = errors;

/**
 * An environment variable where the runtime has `process.env` (Node, Bun, Deno); else undefined.
 * A variable the runtime will not let us read (Deno without --allow-env throws NotCapable) counts
 * as unset, so passing every option explicitly needs no env permission.
 */
function envVar(name) {
  try {
    return typeof process !== 'undefined' && process && process.env ? process.env[name] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The public API over `native` (a binding object); `backend` names it ('native' or 'wasm').
 * Each call builds its own classes around its binding; the error classes are shared.
 */
/** What ImageKit's Node SDK client has besides `webhooks`. */
const SDK_RESOURCES = Object.freeze([
  'customMetadataFields', 'files', 'savedExtensions', 'namedTransformations', 'assets', 'cache',
  'folders', 'accounts', 'beta', 'helper', 'withOptions',
]);

function createApi(native, backend) {
  const ERROR_CODES = Object.freeze(native.errorCodes());
  native.httpStatuses().forEach((status, i) => httpStatuses.set(ERROR_CODES[i], status));
  const EVENT_TYPES = Object.freeze(native.eventTypes());
  const NATIVE = Symbol('hookseal.native');
  // The core's defaults for each entry point: the key mode, and the variables ImageKit's reads.
  const profile = (name) => {
    const [keyMode, secretEnv, replayGuardEnv] = native.profile(name);
    return Object.freeze({ keyMode, secretEnv, replayGuardEnv });
  };
  const IMAGEKIT = profile('imagekit');
  const STANDARD = profile('standard');

  // ---- inputs ------------------------------------------------------------------------------------

  const RAW_BODY_HINT =
    'verification needs the raw body exactly as received. In Express put ' +
    "express.raw({ type: 'application/json' }) on the webhook route (not express.json()), or use " +
    "hookseal/express; in Fastify register hookseal/fastify; with a fetch Request use hookseal/fetch " +
    'or await request.text().';

  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const isArrayBuffer = (v) =>
    v instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer) ||
    Object.prototype.toString.call(v) === '[object ArrayBuffer]';

  /**
   * The payload as the caller's string or a Uint8Array view of the caller's bytes (never a copy):
   * strings are kept for JSON.parse, `bytes()` gives the core its bytes.
   */
  function toBody(payload) {
    if (typeof payload === 'string' || payload instanceof Uint8Array) return payload;
    if (ArrayBuffer.isView(payload)) return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
    if (isArrayBuffer(payload)) return new Uint8Array(payload);
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

  // Strings are encoded into one reused buffer (the binding reads it synchronously, never keeps
  // it): no allocation per call for the usual sizes.
  const SCRATCH_MAX = 64 * 1024;
  let scratch = new Uint8Array(4096);

  /** The bytes of a body from toBody(): UTF-8 of a string, or the bytes themselves. */
  function bytes(body) {
    if (typeof body !== 'string') return body;
    const room = body.length * 3;
    if (room > SCRATCH_MAX) return encoder.encode(body);
    if (room > scratch.length) scratch = new Uint8Array(Math.min(SCRATCH_MAX, Math.max(room, scratch.length * 2)));
    return scratch.subarray(0, encoder.encodeInto(body, scratch).written);
  }

  const latin1 = (u8) => {
    let s = '';
    for (let i = 0; i < u8.length; i += 4096) s += String.fromCharCode.apply(null, u8.subarray(i, i + 4096));
    return s;
  };

  // The names the core reads (headers.rs `names`). Only these cross into the core: which one means
  // what (aliases, repeats, empties, case) is still decided there. A name whose lower case is one
  // of these is passed as received, so the core's own (ASCII) matching has the last word.
  const SIGNATURE_HEADERS = new Set([
    'webhook-id', 'webhook-timestamp', 'webhook-signature',
    'svix-id', 'svix-timestamp', 'svix-signature', 'x-ik-signature',
  ]);
  const relevant = (name) => name.length >= 7 && name.length <= 17 && (SIGNATURE_HEADERS.has(name) || SIGNATURE_HEADERS.has(name.toLowerCase()));

  function pushValue(out, name, value) {
    if (typeof value === 'string') {
      out.push(name, value);
    } else if (Array.isArray(value)) {
      for (const v of value) pushValue(out, name, v);
    } else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
      out.push(name, String(value));
    } else if (value instanceof Uint8Array) {
      out.push(name, latin1(value));
    } else if (value !== undefined && value !== null) {
      throw new InvalidHeaderError(`header ${JSON.stringify(name)} has a value of type ${typeof value}; expected a string or an array of strings`);
    }
  }

  function pick(out, name, value) {
    const n = String(name);
    if (relevant(n)) pushValue(out, n, value);
  }

  /**
   * The signature headers of any header container, for the core: Node's IncomingHttpHeaders
   * (array values included), a Fetch Headers object, a Map, an array of [name, value] pairs,
   * Node's flat req.rawHeaders, or a plain object. Passed as one string `name\0value\0...` (one
   * string crosses into the binding far cheaper than an array), or as the flat array in the odd
   * case of a NUL inside a value. Missing headers are the core's `missing_header`.
   */
  function signatureHeaders(headers) {
    const out = [];
    if (headers === undefined || headers === null) return '';
    if (typeof headers !== 'object') {
      throw new InvalidHeaderError(`headers must be an object, a Headers, a Map or an array, not ${typeof headers}`);
    }
    if (Array.isArray(headers)) {
      if (headers.length > 0 && typeof headers[0] === 'string') {
        for (let i = 0; i + 1 < headers.length; i += 2) pick(out, headers[i], headers[i + 1]);
      } else {
        for (const pair of headers) {
          if (!Array.isArray(pair) || pair.length !== 2) {
            throw new InvalidHeaderError('header arrays must hold [name, value] pairs (or be a flat rawHeaders list)');
          }
          pick(out, pair[0], pair[1]);
        }
      }
    } else if (headers instanceof Map || (typeof headers.entries === 'function' && typeof headers.get === 'function')) {
      // Map, Fetch Headers (and look-alikes such as undici's).
      for (const [k, v] of headers.entries()) pick(out, k, v);
    } else {
      for (const k in headers) {
        if (Object.prototype.hasOwnProperty.call(headers, k)) pick(out, k, headers[k]);
      }
    }
    for (let i = 1; i < out.length; i += 2) {
      if (out[i].indexOf('\0') !== -1) return out;
    }
    return out.join('\0');
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
    if (typeof s === 'string' || s instanceof Uint8Array) return s;
    if (ArrayBuffer.isView(s)) return new Uint8Array(s.buffer, s.byteOffset, s.byteLength);
    if (isArrayBuffer(s)) return new Uint8Array(s);
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
      const isSpec = entry !== null && typeof entry === 'object' && !ArrayBuffer.isView(entry) && !isArrayBuffer(entry);
      const mode = (isSpec && entry.keyMode) || defaultMode;
      if (typeof mode !== 'string') throw new TypeError('keyMode must be "imagekit", "standard" or "raw"');
      secrets.push(toSecret(isSpec ? entry.secret : entry));
      modes.push(mode);
    }
    return { secrets, modes };
  }


  /** Build the core's verifier from secrets and options; bad secrets fail here (`invalid_secret`). */
  function nativeVerifier(secret, options, defaultMode) {
    const o = options || {};
    const { secrets, modes } = keyList(secret, o.keyMode ?? defaultMode);
    if (o.replayGuard != null && !(o.replayGuard instanceof ReplayGuard)) {
      throw new TypeError('option replayGuard must come from ReplayGuard.inMemory(...), .redis(...) or .fromSpec(...) of this hookseal');
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
      return JSON.parse(typeof body === 'string' ? body : decoder.decode(body));
    } catch (e) {
      throw new InvalidPayloadError(`the body is not valid JSON: ${e.message}`);
    }
  }

  const SCHEMES = Object.freeze(native.schemeNames());
  const REPLAYS = Object.freeze(native.replayNames());
  // The binding writes `[keyIndex, scheme, replay, timestamp]` here on each verify (synchronous:
  // read back at once, so one array serves every call).
  const verified = new Float64Array(4);

  /** What verified: `id` (the binding's return; null for the legacy header) and `verified`. */
  function details(id) {
    const timestamp = verified[3];
    const keyIndex = verified[0];
    const scheme = SCHEMES[verified[1]];
    const replay = REPLAYS[verified[2]];
    return id === null || id === undefined
      ? { timestamp, keyIndex, scheme, replay }
      : { id, timestamp, keyIndex, scheme, replay };
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

    /**
     * A guard in Redis, shared by every receiver (process or machine) using the same Redis and
     * prefix: one atomic `SET NX PX` per delivery in the core. The native addon only (the
     * WebAssembly build throws `replay_guard_unavailable`).
     * @param {string} url `redis://host:port/db`, `rediss://` (TLS), `redis://:password@host`
     * @param {{ prefix?: string, timeoutMs?: number, failureMode?: 'fail_closed' | 'fail_open' }} [options]
     *   `failureMode` while Redis is unreachable: `fail_closed` (default) refuses deliveries with
     *   `replay_guard_unavailable` (503 in the adapters: the sender retries); `fail_open` accepts
     *   them (`replay: 'unavailable'` in verify's result).
     */
    static redis(url, options = {}) {
      const o = options || {};
      if (o.failureMode !== undefined && o.failureMode !== 'fail_closed' && o.failureMode !== 'fail_open') {
        throw new TypeError(`option failureMode must be 'fail_closed' or 'fail_open', got ${String(o.failureMode)}`);
      }
      if (o.prefix !== undefined && typeof o.prefix !== 'string') throw new TypeError('option prefix must be a string');
      let g;
      try {
        g = native.NativeReplayGuard.redis(String(url), o.prefix, intOption('timeoutMs', o.timeoutMs, { min: 1 }), o.failureMode);
      } catch (e) {
        throw fromNative(e);
      }
      return new SpecReplayGuard(g);
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

  /** A guard the core built from a setting or from ReplayGuard.redis (Redis, or memory). */
  class SpecReplayGuard extends ReplayGuard {
    constructor(nativeGuard) {
      super();
      Object.defineProperty(this, NATIVE, { value: nativeGuard });
    }
  }

  /** The guard `HOOKSEAL_REPLAY_GUARD` asks for, when options give none (ImageKit entry point). */
  function envReplayGuard(options) {
    if (options.replayGuard !== undefined) return options;
    const spec = envVar(IMAGEKIT.replayGuardEnv);
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
      Object.defineProperty(this, NATIVE, { value: nativeVerifier(secret, options, IMAGEKIT.keyMode) });
    }

    /** Verify only: what verified ({ id, timestamp, keyIndex, scheme, replay }). */
    verify(payload, headers, options) {
      const body = toBody(payload);
      try {
        return details(this[NATIVE].verify(bytes(body), signatureHeaders(headers), nowOption(options), verified));
      } catch (e) {
        throw fromNative(e);
      }
    }

    /** Verify, then parse: the event as sent (JSON field names). */
    unwrap(payload, headers, options) {
      const body = toBody(payload);
      try {
        this[NATIVE].unwrap(bytes(body), signatureHeaders(headers), nowOption(options));
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
      Object.defineProperty(this, NATIVE, { value: none ? null : nativeVerifier(secret, o, IMAGEKIT.keyMode) });
    }

    _verifier(key) {
      if (key === undefined || key === null) {
        if (this[NATIVE]) return this[NATIVE];
        try {
          return nativeVerifier([], this._options, IMAGEKIT.keyMode);
        } catch (e) {
          e.message = `no webhook secret: pass webhookSecret to new ImageKit({ ... }), set ${IMAGEKIT.secretEnv}, or pass { key } to unwrap (${e.message})`;
          throw e;
        }
      }
      const cache = this._keys;
      let v = typeof key === 'string' ? cache.get(key) : undefined;
      if (!v) {
        v = nativeVerifier(key, this._options, IMAGEKIT.keyMode);
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
        v.unwrap(bytes(b), signatureHeaders(o.headers), nowOption(o));
      } catch (e) {
        throw fromNative(e);
      }
      return materialise(b);
    }

    /**
     * As `unwrap`, and what verified: `{ event, verified }`, `verified` as `verify` returns it. Its
     * `replay` says what the replay guard did: `recorded`, or `unavailable` when a guard that
     * fails open accepted the delivery unchecked (Redis down). Not in ImageKit's SDK.
     */
    unwrapVerified(body, options = {}) {
      const b = toBody(body);
      const o = options || {};
      const v = this._verifier(o.key);
      let id;
      try {
        id = v.unwrapDetails(bytes(b), signatureHeaders(o.headers), nowOption(o), verified);
      } catch (e) {
        throw fromNative(e);
      }
      const delivery = details(id);
      return { event: materialise(b), verified: delivery };
    }

    /** Verify only; returns { id, timestamp, keyIndex, scheme, replay } (keyIndex: which secret matched). */
    verify(body, options = {}) {
      const b = toBody(body);
      const o = options || {};
      const v = this._verifier(o.key);
      try {
        return details(v.verify(bytes(b), signatureHeaders(o.headers), nowOption(o), verified));
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
      const { privateKey, webhookSecret, client, ...rest } = options || {};
      // Beside ImageKit's own client: only its webhook secret is taken, the client is not kept.
      const fromClient = client && typeof client === 'object' ? client.webhookSecret : undefined;
      const secret = webhookSecret ?? fromClient ?? envVar(IMAGEKIT.secretEnv);
      // The private key is for ImageKit's REST API, which hookseal does not wrap; kept out of sight.
      Object.defineProperty(this, 'privateKey', { value: privateKey, enumerable: false });
      this.webhooks = new Webhooks(secret, rest);
    }
  }
  // The rest of the SDK client's surface (@imagekit/nodejs 7): reached here, a clear error
  // rather than `undefined`.
  for (const name of SDK_RESOURCES) {
    Object.defineProperty(ImageKit.prototype, name, {
      get() {
        throw new TypeError(
          `hookseal's ImageKit serves webhooks only; \`${name}\` is part of ImageKit's SDK. Keep an ` +
            "@imagekit/nodejs client for uploads, URLs and the rest of the API, and pass it as " +
            'new ImageKit({ client }) for its webhooks.',
        );
      },
    });
  }

  /** Parse an event **without verifying it** (development and tests only). */
  function unsafeUnwrap(body) {
    const b = toBody(body);
    try {
      native.checkEvent(bytes(b));
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
      const { secrets, modes } = keyList(secret, (options && options.keyMode) ?? IMAGEKIT.keyMode);
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
        return this[NATIVE].sign(String(msgId), ts, bytes(toBody(body)));
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
        return this[NATIVE].signLegacy(ms, bytes(toBody(body)));
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
          secret: typeof s === 'string' ? Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff) : s,
          keyMode: 'raw',
        }));
      }
      Object.defineProperty(this, NATIVE, { value: nativeVerifier(secrets, o, STANDARD.keyMode) });
      const first = keyList(secrets, o.keyMode ?? STANDARD.keyMode);
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
        this[NATIVE].verifyIndex(bytes(body), signatureHeaders(headers), nowOption(options));
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
        return details(this[NATIVE].verify(bytes(body), signatureHeaders(headers), nowOption(options), verified));
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

  const api = {
    ImageKit,
    Webhook,
    Webhooks,
    Verifier,
    Signer,
    ReplayGuard,
    InMemoryReplayGuard,
    unsafeUnwrap,
    ...errors,
    ERROR_CODES,
    EVENT_TYPES,
    backend,
    default: ImageKit,
  };
  // Internal helpers for the adapters and test helpers in this package (not public API).
  Object.defineProperty(api, '__internal', {
    value: Object.freeze({ native, toBody, bytes, signatureHeaders, fromNative, NATIVE }),
    enumerable: false,
  });
  return api;
}

module.exports = { createApi, envVar };
