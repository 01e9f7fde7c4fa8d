// The framework adapters, each tested with the framework itself: Express over loopback HTTP,
// Fastify through inject, a real Fetch Request. Each gets a valid, a forged, a stale and a
// replayed delivery.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import express from 'express';
import Fastify from 'fastify';

import { ReplayGuard } from 'hookseal';
import { webhookMiddleware } from 'hookseal/express';
import hooksealFastify from 'hookseal/fastify';
import { verifyRequest, createRequestVerifier, errorResponse } from 'hookseal/fetch';
import { signedDelivery, generateHeaders, sampleBody } from 'hookseal/testing';

const SECRET = 'whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd';

/** valid, forged, stale, replayed (the valid one again), in order. */
function deliveries(type = 'file.created') {
  const valid = signedDelivery(SECRET, type);
  const forged = { body: valid.body, headers: generateHeaders('whsec_not_the_secret', valid.body) };
  const stale = { body: valid.body, headers: generateHeaders(SECRET, valid.body, { timestamp: Math.floor(Date.now() / 1000) - 3600 }) };
  return { valid, forged, stale, replayed: valid };
}

const EXPECT = [
  ['valid', 200, null],
  ['forged', 401, 'invalid_signature'],
  ['stale', 401, 'timestamp_too_old'],
  ['replayed', 401, 'replayed'],
];

test('hookseal/express over loopback HTTP', async () => {
  const app = express();
  app.use(express.json()); // app-wide JSON parsing elsewhere must not break the webhook route
  app.post('/webhook', webhookMiddleware({ secret: SECRET, replayGuard: ReplayGuard.inMemory() }), (req, res) => {
    res.json({ received: true, type: req.webhookEvent.type, fileId: req.webhookEvent.data.fileId, replay: req.webhookVerified.replay });
  });
  const router = express.Router();
  router.post('/raw-first', express.raw({ type: '*/*' }), webhookMiddleware({ secret: SECRET }), (req, res) =>
    res.json({ type: req.webhookEvent.type }),
  );
  const app2 = express();
  app2.use(router);
  app2.post('/small', webhookMiddleware({ secret: SECRET, maxPayloadBytes: 100 }), (req, res) => res.json({}));
  app2.post('/after-json', express.json(), webhookMiddleware({ secret: SECRET }), (req, res) => res.json({}));

  const servers = await Promise.all([app, app2].map((a) => new Promise((r) => { const s = a.listen(0, '127.0.0.1', () => r(s)); })));
  const [base, base2] = servers.map((s) => `http://127.0.0.1:${s.address().port}`);
  try {
    const d = deliveries();
    for (const [name, status, code] of EXPECT) {
      // The webhook route is registered after express.json(), yet gets the raw bytes: express.json
      // only reads application/json, so send what ImageKit sends.
      const res = await fetch(`${base}/webhook`, { method: 'POST', body: d[name].body, headers: { ...d[name].headers, 'content-type': 'text/plain' } });
      const json = await res.json();
      assert.equal(res.status, status, `${name}: ${JSON.stringify(json)}`);
      if (code) assert.equal(json.code, code);
      else assert.deepEqual(json, { received: true, type: 'file.created', fileId: '6540dbea002322e4ebe30de2', replay: 'recorded' });
    }
    const v = signedDelivery(SECRET, 'file.deleted');
    let res = await fetch(`${base2}/raw-first`, { method: 'POST', body: v.body, headers: { ...v.headers, 'content-type': 'application/json' } });
    assert.deepEqual(await res.json(), { type: 'file.deleted' });
    res = await fetch(`${base2}/small`, { method: 'POST', body: 'x'.repeat(5000), headers: v.headers });
    assert.equal(res.status, 413);
    assert.equal((await res.json()).code, 'payload_too_large');
    res = await fetch(`${base2}/after-json`, { method: 'POST', body: v.body, headers: { ...v.headers, 'content-type': 'application/json' } });
    const j = await res.json();
    assert.equal(res.status, 400);
    assert.equal(j.code, 'invalid_payload');
    assert.match(j.error, /express\.raw/);
    res = await fetch(`${base}/webhook`, { method: 'POST', body: v.body });
    assert.equal(res.status, 401);
    assert.equal((await res.json()).code, 'missing_header');
  } finally {
    for (const s of servers) s.close();
  }
});

test('hookseal/fastify through inject, scoped to the webhook routes', async () => {
  const app = Fastify();
  app.post('/json', async (request) => ({ parsed: request.body })); // outside the scope: JSON as usual
  await app.register(async (scope) => {
    await scope.register(hooksealFastify, { webhookSecret: SECRET, replayGuard: ReplayGuard.inMemory() });
    scope.post('/webhook', async (request) => ({ received: true, type: request.webhookEvent.type, replay: request.webhookVerified.replay }));
  });
  await app.ready();
  const d = deliveries('video.transformation.ready');
  for (const [name, status, code] of EXPECT) {
    const res = await app.inject({ method: 'POST', url: '/webhook', payload: d[name].body, headers: { ...d[name].headers, 'content-type': 'application/json' } });
    assert.equal(res.statusCode, status, `${name}: ${res.body}`);
    if (code) assert.equal(res.json().code, code);
    else assert.deepEqual(res.json(), { received: true, type: 'video.transformation.ready', replay: 'recorded' });
  }
  const outside = await app.inject({ method: 'POST', url: '/json', payload: { a: 1 } });
  assert.deepEqual(outside.json(), { parsed: { a: 1 } });
  const unsigned = await app.inject({ method: 'POST', url: '/webhook', payload: sampleBody('file.deleted'), headers: { 'content-type': 'application/json' } });
  assert.equal(unsigned.statusCode, 401);
  assert.equal(unsigned.json().code, 'missing_header');
  await app.close();
});

test('hookseal/fetch with real Request objects', async () => {
  const verify = createRequestVerifier({ secret: SECRET, replayGuard: ReplayGuard.inMemory() });
  const d = deliveries('upload.post-transform.success');
  const req = (x) => new Request('https://example.com/api/webhook', { method: 'POST', body: x.body, headers: x.headers });
  for (const [name, status, code] of EXPECT) {
    try {
      const event = await verify(req(d[name]));
      assert.equal(status, 200, `${name} verified`);
      assert.equal(event.type, 'upload.post-transform.success');
      assert.equal(event.data.url, 'http://stage-ik.imagekit.io/demo/video_wCqv9BewP.mp4?tr=rt-90');
    } catch (e) {
      assert.equal(e.code, code, `${name}: ${e.message}`);
      const res = errorResponse(e);
      assert.equal(res.status, status);
      assert.equal((await res.json()).code, code);
    }
  }
  // One-shot form, and a body that was already read.
  const fresh = signedDelivery(SECRET, 'file.deleted');
  assert.equal((await verifyRequest(req(fresh), { secret: SECRET })).type, 'file.deleted');
  const used = req(fresh);
  await used.text();
  await assert.rejects(verifyRequest(used, { secret: SECRET }), (e) => e.code === 'invalid_payload' && /already read/.test(e.message));
  await assert.rejects(verifyRequest({}, { secret: SECRET }), (e) => e.code === 'invalid_payload');
});
