// hookseal on edge runtimes (workerd, edge-light, Deno, browsers): the same API as on Node, over
// the WebAssembly build (./api.mjs).
import api from './api.mjs';

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
} = api;

export default ImageKit;
