"""ReplayGuard.redis against a real redis-server on a loopback port, started here (skipped when
redis-server is not installed; `make test-redis` installs it). Two verifiers sharing one Redis
stand for two receiver machines: a delivery accepted by one is a replay at the other."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from typing import Iterator

import pytest
from conftest import SECRET

import hookseal
from hookseal import ImageKit, ReplayGuard, Signer, Webhooks

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed")


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_a_delivery_is_accepted_once_across_receivers(redis_url: str) -> None:
    prefix = f"hookseal-test:{time.time_ns()}:"
    machine_a = ImageKit(webhook_secret=SECRET, replay_guard=ReplayGuard.redis(redis_url, prefix=prefix))
    machine_b = ImageKit(webhook_secret=SECRET, replay_guard=ReplayGuard.redis(redis_url, prefix=prefix))
    body = hookseal.sample_body("file.deleted")
    headers = Signer(SECRET).headers(body)
    event = machine_a.webhooks.unwrap(body, headers=headers)
    assert event.verified is not None and event.verified.replay == "recorded"
    with pytest.raises(hookseal.ReplayedError):
        machine_b.webhooks.unwrap(body, headers=headers)
    # A forgery is never recorded, so it cannot block the genuine delivery.
    fresh = Signer(SECRET).headers(body)
    forged = {**fresh, "webhook-signature": Signer("whsec_other").sign(fresh["webhook-id"], int(fresh["webhook-timestamp"]), body)}
    with pytest.raises(hookseal.InvalidSignatureError):
        machine_a.webhooks.unwrap(body, headers=forged)
    assert machine_b.webhooks.unwrap(body, headers=fresh).type == "file.deleted"


def test_concurrent_deliveries_of_one_id_record_once(redis_url: str) -> None:
    guard = ReplayGuard.from_spec(redis_url)
    assert guard is not None
    wh = Webhooks(SECRET, replay_guard=guard)
    body = hookseal.sample_body("file.created")
    headers = Signer(SECRET).headers(body)
    outcomes: list[str] = []
    lock = threading.Lock()

    def deliver() -> None:
        try:
            wh.verify(body, headers)
            result = "ok"
        except hookseal.ReplayedError:
            result = "replayed"
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok"] + ["replayed"] * 7
