// Type-checked with `tsc --strict --noEmit` by test/package.test.mjs: narrowing on event.type
// must reach each event's own fields, with the JSON's own names.
import express from 'express';
import ImageKit, { Webhook, WebhookVerificationError, ReplayGuard, type UnwrapWebhookEvent } from 'hookseal';
import { webhookMiddleware } from 'hookseal/express';
import { verifyRequest } from 'hookseal/fetch';
import { sampleEvent, generateHeaders } from 'hookseal/testing';

const client = new ImageKit({ privateKey: 'private_key', webhookSecret: 'whsec_x', replayGuard: ReplayGuard.inMemory() });
// @ts-expect-error the rest of ImageKit's SDK is not here: keep an @imagekit/nodejs client for it
void client.files.upload;

function handle(event: UnwrapWebhookEvent): string | undefined {
  switch (event.type) {
    case 'video.transformation.accepted':
      // @ts-expect-error only `ready` has an output
      void event.data.transformation.output;
      return event.data.asset.url + event.request.x_request_id;
    case 'video.transformation.ready':
      return `${event.data.transformation.output?.url} ${event.data.transformation.output?.video_metadata?.bitrate} ${event.timings?.encoding_duration}`;
    case 'video.transformation.error':
      return event.data.transformation.error?.reason;
    case 'upload.pre-transform.success':
      return event.data.fileId ?? event.data.thumbnailUrl ?? event.request.transformation;
    case 'upload.pre-transform.error':
      return event.data.transformation.error.reason + event.data.path;
    case 'upload.post-transform.success':
      return event.data.url + event.request.transformation.type;
    case 'upload.post-transform.error':
      return event.data.transformation.error.reason;
    case 'file.created':
    case 'file.updated':
    case 'file-version.created':
      return event.data.fileId ?? event.data.versionInfo?.name ?? event.data.AITags?.[0]?.name;
    case 'file.deleted':
      // @ts-expect-error narrowing is precise: file.deleted has no versionId
      void event.data.versionId;
      return event.data.fileId;
    case 'file-version.deleted':
      return event.data.versionId;
    case 'folder.created':
    case 'folder.updated':
      return event.data.folderPath;
    case 'folder.deleted':
      return event.data.folderId;
    default: {
      // An unknown (newer) type: still a string, the JSON kept as sent.
      const t: string = event.type;
      return t;
    }
  }
}

const app = express();
app.post('/webhook', express.raw({ type: 'application/json' }), (req, res) => {
  try {
    const event = client.webhooks.unwrap(req.body, { headers: req.headers });
    handle(event);
    res.json({ received: true });
  } catch (err) {
    if (err instanceof WebhookVerificationError) {
      const code: string = err.code;
      res.status(400).json({ error: code, message: err.message });
    }
  }
});
app.post('/mw', webhookMiddleware({ secret: 'whsec_x' }), (req, res) => {
  res.json({ type: req.webhookEvent?.type, replay: req.webhookVerified?.replay });
});

async function nextRoute(request: Request): Promise<Response> {
  const event = await verifyRequest(request, { secret: 'whsec_x' });
  return Response.json({ type: event.type });
}

const wh = new Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
const sig: string = wh.sign('msg_1', new Date(), '{}');
const payload: unknown = wh.verify('{}', generateHeaders('whsec_x', '{}'));
const ready = sampleEvent('video.transformation.ready');
const url: string | undefined = ready.data.transformation.output?.url;
const detail = client.webhooks.verify('{}', { headers: { 'webhook-id': 'x' }, now: 1 });
const idx: number = detail.keyIndex;
const both = client.webhooks.unwrapVerified('{}', { headers: { 'webhook-id': 'x' } });
const replay: string = both.verified.replay;
const bothType: string = both.event.type;

// @ts-expect-error the union is not `any`: unknown fields are not silently allowed before narrowing
void ((e: UnwrapWebhookEvent) => e.data.fileId);

export { handle, nextRoute, sig, payload, url, idx, replay, bothType };
