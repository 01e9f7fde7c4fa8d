// The Node runner of the differential run (tests/differential/README.md): cases in, one answer per
// case out, through the public API of node/ (HOOKSEAL_BACKEND=native or wasm picks the backend).
//   node run_node.mjs cases.jsonl > answers.jsonl
// Events are plain JSON in Node: `typed` reads every schema member by its JSON name, as the
// TypeScript types (generated from the same schema) declare them. Node parses no date-times, so
// `createdAtMs` is not answered.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { Verifier, unsafeUnwrap, WebhookVerificationError, EVENT_TYPES, backend } from '../../node/lib/index.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schema = JSON.parse(readFileSync(path.join(root, 'schema/imagekit-events.json'), 'utf8'));
const events = Object.fromEntries(schema.events.map((e) => [e.type, e]));

function typed(obj, fields) {
  const out = {};
  for (const f of fields) {
    if (f.type === 'date-time') continue;
    out[f.name] = convert(obj[f.name], f.type);
  }
  return out;
}

function convert(v, t) {
  if (v === undefined || v === null) return null;
  if (t.endsWith('[]')) return v.map((x) => convert(x, t.slice(0, -2)));
  if (schema.objects[t]) return typed(v, schema.objects[t].fields);
  return v;
}

function secrets(keys) {
  return keys.map((k) => {
    if (k.bytesHex !== undefined) return { secret: Buffer.from(k.bytesHex, 'hex'), keyMode: k.mode };
    if (k.mode === 'raw') return { secret: Buffer.from(k.hex, 'hex'), keyMode: 'raw' };
    return { secret: k.secret, keyMode: k.mode };
  });
}

function eventAnswer(event) {
  const known = EVENT_TYPES.includes(event.type);
  return {
    type: event.type,
    id: typeof event.id === 'string' ? event.id : null,
    known,
    typed: known ? typed(event, [...schema.envelope.fields, ...events[event.type].fields]) : null,
  };
}

function answer(c) {
  const body = Buffer.from(c.bodyHex, 'hex');
  try {
    if (c.operation === 'unsafe_unwrap') return { result: 'ok', event: eventAnswer(unsafeUnwrap(body)) };
    const o = c.options ?? {};
    const v = new Verifier(secrets(c.keys), {
      tolerance: o.tolerance ?? 300,
      legacy: o.legacy ?? false,
      maxPayloadBytes: o.maxPayloadBytes ?? 1048576,
    });
    if (c.operation === 'verify') return { result: 'ok', keyIndex: v.verify(body, c.headers, { now: c.now }).keyIndex };
    const event = v.unwrap(body, c.headers, { now: c.now });
    return { result: 'ok', event: eventAnswer(event) };
  } catch (e) {
    if (!(e instanceof WebhookVerificationError)) throw e;
    return { result: 'error', code: e.code };
  }
}

if (process.env.HOOKSEAL_BACKEND && backend !== process.env.HOOKSEAL_BACKEND) {
  throw new Error(`asked for the ${process.env.HOOKSEAL_BACKEND} backend, got ${backend}`);
}
const out = [];
for await (const line of createInterface({ input: createReadStream(process.argv[2]) })) {
  const c = JSON.parse(line);
  out.push(JSON.stringify({ tcId: c.tcId, ...answer(c) }));
  if (out.length >= 1000) process.stdout.write(out.splice(0).join('\n') + '\n');
}
if (out.length) process.stdout.write(out.join('\n') + '\n');
