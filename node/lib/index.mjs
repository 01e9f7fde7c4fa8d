// ESM entry point: the same objects as the CommonJS entry (one native addon, one set of classes).
import cjs from './index.cjs';

export const {
  ImageKit,
  Webhook,
  Webhooks,
  Verifier,
  Signer,
  ReplayGuard,
  InMemoryReplayGuard,
  unsafeUnwrap,
  WebhookVerificationError,
  MissingHeaderError,
  InvalidHeaderError,
  InvalidTimestampError,
  TimestampTooOldError,
  TimestampTooNewError,
  InvalidSignatureError,
  InvalidSecretError,
  InvalidPayloadError,
  PayloadTooLargeError,
  ReplayedError,
  ReplayGuardUnavailableError,
  errorClasses,
  errorFor,
  ERROR_CODES,
  EVENT_TYPES,
} = cjs;

export default ImageKit;
