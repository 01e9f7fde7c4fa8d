// ESM entry of hookseal/native: the same objects as its CommonJS entry.
import cjs from './native.cjs';

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
