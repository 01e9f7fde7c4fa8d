# The cross-language differential run (tests/differential/): generated deliveries through the
# Rust, Python, Node (native and WebAssembly), Go and Ruby runners, every answer held to the
# others. `make test` runs a short round (DIFF_SHORT cases); `make differential N=1000000` a long
# one (not in `make test`: about N/1000 seconds of CPU per runner).
# Included by the root Makefile.
TEST_TARGETS += test-differential

DIFF_SHORT ?= 3000
N ?= 1000000
SEED ?= 1

.PHONY: test-differential differential differential-deps

differential-deps: wheel-python deps-python build-node build-wasm build-ruby deps-vectors deps-go
	$(call py-install,$(PY_VENV))

test-differential: differential-deps
	PY=$(PY_BIN)/python GEN_PY=$(PYTHON) tests/differential/run.sh $(DIFF_SHORT) $(SEED)

differential: differential-deps
	PY=$(PY_BIN)/python GEN_PY=$(PYTHON) tests/differential/run.sh $(N) $(SEED)
