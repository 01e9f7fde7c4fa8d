// ESM entry point of hookseal/fastify.
import cjs from './fastify.cjs';

export const hooksealFastify = cjs;
export default cjs;
