// ESM entry point of hookseal/fetch.
import cjs from './fetch.cjs';

export const { verifyRequest, createRequestVerifier, errorResponse, statusFor } = cjs;
