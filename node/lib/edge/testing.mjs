// hookseal/testing on edge runtimes: the same helpers as on Node, over the WebAssembly build.
import api from './api.mjs';
import testingHelpers from '../testing-helpers.cjs';

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
} = testingHelpers(api);
