// One Node receiver for driver.py: verify every delivery ROUNDS times against the shared Redis.
import { existsSync, readFileSync } from 'node:fs';
import { Webhook, ReplayGuard, ReplayedError, WebhookVerificationError } from 'hookseal';

const [specPath, go, seedArg] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(specPath, 'utf8'));
const webhook = new Webhook(spec.secret, { keyMode: 'imagekit', replayGuard: ReplayGuard.redis(spec.redis) });

// A small seeded shuffle, so each worker sends in its own order.
let seed = Number(seedArg) >>> 0;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const order = [];
for (let r = 0; r < spec.rounds; r++) for (let i = 0; i < spec.deliveries.length; i++) order.push(i);
for (let i = order.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [order[i], order[j]] = [order[j], order[i]];
}

while (!existsSync(go)) await new Promise((r) => setTimeout(r, 1));
const counts = { lang: 'node', accepted: 0, replayed: 0, other: {} };
for (const i of order) {
  const d = spec.deliveries[i];
  try {
    webhook.verify(d.body, d.headers, { jsonParse: false });
    counts.accepted++;
  } catch (e) {
    if (e instanceof ReplayedError) counts.replayed++;
    else if (e instanceof WebhookVerificationError) counts.other[e.code] = (counts.other[e.code] ?? 0) + 1;
    else throw e;
  }
}
console.log(JSON.stringify(counts));
