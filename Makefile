# hookseal: the one entry point. `make test` installs what it needs, then runs every suite.
# Each language lives in its own fragment under mk/ and adds itself to TEST_TARGETS/BENCH_TARGETS.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

ROOT := $(CURDIR)
CARGO ?= cargo
PYTHON ?= python3
# One target/ for every crate and binding: builds are slow on 2 cores.
export CARGO_TARGET_DIR ?= $(ROOT)/target
export CARGO_TERM_COLOR ?= never
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 8
FUZZ_TARGETS := signature_header legacy_header verify event_parse

TEST_TARGETS := test-rust
BENCH_TARGETS := bench-rust

-include mk/*.mk

.PHONY: help test test-rust lint vectors-check fuzz fuzz-smoke bench bench-rust deps-rust deps-vectors

help:
	@echo "make test    install what is needed, then run every test suite ($(TEST_TARGETS))"
	@echo "make bench   run the benchmarks and print the tables ($(BENCH_TARGETS))"
	@echo "make fuzz    run each fuzz target for FUZZ_SECONDS=$(FUZZ_SECONDS) seconds"

test: $(TEST_TARGETS)
	@echo "make test: all suites passed ($(TEST_TARGETS))"

bench: $(BENCH_TARGETS)

## Rust core ---------------------------------------------------------------------------------

deps-rust:
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	@rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown' || rustup target add wasm32-unknown-unknown

deps-vectors:
	@$(PYTHON) -c 'import cryptography, jsonschema' 2>/dev/null || $(PYTHON) -m pip install -q cryptography jsonschema

# clippy --workspace builds bindings/ruby too, whose build script runs ruby and needs libclang.
lint: deps-rust deps-ruby
	$(PYTHON) scripts/check-versions.py
	$(PYTHON) schema/generate.py --check
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) clippy -p hookseal-wasm --target wasm32-unknown-unknown -- -D warnings
	$(CARGO) clippy -p hookseal-wasm --target wasm32-unknown-unknown --features host-hmac -- -D warnings

vectors-check: deps-vectors
	$(PYTHON) tests/vectors/generate.py --check

test-rust: lint vectors-check
	$(CARGO) test -p hookseal -- --show-output
	$(MAKE) --no-print-directory fuzz-smoke

# Short fuzz runs in `make test`; `make fuzz` runs longer. cargo-fuzz needs nightly flags:
# RUSTC_BOOTSTRAP lets the stable toolchain accept them.
fuzz-smoke: deps-rust
	@for t in $(FUZZ_TARGETS); do \
	  echo "fuzz $$t for $(FUZZ_SMOKE_SECONDS)s"; \
	  (cd core && RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=$(ROOT)/target/fuzz cargo fuzz run $$t --fuzz-dir fuzz -- \
	      -max_total_time=$(FUZZ_SMOKE_SECONDS) -print_final_stats=0 2>&1 | grep -E '^Done|ERROR|panicked|SUMMARY' ) || exit 1; \
	done

# FUZZ_RUNS=10000000 runs each target for that many executions instead of FUZZ_SECONDS; each
# target's "Done N runs in S second(s)" line is collected in target/fuzz/summary.txt.
FUZZ_LIMIT = $(if $(FUZZ_RUNS),-runs=$(FUZZ_RUNS),-max_total_time=$(FUZZ_SECONDS))
fuzz: deps-rust
	@mkdir -p $(ROOT)/target/fuzz && : > $(ROOT)/target/fuzz/summary.txt
	@for t in $(FUZZ_TARGETS); do \
	  (cd core && RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=$(ROOT)/target/fuzz cargo fuzz run $$t --fuzz-dir fuzz -- $(FUZZ_LIMIT) 2>&1 \
	    | tee $(ROOT)/target/fuzz/$$t.log | grep -E '^Done|ERROR|panicked|SUMMARY') || exit 1; \
	  echo "$$t: $$(grep -E '^Done' $(ROOT)/target/fuzz/$$t.log)" >> $(ROOT)/target/fuzz/summary.txt; \
	done
	@cat $(ROOT)/target/fuzz/summary.txt

bench-rust:
	$(CARGO) bench -p hookseal --bench verify
	$(PYTHON) scripts/bench-table.py $(CARGO_TARGET_DIR)/criterion

## Mutation testing (issue 17): slow (hundreds of builds), so not in `make test` --------------

.PHONY: mutants deps-mutants
deps-mutants:
	@command -v cargo-mutants >/dev/null || $(CARGO) install cargo-mutants --locked --version 27.1.0

# The files whose every mutant the tests must catch; MUTANTS_FILES=core/src/key.rs for one. The
# report lands in mutants.out/ (outcomes.json, caught.txt, missed.txt); MUTANTS_ARGS adds options.
MUTANTS_FILES ?= core/src/key.rs core/src/headers.rs core/src/verify.rs core/src/sign.rs core/src/replay.rs core/src/error.rs
mutants: deps-mutants
	$(CARGO) mutants --no-shuffle -j 1 -p hookseal $(addprefix -f ,$(MUTANTS_FILES)) $(MUTANTS_ARGS)
