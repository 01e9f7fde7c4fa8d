# Node.js: the napi addon (bindings/node) and the npm package (node/). Included by the root Makefile.
TEST_TARGETS += test-node
BENCH_TARGETS += bench-node

NPM ?= npm
NODE ?= node
NODE_PKG := $(ROOT)/node

.PHONY: deps-node build-node test-node bench-node

# npm ci only when the lockfile changed since the last install (a clean clone always installs).
$(NODE_PKG)/node_modules/.hookseal-installed: $(NODE_PKG)/package.json $(NODE_PKG)/package-lock.json
	cd $(NODE_PKG) && $(NPM) ci --no-audit --no-fund --loglevel=error
	@touch $@

deps-node: $(NODE_PKG)/node_modules/.hookseal-installed

# One release build into the shared target/ (cargo skips it when nothing changed). It regenerates
# the committed loader (binding.js) and types (binding.d.ts); CI fails if they drift.
build-node: deps-node
	cd $(NODE_PKG) && $(NPM) run --silent build
	@if command -v git >/dev/null && ! git -C $(ROOT) diff --quiet -- node/binding.js node/binding.d.ts 2>/dev/null; then \
	  echo "node/binding.js or node/binding.d.ts changed when regenerated: commit them"; \
	  if [ -n "$${CI:-}" ]; then exit 1; fi; \
	fi

# The error suites under jest (test/jest, CommonJS and ESM), as users run them: jest's module
# sandbox is another realm than the addon's, so errors must be recognised by `code`, never by
# `instanceof Error`. Run with HOOKSEAL_BACKEND set, here and in test-wasm (mk/wasm.mk).
NODE_JEST = $(NODE) --experimental-vm-modules node_modules/jest/bin/jest.js --ci

# deps-redis (mk/redis.mk): test/redis.test.mjs starts a real redis-server on a loopback port.
test-node: build-node deps-redis
	cd $(NODE_PKG) && HOOKSEAL_BACKEND=native $(NODE) --test $(patsubst $(NODE_PKG)/%,%,$(filter-out %/wasm.test.mjs %/wasm-runtimes.test.mjs,$(wildcard $(NODE_PKG)/test/*.test.mjs)))
	cd $(NODE_PKG) && HOOKSEAL_BACKEND=native $(NODE_JEST)

bench-node: build-node build-wasm
	cd $(NODE_PKG)/bench && $(NPM) ci --no-audit --no-fund --loglevel=error
	cd $(NODE_PKG) && $(NODE) bench/bench.mjs
