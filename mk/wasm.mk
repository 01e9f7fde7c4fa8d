# The WebAssembly build of the npm package (bindings/wasm -> node/wasm/hookseal.wasm) for edge
# runtimes and as Node's fallback. Included by the root Makefile; needs build-node (mk/node.mk).
TEST_TARGETS += test-wasm

.PHONY: build-wasm test-wasm

# Incremental: rustup's wasm32 target in the shared target/wasm; cargo rebuilds only what changed.
build-wasm:
	$(ROOT)/scripts/wasm-build.sh

# The same API, vector, adapter and package suites as test-node, on the WebAssembly build
# (HOOKSEAL_BACKEND=wasm), plus the edge entry points, the fallback and the size budget, and the
# build in real runtimes: workerd (Miniflare) and Deno, both from npm devDependencies; then the
# jest error suites (NODE_JEST, mk/node.mk) on this backend.
test-wasm: build-wasm build-node deps-redis
	cd $(NODE_PKG) && HOOKSEAL_BACKEND=wasm $(NODE) --test test/vectors.test.mjs test/api.test.mjs \
	  test/standardwebhooks.test.mjs test/events.test.mjs test/adapters.test.mjs test/redis.test.mjs test/package.test.mjs test/wasm.test.mjs \
	  test/wasm-runtimes.test.mjs
	cd $(NODE_PKG) && HOOKSEAL_BACKEND=wasm $(NODE_JEST)
