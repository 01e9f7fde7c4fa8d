// ReplayGuard.redis against a real redis-server this test starts on a free loopback port (and
// stops): one acceptance per id, forgeries never recorded, and both failure modes with Redis down.
// With HOOKSEAL_BACKEND=wasm it checks the WebAssembly build refuses clearly instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createServer, connect } from 'node:net';

import ImageKit, { ReplayGuard, ReplayGuardUnavailableError, ReplayedError, InvalidSignatureError, backend } from '../lib/index.mjs';
import { generateHeaders, sampleBody } from '../lib/testing.mjs';

const SECRET = 'whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd';
const BODY = sampleBody('file.deleted');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForPort(port, ms = 10000) {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const c = connect(port, '127.0.0.1', () => (c.end(), resolve(true)));
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`redis-server did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let redis;
let url;
let prefix;

async function startRedis() {
  const port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await waitForPort(port);
  url = `redis://127.0.0.1:${port}/`;
}

function stopRedis() {
  if (!redis) return Promise.resolve();
  const r = redis;
  redis = undefined;
  return new Promise((resolve) => {
    r.once('exit', resolve);
    r.kill('SIGTERM');
  });
}

if (backend === 'wasm') {
  test('the WebAssembly build refuses ReplayGuard.redis with a clear error', () => {
    assert.throws(() => ReplayGuard.redis('redis://127.0.0.1:6379/'), (e) => {
      assert.ok(e instanceof ReplayGuardUnavailableError, String(e));
      assert.match(e.message, /native addon/);
      return true;
    });
  });
} else {
  before(async () => {
    execFileSync('redis-server', ['--version']);
    await startRedis();
    prefix = `hookseal:test:${process.pid}:`;
  });
  after(stopRedis);

  const client = (failureMode) =>
    new ImageKit({ webhookSecret: SECRET, replayGuard: ReplayGuard.redis(url, { prefix, timeoutMs: 300, failureMode }) }).webhooks;

  test('the same delivery twice is accepted once, also across clients', () => {
    const headers = generateHeaders(SECRET, BODY);
    assert.equal(client().unwrap(BODY, { headers }).type, 'file.deleted');
    assert.throws(() => client().unwrap(BODY, { headers }), ReplayedError);
    assert.throws(() => client().unwrap(BODY, { headers }), ReplayedError);
  });

  test('a forged delivery never records its id', () => {
    const headers = generateHeaders(SECRET, BODY);
    const forged = { ...headers, 'webhook-signature': 'v1,' + Buffer.alloc(32).toString('base64') };
    const c = client();
    assert.throws(() => c.unwrap(BODY, { headers: forged }), InvalidSignatureError);
    assert.equal(c.unwrap(BODY, { headers }).type, 'file.deleted');
    assert.equal(c.verify(BODY, { headers: generateHeaders(SECRET, BODY) }).replay, 'recorded');
  });

  test('options are checked', () => {
    assert.throws(() => ReplayGuard.redis(url, { failureMode: 'sometimes' }), TypeError);
    assert.throws(() => ReplayGuard.redis('not a url'), ReplayGuardUnavailableError);
  });

  test('Redis down: fail_closed refuses with replay_guard_unavailable, fail_open accepts', async () => {
    const closed = client('fail_closed');
    const open = client('fail_open');
    await stopRedis();
    const t0 = Date.now();
    assert.throws(() => closed.unwrap(BODY, { headers: generateHeaders(SECRET, BODY) }), (e) => {
      assert.ok(e instanceof ReplayGuardUnavailableError, String(e));
      assert.equal(e.code, 'replay_guard_unavailable');
      return true;
    });
    assert.equal(open.unwrap(BODY, { headers: generateHeaders(SECRET, BODY) }).type, 'file.deleted');
    assert.equal(open.verify(BODY, { headers: generateHeaders(SECRET, BODY) }).replay, 'unavailable');
    const { event, verified } = open.unwrapVerified(BODY, { headers: generateHeaders(SECRET, BODY) });
    assert.deepEqual([event.type, verified.replay], ['file.deleted', 'unavailable']);
    // Bounded by the timeout (300 ms per attempt), never hanging.
    assert.ok(Date.now() - t0 < 10000, `took ${Date.now() - t0} ms`);
  });
}
