# The hookseal CLI (cli/).
TEST_TARGETS += test-cli
HOOKSEAL_BIN := $(CARGO_TARGET_DIR)/release/hookseal

.PHONY: test-cli cli
cli:
	$(CARGO) build -p hookseal-cli --release

test-cli: deps-rust
	$(CARGO) clippy -p hookseal-cli --all-targets -- -D warnings
	$(CARGO) test -p hookseal-cli
