"""The seed: ImageKit's documented Flask receiver (examples/flask_app.py), only its import line
changed, run through Flask's test client for every event type it handles."""

from __future__ import annotations

import importlib.util
import logging
from types import ModuleType

import pytest
from conftest import REPO, SECRET

from hookseal.testing import headers_for, sample_delivery

TWELVE = [
    "video.transformation.accepted",
    "video.transformation.ready",
    "video.transformation.error",
    "upload.pre-transform.success",
    "upload.pre-transform.error",
    "upload.post-transform.success",
    "upload.post-transform.error",
    "file.created",
    "file.updated",
    "file.deleted",
    "file-version.created",
    "file-version.deleted",
]

EXPECTED_LOG = {
    "video.transformation.accepted": "accepted: http://ik.imagekit.io/demo/sample-video.mp4",
    "video.transformation.ready": "ready: http://ik.imagekit.io/demo/sample-video.mp4?tr=f-webm,q-10",
    "video.transformation.error": "failed: download_failed (request f005b939-7ca3-4310-9e1e-009239b3616b)",
    "upload.pre-transform.success": "succeeded: 6540dbea002322e4ebe30de2 https://stage-ik",
    "upload.pre-transform.error": "failed: encoding_failed (722809dc-d6b7-4357-9262-74cdce554350)",
    "upload.post-transform.success": "succeeded: 653fc60e002322e4ebd5b5b7 http://stage-ik",
    "upload.post-transform.error": "failed: 65410644002322e4ebe6c880 encoding_failed",
    "file.created": "created: 6540dbea002322e4ebe30de2 https://ik.imagekit.io/demo/catalog",
    "file.updated": "updated: 6540dbea002322e4ebe30de2 https://ik.imagekit.io/demo/catalog",
    "file.deleted": "deleted: 6540dbea002322e4ebe30de2",
    "file-version.created": "version created: ",
    "file-version.deleted": "version deleted: ",
}


@pytest.fixture
def app_module(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.setenv("IMAGEKIT_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("IMAGEKIT_PRIVATE_KEY", "private_test")
    path = REPO / "examples" / "flask_app.py"
    source = path.read_text("utf-8")
    # The seed's code is ImageKit's, byte for byte, but for its one import line.
    assert "from hookseal import ImageKit" in source and "imagekitio" not in source.split("#")[0]
    spec = importlib.util.spec_from_file_location("flask_app_example", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("event_type", TWELVE)
def test_each_event_type(app_module: ModuleType, event_type: str, caplog: pytest.LogCaptureFixture) -> None:
    client = app_module.app.test_client()
    body, headers = sample_delivery(event_type, SECRET)
    with caplog.at_level(logging.INFO):
        response = client.post("/webhook", data=body, headers=headers, content_type="application/json")
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"received": True}
    messages = [r.getMessage() for r in caplog.records]
    assert any(EXPECTED_LOG[event_type] in m for m in messages), messages
    assert not any("None" in m for m in messages), messages


def test_forged_stale_and_unsigned_deliveries_get_400(app_module: ModuleType) -> None:
    client = app_module.app.test_client()
    body, headers = sample_delivery("file.created", SECRET)
    forged = body.replace("catalog", "hacked")
    assert client.post("/webhook", data=forged, headers=headers).status_code == 400
    stale = headers_for(body, SECRET, timestamp=1_600_000_000)
    response = client.post("/webhook", data=body, headers=stale)
    assert response.status_code == 400 and "old" in response.get_json()["error"]
    assert client.post("/webhook", data=body).status_code == 400
    other = headers_for(body, "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD")
    assert client.post("/webhook", data=body, headers=other).status_code == 400


def test_unknown_types_fall_through(app_module: ModuleType, caplog: pytest.LogCaptureFixture) -> None:
    client = app_module.app.test_client()
    body = '{"type":"folder.created","id":"f","created_at":"2024-01-01T00:00:00Z","data":{}}'
    with caplog.at_level(logging.INFO):
        response = client.post("/webhook", data=body, headers=headers_for(body, SECRET))
    assert response.get_json() == {"received": True}
    assert any("Unhandled event type folder.created" in r.getMessage() for r in caplog.records)
