/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ImageKitOptions, UnwrapWebhookEvent, VerifiedDelivery } from './index';

export interface WebhookMiddlewareOptions extends ImageKitOptions {
  /** Alias of `webhookSecret` (default `IMAGEKIT_WEBHOOK_SECRET`). */
  secret?: ImageKitOptions['webhookSecret'];
  /** Where the event goes on `req` (default `webhookEvent`). */
  property?: string;
}

/** Middleware: raw body, verify, `req.webhookEvent`; or a 400/401/503 JSON answer with the code. */
export function webhookMiddleware(
  options?: WebhookMiddlewareOptions,
): (req: IncomingMessage & { body?: unknown }, res: ServerResponse, next: (err?: unknown) => void) => void;
export { webhookMiddleware as verifyWebhook };
export default webhookMiddleware;
/** The HTTP status the adapters answer for an error code. */
export function statusFor(code: string): 400 | 401 | 413 | 500 | 503;

declare global {
  namespace Express {
    interface Request {
      /** Set by hookseal/express. */
      webhookEvent?: UnwrapWebhookEvent;
      /** What verified (`replay: 'unavailable'` when a fail-open guard let it through unchecked). */
      webhookVerified?: VerifiedDelivery;
      /** The raw body hookseal/express verified. */
      rawBody?: Buffer;
    }
  }
}
