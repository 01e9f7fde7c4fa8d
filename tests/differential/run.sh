#!/usr/bin/env bash
# The cross-language differential run: N generated cases through every runner, in chunks, each
# chunk compared at once (tests/differential/README.md). `make test-differential` runs a short
# round, `make differential N=1000000` a long one.
#   tests/differential/run.sh N [SEED]
# Needs the built packages (mk/differential.mk builds them): PY (a Python with the hookseal wheel
# installed), CARGO_TARGET_DIR, node/ with its addon and WebAssembly build, ruby/lib with its
# extension, and Go.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
N="${1:?number of cases}"
SEED="${2:-1}"
CHUNK="${DIFF_CHUNK:-20000}"
PY="${PY:?a Python with hookseal installed}"
# The generator imports the vector generator (it needs `cryptography`: make deps-vectors).
GEN_PY="${GEN_PY:-python3}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
WORK="$TARGET/differential"
mkdir -p "$WORK"
cd "$ROOT"

cargo build -q --release -p hookseal --example differential
(cd go && CGO_ENABLED=0 go test -c -o "$WORK/go.test" .)

total=0
start=0
t0=$(date +%s)
while [ "$start" -lt "$N" ]; do
  n=$(( N - start < CHUNK ? N - start : CHUNK ))
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
  "$GEN_PY" tests/differential/compare.py "$cases" rust="$WORK/rust.jsonl" python="$WORK/python.jsonl" \
    node="$WORK/node.jsonl" node-wasm="$WORK/node-wasm.jsonl" go~zero="$WORK/go.jsonl" ruby="$WORK/ruby.jsonl" \
    | sed "s/^differential: /differential (cases $start-$(( start + n - 1 ))): /"
  start=$(( start + n ))
  total=$(( total + n ))
done
echo "differential: $total cases (seed $SEED) through 6 runners, 0 disagreements, $(( $(date +%s) - t0 )) s"
