// Deno and browsers: fetch the module file next to this package (top-level await), streaming
// when the server says application/wasm, else through an ArrayBuffer.
const url = new URL('../../wasm/hookseal.wasm', import.meta.url);

async function load() {
  if (typeof WebAssembly.instantiateStreaming === 'function') {
    try {
      return (await WebAssembly.instantiateStreaming(fetch(url), {})).instance;
    } catch {
      // Wrong content type (or no streaming support for this URL): fall through.
    }
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`hookseal: cannot load ${url}: HTTP ${response.status}`);
  return (await WebAssembly.instantiate(await response.arrayBuffer(), {})).instance;
}

export const instance = await load();
