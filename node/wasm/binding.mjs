// The napi binding's surface (see ../binding.d.ts) over hookseal.wasm, for runtimes that cannot
// load a native addon. Conversion only: every check runs in the Rust core inside the module.
// The ABI is documented in bindings/wasm/src/lib.rs.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function createBinding(instance) {
  const x = instance.exports;
  const bytes = () => new Uint8Array(x.memory.buffer);
  const output = () => decoder.decode(bytes().subarray(x.hs_output_ptr(), x.hs_output_ptr() + x.hs_output_len()));
  const codes = (x.hs_error_codes(), JSON.parse(output()));

  /** An error as the napi addon throws one: the core's code on `code`, its message as it is. */
  const failure = (code, message) => Object.assign(new Error(message), { code });

  /** A call's result, or its error: `-(1 + i)` is the code at index `i` of `hs_error_codes()`. */
  const check = (r) => {
    if (r >= 0) return r;
    throw failure(codes[-1 - r] ?? 'invalid_payload', output());
  };

  const byteLength = (v) => (typeof v === 'string' ? v.length * 3 : v.byteLength);

  // Write the parts one after another into the module's input buffer; returns their lengths.
  const write = (parts) => {
    let room = 0;
    for (const p of parts) room += byteLength(p);
    const ptr = x.hs_input(room);
    const mem = bytes();
    let at = ptr;
    const lengths = [];
    for (const p of parts) {
      const start = at;
      if (typeof p === 'string') at += encoder.encodeInto(p, mem.subarray(at)).written;
      else {
        mem.set(p, at);
        at += p.byteLength;
      }
      lengths.push(at - start);
    }
    return lengths;
  };

  const asBytes = (v) => {
    if (typeof v === 'string' || v instanceof Uint8Array) return v;
    if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    return new Uint8Array(v);
  };

  /**
   * Headers as the napi binding takes them (`name\0value\0...` or a flat [name, value, ...]
   * array) into the ABI's blob of (u32 LE length, UTF-8 bytes) for each name and value.
   */
  const headerBlob = (headers) => {
    const flat = typeof headers !== 'string' ? headers : headers === '' ? [] : headers.split('\0');
    let room = 0;
    for (const s of flat) room += 4 + s.length * 3;
    const blob = new Uint8Array(room);
    const view = new DataView(blob.buffer);
    let at = 0;
    for (const s of flat) {
      const n = encoder.encodeInto(String(s), blob.subarray(at + 4)).written;
      view.setUint32(at, n, true);
      at += 4 + n;
    }
    return blob.subarray(0, at);
  };

  const nowOr = (now) => (now === undefined || now === null ? Math.floor(Date.now() / 1000) : now);
  const registry = new FinalizationRegistry((h) => x.hs_free(h));
  const own = (obj, handle) => {
    registry.register(obj, handle);
    return handle;
  };

  const secretSpec = (s) =>
    typeof s === 'string' ? { text: s } : { hex: Array.from(asBytes(s), (b) => b.toString(16).padStart(2, '0')).join('') };

  class NativeReplayGuard {
    constructor(capacity, handle) {
      this._h = own(this, handle ?? check(x.hs_guard_new(capacity ?? 0)));
    }
    get size() {
      const n = check(x.hs_guard_stat(this._h, 0));
      return n === 0x7fffffff ? null : n;
    }
    get capacity() {
      const n = check(x.hs_guard_stat(this._h, 1));
      return n === 0x7fffffff ? null : n;
    }
  }

  // The Redis guard needs sockets and threads: the native addon only.
  NativeReplayGuard.redis = () => {
    throw failure(
      'replay_guard_unavailable',
      'ReplayGuard.redis() needs the native addon (Node on a platform with a hookseal binary); this is the WebAssembly build. Use ReplayGuard.inMemory() here, or verify on a Node server.',
    );
  };

  class NativeVerifier {
    constructor(secrets, keyModes, tolerance, legacy, maxPayloadBytes, replayGuard) {
      const cfg = JSON.stringify({
        secrets: secrets.map(secretSpec),
        keyModes,
        tolerance: tolerance ?? undefined,
        legacy: legacy ?? undefined,
        maxPayloadBytes: maxPayloadBytes ?? undefined,
      });
      const [n] = write([cfg]);
      this._h = own(this, check(x.hs_verifier_new(n, replayGuard ? replayGuard._h : 0)));
      this._keys = secrets.length;
    }
    get keyCount() {
      return this._keys;
    }
    _call(fn, body, headers, now) {
      // The joined `name\0value\0...` string goes in as it is; arrays (values with NUL) as a blob.
      const joined = typeof headers === 'string';
      const [b, h] = write([asBytes(body), joined ? headers : headerBlob(headers)]);
      return check(fn(this._h, b, h, nowOr(now), joined ? 1 : 0));
    }
    // As the addon: `[keyIndex, scheme, replay, timestamp]` into `out`, the id returned. The
    // core's output here is `keyIndex\0scheme\0replay\0timestamp[\0id]`.
    verify(body, headers, now, out) {
      return this._details(x.hs_verify, body, headers, now, out);
    }
    unwrapDetails(body, headers, now, out) {
      return this._details(x.hs_unwrap_details, body, headers, now, out);
    }
    _details(fn, body, headers, now, out) {
      this._call(fn, body, headers, now);
      const p = output().split('\0');
      out[0] = Number(p[0]);
      out[1] = schemes().indexOf(p[1]);
      out[2] = replays().indexOf(p[2]);
      out[3] = Number(p[3]);
      return p.length > 4 ? p.slice(4).join('\0') : null;
    }
    unwrap(body, headers, now) {
      return this._call(x.hs_unwrap, body, headers, now);
    }
    verifyIndex(body, headers, now) {
      return this._call(x.hs_verify_index, body, headers, now);
    }
  }

  class NativeSigner {
    constructor(secret, keyMode) {
      const [n] = write([JSON.stringify({ secret: secretSpec(secret), keyMode })]);
      this._h = own(this, check(x.hs_signer_new(n)));
    }
    sign(id, timestamp, body) {
      const [i, b] = write([String(id), asBytes(body)]);
      check(x.hs_sign(this._h, i, timestamp, b));
      return output();
    }
    signLegacy(timestampMs, body) {
      const [b] = write([asBytes(body)]);
      check(x.hs_sign_legacy(this._h, timestampMs, b));
      return output();
    }
  }

  const list = (fn) => (check(fn()), JSON.parse(output()));
  const once = (fn) => {
    let v;
    return () => (v ??= list(fn));
  };
  const schemes = once(x.hs_scheme_names);
  const replays = once(x.hs_replay_names);
  return {
    backend: 'wasm',
    errorCodes: () => list(x.hs_error_codes),
    httpStatuses: () => list(x.hs_http_statuses),
    eventTypes: () => list(x.hs_event_types),
    schemeNames: () => [...schemes()],
    replayNames: () => [...replays()],
    sampleBody(type) {
      const [n] = write([String(type)]);
      return check(x.hs_sample_body(n)) === 1 ? output() : null;
    },
    freshMessageId() {
      const seed = new Uint8Array(24);
      globalThis.crypto.getRandomValues(seed);
      const [n] = write([seed]);
      check(x.hs_message_id(n));
      return output();
    },
    checkEvent(body) {
      const [n] = write([asBytes(body)]);
      check(x.hs_check_event(n));
    },
    replayGuardFromSpec(spec) {
      const [n] = write([String(spec)]);
      const h = check(x.hs_guard_from_spec(n));
      return h === 0 ? null : new NativeReplayGuard(undefined, h);
    },
    profile(name) {
      const [n] = write([String(name)]);
      check(x.hs_profile(n));
      return JSON.parse(output());
    },
    NativeReplayGuard,
    NativeVerifier,
    NativeSigner,
  };
}
