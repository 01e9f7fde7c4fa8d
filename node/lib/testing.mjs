// ESM entry point of hookseal/testing (the same functions as testing.cjs).
import cjs from './testing.cjs';

export const {
  sampleBody,
  sampleEvent,
  sampleEvents,
  generateHeaders,
  generateLegacyHeaders,
  signedDelivery,
  freshMessageId,
  EVENT_TYPES,
  Signer,
} = cjs;
