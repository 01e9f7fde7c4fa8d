#!/usr/bin/env bash
# Run a command next to two fresh redis-servers on free loopback ports, and stop them afterwards,
# for test suites that cannot start redis-server themselves (the Swift tests run in a chroot
# without it; the chroot shares this machine's network). The command gets:
#
#   HOOKSEAL_TEST_REDIS_PORT            a server the tests share (each test its own key prefix)
#   HOOKSEAL_TEST_REDIS_STOPPABLE_PORT  a server one test freezes (SIGSTOP) and stops mid-run
#   HOOKSEAL_TEST_REDIS_STOPPABLE_PID   its process id
#
#   scripts/with-redis.sh CMD...
set -euo pipefail

pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        # A frozen server ignores SIGTERM until it is thawed.
        kill -CONT "$pid" 2>/dev/null || true
        kill "$pid" 2>/dev/null || true
        { wait "$pid"; } 2>/dev/null || true
    done
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts a server; sets `port` and `pid`.
start() {
    port="$(free_port)"
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no >/dev/null &
    pid=$!
    pids+=("$pid")
    for _ in $(seq 500); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.02
    done
    echo "with-redis: redis-server did not start on port $port" >&2
    exit 1
}

start
export HOOKSEAL_TEST_REDIS_PORT="$port"
start
export HOOKSEAL_TEST_REDIS_STOPPABLE_PORT="$port" HOOKSEAL_TEST_REDIS_STOPPABLE_PID="$pid"
# The command's stderr goes through fd 3; bash's own notice that a server was killed (the test
# does that on purpose) goes to /dev/null, here and in cleanup.
exec 3>&2
{ "$@" 2>&3; } 2>/dev/null
