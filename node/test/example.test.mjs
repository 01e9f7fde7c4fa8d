// examples/express_app.mjs (ImageKit's documented Express receiver with only its import changed),
// run as its own process and exercised over real HTTP on 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { Signer } from '../lib/index.mjs';
import { sampleBody, EVENT_TYPES } from '../lib/testing.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const EXAMPLE = path.resolve(here, '../../examples/express_app.mjs');
const SECRET = 'whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd';

let child;
let url;
let output = '';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

before(async () => {
  const port = await freePort();
  child = spawn(process.execPath, ['--import', path.join(here, 'fixtures/resolve-from-package.mjs'), EXAMPLE], {
    env: { ...process.env, PORT: String(port), IMAGEKIT_WEBHOOK_SECRET: SECRET, IMAGEKIT_PRIVATE_KEY: 'private_test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`example did not start:\n${output}`)), 15000);
    child.stdout.on('data', () => {
      if (output.includes('listening')) {
        clearTimeout(t);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`example exited with ${code}:\n${output}`)));
  });
  url = `http://127.0.0.1:${port}/webhook`;
});

after(() => child?.kill());

async function post(body, headers) {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.status, json: await res.json() };
}

test('a valid delivery of every event type gets 200 { received: true }', async () => {
  const signer = new Signer(SECRET);
  for (const type of EVENT_TYPES) {
    const body = sampleBody(type);
    const r = await post(body, signer.headers(body));
    assert.equal(r.status, 200, `${type}: ${JSON.stringify(r.json)}\n${output}`);
    assert.deepEqual(r.json, { received: true });
  }
  for (const line of ['Video ready: http://ik.imagekit.io/demo/sample-video.mp4?tr=f-webm,q-10', 'Video transformation failed: download_failed', 'File version deleted: 65f04c1a002322e4ebf1a7d9', 'Unhandled event type: folder.created']) {
    assert.ok(output.includes(line), `missing log line ${line}`);
  }
});

test('a forged delivery gets 400 with the message', async () => {
  const body = sampleBody('file.deleted');
  const h = new Signer('whsec_attacker_secret').headers(body);
  const r = await post(body, h);
  assert.equal(r.status, 400);
  assert.match(r.json.error, /no signature matched/);
});

test('a tampered body gets 400', async () => {
  const body = sampleBody('file.deleted');
  const h = new Signer(SECRET).headers(body);
  const r = await post(body.replace('6540', '9999'), h);
  assert.equal(r.status, 400);
});

test('a stale delivery gets 400', async () => {
  const body = sampleBody('file.deleted');
  const h = new Signer(SECRET).headers(body, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
  const r = await post(body, h);
  assert.equal(r.status, 400);
  assert.match(r.json.error, /old/);
});

test('no signature headers gets 400 (missing header), never a silent accept', async () => {
  const r = await post(sampleBody('file.deleted'), {});
  assert.equal(r.status, 400);
  assert.match(r.json.error, /missing header/);
});
