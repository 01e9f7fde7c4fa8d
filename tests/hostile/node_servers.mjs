// The hostile-HTTP run's Node receivers: Express (hookseal/express), Fastify (hookseal/fastify)
// and the fetch adapter (hookseal/fetch) behind node:http, which hands it a streaming Request as
// undici-based servers do. Ports from EXPRESS_PORT, FASTIFY_PORT, FETCH_PORT.
// Run: node --import ./node/test/fixtures/resolve-from-package.mjs tests/hostile/node_servers.mjs
import http from 'node:http';
import { Readable } from 'node:stream';
import express from 'express';
import Fastify from 'fastify';
import { webhookMiddleware } from 'hookseal/express';
import hooksealFastify from 'hookseal/fastify';
import { createRequestVerifier, errorResponse } from 'hookseal/fetch';

const host = '127.0.0.1';

const app = express();
app.post('/webhook', webhookMiddleware(), (req, res) => res.json({ received: true, type: req.webhookEvent.type }));
app.listen(Number(process.env.EXPRESS_PORT), host);

const fastify = Fastify();
fastify.register(async (scope) => {
  await scope.register(hooksealFastify, {});
  scope.post('/webhook', async (request) => ({ received: true, type: request.webhookEvent.type }));
});
await fastify.listen({ port: Number(process.env.FASTIFY_PORT), host });

const verify = createRequestVerifier();
http
  .createServer(async (req, res) => {
    const request = new Request(`http://${host}${req.url}`, {
      method: req.method,
      headers: Object.entries(req.headersDistinct).flatMap(([k, vs]) => vs.map((v) => [k, v])),
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Readable.toWeb(req),
      duplex: 'half',
    });
    let response;
    try {
      const event = await verify(request);
      response = Response.json({ received: true, type: event.type });
    } catch (e) {
      try {
        response = errorResponse(e); // rethrows anything that is not a verification error
      } catch (unexpected) {
        console.error('UNEXPECTED', unexpected);
        response = new Response('internal error', { status: 500 });
      }
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  })
  .listen(Number(process.env.FETCH_PORT), host);
console.log('node receivers listening');
