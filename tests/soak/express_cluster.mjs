// The soak run's Express receiver: a cluster of WORKERS (default 2) processes on one port, each
// with hookseal/express's middleware and ImageKit's client from the environment
// (IMAGEKIT_WEBHOOK_SECRET, HOOKSEAL_REPLAY_GUARD=redis://...). Bad deliveries get the core's
// status (401 replayed, 503 while the Redis guard cannot answer).
// Run: PORT=3001 node --import ./node/test/fixtures/resolve-from-package.mjs tests/soak/express_cluster.mjs
import cluster from 'node:cluster';
import express from 'express';
import { webhookMiddleware } from 'hookseal/express';

const workers = Number(process.env.WORKERS || 2);
const port = Number(process.env.PORT || 3001);

if (cluster.isPrimary) {
  let stopping = false;
  let listening = 0;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('listening', () => {
    if (++listening === workers) console.log(`express cluster of ${workers} listening on 127.0.0.1:${port}`);
  });
  // A worker that dies is a soak failure, not something to hide by restarting it.
  cluster.on('exit', (w, code, signal) => {
    if (!stopping) {
      console.error(`worker ${w.process.pid} exited (${code ?? signal}) during the run`);
      process.exit(1);
    }
  });
  for (const sig of ['SIGTERM', 'SIGINT']) {
    process.on(sig, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers)) w.kill();
      setTimeout(() => process.exit(0), 200);
    });
  }
} else {
  const app = express();
  app.post('/webhook', webhookMiddleware(), (req, res) => {
    // `replay` says what the guard did: "recorded", or "unavailable" when it fails open.
    res.json({ received: true, type: req.webhookEvent.type, replay: req.webhookVerified.replay });
  });
  app.listen(port, '127.0.0.1');
}
