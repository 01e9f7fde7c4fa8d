"""Replay protection across processes and languages (issues 7, 13, 14): 12 receivers, 3 each in
Python, Node, Go and Ruby, share one Redis; each delivers the same 200 signed messages 5 times, all at
once. Exactly 200 deliveries may be accepted; every other one must be `replayed`.

Run by `make test-redis-cross` with the Python venv that has the hookseal wheel; starts its own
redis-server on a free loopback port and stops it.
"""

import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import hookseal

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
MESSAGES = 200
ROUNDS = 5
PYTHON_WORKERS = 3
NODE_WORKERS = 3
GO_WORKERS = 3
RUBY_WORKERS = 3
LANGS = 4
SECRET = "whsec_cross-language-" + os.urandom(8).hex()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis() -> "tuple[subprocess.Popen[bytes], int]":
    port = free_port()
    proc = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, port
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                raise SystemExit("redis-server did not start") from None
            time.sleep(0.02)


def main() -> int:
    redis, port = start_redis()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            signer = hookseal.Signer(SECRET, key_mode="imagekit")
            now = int(time.time())
            deliveries = []
            for i in range(MESSAGES):
                body = json.dumps({"type": "file.created", "id": f"evt_{i}", "data": {"fileId": f"f{i}"}})
                msg_id = f"msg_cross_{i}_{os.urandom(4).hex()}"
                sig = signer.sign(msg_id, now, body)
                deliveries.append({"body": body, "headers": {"webhook-id": msg_id, "webhook-timestamp": str(now), "webhook-signature": sig}})
            spec = Path(tmp) / "deliveries.json"
            spec.write_text(json.dumps({"secret": SECRET, "redis": f"redis://127.0.0.1:{port}/", "rounds": ROUNDS, "deliveries": deliveries}))
            go = Path(tmp) / "go"
            go_worker = Path(tmp) / "go-worker"
            subprocess.run(["go", "build", "-o", str(go_worker), "./internal/crossworker"], cwd=REPO / "go",
                           env={**os.environ, "CGO_ENABLED": "0"}, check=True)
            workers = []
            for n in range(PYTHON_WORKERS + NODE_WORKERS + GO_WORKERS + RUBY_WORKERS):
                if n % LANGS == 0:
                    cmd = [sys.executable, str(HERE / "worker.py")]
                elif n % LANGS == 1:
                    cmd = ["node", "--import", str(REPO / "node/test/fixtures/resolve-from-package.mjs"), str(HERE / "worker.mjs")]
                elif n % LANGS == 2:
                    cmd = [str(go_worker)]
                else:
                    cmd = ["ruby", "-I", str(REPO / "ruby/lib"), str(HERE / "worker.rb")]
                workers.append(subprocess.Popen(cmd + [str(spec), str(go), str(random.randrange(1 << 30))], stdout=subprocess.PIPE, text=True))
            # Every worker has loaded and is polling for `go`: release them together.
            time.sleep(1.5)
            go.touch()
            results = []
            for w in workers:
                out, _ = w.communicate(timeout=120)
                if w.returncode != 0:
                    print(out)
                    raise SystemExit(f"a worker failed with exit code {w.returncode}")
                results.append(json.loads(out.strip().splitlines()[-1]))
    finally:
        redis.kill()
        redis.wait()

    accepted = sum(r["accepted"] for r in results)
    replayed = sum(r["replayed"] for r in results)
    other = [r["other"] for r in results if r["other"]]
    total = (PYTHON_WORKERS + NODE_WORKERS + GO_WORKERS + RUBY_WORKERS) * ROUNDS * MESSAGES
    for r in results:
        print(f"  {r['lang']:<6} accepted {r['accepted']:>4}  replayed {r['replayed']:>4}  other {r['other']}")
    print(f"{total} deliveries from {PYTHON_WORKERS} Python, {NODE_WORKERS} Node, {GO_WORKERS} Go and {RUBY_WORKERS} Ruby processes: "
          f"{accepted} accepted, {replayed} replayed")
    checks = [
        ("exactly one acceptance per message", accepted == MESSAGES),
        ("every other delivery replayed", replayed == total - MESSAGES),
        ("no other outcome", not other),
        ("every language accepted some", all(any(r["accepted"] for r in results if r["lang"] == lang) for lang in ("python", "node", "go", "ruby"))),
    ]
    failed = [name for name, ok in checks if not ok]
    for name, ok in checks:
        print(f"  {'ok  ' if ok else 'FAIL'} {name}")
    print(f"{len(checks) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
