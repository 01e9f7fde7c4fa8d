// Writes wasm/binding.cjs, the CommonJS form of wasm/binding.mjs, for the Node fallback (Node 20
// cannot require ESM). Run by `npm run build` (make build-node); the output is not committed.
import { readFileSync, writeFileSync } from 'node:fs';

const src = new URL('../wasm/binding.mjs', import.meta.url);
const text = readFileSync(src, 'utf8');
if (!/^export function createBinding\(/m.test(text) || /^(import|export) /m.test(text.replace(/^export function createBinding\(/m, ''))) {
  throw new Error('wasm/binding.mjs must have exactly one export, `export function createBinding(`, and no imports');
}
writeFileSync(
  new URL('../wasm/binding.cjs', import.meta.url),
  `// Generated from binding.mjs by scripts/wasm-glue-cjs.mjs (npm run build): do not edit.\n'use strict';\n` +
    text.replace(/^export function createBinding\(/m, 'function createBinding(') +
    '\nmodule.exports = { createBinding };\n',
);
