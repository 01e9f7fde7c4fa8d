"""Hostile HTTP through every framework adapter (make hostile).

Flask and Django (under gunicorn), FastAPI (under uvicorn), Express, Fastify and the fetch adapter
(under node:http) each receive, over real sockets: a 10 MiB body (with a length, and chunked), no
or the wrong content type, a chunked body in small pieces, 1,000 headers, 1,000 repeated
signature headers, and header values with non-ASCII and non-UTF-8 bytes. Every answer must be
the core's status with its JSON `code` (or, for a valid delivery, 200); no server may answer 500
or log a traceback; an over-large body should be refused before it is all sent where the server
allows; and the receivers' memory must stay bounded after 20 more 10 MiB bodies each.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import hookseal

ROOT = Path(__file__).resolve().parents[2]
SECRET = "whsec_aG9zdGlsZS1ydW4tc2VjcmV0LWZvci10ZXN0cw=="
MIB = 1024 * 1024
SIGNER = hookseal.Signer(SECRET, key_mode="imagekit")
BODY = hookseal.sample_body("file.created").encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def signed(body: bytes, msg_id: str | None = None) -> list[tuple[bytes, bytes]]:
    h = SIGNER.headers(body, msg_id=msg_id or hookseal.fresh_message_id(), timestamp=int(time.time()))
    order = ("webhook-id", "webhook-timestamp", "webhook-signature")
    return [(k.encode(), h[k].encode()) for k in order]


class Answer:
    def __init__(self, status: int, body: bytes, sent: int, total: int) -> None:
        self.status, self.body, self.sent, self.total = status, body, sent, total

    @property
    def code(self) -> str:
        try:
            j = json.loads(self.body)
        except ValueError:
            return ""
        if isinstance(j, dict) and isinstance(j.get("detail"), dict):
            j = j["detail"]  # FastAPI's HTTPException shape
        return j.get("code", "") if isinstance(j, dict) else ""


def post(port: int, headers: list[tuple[bytes, bytes]], body: bytes, *, chunked: bool = False,
         piece: int = 64 * 1024, content_type: bytes | None = b"application/json") -> Answer:
    """POST over a raw socket, sending the body in pieces and stopping as soon as the server
    answers (or closes): `sent` says how much of the body went out before that."""
    head = [b"POST /webhook HTTP/1.1", b"Host: 127.0.0.1", b"Connection: close"]
    if content_type is not None:
        head.append(b"Content-Type: " + content_type)
    head += [k + b": " + v for k, v in headers]
    head.append(b"Transfer-Encoding: chunked" if chunked else b"Content-Length: %d" % len(body))
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    sent = 0
    try:
        s.sendall(b"\r\n".join(head) + b"\r\n\r\n")
        while sent < len(body):
            if select.select([s], [], [], 0)[0]:
                break  # answered (or closed) before the body was all sent
            part = body[sent : sent + piece]
            s.sendall(b"%x\r\n%s\r\n" % (len(part), part) if chunked else part)
            sent += len(part)
        else:
            if chunked:
                s.sendall(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass
    raw = b""
    try:
        while True:
            data = s.recv(65536)
            if not data:
                break
            raw += data
    except (ConnectionResetError, socket.timeout):
        pass
    finally:
        s.close()
    if not raw.startswith(b"HTTP/"):
        return Answer(0, raw, sent, len(body))
    head_raw, _, rest = raw.partition(b"\r\n\r\n")
    status = int(head_raw.split(b" ", 2)[1])
    if b"transfer-encoding: chunked" in head_raw.lower():
        out = b""
        while rest:
            size_line, _, rest = rest.partition(b"\r\n")
            n = int(size_line.split(b";")[0] or b"0", 16)
            if n == 0:
                break
            out, rest = out + rest[:n], rest[n + 2 :]
        rest = out
    return Answer(status, rest, sent, len(body))


def cases() -> list[tuple[str, dict, set[tuple[int, str]]]]:
    """(name, how to send it, the acceptable (status, code) answers)."""
    ok = {(200, "")}
    big = b'{"type":"file.created","pad":"' + b"x" * (10 * MIB) + b'"}'
    filler = [(b"x-filler-%04d" % i, b"y") for i in range(1000)]
    return [
        ("valid", {"headers": signed(BODY), "body": BODY}, ok),
        ("no content type", {"headers": signed(BODY), "body": BODY, "content_type": None}, ok),
        ("text/plain", {"headers": signed(BODY), "body": BODY, "content_type": b"text/plain"}, ok),
        ("form-urlencoded", {"headers": signed(BODY), "body": BODY,
                             "content_type": b"application/x-www-form-urlencoded"}, ok),
        ("multipart", {"headers": signed(BODY), "body": BODY,
                       "content_type": b"multipart/form-data; boundary=xyz"}, ok),
        ("chunked, 7-byte pieces", {"headers": signed(BODY), "body": BODY, "chunked": True, "piece": 7}, ok),
        ("empty body", {"headers": signed(b""), "body": b""}, {(400, "invalid_payload")}),
        ("10 MiB, Content-Length", {"headers": signed(big), "body": big}, {(413, "payload_too_large")}),
        ("10 MiB, chunked", {"headers": signed(big), "body": big, "chunked": True}, {(413, "payload_too_large")}),
        ("1,000 extra headers", {"headers": signed(BODY) + filler, "body": BODY}, ok),
        ("1,000 webhook-signature headers", {
            "headers": signed(BODY)[:2] + [(b"webhook-signature", b"v1,AAAA%04d" % i) for i in range(1000)],
            "body": BODY}, {(400, "invalid_header"), (401, "invalid_signature")}),
        ("UTF-8 in another header", {"headers": signed(BODY) + [(b"x-note", "café ✓".encode())], "body": BODY}, ok),
        ("non-UTF-8 byte in another header", {"headers": signed(BODY) + [(b"x-note", b"caf\xe9 \xff")], "body": BODY}, ok),
        ("non-ASCII webhook-id", {"headers": [(b"webhook-id", "msg_é".encode())] + signed(BODY)[1:], "body": BODY},
         {(400, "invalid_header"), (401, "invalid_signature")}),
        ("non-UTF-8 webhook-signature", {"headers": signed(BODY)[:2] + [(b"webhook-signature", b"v1,\xff\xfe")],
                                         "body": BODY}, {(400, "invalid_header"), (401, "invalid_signature")}),
    ]


def rss_kib(pid: int) -> int:
    """Resident memory of a process and its descendants (gunicorn/cluster workers), KiB."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                ppid = int(Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--node", default="node")
    ap.add_argument("--repeat", type=int, default=20, help="10 MiB bodies per server for the memory check")
    ap.add_argument("--out", type=Path, default=ROOT / "target" / "hostile")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hookseal-hostile-"))
    env = dict(os.environ, IMAGEKIT_WEBHOOK_SECRET=SECRET)
    env.pop("HOOKSEAL_REPLAY_GUARD", None)
    ports = {name: free_port() for name in ("flask", "django", "fastapi", "express", "fastify", "fetch")}
    py, here = sys.executable, str(ROOT / "tests" / "hostile")
    # Header limits raised past the 1,000-header cases (gunicorn allows 100 fields by default, Node
    # 16 KiB of headers), so those reach the adapters: with the defaults the servers answer 431
    # themselves and the adapter never runs.
    gunicorn = [py, "-m", "gunicorn", "--workers", "2", "--chdir", here, "--log-level", "warning",
                "--limit-request-fields", "2100"]
    commands = {
        "flask": gunicorn + ["--bind", f"127.0.0.1:{ports['flask']}", "wsgi_apps:flask_app"],
        "django": gunicorn + ["--bind", f"127.0.0.1:{ports['django']}", "wsgi_apps:django_app"],
        "fastapi": [py, "-m", "uvicorn", "--app-dir", here, "--port", str(ports["fastapi"]),
                    "--log-level", "warning", "asgi_app:app"],
        "node": [args.node, "--max-http-header-size=131072", "--import", str(ROOT / "node/test/fixtures/resolve-from-package.mjs"),
                 str(ROOT / "tests/hostile/node_servers.mjs")],
    }
    node_env = {"EXPRESS_PORT": str(ports["express"]), "FASTIFY_PORT": str(ports["fastify"]),
                "FETCH_PORT": str(ports["fetch"])}
    procs = {name: subprocess.Popen(cmd, env=dict(env, **node_env), start_new_session=True,
                                    stdout=subprocess.DEVNULL, stderr=open(work / f"{name}.log", "wb"))
             for name, cmd in commands.items()}
    owner = {"flask": "flask", "django": "django", "fastapi": "fastapi", "express": "node",
             "fastify": "node", "fetch": "node"}
    problems: list[str] = []
    rows: dict[str, dict[str, str]] = {}
    memory: dict[str, tuple[int, int]] = {}
    try:
        for name, port in ports.items():
            deadline = time.monotonic() + 30
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or procs[owner[name]].poll() is not None:
                        raise SystemExit(f"hostile: {name} did not start; see {work / (owner[name] + '.log')}") from None
                    time.sleep(0.05)
        time.sleep(1)
        for case, how, allowed in cases():
            for name, port in ports.items():
                a = post(port, **how)
                got = (a.status, a.code)
                early = a.total > 0 and a.sent < a.total
                cell = f"{a.status} {a.code}".strip() + (f" (after {a.sent / MIB:.1f} of {a.total / MIB:.0f} MiB)" if early else "")
                rows.setdefault(case, {})[name] = cell
                if got not in allowed:
                    problems.append(f"{name}: {case}: got {got}, expected one of {sorted(allowed)}; body {a.body[:200]!r}")
        big = b'{"type":"file.created","pad":"' + b"x" * (10 * MIB) + b'"}'
        for name, port in ports.items():
            pid = procs[owner[name]].pid
            before = rss_kib(pid)
            for i in range(args.repeat):
                a = post(port, signed(big), big, chunked=bool(i % 2))
                if a.status != 413:
                    problems.append(f"{name}: 10 MiB body #{i}: got {a.status}")
            memory[name] = (before, rss_kib(pid))
        for name, p in procs.items():
            log = (work / f"{name}.log").read_text(errors="replace")
            if p.poll() is not None:
                problems.append(f"{name} exited during the run: {log[-500:]}")
            for marker in ("Traceback", "UNEXPECTED", "Error:", "uncaught"):
                if marker in log:
                    problems.append(f"{name} logged {marker!r}: {log[log.index(marker):][:400]}")
    finally:
        for p in procs.values():
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, signal.SIGKILL)

    names = list(ports)
    text = "| case | " + " | ".join(names) + " |\n|---|" + "---|" * len(names) + "\n"
    for case, cells in rows.items():
        text += f"| {case} | " + " | ".join(cells.get(n, "") for n in names) + " |\n"
    text += "| RSS before / after 20 x 10 MiB (MiB, whole server) | " + " | ".join(
        f"{memory[n][0] / 1024:.0f} / {memory[n][1] / 1024:.0f}" if n in memory else "" for n in names) + " |\n"
    for n, (before, after) in memory.items():
        if after - before > 64 * 1024:
            problems.append(f"{n}: memory grew {(after - before) / 1024:.0f} MiB over {args.repeat} 10 MiB bodies")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "table.md").write_text(text)
    print(text)
    if problems:
        print("hostile: FAILED\n  " + "\n  ".join(problems), file=sys.stderr)
        print(f"hostile: server logs in {work}", file=sys.stderr)
        sys.exit(1)
    print(f"hostile: passed (table in {args.out / 'table.md'})")


if __name__ == "__main__":
    main()
