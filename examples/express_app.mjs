// ImageKit's documented Express webhook receiver, with only the import line changed:
//   - import ImageKit from '@imagekit/nodejs';
//   + import ImageKit from 'hookseal';
// Run: npm install hookseal express && IMAGEKIT_WEBHOOK_SECRET=whsec_... PORT=3000 node express_app.mjs
import express from 'express';
import ImageKit from 'hookseal';

const client = new ImageKit({
  privateKey: process.env['IMAGEKIT_PRIVATE_KEY'],
  webhookSecret: process.env['IMAGEKIT_WEBHOOK_SECRET'],
});

const app = express();

// The raw body is needed to verify the signature: express.raw, not express.json.
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
    console.error('Webhook verification failed:', err.message);
    res.status(400).json({ error: err.message });
  }
});

const port = process.env.PORT || 3000;
app.listen(port, '127.0.0.1', () => {
  console.log(`Webhook receiver listening on http://127.0.0.1:${port}/webhook`);
});
