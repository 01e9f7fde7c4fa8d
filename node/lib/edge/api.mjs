// The API over the WebAssembly build on edge runtimes (workerd, edge-light, Deno, browsers).
// `#hookseal-wasm` (package.json "imports") gives the instance the way each runtime loads a
// module file; nothing is instantiated from inlined bytes.
import { instance } from '#hookseal-wasm';
import { createBinding } from '../../wasm/binding.mjs';
import apiModule from '../api.cjs';

export default apiModule.createApi(createBinding(instance), 'wasm');
