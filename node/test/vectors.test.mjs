// Runs every case of every shared vector file (tests/vectors/*.json, read in place, never copied)
// through the public JS API, and asserts per file that it ran exactly `numberOfTests` cases.
// Inputs rotate through the shapes users have (Buffer, Uint8Array, ArrayBuffer, string bodies;
// header pairs, Map, plain object, Fetch Headers) so every case also exercises the conversions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import {
  ImageKit,
  Verifier,
  Signer,
  ReplayGuard,
  unsafeUnwrap,
  WebhookVerificationError,
  errorClasses,
  EVENT_TYPES,
} from '../lib/index.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const VECTORS = path.resolve(here, '../../tests/vectors');

function bodyOf(step, tcId) {
  if (typeof step.bodyHex === 'string') {
    const buf = Buffer.from(step.bodyHex, 'hex');
    // Bytes that may not be UTF-8: Buffer, Uint8Array or ArrayBuffer.
    switch (tcId % 3) {
      case 0: return buf;
      case 1: return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      default: return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    }
  }
  let text;
  if (typeof step.body === 'string') text = step.body;
  else if (step.bodyRepeat) text = step.bodyRepeat.chunk.repeat(step.bodyRepeat.count);
  else return undefined;
  switch (tcId % 4) {
    case 0: return text;
    case 1: return Buffer.from(text);
    case 2: return new TextEncoder().encode(text);
    default: {
      const b = Buffer.from(text);
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    }
  }
}

function headersOf(pairs, tcId) {
  const names = pairs.map(([n]) => n.toLowerCase());
  const unique = new Set(names).size === names.length;
  // Containers that cannot hold repeats (or fold them) only get cases without repeated names.
  if (!unique || tcId % 4 === 0) return pairs.map(([n, v]) => [n, v]);
  switch (tcId % 4) {
    case 1: return new Map(pairs);
    case 2: return Object.fromEntries(pairs);
    default: {
      // Fetch Headers trim surrounding whitespace (as HTTP parsers do) and reject some byte
      // sequences a raw HTTP layer would pass: those cases keep their exact pairs.
      if (pairs.some(([, v]) => v !== v.replace(/^[ \t]+|[ \t]+$/g, ''))) return pairs.map(([n, v]) => [n, v]);
      try {
        return new Headers(pairs);
      } catch {
        return pairs.map(([n, v]) => [n, v]);
      }
    }
  }
}

function secretsOf(keys) {
  return (keys ?? []).map((k, i) => {
    // The secret as bytes with a key mode: the raw key whatever the mode. Alternate the byte
    // types users have (Buffer, a Uint8Array view, an ArrayBuffer).
    if (k.bytesHex !== undefined) {
      const buf = Buffer.from(k.bytesHex, 'hex');
      const secret = [buf, new Uint8Array(buf), new Uint8Array(buf).buffer][i % 3];
      return { secret, keyMode: k.mode };
    }
    return k.mode === 'raw' ? { secret: Buffer.from(k.hex, 'hex'), keyMode: 'raw' } : { secret: k.secret, keyMode: k.mode };
  });
}

function optionsOf(o = {}) {
  const out = {};
  if (o.tolerance !== undefined) out.tolerance = o.tolerance;
  if (o.legacy !== undefined) out.legacy = o.legacy;
  if (o.maxPayloadBytes !== undefined) out.maxPayloadBytes = o.maxPayloadBytes;
  if (o.replayGuard) out.replayGuard = ReplayGuard.inMemory();
  return out;
}

function get(obj, dotted) {
  return dotted.split('.').reduce((v, k) => (v !== null && typeof v === 'object' && k in v ? v[k] : undefined), obj);
}

/** Run fn; compare its outcome with a step's expectation. */
function expectOutcome(ctx, step, fn, keyIndexOf = () => undefined) {
  let got;
  try {
    got = fn();
  } catch (e) {
    assert.ok(e instanceof WebhookVerificationError, `${ctx}: threw a non-hookseal error: ${e && e.stack}`);
    assert.ok(e instanceof Error);
    assert.equal(e.constructor, errorClasses[e.code], `${ctx}: ${e.code} is not its own subclass`);
    if (step.result === 'ok') assert.fail(`${ctx}: expected ok, got ${e.code} (${e.message})`);
    assert.equal(e.code, step.code, `${ctx}: code (${e.message})`);
    return undefined;
  }
  if (step.result !== 'ok') assert.fail(`${ctx}: expected ${step.code}, got ok`);
  if (step.keyIndex !== undefined) {
    const idx = keyIndexOf(got);
    if (idx !== undefined) assert.equal(idx, step.keyIndex, `${ctx}: keyIndex`);
  }
  return got;
}

function checkEvent(ctx, event, want) {
  assert.equal(event.type, want.type, `${ctx}: type`);
  assert.equal(typeof event.id === 'string' ? event.id : null, want.id ?? null, `${ctx}: id`);
  assert.equal(EVENT_TYPES.includes(event.type), want.known, `${ctx}: known`);
  for (const [p, v] of Object.entries(want.fields ?? {})) {
    assert.deepEqual(get(event, p), v, `${ctx}: field ${p}`);
  }
}

const runners = {
  build(c, ctx) {
    expectOutcome(ctx, c, () => new Verifier(secretsOf(c.keys), optionsOf(c.options)));
  },

  verify(c, ctx) {
    let verifier;
    let step = { headers: c.headers, body: c.body, bodyHex: c.bodyHex, bodyRepeat: c.bodyRepeat, now: c.now };
    const steps = [c, ...(c.then ?? [])];
    steps.forEach((s, i) => {
      step = inherit(step, s);
      const sctx = i === 0 ? ctx : `${ctx} then[${i - 1}]`;
      expectOutcome(
        sctx,
        s,
        () => {
          verifier ??= new Verifier(secretsOf(c.keys), optionsOf(c.options));
          return verifier.verify(bodyOf(step, c.tcId + i), headersOf(step.headers, c.tcId + i), { now: step.now });
        },
        (v) => v.keyIndex,
      );
    });
  },

  unwrap(c, ctx) {
    // The ImageKit entry point, with the case's keys (and key modes) as webhookSecret.
    let client;
    let step = { headers: c.headers, body: c.body, bodyHex: c.bodyHex, bodyRepeat: c.bodyRepeat, now: c.now };
    const steps = [c, ...(c.then ?? [])];
    steps.forEach((s, i) => {
      step = inherit(step, s);
      const sctx = i === 0 ? ctx : `${ctx} then[${i - 1}]`;
      const event = expectOutcome(sctx, s, () => {
        client ??= new ImageKit({ webhookSecret: secretsOf(c.keys), ...optionsOf(c.options) });
        const body = bodyOf(step, c.tcId + i);
        const headers = headersOf(step.headers, c.tcId + i);
        // The matched key index comes from verify on a second, guard-free client.
        return client.webhooks.unwrap(body, { headers, now: step.now });
      });
      if (event && s.event) checkEvent(sctx, event, s.event);
      if (event && s.keyIndex !== undefined && !c.options?.replayGuard) {
        const details = new ImageKit({ webhookSecret: secretsOf(c.keys), ...optionsOf(c.options) }).webhooks.verify(
          bodyOf(step, c.tcId + i),
          { headers: headersOf(step.headers, c.tcId + i), now: step.now },
        );
        assert.equal(details.keyIndex, s.keyIndex, `${sctx}: keyIndex`);
      }
    });
  },

  unsafe_unwrap(c, ctx) {
    const event = expectOutcome(ctx, c, () => unsafeUnwrap(bodyOf(c, c.tcId)));
    if (event && c.event) checkEvent(ctx, event, c.event);
  },

  sign(c, ctx) {
    const got = expectOutcome(ctx, c, () => new Signer(secretsOf(c.keys)[0]).sign(c.msgId, c.timestamp, bodyOf(c, c.tcId)));
    if (got !== undefined) assert.equal(got, c.signature, `${ctx}: signature`);
  },

  sign_legacy(c, ctx) {
    const got = expectOutcome(ctx, c, () => new Signer(secretsOf(c.keys)[0]).signLegacy(c.timestamp, bodyOf(c, c.tcId)));
    if (got !== undefined) assert.equal(got, c.signature, `${ctx}: signature`);
  },
};

/** A `then` step inherits what it omits from the delivery before it. */
function inherit(prev, s) {
  const hasBody = 'body' in s || 'bodyHex' in s || 'bodyRepeat' in s;
  return {
    headers: s.headers ?? prev.headers,
    body: hasBody ? s.body : prev.body,
    bodyHex: hasBody ? s.bodyHex : prev.bodyHex,
    bodyRepeat: hasBody ? s.bodyRepeat : prev.bodyRepeat,
    now: s.now ?? prev.now,
  };
}

const files = readdirSync(VECTORS).filter((f) => f.endsWith('.json') && f !== 'schema.json').sort();

test('the vector folder has the expected files', () => {
  assert.deepEqual(files, ['legacy.json', 'replay.json', 'secrets.json', 'sign.json', 'standard.json', 'unwrap.json', 'v1a.json']);
});

for (const file of files) {
  test(`vectors: ${file}`, () => {
    const doc = JSON.parse(readFileSync(path.join(VECTORS, file), 'utf8'));
    let ran = 0;
    for (const c of doc.tests) {
      const run = runners[c.operation];
      assert.ok(run, `${file} #${c.tcId}: unknown operation ${c.operation}`);
      run(c, `${file} #${c.tcId} (${c.comment})`);
      ran += 1;
    }
    assert.equal(ran, doc.numberOfTests, `${file}: ran ${ran} of numberOfTests=${doc.numberOfTests}`);
    assert.equal(doc.tests.length, doc.numberOfTests);
  });
}
