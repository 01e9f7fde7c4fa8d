"""Typed usage of hookseal, checked with `mypy --strict` (tests/test_typing.py). Not a test
module: it is type-checked, and run once to prove it also works."""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any

from typing_extensions import assert_type

import hookseal
from hookseal import (
    FileCreateEvent,
    ImageKit,
    ReplayGuard,
    UnwrapWebhookEvent,
    VideoTransformationReadyEvent,
    Webhook,
    WebhookVerificationError,
)
from hookseal.testing import sample_delivery


def handle(event: UnwrapWebhookEvent) -> str:
    # Narrowing on the class.
    if isinstance(event, hookseal.UnknownEvent):
        data: Any = event.data
        return str(data)
    if isinstance(event, FileCreateEvent):
        assert_type(event.data, hookseal.FileDetails)
        return event.data.file_id or ""
    # The `type` literal narrows; what ImageKit always sends is typed as present.
    if event.type == "video.transformation.ready":
        assert_type(event, VideoTransformationReadyEvent)
        output = event.data.transformation.output
        return output.url if output else ""
    if event.type == "upload.post-transform.error":
        assert_type(event.data.transformation.error.reason, str)
        return event.data.transformation.error.reason
    if event.type == "file-version.deleted":
        return event.data.version_id
    assert_type(event.id, str)
    created: datetime = event.created_at
    return event.type + str(created)


def main() -> None:
    secret = os.environ.get("HOOKSEAL_SECRET", "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd")
    imagekit = ImageKit(webhook_secret=secret, replay_guard=ReplayGuard.in_memory())
    body, headers = sample_delivery("file.created", secret)
    try:
        event = imagekit.webhooks.unwrap(payload=body, headers=headers)
    except WebhookVerificationError as e:
        code: str | None = e.code
        raise SystemExit(code) from e
    assert handle(event) == "6540dbea002322e4ebe30de2"
    verified = event.verified
    assert verified is not None and verified.key_index == 0
    raw: dict[str, Any] = event.raw
    assert raw["type"] == "file.created"

    wh = Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    signature: str = wh.sign("msg_1", datetime.now(), b"{}")
    payload = wh.verify(
        b"{}",
        {"webhook-id": "msg_1", "webhook-timestamp": str(int(datetime.now().timestamp())),
         "webhook-signature": signature},
    )
    assert payload == {}
    for code_name in hookseal.ERROR_CODES:
        assert isinstance(code_name, str)


if __name__ == "__main__":
    main()
