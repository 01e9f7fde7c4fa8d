#!/usr/bin/env bash
# The cross-language differential run: N generated cases through every runner, in chunks, each
# chunk compared at once (tests/differential/README.md). `make test-differential` runs a short
# round, `make differential N=1000000` a long one.
#   tests/differential/run.sh N [SEED]
# Needs the built packages (mk/differential.mk builds them): PY (a Python with the hookseal wheel
# installed), CARGO_TARGET_DIR, node/ with its addon and WebAssembly build, ruby/lib with its
# extension, and Go; KOTLIN_CP (the test classpath of kotlin/, whose classes are compiled) adds the
# Kotlin/JVM runner, SWIFT_TEST (the `swift test` command line, run in swift/) the Swift one.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
N="${1:?number of cases}"
SEED="${2:-1}"
CHUNK="${DIFF_CHUNK:-20000}"
PY="${PY:?a Python with hookseal installed}"
# The generator imports the vector generator (it needs `cryptography`: make deps-vectors).
GEN_PY="${GEN_PY:-python3}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
# One folder per run: two runs at once must not share their chunk files.
WORK="$TARGET/differential/run-$$"
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"

cargo build -q --release -p hookseal --example differential
(cd go && CGO_ENABLED=0 go test -c -o "$WORK/go.test" .)

total=0
start=0
t0=$(date +%s)
while [ "$start" -lt "$N" ]; do
  n=$(( N - start < CHUNK ? N - start : CHUNK ))
  runners=""
  cases="$WORK/cases.jsonl"
  "$GEN_PY" tests/differential/generate.py "$n" --seed "$SEED" --start "$start" > "$cases"
  "$TARGET/release/examples/differential" "$cases" > "$WORK/rust.jsonl" &
  "$PY" tests/differential/run_python.py "$cases" > "$WORK/python.jsonl" &
  wait
  HOOKSEAL_BACKEND=native node tests/differential/run_node.mjs "$cases" > "$WORK/node.jsonl" &
  HOOKSEAL_BACKEND=wasm node tests/differential/run_node.mjs "$cases" > "$WORK/node-wasm.jsonl" &
  wait
  (cd go && HOOKSEAL_DIFF_CASES="$cases" HOOKSEAL_DIFF_OUT="$WORK/go.jsonl" "$WORK/go.test" -test.run '^TestDifferential$' >/dev/null) &
  ruby -I ruby/lib tests/differential/run_ruby.rb "$cases" > "$WORK/ruby.jsonl" &
  wait
  if [ -n "${KOTLIN_CP:-}" ]; then
    (cd kotlin && java -cp "target/classes:target/test-classes:$KOTLIN_CP" dev.hookseal.DifferentialRunner "$cases" "$WORK/kotlin.jsonl")
    runners="$runners kotlin=$WORK/kotlin.jsonl"
  fi
  if [ -n "${SWIFT_TEST:-}" ]; then
    # SWIFT_TEST is a shell command line (it may start with VAR=value): eval it. The toolchain
    # root starts with an empty environment; SWIFT_TOOLCHAIN_ENV names what passes in.
    (cd swift && export HOOKSEAL_DIFF_CASES="$cases" HOOKSEAL_DIFF_OUT="$WORK/swift.jsonl" \
      SWIFT_TOOLCHAIN_ENV="HOOKSEAL_DIFF_CASES HOOKSEAL_DIFF_OUT" \
      && eval "$SWIFT_TEST --filter DifferentialRunnerTests" >"$WORK/swift.log" 2>&1) \
      || { tail -30 "$WORK/swift.log"; exit 1; }
    runners="$runners swift=$WORK/swift.jsonl"
  fi
  # shellcheck disable=SC2086 # $runners is a list of NAME=FILE words
  "$GEN_PY" tests/differential/compare.py "$cases" rust="$WORK/rust.jsonl" python="$WORK/python.jsonl" \
    node="$WORK/node.jsonl" node-wasm="$WORK/node-wasm.jsonl" go~zero="$WORK/go.jsonl" ruby="$WORK/ruby.jsonl" $runners \
    | sed "s/^differential: /differential (cases $start-$(( start + n - 1 ))): /"
  start=$(( start + n ))
  total=$(( total + n ))
done
echo "differential: $total cases (seed $SEED) through $(( ${KOTLIN_CP:+1} + ${SWIFT_TEST:+1} + 6 )) runners, 0 disagreements, $(( $(date +%s) - t0 )) s"
