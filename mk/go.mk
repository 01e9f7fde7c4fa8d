# Go: the module in go/ (github.com/hookseal/hookseal/go) runs the core's WebAssembly build under
# wazero, pure Go. Its embedded go/internal/core/hookseal.wasm is committed (go get needs it) and
# must be byte for byte what `scripts/wasm-build.sh OUT host-hmac` builds (the npm module, with
# HMAC-SHA256 imported from Go): `make go-wasm` refreshes it, test-go fails on a stale copy.
# Included by the root Makefile.
TEST_TARGETS += test-go
BENCH_TARGETS += bench-go

GO ?= go
# No cgo anywhere: what `go get` users in scratch images and cross-builds get.
GOC := CGO_ENABLED=0 $(GO)
GO_DIR := $(ROOT)/go
GO_EXAMPLE := $(ROOT)/examples/go-receiver
GO_WASM := $(GO_DIR)/internal/core/hookseal.wasm
# Fuzz budgets are counts of executions, not seconds: a -fuzztime duration races Go's fuzz
# coordinator at the deadline (golang/go#75804, unfixed in 1.26) and fails with a bare "context
# deadline exceeded" and no crasher. About 4,500 execs/s here, so 40,000 is ~10 s.
GO_FUZZ_EXECS ?= 40000

.PHONY: deps-go build-go-wasm go-wasm go-wasm-check test-go bench-go fuzz-go

# Modules from the Go module proxy, once (go.sum pins them).
deps-go:
	cd $(GO_DIR) && $(GOC) mod download
	cd $(GO_EXAMPLE) && $(GOC) mod download

GO_WASM_BUILT := $(ROOT)/target/go/hookseal.wasm

build-go-wasm:
	$(ROOT)/scripts/wasm-build.sh $(GO_WASM_BUILT) host-hmac

go-wasm: build-go-wasm
	cp $(GO_WASM_BUILT) $(GO_WASM)

go-wasm-check: build-go-wasm
	@cmp -s $(GO_WASM_BUILT) $(GO_WASM) || { \
	  echo "go/internal/core/hookseal.wasm differs from a fresh build (bindings/wasm --features host-hmac): run 'make go-wasm' and commit it"; exit 1; }

# Vet and format; every test (the shared vectors, error codes, concurrency, the Redis guard against
# a real redis-server, the middleware, the ImageKit client, schema parity); a short native fuzz
# run; the concurrent tests again under the race detector (which needs cgo); the example receiver; a static binary and a cross-build with no C compiler.
test-go: deps-go deps-redis go-wasm-check
	@test -z "$$(cd $(GO_DIR) && gofmt -l . ; cd $(GO_EXAMPLE) && gofmt -l .)" || { echo "gofmt: run gofmt -w go examples/go-receiver"; exit 1; }
	cd $(GO_DIR) && $(GOC) vet ./...
	cd $(GO_DIR) && HOOKSEAL_REQUIRE_REDIS=1 $(GOC) test -count=1 ./...
	cd $(GO_DIR) && $(GOC) test -run '^$$' -fuzz=FuzzVerify -fuzztime=$(GO_FUZZ_EXECS)x .
	cd $(GO_DIR) && HOOKSEAL_REQUIRE_REDIS=1 CGO_ENABLED=1 $(GO) test -race -count=1 -run 'Concurrent|Redis|Custom' .
	cd $(GO_EXAMPLE) && $(GOC) vet ./... && $(GOC) test -count=1 ./...
	cd $(GO_EXAMPLE) && $(GOC) build -o $(ROOT)/target/go-receiver . && ! ldd $(ROOT)/target/go-receiver >/dev/null 2>&1
	cd $(GO_EXAMPLE) && GOOS=darwin GOARCH=arm64 $(GOC) build -o /dev/null . && GOOS=windows GOARCH=amd64 $(GOC) build -o /dev/null .

fuzz-go: deps-go
	cd $(GO_DIR) && $(GOC) test -run '^$$' -fuzz=FuzzVerify -fuzztime=$$(( $(FUZZ_SECONDS) * 4500 ))x .

# Verify and unwrap at 200 B, 2 KiB, 64 KiB and 1 MiB beside the Standard Webhooks Go library and
# crypto/hmac (the floor), in one run.
bench-go: deps-go
	cd $(GO_DIR) && $(GOC) test -run '^$$' -bench . -benchmem -count=1 .
