"""What an HTTP receiver answers for an error (shared by the framework adapters). The status is
the core's, per code: ``err.http_status``."""

from __future__ import annotations

from typing import Any, Callable, Optional

from hookseal._native import WebhookVerificationError


def error_body(err: WebhookVerificationError) -> dict[str, Any]:
    """The JSON body of an error answer: the stable code and a human message."""
    return {"error": str(err), "code": err.code}


def body_limit(verifier: Any) -> int:
    """The verifier's ``max_payload_bytes``: adapters read at most one byte more than this, which
    is enough for the core to answer ``payload_too_large``, and never buffer the rest."""
    target = getattr(verifier, "webhooks", verifier)
    return int(getattr(target, "max_payload_bytes", 1_048_576))


def read_at_most(read: Callable[[int], bytes], limit: int) -> bytes:
    """At most ``limit + 1`` bytes from a file-like ``read``, in 64 KiB pieces."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = read(min(65536, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def content_length(value: Any) -> Optional[int]:
    """A request's Content-Length, or None when absent or unusable (chunked bodies)."""
    try:
        n = int(value)
    except (TypeError, ValueError):
        return None
    return n if n >= 0 else None


def unwrapper(verifier: Any) -> Any:
    """The callable that turns (body, headers) into what the view receives.

    ``ImageKit`` and ``Webhooks`` give a typed event (``unwrap``); the Standard Webhooks
    ``Webhook`` gives the parsed JSON (``verify``), as ``standardwebhooks`` users expect.
    """
    from hookseal._native import Webhook

    target = getattr(verifier, "webhooks", verifier)
    if isinstance(target, Webhook):
        return target.verify
    if not hasattr(target, "unwrap"):
        raise TypeError(
            f"expected an ImageKit, Webhooks or Webhook instance, got {type(verifier).__name__}"
        )
    return target.unwrap
