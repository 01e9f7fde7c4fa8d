// The package as users get it: ESM and CommonJS entry points (same classes), the subpath exports,
// the typed usage file under `tsc --strict`, and `npm pack` installed into a fresh folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.resolve(here, '..');
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));

test('no runtime dependencies', () => {
  assert.equal(pkg.dependencies, undefined);
  assert.equal(pkg.peerDependencies, undefined);
});

test('ESM and CommonJS entry points expose the same objects', async () => {
  for (const sub of ['', '/express', '/fastify', '/fetch', '/testing', '/native', ...(existsSync(path.join(pkgDir, 'wasm/hookseal.wasm')) ? ['/wasm'] : [])]) {
    const cjs = require(`hookseal${sub}`);
    const esm = await import(`hookseal${sub}`);
    for (const [name, value] of Object.entries(esm)) {
      if (name === 'default') continue;
      assert.equal(value, cjs[name], `hookseal${sub}: ${name} differs between import and require`);
    }
    for (const name of Object.keys(cjs)) {
      if (name !== 'default') assert.ok(name in esm, `hookseal${sub}: ${name} is missing from the ESM entry`);
    }
  }
  const cjs = require('hookseal');
  const esm = await import('hookseal');
  assert.equal(esm.default, cjs.ImageKit, 'import ImageKit from "hookseal"');
  assert.equal(cjs.default, cjs.ImageKit, 'TypeScript CJS interop');
  const { ImageKit } = require('hookseal');
  assert.equal(typeof new ImageKit({ webhookSecret: 'whsec_x' }).webhooks.unwrap, 'function');
  assert.equal(typeof require('hookseal/fastify'), 'function');
  assert.equal((await import('hookseal/fastify')).default, require('hookseal/fastify'));
});

test('tsc --strict --noEmit accepts the typed usage file (narrowing on event.type)', () => {
  const tsc = path.join(pkgDir, 'node_modules/typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(here, 'types'), '--strict', '--noEmit'], { cwd: pkgDir, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});

test('npm pack, install into a fresh folder, import and verify', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'hookseal-pack-'));
  try {
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: pkgDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const [info] = JSON.parse(out);
    const files = info.files.map((f) => f.path);
    assert.ok(files.some((f) => /^hookseal\.[a-z0-9-]+\.node$/.test(f)), `the tarball has no .node binary: ${files.join(', ')}`);
    for (const f of ['binding.js', 'binding.d.ts', 'lib/index.cjs', 'lib/index.mjs', 'lib/index.d.ts', 'lib/express.cjs', 'README.md']) {
      assert.ok(files.includes(f), `the tarball lacks ${f}`);
    }
    assert.ok(!files.some((f) => f.startsWith('test/') || f.startsWith('node_modules/')), 'tests or node_modules were packed');
    // The WebAssembly build (make test-wasm or scripts/wasm-build.sh builds it before packing).
    const hasWasm = existsSync(path.join(pkgDir, 'wasm/hookseal.wasm'));
    if (hasWasm) {
      for (const f of ['wasm/hookseal.wasm', 'wasm/binding.mjs', 'wasm/binding.cjs', 'lib/api.cjs', 'lib/wasm.cjs', 'lib/edge/index.mjs', 'lib/edge/instance-workerd.mjs']) {
        assert.ok(files.includes(f), `the tarball lacks ${f}`);
      }
    }

    const app = path.join(tmp, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', path.join(tmp, info.filename)], { cwd: app, stdio: 'pipe' });
    assert.deepEqual(readdirSync(path.join(app, 'node_modules')).filter((d) => !d.startsWith('.')), ['hookseal'], 'no runtime dependencies installed');

    writeFileSync(
      path.join(app, 'check.mjs'),
      `import ImageKit from 'hookseal';
import { generateHeaders, sampleBody } from 'hookseal/testing';
const secret = 'whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd';
const body = sampleBody('file.deleted');
const event = new ImageKit({ webhookSecret: secret }).webhooks.unwrap(body, { headers: generateHeaders(secret, body) });
console.log(event.type);`,
    );
    writeFileSync(path.join(app, 'check.cjs'), `const { ImageKit } = require('hookseal'); require('hookseal/express'); console.log(typeof ImageKit);`);
    assert.equal(execFileSync(process.execPath, ['check.mjs'], { cwd: app, encoding: 'utf8' }).trim(), 'file.deleted');
    assert.equal(execFileSync(process.execPath, ['check.cjs'], { cwd: app, encoding: 'utf8' }).trim(), 'function');
    if (hasWasm) {
      const env = { ...process.env, HOOKSEAL_BACKEND: 'wasm' };
      assert.equal(execFileSync(process.execPath, ['check.mjs'], { cwd: app, encoding: 'utf8', env }).trim(), 'file.deleted');
      const backend = execFileSync(process.execPath, ['-e', "console.log(require('hookseal').backend)"], { cwd: app, encoding: 'utf8', env }).trim();
      assert.equal(backend, 'wasm');
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
