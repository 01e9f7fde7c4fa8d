// The events against the one schema (schema/imagekit-events.json, read in place): the types
// this package knows are the schema's, every sample body uses only the schema's members, with
// the schema's JSON types, and unwrap hands it back exactly as sent. `tsc --strict` checks the
// published types member by member (test/types/parity.ts, in package.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { unsafeUnwrap, EVENT_TYPES, errorClasses } from '../lib/index.mjs';
import { sampleEvents } from '../lib/testing.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const schema = JSON.parse(readFileSync(path.resolve(here, '../../schema/imagekit-events.json'), 'utf8'));

/** Each member of `value` against the schema's `fields`; returns the paths it checked. */
function walk(value, fields, where, seen) {
  assert.equal(typeof value, 'object', where);
  const byName = new Map(fields.map((f) => [f.name, f]));
  for (const key of Object.keys(value)) {
    assert.ok(byName.has(key), `${where}.${key} is not in the schema`);
  }
  for (const f of fields) {
    const path_ = where ? `${where}.${f.name}` : f.name;
    if (!(f.name in value)) {
      assert.ok(!f.required, `${path_} is required but the sample lacks it`);
      continue;
    }
    seen.add(path_);
    check(value[f.name], f, path_, seen);
  }
}

function check(v, f, where, seen) {
  if (v === null) return assert.ok(f.nullable, `${where} is null`);
  const item = f.type.endsWith('[]') ? f.type.slice(0, -2) : f.type;
  const items = f.type.endsWith('[]') ? (assert.ok(Array.isArray(v), where), v) : [v];
  for (const x of items) {
    switch (item) {
      case 'string':
      case 'date-time':
        assert.equal(typeof x, 'string', where);
        break;
      case 'number':
        assert.equal(typeof x, 'number', where);
        break;
      case 'boolean':
        assert.equal(typeof x, 'boolean', where);
        break;
      case 'object':
        assert.ok(x && typeof x === 'object' && !Array.isArray(x), where);
        break;
      default:
        seen.add(item);
        walk(x, schema.objects[item].fields, where, seen);
    }
  }
}

test('the known event types are the schema\'s, in its order', () => {
  assert.deepEqual([...EVENT_TYPES], schema.events.map((e) => e.type));
});

test('every sample body uses the schema\'s members only, and unwrap keeps it as sent', () => {
  const events = new Map(schema.events.map((e) => [e.type, e]));
  const seen = new Set();
  for (const { type, body } of sampleEvents()) {
    const doc = JSON.parse(body);
    walk(doc, [...schema.envelope.fields, ...events.get(type).fields], '', seen);
    assert.deepEqual(unsafeUnwrap(body), doc, type);
  }
  // The samples reach every object of the schema but one: no published body carries the
  // upload's extensionStatus.
  const unreached = Object.keys(schema.objects).filter((name) => !seen.has(name));
  assert.deepEqual(unreached, ['ExtensionStatus']);
  assert.ok(seen.size > 80, `${seen.size} member paths and objects checked`);
});

test('a body that breaks the schema is refused with invalid_payload, naming the path', () => {
  const body = JSON.stringify({ type: 'file.deleted', id: 'e', created_at: '2024-05-20T10:00:00Z', data: { fileId: 7 } });
  assert.throws(() => unsafeUnwrap(body), (e) => e instanceof errorClasses.invalid_payload && /data\.fileId/.test(e.message));
});
