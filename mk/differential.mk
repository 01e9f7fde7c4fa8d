# The cross-language differential run (tests/differential/): generated deliveries through the
# Rust, Python, Node (native and WebAssembly), Go, Ruby, Kotlin/JVM and Swift runners, every answer held
# to the others. `make test` runs a short round (DIFF_SHORT cases); `make differential N=1000000`
# a long one (not in `make test`: 22 minutes for a million cases through 8 runners here).
# Included by the root Makefile.
TEST_TARGETS += test-differential

DIFF_SHORT ?= 3000
N ?= 1000000
SEED ?= 1
DIFF_KOTLIN_CP := $(CARGO_TARGET_DIR)/differential/kotlin.classpath

.PHONY: test-differential differential differential-deps

# The Kotlin runner lives in kotlin/'s test sources: compile them, and write their classpath.
differential-deps: wheel-python deps-python build-node build-wasm build-ruby deps-vectors deps-go uniffi-lib deps-kotlin deps-swift
	$(call py-install,$(PY_VENV))
	HOOKSEAL_SKIP_CARGO=1 $(MVN) -q -f kotlin/pom.xml test-compile
	@mkdir -p $(dir $(DIFF_KOTLIN_CP))
	$(MVN) -q -f kotlin/pom.xml dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=$(DIFF_KOTLIN_CP)
	HOOKSEAL_SKIP_CARGO=1 scripts/uniffi-generate.sh swift swift

# The Swift runner is a test of swift/'s test target (DifferentialRunnerTests), run in the toolchain root.
DIFF_SWIFT_TEST = $(SWIFT_RUN) swift test --disable-swift-testing -Xlinker -L$(UNIFFI_LIBDIR) -Xlinker -rpath -Xlinker $(UNIFFI_LIBDIR)
DIFF_RUN = PY=$(PY_BIN)/python GEN_PY=$(PYTHON) KOTLIN_CP="$$(cat $(DIFF_KOTLIN_CP))" SWIFT_TEST='$(DIFF_SWIFT_TEST)' tests/differential/run.sh

test-differential: differential-deps
	$(DIFF_RUN) $(DIFF_SHORT) $(SEED)

differential: differential-deps
	$(DIFF_RUN) $(N) $(SEED)
