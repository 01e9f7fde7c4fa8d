"""The ImageKit client shape: ``ImageKit(...).webhooks.unwrap(payload, headers=...)``."""

from __future__ import annotations

import os
from typing import Any, Literal, Optional, Sequence, Union

from hookseal._native import DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_TOLERANCE, ReplayGuard, Webhooks

Secret = Union[str, bytes]

#: Turns on a replay guard without code changes (the same variable in every hookseal language).
REPLAY_GUARD_ENV = "HOOKSEAL_REPLAY_GUARD"


class ImageKit:
    """Stands in for ``imagekitio.ImageKit`` where a receiver only handles webhooks.

    ``webhook_secret`` falls back to the ``IMAGEKIT_WEBHOOK_SECRET`` environment variable, as in
    ImageKit's SDK. ``private_key`` and any other client option are accepted and ignored (a
    receiver needs none of them; the private key is not kept). A list of secrets enables
    rotation. The verifier is built here, so a malformed secret fails at start-up
    (``InvalidSecretError``), never on a request.

    Without ``replay_guard``, the ``HOOKSEAL_REPLAY_GUARD`` environment variable may turn one on
    (``memory``, ``memory:CAPACITY``, ``redis://...``; see ``ReplayGuard.from_spec``), as in
    every hookseal language.
    """

    webhooks: Webhooks

    def __init__(
        self,
        *,
        private_key: Optional[str] = None,
        webhook_secret: Union[Secret, Sequence[Secret], None] = None,
        key_mode: Literal["imagekit", "standard", "raw"] = "imagekit",
        tolerance: int = DEFAULT_TOLERANCE,
        legacy: bool = False,
        max_payload_bytes: int = DEFAULT_MAX_PAYLOAD_BYTES,
        replay_guard: Optional[ReplayGuard] = None,
        **client_options: Any,
    ) -> None:
        del private_key, client_options  # not needed to receive webhooks; never stored
        if webhook_secret is None:
            webhook_secret = os.environ.get("IMAGEKIT_WEBHOOK_SECRET")
        if replay_guard is None:
            replay_guard = ReplayGuard.from_spec(os.environ.get(REPLAY_GUARD_ENV, ""))
        self.webhooks = Webhooks(
            webhook_secret,
            key_mode=key_mode,
            tolerance=tolerance,
            legacy=legacy,
            max_payload_bytes=max_payload_bytes,
            replay_guard=replay_guard,
        )

    def __repr__(self) -> str:
        return f"ImageKit(webhooks={self.webhooks!r})"
