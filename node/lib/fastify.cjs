'use strict';
// hookseal/fastify: a plugin for the scope your webhook routes live in. Inside that scope it
// replaces the body parsers with a raw Buffer parser (routes elsewhere keep theirs), verifies
// every request in a preHandler hook, and puts the event on request.webhookEvent (what verified on
// request.webhookVerified). Bad
// deliveries get a JSON answer with the code (401 / 503 / 400, as hookseal/express).
//
//   app.register(async (scope) => {
//     await scope.register(hooksealFastify, { webhookSecret: process.env.IMAGEKIT_WEBHOOK_SECRET });
//     scope.post('/webhook', async (request) => { const event = request.webhookEvent; ... });
//   });

const { statusFor, clientFrom, DEFAULT_MAX } = require('./adapter-common.cjs');
const hookseal = require('./index.cjs');

const { WebhookVerificationError } = hookseal;

function hooksealFastify(fastify, options, done) {
  let client;
  try {
    client = clientFrom(hookseal, options);
  } catch (e) {
    return done(e);
  }
  const limit = (options && options.maxPayloadBytes) ?? DEFAULT_MAX;
  fastify.removeAllContentTypeParsers();
  // One byte over the limit reaches the core, which answers payload_too_large; Fastify refuses
  // anything larger itself (413) without buffering it.
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limit + 1 }, (_req, body, next) => next(null, body));
  fastify.decorateRequest('webhookEvent', null);
  fastify.decorateRequest('webhookVerified', null);
  // Fastify's own refusal of a body over bodyLimit (FST_ERR_CTP_BODY_TOO_LARGE, before or while
  // reading it) gets the core's answer, as in every adapter: the core decides on one byte over the
  // limit (payload_too_large, unless the headers fail first).
  fastify.setErrorHandler((error, request, reply) => {
    if (error && error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      try {
        client.webhooks.unwrap(new Uint8Array(limit + 1), { headers: request.headers });
      } catch (e) {
        if (e instanceof WebhookVerificationError) {
          return reply.code(statusFor(e.code)).send({ error: e.message, code: e.code });
        }
      }
    }
    return reply.send(error);
  });
  fastify.addHook('preHandler', (request, reply, next) => {
    try {
      const got = client.webhooks.unwrapVerified(request.body ?? '', { headers: request.headers });
      request.webhookEvent = got.event;
      request.webhookVerified = got.verified;
    } catch (e) {
      if (!(e instanceof WebhookVerificationError)) return next(e);
      reply.code(statusFor(e.code)).send({ error: e.message, code: e.code });
      return undefined;
    }
    return next();
  });
  done();
}

// Apply to the scope it is registered in (not a child of it), without needing fastify-plugin.
hooksealFastify[Symbol.for('skip-override')] = true;
hooksealFastify[Symbol.for('fastify.display-name')] = 'hookseal';

module.exports = hooksealFastify;
module.exports.hooksealFastify = hooksealFastify;
module.exports.default = hooksealFastify;
