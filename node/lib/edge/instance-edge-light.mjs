// Vercel Edge / Next.js edge runtime: `?module` imports a .wasm file as a WebAssembly.Module.
import mod from '../../wasm/hookseal.wasm?module';

export const instance = new WebAssembly.Instance(mod, {});
