// The WebAssembly build as each runtime gets it: forced on Node (HOOKSEAL_BACKEND, hookseal/wasm),
// as the automatic fallback where no native binary exists, through the edge entry points
// (workerd, edge-light, deno/browser conditions) with a Fetch Request handler, and its size budget.
// The API and vector suites themselves run against this build via HOOKSEAL_BACKEND=wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.resolve(here, '..');
const fixtures = path.join(here, 'fixtures');

const node = (args, env = {}, cwd = pkgDir) =>
  execFileSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, HOOKSEAL_BACKEND: '', ...env } }).trim();

test('HOOKSEAL_BACKEND forces either build on Node; hookseal/wasm and hookseal/native name one', () => {
  const show = `const h = require('hookseal'); console.log(h.backend, require('hookseal/wasm').backend, require('hookseal/native').backend)`;
  assert.equal(node(['-e', show], { HOOKSEAL_BACKEND: 'wasm' }), 'wasm wasm native');
  assert.equal(node(['-e', show], { HOOKSEAL_BACKEND: 'native' }), 'native wasm native');
  assert.equal(node(['-e', show]), 'native wasm native');
  assert.equal(node(['--input-type=module', '-e', `import { backend } from 'hookseal'; console.log(backend)`], { HOOKSEAL_BACKEND: 'wasm' }), 'wasm');
  // The forced build verifies, and its errors are the same classes.
  const check = `const h = require('hookseal'); const t = require('hookseal/testing');
    const s = 'whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd'; const d = t.signedDelivery(s, 'file.deleted');
    const c = new h.ImageKit({ webhookSecret: s }).webhooks;
    let code; try { c.unwrap(d.body + ' ', { headers: d.headers }); } catch (e) { code = e instanceof h.InvalidSignatureError && e.code; }
    console.log(h.backend, c.unwrap(d.body, { headers: d.headers }).type, code)`;
  assert.equal(node(['-e', check], { HOOKSEAL_BACKEND: 'wasm' }), 'wasm file.deleted invalid_signature');
  assert.throws(() => node(['-e', `require('hookseal')`], { HOOKSEAL_BACKEND: 'fast' }), /HOOKSEAL_BACKEND must be/);
});

test('falls back to the WebAssembly build where no native binary exists', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'hookseal-nonative-'));
  try {
    const copy = path.join(tmp, 'node_modules/hookseal');
    for (const f of ['package.json', 'binding.js', 'lib', 'wasm']) cpSync(path.join(pkgDir, f), path.join(copy, f), { recursive: true });
    assert.ok(!readdirSync(copy).some((f) => f.endsWith('.node')));
    const check = `const h = require('hookseal'); const { generateHeaders, sampleBody } = require('hookseal/testing');
      const s = 'whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd'; const b = sampleBody('file.created');
      console.log(h.backend, new h.ImageKit({ webhookSecret: s }).webhooks.unwrap(b, { headers: generateHeaders(s, b) }).type)`;
    assert.equal(node(['-e', check], {}, tmp), 'wasm file.created');
    assert.throws(() => node(['-e', `require('hookseal')`], { HOOKSEAL_BACKEND: 'native' }, tmp), /Cannot find|native binding|Failed to load/i);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

const edgeRuns = [
  ['workerd', ['--conditions=workerd', '--import', path.join(fixtures, 'workerd-wasm.mjs')]],
  ['edge-light', ['--conditions=edge-light', '--import', path.join(fixtures, 'workerd-wasm.mjs')]],
  ['deno', ['--conditions=deno', '--import', path.join(fixtures, 'fetch-file-urls.mjs')]],
  ['browser', ['--conditions=browser', '--import', path.join(fixtures, 'fetch-file-urls.mjs')]],
];
for (const [condition, flags] of edgeRuns) {
  test(`the ${condition} entry points: a Fetch Request handler on the WebAssembly build`, () => {
    const out = JSON.parse(node([...flags, path.join(fixtures, 'edge-check.mjs')]));
    assert.deepEqual(out, {
      backend: 'wasm',
      hasBuffer: 'function', // Node's global; the edge entry never needs it (api.cjs has no Buffer)
      ok: [200, { received: true, type: 'video.transformation.ready' }],
      forged: [401, 'invalid_signature'],
      keyCount: 1,
      client: 'function',
    });
  });
}

test('the API layer and the glue use no Node globals (edge runtimes have no Buffer or process)', () => {
  const files = ['lib/api.cjs', 'lib/errors.cjs', 'lib/fetch-adapter.cjs', 'lib/testing-helpers.cjs', 'lib/adapter-common.cjs', 'wasm/binding.mjs', ...readdirSync(path.join(pkgDir, 'lib/edge')).map((f) => `lib/edge/${f}`)];
  for (const f of files) {
    const code = readFileSync(path.join(pkgDir, f), 'utf8').replace(/^\s*(\/\/|\*|\/\*).*$/gm, '');
    assert.doesNotMatch(code, /(?<![A-Za-z])Buffer\s*[.(]|instanceof Buffer|\brequire\(['"]node:|from ['"]node:/, `${f} uses Buffer or a node: module`);
    assert.doesNotMatch(code.replace(/typeof process !== 'undefined' && process && process\.env \? process\.env\[name\]/, ''), /\bprocess\s*\./, `${f} uses process unguarded`);
  }
});

test('size budget: hookseal.wasm plus glue at most 150 KiB gzipped', () => {
  const glue = ['wasm/binding.mjs', 'lib/api.cjs', 'lib/errors.cjs', 'lib/fetch-adapter.cjs', 'lib/adapter-common.cjs', ...readdirSync(path.join(pkgDir, 'lib/edge')).map((f) => `lib/edge/${f}`)];
  const gz = (f) => gzipSync(readFileSync(path.join(pkgDir, f)), { level: 9 }).length;
  const wasm = gz('wasm/hookseal.wasm');
  const js = glue.reduce((n, f) => n + gz(f), 0);
  const total = wasm + js;
  console.log(`# wasm size: hookseal.wasm ${(wasm / 1024).toFixed(1)} KiB + glue ${(js / 1024).toFixed(1)} KiB = ${(total / 1024).toFixed(1)} KiB gzipped (budget 150 KiB)`);
  assert.ok(total <= 150 * 1024, `${total} bytes gzipped is over the 150 KiB budget`);
});
