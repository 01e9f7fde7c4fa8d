// hookseal/fetch on edge runtimes: the same adapter as on Node, over the WebAssembly build.
import api from './api.mjs';
import fetchAdapter from '../fetch-adapter.cjs';

export const { verifyRequest, createRequestVerifier, errorResponse, statusFor } = fetchAdapter(api);
