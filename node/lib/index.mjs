// ESM entry point on Node: the same objects as the CommonJS entry (one backend, one set of classes).
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
  backend,
} = cjs;

export default ImageKit;
