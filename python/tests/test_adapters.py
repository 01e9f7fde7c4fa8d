"""hookseal.flask, hookseal.fastapi and hookseal.django through each framework's own test
client: a valid, a forged, a stale and a replayed delivery."""

from __future__ import annotations

from typing import Any, Callable

import pytest
from conftest import SECRET

import hookseal
from hookseal import ImageKit, ReplayGuard, Webhook
from hookseal.testing import headers_for, sample_delivery

STALE = 1_600_000_000


def deliveries() -> dict[str, tuple[str, dict[str, str]]]:
    body, headers = sample_delivery("file.created", SECRET)
    return {
        "valid": (body, headers),
        "forged": (body.replace("catalog", "forged"), headers),
        "stale": (body, headers_for(body, SECRET, timestamp=STALE)),
        "replayed": (body, headers),
    }


EXPECTED = {
    "valid": (200, None),
    "forged": (401, "invalid_signature"),
    "stale": (401, "timestamp_too_old"),
    "replayed": (401, "replayed"),
}


def run_all(post: Callable[[str, dict[str, str]], tuple[int, Any]]) -> None:
    for name, (body, headers) in deliveries().items():
        status, payload = post(body, headers)
        want_status, want_code = EXPECTED[name]
        assert status == want_status, (name, payload)
        if want_code is None:
            assert payload == {"received": True, "file_id": "6540dbea002322e4ebe30de2"}
        else:
            assert payload["code"] == want_code and payload["error"], (name, payload)


def test_flask() -> None:
    from flask import Flask

    from hookseal.flask import verify_webhook

    app = Flask(__name__)
    imagekit = ImageKit(webhook_secret=SECRET, replay_guard=ReplayGuard.in_memory())

    @app.post("/webhook")
    @verify_webhook(imagekit)
    def webhook(event: hookseal.BaseWebhookEvent) -> Any:
        assert isinstance(event, hookseal.FileCreateEvent)
        return {"received": True, "file_id": event.data.file_id}

    client = app.test_client()

    def post(body: str, headers: dict[str, str]) -> tuple[int, Any]:
        r = client.post("/webhook", data=body, headers=headers, content_type="application/json")
        return r.status_code, r.get_json()

    run_all(post)
    r = client.post("/webhook", data={"not": "raw"}, headers=headers_for("x", SECRET))
    assert r.status_code == 401  # form-encoded body: the raw bytes still decide


def test_flask_with_standard_webhook_gives_json() -> None:
    from flask import Flask

    from hookseal.flask import verify_webhook

    app = Flask(__name__)
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    @app.post("/hook")
    @verify_webhook(Webhook(secret))
    def hook(payload: dict[str, Any]) -> Any:
        return {"got": payload["test"]}

    body = '{"test": 1}'
    r = app.test_client().post("/hook", data=body, headers=headers_for(body, secret, key_mode="standard"))
    assert r.status_code == 200 and r.get_json() == {"got": 1}


def test_fastapi() -> None:
    from fastapi import Depends, FastAPI
    from fastapi.testclient import TestClient

    from hookseal.fastapi import verified_event

    app = FastAPI()
    imagekit = ImageKit(webhook_secret=SECRET, replay_guard=ReplayGuard.in_memory())
    dependency = verified_event(imagekit)

    # (Annotated[UnwrapWebhookEvent, Depends(...)] works too; this module's string
    # annotations cannot see a local alias, so the default form is used here.)
    @app.post("/webhook")
    async def webhook(event: Any = Depends(dependency)) -> dict[str, Any]:
        assert isinstance(event, hookseal.FileCreateEvent)
        return {"received": True, "file_id": event.data.file_id}

    client = TestClient(app)

    def post(body: str, headers: dict[str, str]) -> tuple[int, Any]:
        r = client.post("/webhook", content=body, headers=headers)
        data = r.json()
        return r.status_code, data.get("detail", data)

    run_all(post)


@pytest.fixture(scope="module")
def django_client() -> Any:
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            DEBUG=False,
            SECRET_KEY="test",
            ROOT_URLCONF=__name__,
            ALLOWED_HOSTS=["testserver"],
            MIDDLEWARE=["django.middleware.csrf.CsrfViewMiddleware"],
            INSTALLED_APPS=[],
        )
        django.setup()
    from django.test import Client

    return Client(enforce_csrf_checks=True)


def _django_urls() -> list[Any]:
    from django.http import HttpRequest, HttpResponse, JsonResponse
    from django.urls import path

    from hookseal.django import verify_webhook

    imagekit = ImageKit(webhook_secret=SECRET, replay_guard=ReplayGuard.in_memory())

    @verify_webhook(imagekit)
    def webhook(request: HttpRequest, event: Any) -> HttpResponse:
        assert isinstance(event, hookseal.FileCreateEvent)
        return JsonResponse({"received": True, "file_id": event.data.file_id})

    return [path("webhook", webhook)]


urlpatterns: list[Any] = []


def test_django(django_client: Any) -> None:
    urlpatterns[:] = _django_urls()

    def post(body: str, headers: dict[str, str]) -> tuple[int, Any]:
        r = django_client.post("/webhook", data=body, content_type="application/json", headers=headers)
        return r.status_code, r.json()

    run_all(post)
