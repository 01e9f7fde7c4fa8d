# The Redis replay guard (core feature `redis`), against a real redis-server that the tests start
# on a loopback port themselves.
TEST_TARGETS += test-redis
BENCH_TARGETS += bench-redis

.PHONY: test-redis deps-redis bench-redis
deps-redis:
	@command -v redis-server >/dev/null || { \
	  (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null; }

test-redis: deps-redis deps-rust
	$(CARGO) clippy -p hookseal --features redis --all-targets -- -D warnings
	$(CARGO) test -p hookseal --features redis --test redis

# 12 receivers (3 Python, 3 Node, 3 Go, 3 Ruby processes) share one Redis; each delivers the same 200
# signed messages 5 times at once: exactly 200 may be accepted.
TEST_TARGETS += test-redis-cross
.PHONY: test-redis-cross
test-redis-cross: deps-redis wheel-python build-node deps-go build-ruby
	$(call py-install,$(PY_VENV))
	$(PY_BIN)/python tests/redis-cross/driver.py

# Verify + replay guard throughput: in memory vs Redis on loopback (the bench starts its own server).
bench-redis: deps-redis
	$(CARGO) bench -p hookseal --features redis --bench replay
