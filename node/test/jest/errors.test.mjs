// The same cases as errors.test.cjs through the ESM entry point (`import ... from 'hookseal'`),
// under jest's ESM support (node --experimental-vm-modules): the classes an ESM user imports are
// the ones the errors are instances of.
import { beforeAll, expect, test } from '@jest/globals';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';

import * as hookseal from '../../lib/index.mjs';
import ImageKit, { WebhookVerificationError, ERROR_CODES, backend } from '../../lib/index.mjs';

const require = createRequire(import.meta.url);
const { errorCases, HTTP_STATUS, CLASS_NAME } = require('./cases.cjs');

let redisUrl;
beforeAll(async () => {
  const port = await new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port: p } = s.address();
      s.close(() => resolve(p));
    });
  });
  redisUrl = `redis://127.0.0.1:${port}/`;
});

const CASES = errorCases(hookseal, { redisUrl: () => redisUrl });

test('the backend is the one asked for, and the default export is ImageKit', () => {
  expect(backend).toBe(process.env.HOOKSEAL_BACKEND || 'native');
  expect(ImageKit).toBe(hookseal.ImageKit);
  expect(Object.keys(CASES).sort()).toEqual([...ERROR_CODES].sort());
});

const rows = Object.entries(CASES).flatMap(([code, list]) => list.map(([how, provoke]) => [code, how, provoke]));

test.each(rows)('%s: %s', (code, how, provoke) => {
  const Subclass = hookseal[CLASS_NAME[code]];
  expect(provoke).toThrow(WebhookVerificationError);
  expect(provoke).toThrow(Subclass);
  let err;
  try {
    provoke();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(Error);
  expect(err.code).toBe(code);
  expect(err.httpStatus).toBe(HTTP_STATUS[code]);
  expect(err.name).toBe(CLASS_NAME[code]);
});
