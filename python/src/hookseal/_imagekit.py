"""The ImageKit client shape: ``ImageKit(...).webhooks.unwrap(payload, headers=...)``."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Literal, NoReturn, Optional, Sequence, Union

from hookseal._native import (
    DEFAULT_MAX_PAYLOAD_BYTES,
    DEFAULT_TOLERANCE,
    REPLAY_GUARD_ENV,
    SECRET_ENV,
    ReplayGuard,
    Webhooks,
)

Secret = Union[str, bytes]


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

    An application that also uploads or builds URLs keeps its ``imagekitio.ImageKit`` client for
    that, and may hand it over: ``hookseal.ImageKit(client=imagekit)`` takes the client's
    ``webhook_secret`` (nothing else) and serves its webhooks. Any other SDK attribute reached on
    this object (``files``, ``assets``, ...) raises an ``AttributeError`` that says so.
    """

    webhooks: Webhooks

    def __init__(
        self,
        *,
        private_key: Optional[str] = None,
        webhook_secret: Union[Secret, Sequence[Secret], None] = None,
        key_mode: Optional[Literal["imagekit", "standard", "raw"]] = None,
        tolerance: int = DEFAULT_TOLERANCE,
        legacy: bool = False,
        max_payload_bytes: int = DEFAULT_MAX_PAYLOAD_BYTES,
        replay_guard: Optional[ReplayGuard] = None,
        client: Any = None,
        **client_options: Any,
    ) -> None:
        del private_key, client_options  # not needed to receive webhooks; never stored
        if webhook_secret is None and client is not None:
            # Only the secret is taken from ImageKit's client; the client itself is not kept.
            webhook_secret = getattr(client, "webhook_secret", None)
        if webhook_secret is None:
            webhook_secret = os.environ.get(SECRET_ENV)
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

    if not TYPE_CHECKING:  # type checkers report the missing attribute themselves

        def __getattr__(self, name: str) -> NoReturn:
            if name.startswith("__"):
                raise AttributeError(name)
            raise AttributeError(
                f"hookseal.ImageKit serves webhooks only; `{name}` is part of ImageKit's SDK. Keep an "
                "imagekitio.ImageKit client for uploads, URLs and the rest of the API, and hand it to "
                "hookseal.ImageKit(client=...) for its webhooks."
            )
