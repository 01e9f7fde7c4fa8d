/// <reference types="node" />
// Public types of the hookseal npm package (hand-written; the native layer's generated types are
// in ../binding.d.ts).

import type { UnwrapWebhookEvent } from './events';

export * from './events';

/** How a secret string becomes HMAC key bytes (contract §2). */
export type KeyMode = 'imagekit' | 'standard' | 'raw';

/** A raw body exactly as received. */
export type Payload = Buffer | Uint8Array | ArrayBuffer | string;

/** Any header container: Node's IncomingHttpHeaders, Fetch Headers, a Map, pairs or rawHeaders. */
export type HeadersLike =
  | { [name: string]: string | string[] | number | undefined }
  | { readonly 'webhook-id'?: string; readonly 'webhook-timestamp'?: string; readonly 'webhook-signature'?: string }
  | import('node:http').IncomingHttpHeaders
  | Headers
  | Map<string, string | string[]>
  | Array<[string, string]>
  | string[];

/** One secret: a string, raw bytes, or a secret with its own key mode (rotation across modes). */
export type SecretSpec = string | Uint8Array | ArrayBuffer | { secret: string | Uint8Array; keyMode?: KeyMode };

/** One secret or several (rotation: a message verifies if any matches; `keyIndex` says which). */
export type Secrets = SecretSpec | SecretSpec[];

export interface VerifierOptions {
  /** Key mode for secrets given without one. */
  keyMode?: KeyMode;
  /** Seconds between the signed timestamp and now, both directions, inclusive (default 300). */
  tolerance?: number;
  /** Also accept ImageKit's legacy `x-ik-signature` when no Standard Webhooks signature is present. */
  legacy?: boolean;
  /** Reject a second delivery of a message id (`replayed`). */
  replayGuard?: ReplayGuard;
  /** Largest accepted body in bytes (default 1 MiB). */
  maxPayloadBytes?: number;
}

export interface CallOptions {
  /** The current time in unix seconds (or a Date): for tests. Default: the clock. */
  now?: number | Date;
}

/** What verified. */
export interface VerifiedDelivery {
  /** `webhook-id`; absent for the legacy header. */
  id?: string;
  /** The signed timestamp, unix seconds. */
  timestamp: number;
  /** Index of the configured secret that matched. */
  keyIndex: number;
  scheme: 'v1' | 'v1a' | 'legacy' | (string & {});
  replay: 'not_checked' | 'recorded' | 'unavailable' | (string & {});
}

export type ErrorCode =
  | 'missing_header'
  | 'invalid_header'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'invalid_signature'
  | 'invalid_secret'
  | 'invalid_payload'
  | 'payload_too_large'
  | 'replayed'
  | 'replay_guard_unavailable';

/** Every failure: `err.code` is the stable code; `instanceof` a subclass tells which. */
export class WebhookVerificationError extends Error {
  constructor(message: string, code?: ErrorCode | string);
  readonly code: ErrorCode;
  /**
   * The HTTP status a receiver answers with, from the core: 401 not genuine (missing headers, bad
   * signature, stale, replayed), 400 malformed, 413 too large, 500 a bad secret, 503 the replay
   * store is down (the sender retries). What the adapters send.
   */
  readonly httpStatus: 400 | 401 | 413 | 500 | 503;
}
export class MissingHeaderError extends WebhookVerificationError { readonly code: 'missing_header'; static readonly code: 'missing_header'; }
export class InvalidHeaderError extends WebhookVerificationError { readonly code: 'invalid_header'; static readonly code: 'invalid_header'; }
export class InvalidTimestampError extends WebhookVerificationError { readonly code: 'invalid_timestamp'; static readonly code: 'invalid_timestamp'; }
export class TimestampTooOldError extends WebhookVerificationError { readonly code: 'timestamp_too_old'; static readonly code: 'timestamp_too_old'; }
export class TimestampTooNewError extends WebhookVerificationError { readonly code: 'timestamp_too_new'; static readonly code: 'timestamp_too_new'; }
export class InvalidSignatureError extends WebhookVerificationError { readonly code: 'invalid_signature'; static readonly code: 'invalid_signature'; }
export class InvalidSecretError extends WebhookVerificationError { readonly code: 'invalid_secret'; static readonly code: 'invalid_secret'; }
export class InvalidPayloadError extends WebhookVerificationError { readonly code: 'invalid_payload'; static readonly code: 'invalid_payload'; }
export class PayloadTooLargeError extends WebhookVerificationError { readonly code: 'payload_too_large'; static readonly code: 'payload_too_large'; }
export class ReplayedError extends WebhookVerificationError { readonly code: 'replayed'; static readonly code: 'replayed'; }
export class ReplayGuardUnavailableError extends WebhookVerificationError { readonly code: 'replay_guard_unavailable'; static readonly code: 'replay_guard_unavailable'; }

/** code -> error subclass. */
export const errorClasses: Readonly<Record<ErrorCode, typeof WebhookVerificationError>>;
/** The error (subclass) for a code. */
export function errorFor(code: ErrorCode | string, message: string): WebhookVerificationError;
/** Every stable error code, from the core. */
export const ERROR_CODES: readonly ErrorCode[];
/** Every known event type, from the core. */
export const EVENT_TYPES: readonly import('./events').KnownEventType[];
/**
 * The build this API runs on: `'native'` (the napi addon) or `'wasm'` (the WebAssembly build:
 * edge runtimes, or Node without a binary for its platform, or `HOOKSEAL_BACKEND=wasm`).
 */
export const backend: 'native' | 'wasm';

/** Replay protection: remembers each verified message id for twice the tolerance. */
export abstract class ReplayGuard {
  /** An in-memory guard for one process (at most `capacity` unexpired ids, default 100,000). */
  static inMemory(options?: { capacity?: number }): InMemoryReplayGuard;
  /**
   * A guard from a one-line setting: `memory`, `memory:CAPACITY`, `redis://...` (when built with
   * Redis support), or `off`/empty (null). The ImageKit entry point reads `HOOKSEAL_REPLAY_GUARD`.
   */
  static fromSpec(spec: string): ReplayGuard | null;
  /**
   * A guard in Redis shared by every receiver using the same Redis and prefix (native addon
   * only; the WebAssembly build throws `replay_guard_unavailable`). While Redis is unreachable,
   * `fail_closed` (default) refuses deliveries with `replay_guard_unavailable`, `fail_open`
   * accepts them (`replay: 'unavailable'`).
   */
  static redis(url: string, options?: RedisReplayGuardOptions): ReplayGuard;
}
export interface RedisReplayGuardOptions {
  /** Key prefix (default `hookseal:replay:`). */
  prefix?: string;
  /** Bound on connecting and on each command, in milliseconds (default 500). */
  timeoutMs?: number;
  /** What to do while Redis is unreachable (default `fail_closed`). */
  failureMode?: 'fail_closed' | 'fail_open';
}
export class InMemoryReplayGuard extends ReplayGuard {
  constructor(options?: { capacity?: number });
  /** Ids held now. */
  readonly size: number;
  readonly capacity: number;
}

/** The general verifier: any key mode (default `imagekit`), any options. */
export class Verifier {
  constructor(secret: Secrets, options?: VerifierOptions);
  /** Verify only. */
  verify(payload: Payload, headers: HeadersLike | undefined, options?: CallOptions): VerifiedDelivery;
  /** Verify, then parse: the event as sent (JSON field names). */
  unwrap(payload: Payload, headers: HeadersLike | undefined, options?: CallOptions): UnwrapWebhookEvent;
  readonly keyCount: number;
}

export interface UnwrapOptions extends CallOptions {
  /** The request's headers; without them `unwrap` throws `missing_header`. */
  headers: HeadersLike | undefined;
  /** Verify with this secret instead of the client's `webhookSecret`. */
  key?: Secrets;
}

/** `client.webhooks`, as in ImageKit's Node SDK. */
export class Webhooks {
  /** Verify a delivery, then return its event. */
  unwrap(body: Payload, options: UnwrapOptions): UnwrapWebhookEvent;
  /**
   * As `unwrap`, and what verified (`verified.replay` is `'unavailable'` when a guard that fails
   * open accepted the delivery unchecked). Not in ImageKit's SDK.
   */
  unwrapVerified(body: Payload, options: UnwrapOptions): { event: UnwrapWebhookEvent; verified: VerifiedDelivery };
  /** Verify only: which secret matched, the timestamp, the replay status. */
  verify(body: Payload, options: UnwrapOptions): VerifiedDelivery;
  /** Parse **without verifying**: development and tests only. */
  unsafeUnwrap(body: Payload): UnwrapWebhookEvent;
}

export interface ImageKitOptions extends VerifierOptions {
  /** For ImageKit's REST API (not used by hookseal; accepted so ImageKit's docs work as written). */
  privateKey?: string;
  /** `whsec_...`; defaults to the client's, then `process.env.IMAGEKIT_WEBHOOK_SECRET`. Several: rotation. */
  webhookSecret?: Secrets | null;
  /** An `@imagekit/nodejs` client the app keeps for uploads and URLs: its `webhookSecret` is used. */
  client?: { webhookSecret?: string | null };
  [option: string]: unknown;
}

/**
 * ImageKit-compatible client: `new ImageKit({ privateKey, webhookSecret }).webhooks.unwrap(...)`.
 * It serves webhooks only: the rest of ImageKit's SDK (`files`, `assets`, ...) throws, and
 * TypeScript refuses it (`never`). Keep an `@imagekit/nodejs` client for those.
 */
export class ImageKit {
  constructor(options?: ImageKitOptions);
  readonly webhooks: Webhooks;
  readonly customMetadataFields: never;
  readonly files: never;
  readonly savedExtensions: never;
  readonly namedTransformations: never;
  readonly assets: never;
  readonly cache: never;
  readonly folders: never;
  readonly accounts: never;
  readonly beta: never;
  readonly helper: never;
  readonly withOptions: never;
}
export default ImageKit;

/** Parse an event **without verifying it** (development and tests only). */
export function unsafeUnwrap(body: Payload): UnwrapWebhookEvent;

/** Standard Webhooks drop-in: the `standardwebhooks` package's `Webhook`, on the core. */
export class Webhook {
  static prefix: string;
  constructor(secret: string | Uint8Array | SecretSpec[], options?: VerifierOptions & { format?: 'raw' });
  /** Verify, then return the payload parsed as JSON (`undefined` if empty or `jsonParse: false`). */
  verify(payload: Payload, headers: HeadersLike | undefined, options?: CallOptions & { jsonParse?: boolean }): unknown;
  /** Verify only. */
  verifyDetails(payload: Payload, headers: HeadersLike | undefined, options?: CallOptions): VerifiedDelivery;
  /** `v1,<base64>` for a message. */
  sign(msgId: string, timestamp: Date | number, payload: Payload): string;
}

/** Signs messages (tests, senders, tools). */
export class Signer {
  constructor(secret: SecretSpec, options?: { keyMode?: KeyMode });
  /** `v1,<base64>` (HMAC) or `v1a,<base64>` (`whsk_` ed25519 key). */
  sign(msgId: string, timestamp: Date | number, body: Payload): string;
  /** The legacy `x-ik-signature` value `t=<ms>,v1=<hex>`. */
  signLegacy(timestampMs: Date | number, body: Payload): string;
  /** A complete Standard Webhooks header set (fresh `msg_...` id and the current time unless given). */
  headers(body: Payload, options?: { id?: string; timestamp?: Date | number }): {
    'webhook-id': string;
    'webhook-timestamp': string;
    'webhook-signature': string;
  };
}
