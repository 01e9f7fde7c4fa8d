"""Helpers to test your own webhook endpoint: signed headers for any body, and ready sample
events of every type.

    from hookseal.testing import sample_delivery

    body, headers = sample_delivery("file.created", secret="whsec_...")
    response = client.post("/webhook", data=body, headers=headers)
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Mapping, Optional, Tuple, Union

from hookseal._native import EVENT_TYPES, Signer, sample_body

__all__ = [
    "SAMPLE_BODIES",
    "headers_for",
    "legacy_headers_for",
    "sample_body",
    "sample_delivery",
]

#: A realistic body of every known event type, by type (ImageKit's own examples where published).
SAMPLE_BODIES: Mapping[str, str] = {t: sample_body(t) for t in EVENT_TYPES}

_Body = Union[str, bytes]


def headers_for(
    payload: _Body,
    secret: Union[str, bytes],
    *,
    key_mode: Literal["imagekit", "standard", "raw"] = "imagekit",
    msg_id: Optional[str] = None,
    timestamp: Union[datetime, int, None] = None,
) -> dict[str, str]:
    """``webhook-id``, ``webhook-timestamp`` and ``webhook-signature`` for ``payload``, as the
    sender would make them: a fresh ``msg_...`` id and the current time unless given. Use
    ``key_mode="standard"`` for Standard Webhooks/Svix secrets."""
    return Signer(secret, key_mode=key_mode).headers(payload, msg_id=msg_id, timestamp=timestamp)


def legacy_headers_for(
    payload: _Body, secret: str, *, timestamp_ms: Optional[int] = None
) -> dict[str, str]:
    """The legacy ``x-ik-signature`` header for ``payload`` (``imagekit`` key mode)."""
    if timestamp_ms is None:
        timestamp_ms = int(datetime.now().timestamp() * 1000)
    return {"x-ik-signature": Signer(secret).sign_legacy(timestamp_ms, payload)}


def sample_delivery(
    event_type: str,
    secret: Union[str, bytes],
    *,
    key_mode: Literal["imagekit", "standard", "raw"] = "imagekit",
    msg_id: Optional[str] = None,
    timestamp: Union[datetime, int, None] = None,
) -> Tuple[str, dict[str, str]]:
    """A sample body of ``event_type`` and valid headers for it: ``(body, headers)``."""
    body = sample_body(event_type)
    return body, headers_for(body, secret, key_mode=key_mode, msg_id=msg_id, timestamp=timestamp)
