// ImageKit's documented Express receiver (examples/express_app.mjs) as a TypeScript user writes
// it, only the import changed from '@imagekit/nodejs': `tsc --strict` must accept it, so that
// narrowing on `event.type` reaches each event's fields as it does with ImageKit's SDK.
import express from 'express';
import ImageKit from 'hookseal';

const client = new ImageKit({
  privateKey: process.env['IMAGEKIT_PRIVATE_KEY'],
  webhookSecret: process.env['IMAGEKIT_WEBHOOK_SECRET'],
});

const app = express();

app.post('/webhook', express.raw({ type: 'application/json' }), (req, res) => {
  try {
    const event = client.webhooks.unwrap(req.body, { headers: req.headers });

    switch (event.type) {
      case 'video.transformation.accepted':
        console.log('Video transformation accepted:', event.data.asset.url);
        break;
      case 'video.transformation.ready':
        console.log('Video ready:', event.data.transformation.output?.url);
        break;
      case 'video.transformation.error':
        console.log('Video transformation failed:', event.data.transformation.error?.reason);
        break;
      case 'upload.pre-transform.success':
        console.log('Pre-transform succeeded:', event.data.fileId);
        break;
      case 'upload.pre-transform.error':
        console.log('Pre-transform failed:', event.data.transformation.error.reason);
        break;
      case 'upload.post-transform.success':
        console.log('Post-transform succeeded:', event.data.url);
        break;
      case 'upload.post-transform.error':
        console.log('Post-transform failed:', event.data.transformation.error.reason);
        break;
      case 'file.created':
        console.log('File created:', event.data.fileId);
        break;
      case 'file.updated':
        console.log('File updated:', event.data.fileId);
        break;
      case 'file.deleted':
        console.log('File deleted:', event.data.fileId);
        break;
      case 'file-version.created':
        console.log('File version created:', event.data.fileId);
        break;
      case 'file-version.deleted':
        console.log('File version deleted:', event.data.versionId);
        break;
      default:
        console.log('Unhandled event type:', event.type);
    }

    res.json({ received: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error('Webhook verification failed:', message);
    res.status(400).json({ error: message });
  }
});

app.listen(Number(process.env.PORT || 3000), '127.0.0.1');
