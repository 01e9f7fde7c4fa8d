// Cloudflare Workers (wrangler): a .wasm import is a compiled WebAssembly.Module.
import mod from '../../wasm/hookseal.wasm';

export const instance = new WebAssembly.Instance(mod, {});
