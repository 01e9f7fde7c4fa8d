'use strict';
// hookseal/wasm on Node: the API over the WebAssembly build, compiled from the .wasm file next to
// the glue (a module file, never inlined bytes). Synchronous, like the native addon.
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { createApi } = require('./api.cjs');
const { createBinding } = require('../wasm/binding.cjs');

const mod = new WebAssembly.Module(readFileSync(path.join(__dirname, '../wasm/hookseal.wasm')));

module.exports = createApi(createBinding(new WebAssembly.Instance(mod, {})), 'wasm');
