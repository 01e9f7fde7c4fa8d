# Kotlin/JVM and Swift over the uniffi binding (bindings/uniffi). `make test-kotlin`, `make test-swift`.
# The cdylib and uniffi-bindgen are built once per run (release, shared target dir); each package
# then generates its bindings from that library, never from a hand-edited copy.
TEST_TARGETS += test-kotlin test-swift

UNIFFI_LIBDIR := $(CARGO_TARGET_DIR)/release
UNIFFI_LIB := $(UNIFFI_LIBDIR)/libhookseal_uniffi.so
KOTLIN_JAR := kotlin/target/hookseal-0.1.0.jar
KOTLIN_VERSION := 2.2.21
MVN := mvn -B --no-transfer-progress

.PHONY: uniffi-lib lint-uniffi deps-kotlin test-kotlin deps-swift test-swift

# Always asks cargo (a no-op when nothing changed); the package builds below skip it.
uniffi-lib:
	$(CARGO) build --release -p hookseal-uniffi --lib --bins

lint-uniffi: deps-rust
	$(CARGO) fmt -p hookseal-uniffi -- --check

deps-kotlin:
	@command -v mvn >/dev/null && command -v javac >/dev/null && command -v unzip >/dev/null || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven default-jdk-headless unzip >/dev/null; }

# `install` runs the tests, packages the jar and puts it in the local Maven repository, where the
# receiver example takes it from like any user would. RedisGuardTest starts its own redis-server
# (deps-redis, mk/redis.mk) on free loopback ports.
test-kotlin: uniffi-lib lint-uniffi deps-kotlin deps-redis
	HOOKSEAL_SKIP_CARGO=1 $(MVN) -f kotlin/pom.xml install
	@# No grep -q: it would stop reading early, and pipefail would report unzip's broken pipe.
	@unzip -Z1 $(KOTLIN_JAR) | grep -x 'linux-x86-64/libhookseal_uniffi.so' >/dev/null \
	  || { echo "$(KOTLIN_JAR) does not carry linux-x86-64/libhookseal_uniffi.so"; exit 1; }
	@echo "$(KOTLIN_JAR) carries linux-x86-64/libhookseal_uniffi.so"
	@# The Java facade's Javadoc builds with doclint on (broken references, bad HTML fail).
	@cd kotlin && javadoc -quiet -Xdoclint:all,-missing -d target/facade-javadoc \
	  -cp "target/classes:$$(find $$HOME/.m2/repository/org/jetbrains/kotlin/kotlin-stdlib/$(KOTLIN_VERSION) $$HOME/.m2/repository/net/java/dev/jna/jna -name '*.jar' | tr '\n' ':')" \
	  $$(find src/main/java -name '*.java') && echo "facade javadoc: ok"
	@unzip -p $(KOTLIN_JAR) META-INF/MANIFEST.MF | grep -q '^Automatic-Module-Name: dev.hookseal' \
	  || { echo "$(KOTLIN_JAR) has no Automatic-Module-Name"; exit 1; }
	$(MVN) -f examples/kotlin-receiver/pom.xml test
	@# ImageKit's documented Spark receiver on the Java facade, started on a free port and sent
	@# every sample event, a forged, a stale, a changed and a replayed delivery.
	$(MVN) -f examples/java-spark-receiver/pom.xml test

# Swift is not packaged for Debian 12: scripts/swift-toolchain.sh keeps a Debian trixie root with
# `swiftlang` under .cache/ (built on first use) and runs `swift` inside it. Without
# --disable-swift-testing the run ends with swift-testing's "0 tests passed" line.
SWIFT_RUN := SWIFT_TOOLCHAIN_BIND="$(filter-out $(ROOT)/%,$(abspath $(CARGO_TARGET_DIR)))" $(ROOT)/scripts/swift-toolchain.sh run

deps-swift:
	scripts/swift-toolchain.sh ensure

# redis-server is not in the chroot, which shares the host's network: scripts/with-redis.sh starts
# two on the host (loopback, free ports) for RedisGuardTests, and SWIFT_TOOLCHAIN_ENV passes their
# ports through the chroot's empty environment. HOOKSEAL_REQUIRE_REDIS turns a skip into a failure.
SWIFT_REDIS_ENV := HOOKSEAL_REQUIRE_REDIS HOOKSEAL_TEST_REDIS_PORT HOOKSEAL_TEST_REDIS_STOPPABLE_PORT HOOKSEAL_TEST_REDIS_STOPPABLE_PID

test-swift: uniffi-lib deps-swift deps-redis
	HOOKSEAL_SKIP_CARGO=1 scripts/uniffi-generate.sh swift swift
	cd swift && HOOKSEAL_REQUIRE_REDIS=1 SWIFT_TOOLCHAIN_ENV="$(SWIFT_REDIS_ENV)" $(ROOT)/scripts/with-redis.sh \
	  env $(SWIFT_RUN) swift test --disable-swift-testing \
	  -Xlinker -L$(UNIFFI_LIBDIR) -Xlinker -rpath -Xlinker $(UNIFFI_LIBDIR)
