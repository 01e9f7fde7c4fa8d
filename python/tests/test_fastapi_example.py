"""examples/fastapi_app.py through FastAPI's test client."""

from __future__ import annotations

import importlib.util
import logging
import sys
from types import ModuleType

import pytest
from conftest import REPO, SECRET

from hookseal.testing import headers_for, sample_delivery

pytestmark = pytest.mark.skipif(sys.version_info < (3, 10), reason="the example uses match")


@pytest.fixture
def example(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.setenv("IMAGEKIT_WEBHOOK_SECRET", SECRET)
    spec = importlib.util.spec_from_file_location("fastapi_app_example", REPO / "examples" / "fastapi_app.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_valid_forged_stale_replayed(example: ModuleType, caplog: pytest.LogCaptureFixture) -> None:
    from fastapi.testclient import TestClient

    client = TestClient(example.app)
    body, headers = sample_delivery("video.transformation.error", SECRET)
    with caplog.at_level(logging.INFO, logger="fastapi_app"):
        r = client.post("/webhook", content=body, headers=headers)
    assert r.status_code == 200 and r.json() == {"received": True}
    assert any("Video failed: download_failed" in m for m in caplog.messages), caplog.messages

    r = client.post("/webhook", content=body, headers=headers)
    assert r.status_code == 401 and r.json()["detail"]["code"] == "replayed"
    r = client.post("/webhook", content=body.replace("download", "upload"), headers=headers_for(body, SECRET))
    assert r.status_code == 401 and r.json()["detail"]["code"] == "invalid_signature"
    r = client.post("/webhook", content=body, headers=headers_for(body, SECRET, timestamp=1_600_000_000))
    assert r.status_code == 401 and r.json()["detail"]["code"] == "timestamp_too_old"
    r = client.post("/webhook", content=body)
    assert r.status_code == 401 and r.json()["detail"]["code"] == "missing_header"

    for event_type in ("file.created", "file.deleted", "upload.post-transform.error"):
        body, headers = sample_delivery(event_type, SECRET)
        assert client.post("/webhook", content=body, headers=headers).status_code == 200
