// The WebAssembly build in real edge runtimes, not Node with stand-in loaders: Cloudflare's workerd
// (through Miniflare, the Worker bundled as wrangler does it) and Deno (resolving `hookseal` with
// its `deno` condition from an app's node_modules). Both binaries come from npm devDependencies
// (miniflare -> workerd, deno -> @deno/<platform>); a missing binary fails these tests, never skips.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.resolve(here, '..');
const repoDir = path.resolve(pkgDir, '..');
const fixtures = path.join(here, 'fixtures');
const VECTORS = path.join(repoDir, 'tests/vectors');
const require = createRequire(import.meta.url);
const readVectors = (file) => readFileSync(path.join(VECTORS, file), 'utf8');
const numberOfTests = (file) => JSON.parse(readVectors(file)).numberOfTests;

// Node signs (hookseal/testing on whichever build this Node run uses); the runtimes verify.
const { signedDelivery } = await import('hookseal/testing');
const secret = 'whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd';

// ---- workerd (Miniflare) --------------------------------------------------------------------

/**
 * Bundle test/fixtures/worker.mjs as wrangler does: esbuild with the `workerd` condition first,
 * and every `.wasm` import left external, to be loaded as a CompiledWasm module (a
 * WebAssembly.Module), never inlined. Returns Miniflare's module list.
 */
async function workerModules() {
  const { build } = await import('esbuild');
  const wasm = new Set();
  const out = await build({
    entryPoints: [path.join(fixtures, 'worker.mjs')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    write: false,
    logLevel: 'error',
    plugins: [
      {
        name: 'wasm-as-module',
        setup(b) {
          b.onResolve({ filter: /\.wasm(\?module)?$/ }, (args) => {
            const file = path.resolve(args.resolveDir, args.path.replace(/\?module$/, ''));
            wasm.add(file);
            return { path: `./${path.relative(pkgDir, file)}`, external: true };
          });
        },
      },
    ],
  });
  const code = out.outputFiles[0].text;
  assert.match(code, /instance-workerd\.mjs/, 'the bundle did not take the workerd entry point');
  assert.doesNotMatch(code, /instance-fetch\.mjs|wasm\.cjs|index\.cjs/, 'the bundle pulled in a non-workerd entry point');
  assert.deepEqual([...wasm], [path.join(pkgDir, 'wasm/hookseal.wasm')]);
  return [
    { type: 'ESModule', path: path.join(pkgDir, 'worker.mjs'), contents: code },
    ...[...wasm].map((file) => ({ type: 'CompiledWasm', path: file })),
  ];
}

let mf;
before(async () => {
  const workerd = require('workerd');
  assert.ok(existsSync(workerd.default), `the workerd binary is missing (${workerd.default}): run npm ci in node/`);
  const { Miniflare } = await import('miniflare');
  mf = new Miniflare({
    modulesRoot: pkgDir,
    modules: await workerModules(),
    compatibilityDate: '2026-04-01',
    bindings: { IMAGEKIT_WEBHOOK_SECRET: secret },
  });
  await mf.ready;
});
after(() => mf?.dispose());

const post = async (pathname, body, headers) => {
  const r = await mf.dispatchFetch(`http://worker.test${pathname}`, { method: 'POST', body, headers });
  return [r.status, await r.json()];
};

test('workerd: a Worker verifies with client.webhooks.unwrap (valid, forged, stale, replayed)', async () => {
  const d = signedDelivery(secret, 'video.transformation.ready');
  assert.deepEqual(await post('/webhook', d.body, d.headers), [200, { received: true, type: 'video.transformation.ready', backend: 'wasm' }]);
  // The same delivery again: the Worker's in-memory guard (one isolate) refuses it.
  const [replayStatus, replayed] = await post('/webhook', d.body, d.headers);
  assert.deepEqual([replayStatus, replayed.code], [401, 'replayed']);
  const forged = signedDelivery(secret, 'file.created');
  const [forgedStatus, forgedBody] = await post('/webhook', forged.body.replace('file.created', 'file.deleted'), forged.headers);
  assert.deepEqual([forgedStatus, forgedBody.code], [401, 'invalid_signature']);
  const stale = signedDelivery(secret, 'file.created', { timestamp: Math.floor(Date.now() / 1000) - 3600 });
  const [staleStatus, staleBody] = await post('/webhook', stale.body, stale.headers);
  assert.deepEqual([staleStatus, staleBody.code], [401, 'timestamp_too_old']);
  const unsigned = await post('/webhook', d.body, {});
  assert.deepEqual([unsigned[0], unsigned[1].code], [401, 'missing_header']);
});

for (const file of ['standard.json', 'unwrap.json']) {
  test(`workerd: every case of ${file} inside the Worker`, async () => {
    const [status, result] = await post('/vectors', readVectors(file), { 'content-type': 'application/json' });
    assert.equal(status, 200);
    assert.deepEqual(result.failures, []);
    assert.equal(result.ran, numberOfTests(file));
    assert.equal(result.numberOfTests, numberOfTests(file));
  });
}

// ---- Deno -------------------------------------------------------------------------------------

test('deno: the deno entry points run every case of standard.json and unwrap.json, and a Fetch Request', () => {
  const deno = path.join(pkgDir, 'node_modules/.bin/deno');
  assert.ok(existsSync(deno), `the deno binary is missing (${deno}): run npm ci in node/`);
  // An app as a Deno user with a package.json has it after `npm install <this package>`.
  const app = mkdtempSync(path.join(tmpdir(), 'hookseal-deno-'));
  try {
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ type: 'module', dependencies: { hookseal: `file:${pkgDir}` } }));
    mkdirSync(path.join(app, 'node_modules'));
    symlinkSync(pkgDir, path.join(app, 'node_modules/hookseal'), 'dir');
    writeFileSync(
      path.join(app, 'main.mjs'),
      `import * as hookseal from 'hookseal';
import * as fetchAdapter from 'hookseal/fetch';
import * as testing from 'hookseal/testing';
import { check } from ${JSON.stringify(pathToFileURL(path.join(fixtures, 'deno-check.mjs')).href)};
const resolved = ['hookseal', 'hookseal/fetch', 'hookseal/testing'].map((s) => import.meta.resolve(s));
console.log(JSON.stringify(await check(hookseal, fetchAdapter, testing, resolved)));
`,
    );
    // Read access only (the app, this repo): no --allow-env, no --allow-net.
    const out = execFileSync(deno, ['run', '--no-prompt', `--allow-read=${app},${repoDir}`, 'main.mjs'], {
      cwd: app,
      encoding: 'utf8',
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1', DENO_DIR: path.join(app, '.deno') },
    });
    const result = JSON.parse(out);
    assert.match(result.runtime, /^deno \d+\./);
    assert.equal(result.backend, 'wasm');
    assert.deepEqual(
      result.resolved.map((u) => path.relative(pkgDir, fileURLToPath(u))),
      ['lib/edge/index.mjs', 'lib/edge/fetch.mjs', 'lib/edge/testing.mjs'],
      'Deno did not take the deno export condition',
    );
    for (const file of ['standard.json', 'unwrap.json']) {
      assert.deepEqual(result.vectors[file].failures, [], file);
      assert.equal(result.vectors[file].ran, numberOfTests(file), file);
    }
    assert.deepEqual(result.fetch, {
      ok: [200, 'upload.pre-transform.success'],
      replayed: [401, 'replayed'],
      forged: [401, 'invalid_signature'],
      stale: [401, 'timestamp_too_old'],
    });
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
});
