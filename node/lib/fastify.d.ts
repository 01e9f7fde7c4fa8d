import type { ImageKitOptions, UnwrapWebhookEvent, VerifiedDelivery } from './index';

export interface HooksealFastifyOptions extends ImageKitOptions {
  /** Alias of `webhookSecret` (default `IMAGEKIT_WEBHOOK_SECRET`). */
  secret?: ImageKitOptions['webhookSecret'];
}

/** Fastify plugin (register it inside the scope of your webhook routes). */
declare function hooksealFastify(fastify: any, options: HooksealFastifyOptions, done: (err?: Error) => void): void;
export { hooksealFastify };
export default hooksealFastify;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by hookseal/fastify in its scope. */
    webhookEvent: UnwrapWebhookEvent | null;
    /** What verified (`replay: 'unavailable'` when a fail-open guard let it through unchecked). */
    webhookVerified: VerifiedDelivery | null;
  }
}
