'use strict';
// hookseal on Node: the native addon where this platform has a binary, else the WebAssembly
// build (same API). HOOKSEAL_BACKEND=native or =wasm forces one; it is read once, at load.
// `require('hookseal/native')` and `require('hookseal/wasm')` name one explicitly.
const { envVar } = require('./api.cjs');

function load() {
  const want = String(envVar('HOOKSEAL_BACKEND') ?? '').trim().toLowerCase();
  if (want === 'wasm') return require('./wasm.cjs');
  if (want !== '' && want !== 'native' && want !== 'auto') {
    throw new Error(`HOOKSEAL_BACKEND must be "native", "wasm" or "auto", not ${JSON.stringify(want)}`);
  }
  try {
    return require('./native.cjs');
  } catch (nativeError) {
    if (want === 'native') throw nativeError;
    try {
      return require('./wasm.cjs');
    } catch (wasmError) {
      throw new Error(`hookseal: neither the native addon (${nativeError.message}) nor the WebAssembly build (${wasmError.message}) loads`);
    }
  }
}

module.exports = load();
