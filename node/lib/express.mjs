// ESM entry point of hookseal/express.
import cjs from './express.cjs';

export const { webhookMiddleware, verifyWebhook, statusFor } = cjs;
export default webhookMiddleware;
