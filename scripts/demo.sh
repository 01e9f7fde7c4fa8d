#!/usr/bin/env bash
# make demo: start the Flask and Express example receivers on loopback ports, send each every
# event type plus a forged, a stale and a replayed delivery with `hookseal send`, print a summary
# table, stop the servers, and exit non-zero if any outcome differs from the expected one.
#
#   scripts/demo.sh [SEND ARGS...]   default: --all --forge --stale --replay
# Needs: HOOKSEAL_BIN (the CLI), PY_BIN (a venv with the hookseal wheel and Flask), and node/
# built (make cli wheel-python build-node; `make demo` does all of it).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HOOKSEAL_BIN="${HOOKSEAL_BIN:-$ROOT/target/release/hookseal}"
PY_BIN="${PY_BIN:-$ROOT/.cache/python/venv/bin}"
SEND_ARGS=("$@")
[ ${#SEND_ARGS[@]} -gt 0 ] || SEND_ARGS=(--all --forge --stale --replay)

# The receivers are the examples as written from ImageKit's docs: their secret comes from the
# environment, and so does their replay guard (HOOKSEAL_REPLAY_GUARD), with no code change.
export IMAGEKIT_WEBHOOK_SECRET="whsec_demo$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
export HOOKSEAL_REPLAY_GUARD=memory
LOGS="$(mktemp -d)"
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$LOGS"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_port() { # name port pid
    for _ in $(seq 1 150); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; then return 0; fi
        if ! kill -0 "$3" 2>/dev/null; then
            echo "demo: the $1 receiver exited at start:" >&2
            cat "$LOGS/$1.log" >&2
            return 1
        fi
        sleep 0.1
    done
    echo "demo: the $1 receiver did not open port $2" >&2
    return 1
}

FLASK_PORT=$(free_port)
(cd "$ROOT/examples" && exec "$PY_BIN/python" -m flask --app flask_app run --host 127.0.0.1 --port "$FLASK_PORT") \
    >"$LOGS/flask.log" 2>&1 &
PIDS+=($!)
wait_port flask "$FLASK_PORT" "${PIDS[-1]}"

EXPRESS_PORT=$(free_port)
PORT=$EXPRESS_PORT node --import "$ROOT/node/test/fixtures/resolve-from-package.mjs" "$ROOT/examples/express_app.mjs" \
    >"$LOGS/express.log" 2>&1 &
PIDS+=($!)
wait_port express "$EXPRESS_PORT" "${PIDS[-1]}"

status=0
rows=()
for receiver in "flask:$FLASK_PORT" "express:$EXPRESS_PORT"; do
    name=${receiver%%:*}
    port=${receiver##*:}
    out=$("$HOOKSEAL_BIN" send --tsv --url "http://127.0.0.1:$port/webhook" --secret "$IMAGEKIT_WEBHOOK_SECRET" \
        "${SEND_ARGS[@]}") || status=1
    while IFS=$'\t' read -r n delivery event expected got ms result; do
        [ "$n" = "#" ] && continue
        rows+=("$name"$'\t'"$delivery"$'\t'"$event"$'\t'"$expected"$'\t'"$got"$'\t'"$ms"$'\t'"$result")
    done <<<"$out"
done

{
    printf 'receiver\tdelivery\tevent\texpected\tgot\tms\tresult\n'
    printf '%s\n' "${rows[@]}"
} | column -t -s $'\t'
mismatches=$(printf '%s\n' "${rows[@]}" | awk -F'\t' '$7 != "ok"' | wc -l)
echo
echo "${#rows[@]} deliveries to 2 receivers (Flask :$FLASK_PORT, Express :$EXPRESS_PORT), $((${#rows[@]} - mismatches)) as expected"
if [ "$status" -ne 0 ] || [ "$mismatches" -ne 0 ]; then
    echo "demo: FAILED: some deliveries were not answered as expected" >&2
    exit 1
fi
