# The hookseal CLI (cli/).
TEST_TARGETS += test-cli demo-short
HOOKSEAL_BIN := $(CARGO_TARGET_DIR)/release/hookseal

.PHONY: test-cli cli
cli:
	$(CARGO) build -p hookseal-cli --release

test-cli: deps-rust
	$(CARGO) test -p hookseal-cli

# make demo: the example receivers (Flask, Express) against `hookseal send`. The short form runs
# in make test.
.PHONY: demo demo-short
demo: cli wheel-python build-node
	$(call py-install,$(PY_VENV))
	HOOKSEAL_BIN=$(HOOKSEAL_BIN) PY_BIN=$(PY_BIN) scripts/demo.sh

demo-short: cli wheel-python build-node
	$(call py-install,$(PY_VENV))
	HOOKSEAL_BIN=$(HOOKSEAL_BIN) PY_BIN=$(PY_BIN) scripts/demo.sh --event video.transformation.ready --event file.created --forge --stale --replay
