import type { ImageKitOptions, UnwrapWebhookEvent, CallOptions } from './index';

export interface RequestVerifierOptions extends ImageKitOptions {
  /** Alias of `webhookSecret` (default `IMAGEKIT_WEBHOOK_SECRET`). */
  secret?: ImageKitOptions['webhookSecret'];
}

/** Read the request's raw body once, verify it, return the event (throws WebhookVerificationError). */
export function verifyRequest(request: Request, options?: RequestVerifierOptions & CallOptions): Promise<UnwrapWebhookEvent>;
/** A reusable verifier (one key setup, one replay guard). */
export function createRequestVerifier(
  options?: RequestVerifierOptions,
): (request: Request, options?: CallOptions) => Promise<UnwrapWebhookEvent>;
/** JSON `{ error, message }` with 400/401/503 for a WebhookVerificationError (rethrows anything else). */
export function errorResponse(error: unknown): Response;
export function statusFor(code: string): 400 | 401 | 413 | 500 | 503;
