"""The soak run (make soak): receivers under load sharing one Redis replay guard, Redis stopped
part way through.

Flask under gunicorn (4 workers) and an Express cluster (2 workers) share one real redis-server
through the Redis replay guard. `hookseal load` sends MESSAGES signed deliveries, each message id
COPIES times from concurrent senders spread over both receivers. OUTAGE_AFTER seconds in, Redis
is shut down (saving its data, as a persistent Redis does) and started again OUTAGE_SECONDS
later. Then every message that was only ever refused with 503 is sent again and must be
accepted; a sample of the accepted ones is sent again and must be refused as replayed.

Checks (fail-closed, the default): no request fails below HTTP or gets an answer other than 200,
401 `replayed` or 503 `replay_guard_unavailable`; no id is accepted twice; the accepted ids are
exactly the ids that got at least one answer other than 503 (the guard could answer); Redis holds
one key per accepted id. A second run with the guard set to fail open shows what that trades: no
503, deliveries accepted unchecked (`replay: "unavailable"`).

Loopback only; every process is started here and stopped at the end, bounded by --deadline.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "whsec_c29hay1ydW4tc2VjcmV0LWZvci10ZXN0cw=="


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_call(port: int, *args: str, timeout: float = 2.0) -> bytes:
    """One RESP command over a fresh connection; the raw reply."""
    msg = f"*{len(args)}\r\n" + "".join(f"${len(a.encode())}\r\n{a}\r\n" for a in args)
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(msg.encode())
        try:
            return s.recv(65536)
        except (ConnectionResetError, socket.timeout):
            return b""


class Redis:
    def __init__(self, work: Path) -> None:
        self.port = free_port()
        self.dir = work / "redis"
        self.dir.mkdir()
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        # No periodic saves and no AOF: the data survives because SHUTDOWN SAVE writes it.
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.dir),
             "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if redis_call(self.port, "PING").startswith(b"+PONG"):
                    return
            except OSError:
                pass
            time.sleep(0.02)
        raise SystemExit("soak: redis-server did not start")

    def shutdown(self) -> None:
        try:
            redis_call(self.port, "SHUTDOWN", "SAVE")
        except OSError:
            pass
        if self.proc:
            self.proc.wait(timeout=10)
            self.proc = None

    def dbsize(self) -> int:
        return int(redis_call(self.port, "DBSIZE").strip().lstrip(b":"))

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def wait_http(port: int, what: str, proc: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"soak: {what} exited with {proc.returncode} before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"soak: {what} did not listen on {port}")


def stop(proc: subprocess.Popen[bytes] | None) -> None:
    if proc and proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def load(args: argparse.Namespace, urls: list[str], prefix: str, ts: int, record: Path,
         messages: int | None = None, copies: int | None = None,
         only: Path | None = None) -> subprocess.Popen[str]:
    cmd = [args.bin, "load", "--secret", SECRET, "--id-prefix", prefix, "--timestamp", str(ts),
           "--copies", str(copies or args.copies), "--concurrency", str(args.concurrency),
           "--record", str(record)]
    for u in urls:
        cmd += ["--url", u]
    cmd += ["--only", str(only)] if only else ["--messages", str(messages or args.messages)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def read_record(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line]


def pct(sorted_us: list[int], p: float) -> float:
    if not sorted_us:
        return 0.0
    rank = max(1, min(len(sorted_us), int(-(-p * len(sorted_us) // 100))))
    return sorted_us[rank - 1] / 1000


def run(args: argparse.Namespace, fail_open: bool, work: Path) -> dict:
    mode = "fail_open" if fail_open else "fail_closed"
    print(f"\n== soak run ({mode}): {args.messages} messages x {args.copies} copies, Redis stopped "
          f"{args.outage_after:g} s in for {args.outage_seconds:g} s", flush=True)
    work = work / mode
    work.mkdir()
    redis = Redis(work)
    redis.start()
    guard = f"redis://127.0.0.1:{redis.port}/0" + ("#fail-open" if fail_open else "")
    env = dict(os.environ, IMAGEKIT_WEBHOOK_SECRET=SECRET, HOOKSEAL_REPLAY_GUARD=guard)
    flask_port, express_port = free_port(), free_port()
    procs: list[subprocess.Popen[bytes]] = []
    problems: list[str] = []
    try:
        gunicorn = subprocess.Popen(
            [args.python, "-m", "gunicorn", "--workers", "4", "--bind", f"127.0.0.1:{flask_port}",
             "--chdir", str(ROOT / "tests" / "soak"), "--log-level", "warning", "--backlog", "4096",
             "flask_receiver:app"],
            env=env, start_new_session=True, stderr=open(work / "gunicorn.log", "wb"))
        procs.append(gunicorn)
        express = subprocess.Popen(
            [args.node, "--import", str(ROOT / "node/test/fixtures/resolve-from-package.mjs"),
             str(ROOT / "tests/soak/express_cluster.mjs")],
            env=dict(env, PORT=str(express_port), WORKERS="2"), start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=open(work / "express.log", "wb"))
        procs.append(express)
        wait_http(flask_port, "gunicorn", gunicorn)
        wait_http(express_port, "the Express cluster", express)
        time.sleep(1)  # every worker up, not only the first to bind
        urls = [f"http://127.0.0.1:{flask_port}/webhook", f"http://127.0.0.1:{express_port}/webhook"]
        prefix = f"msg_soak_{mode}_{random.randrange(1 << 30):08x}_"
        ts = int(time.time())

        rec = work / "load.jsonl"
        t0 = time.time()
        sender = load(args, urls, prefix, ts, rec)
        time.sleep(args.outage_after)
        if sender.poll() is not None:
            problems.append(f"the load finished before the outage ({args.outage_after} s): raise --messages")
        down_at = time.time()
        redis.shutdown()
        time.sleep(args.outage_seconds)
        redis.start()
        up_at = time.time()
        out, err = sender.communicate(timeout=args.deadline)
        wall = time.time() - t0
        print(out, end="")
        if sender.returncode != 0:
            problems.append(f"hookseal load exited {sender.returncode}: {err.strip()}")

        answers = read_record(rec)
        by_id: dict[int, list[dict]] = {}
        for a in answers:
            by_id.setdefault(a["i"], []).append(a)
        allowed = {(200, ""), (401, "replayed"), (503, "replay_guard_unavailable")}
        odd = [a for a in answers if (a["status"], a["code"]) not in allowed]
        accepted = {i for i, xs in by_id.items() if any(x["status"] == 200 for x in xs)}
        twice = {i for i, xs in by_id.items() if sum(x["status"] == 200 for x in xs) > 1}
        answered = {i for i, xs in by_id.items() if any(x["status"] != 503 for x in xs)}
        refused = [a for a in answers if a["status"] == 503]
        only_503 = sorted(i for i, xs in by_id.items() if all(x["status"] == 503 for x in xs))
        some_503 = sorted({a["i"] for a in refused} - set(only_503))
        unchecked = [a for a in answers if a["replay"] == "unavailable"]
        in_outage = [a for a in answers if down_at * 1e6 <= a["start_us"] <= up_at * 1e6]
        lat = sorted(a["latency_us"] for a in answers)
        span = (max(a["start_us"] + a["latency_us"] for a in answers) - min(a["start_us"] for a in answers)) / 1e6
        first_503 = min((a["start_us"] for a in refused), default=None)
        last_503 = max((a["start_us"] for a in refused), default=None)

        result = {
            "mode": mode, "messages": args.messages, "copies": args.copies, "requests": len(answers),
            "seconds": round(span, 2), "requests_per_s": round(len(answers) / span),
            "p50_ms": pct(lat, 50), "p99_ms": pct(lat, 99), "max_ms": pct(lat, 100),
            "outage_s": round(up_at - down_at, 2), "requests_in_outage": len(in_outage),
            "accepted": len(accepted), "accepted_twice": len(twice), "answered_ids": len(answered),
            "replayed": sum(a["code"] == "replayed" for a in answers), "status_503": len(refused),
            "ids_only_503": len(only_503), "accepted_unchecked": len(unchecked),
            "first_503_s": round(first_503 / 1e6 - down_at, 2) if first_503 else None,
            "last_503_s": round(last_503 / 1e6 - up_at, 2) if last_503 else None,
            "other_answers": len(odd), "wall_s": round(wall, 1),
        }
        for n, name in enumerate(("flask", "express")):
            mine = sorted(a["latency_us"] for a in answers if a["url"] == n)
            result[f"{name}_requests"] = len(mine)
            result[f"{name}_p50_ms"], result[f"{name}_p99_ms"] = pct(mine, 50), pct(mine, 99)
        if odd:
            problems.append(f"{len(odd)} answers neither 200, 401 replayed nor 503 unavailable, e.g. {odd[:3]}")
        if not in_outage:
            problems.append("no request was sent while Redis was down")

        if not fail_open:
            if twice:
                problems.append(f"{len(twice)} ids accepted twice, e.g. {sorted(twice)[:5]}")
            if accepted != answered:
                problems.append(f"accepted ids ({len(accepted)}) differ from the ids the guard answered ({len(answered)})")
            if not refused:
                problems.append("no 503 while Redis was down: the guard did not fail closed")
            if unchecked:
                problems.append(f"{len(unchecked)} deliveries accepted unchecked while failing closed")
            # Nothing lost: what was only ever refused is accepted now; what another copy got
            # accepted, and a sample of the accepted, are replays (Redis kept them across the restart).
            again = sorted(set(only_503) | set(some_503) | set(random.Random(7).sample(sorted(accepted), min(1000, len(accepted)))))
            ids = work / "resend.txt"
            ids.write_text("\n".join(map(str, again)) + "\n")
            rec2 = work / "resend.jsonl"
            p = load(args, urls, prefix, ts, rec2, copies=1, only=ids)
            out2, err2 = p.communicate(timeout=args.deadline)
            if p.returncode != 0:
                problems.append(f"the resend failed: {err2.strip()}")
            resent = {a["i"]: a for a in read_record(rec2)}
            lost = [i for i in only_503 if resent.get(i, {}).get("status") != 200]
            dup = [i for i in again if i not in only_503 and (resent.get(i, {}).get("status"), resent.get(i, {}).get("code")) != (401, "replayed")]
            result.update(resent=len(again), resent_accepted=sum(resent.get(i, {}).get("status") == 200 for i in only_503),
                          resent_replayed=sum(a["code"] == "replayed" for a in resent.values()))
            if lost:
                problems.append(f"{len(lost)} of the {len(only_503)} ids refused with 503 were not accepted when re-sent, e.g. {lost[:5]}")
            if dup:
                problems.append(f"{len(dup)} re-sent ids that were accepted before were not refused as replayed, e.g. {dup[:5]}")
            keys = redis.dbsize()
            result["redis_keys"] = keys
            if keys != len(accepted) + len(only_503):
                problems.append(f"Redis holds {keys} keys, expected one per accepted id ({len(accepted) + len(only_503)})")
        else:
            if refused:
                problems.append(f"{len(refused)} answers 503 while failing open")
            if not unchecked:
                problems.append("no delivery was reported accepted unchecked (replay: unavailable) while failing open")

        for p_ in procs:
            if p_.poll() is not None:
                problems.append(f"a receiver exited during the run ({p_.args[1:3]}): see {work}")
        result["problems"] = problems
        print(json.dumps(result, indent=1), flush=True)
        return result
    finally:
        for p_ in procs:
            stop(p_)
        redis.kill()


def table(results: list[dict]) -> str:
    rows = [
        ("requests (messages x copies)", lambda r: f"{r['requests']:,} ({r['messages']:,} x {r['copies']})"),
        ("requests/s", lambda r: f"{r['requests_per_s']:,}"),
        ("latency p50 / p99 / max (ms)", lambda r: f"{r['p50_ms']:.1f} / {r['p99_ms']:.1f} / {r['max_ms']:.0f}"),
        ("Flask (gunicorn, 4 workers): requests, p50 / p99 (ms)",
         lambda r: f"{r['flask_requests']:,}, {r['flask_p50_ms']:.1f} / {r['flask_p99_ms']:.1f}"),
        ("Express (cluster of 2): requests, p50 / p99 (ms)",
         lambda r: f"{r['express_requests']:,}, {r['express_p50_ms']:.1f} / {r['express_p99_ms']:.1f}"),
        ("Redis down (s), requests sent meanwhile", lambda r: f"{r['outage_s']} s, {r['requests_in_outage']:,}"),
        ("ids accepted / accepted twice", lambda r: f"{r['accepted']:,} / {r['accepted_twice']}"),
        ("ids the guard answered", lambda r: f"{r['answered_ids']:,}"),
        ("401 replayed", lambda r: f"{r['replayed']:,}"),
        ("503 replay_guard_unavailable (ids only refused)", lambda r: f"{r['status_503']:,} ({r['ids_only_503']:,})"),
        ("accepted unchecked (replay: unavailable)", lambda r: f"{r['accepted_unchecked']:,}"),
        ("re-sent after: accepted / refused as replayed", lambda r: f"{r['resent_accepted']:,} / {r['resent_replayed']:,}" if "resent" in r else "-"),
        ("Redis keys at the end", lambda r: f"{r['redis_keys']:,}" if "redis_keys" in r else "-"),
        ("other answers", lambda r: str(r["other_answers"])),
    ]
    head = "| | " + " | ".join(r["mode"] for r in results) + " |\n|---|" + "---|" * len(results) + "\n"
    return head + "".join(f"| {name} | " + " | ".join(f(r) for r in results) + " |\n" for name, f in rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True, help="the hookseal CLI")
    ap.add_argument("--python", required=True, help="a Python with flask, gunicorn and hookseal")
    ap.add_argument("--node", default="node")
    ap.add_argument("--messages", type=int, default=50_000)
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--concurrency", type=int, default=24)
    ap.add_argument("--outage-after", type=float, default=10.0)
    ap.add_argument("--outage-seconds", type=float, default=4.0)
    ap.add_argument("--deadline", type=float, default=600.0, help="seconds any one load may take")
    ap.add_argument("--out", type=Path, default=ROOT / "target" / "soak")
    args = ap.parse_args()
    if not shutil.which("redis-server"):
        raise SystemExit("soak: redis-server is needed (make deps-redis)")
    work = Path(tempfile.mkdtemp(prefix="hookseal-soak-"))
    results = [run(args, False, work), run(args, True, work)]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    text = table(results)
    (args.out / "table.md").write_text(text)
    print("\n" + text)
    bad = [f"{r['mode']}: {p}" for r in results for p in r["problems"]]
    if bad:
        print("soak: FAILED\n  " + "\n  ".join(bad), file=sys.stderr)
        print(f"soak: logs and records in {work}", file=sys.stderr)
        sys.exit(1)
    shutil.rmtree(work, ignore_errors=True)
    print(f"soak: passed (results in {args.out})")


if __name__ == "__main__":
    main()
