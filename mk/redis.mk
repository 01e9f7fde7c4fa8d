# The Redis replay guard (core feature `redis`), against a real redis-server that the tests start
# on a loopback port themselves.
TEST_TARGETS += test-redis

.PHONY: test-redis deps-redis
deps-redis:
	@command -v redis-server >/dev/null || { \
	  (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null; }

test-redis: deps-redis deps-rust
	$(CARGO) clippy -p hookseal --features redis --all-targets -- -D warnings
	$(CARGO) test -p hookseal --features redis --test redis
