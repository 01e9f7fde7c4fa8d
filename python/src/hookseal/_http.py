"""What an HTTP receiver answers for each error code (shared by the framework adapters)."""

from __future__ import annotations

from typing import Any, Optional

from hookseal._native import WebhookVerificationError

# Authentication failures: the request is not (or no longer) a genuine delivery.
_UNAUTHORIZED = frozenset(
    {"missing_header", "invalid_signature", "timestamp_too_old", "timestamp_too_new", "replayed"}
)


def status_for(code: Optional[str]) -> int:
    """401 for authentication failures, 413 for a too-large body, 503 when the replay guard
    fails closed (the sender retries later), 500 for a server misconfiguration (a bad secret),
    400 for anything else malformed."""
    if code in _UNAUTHORIZED:
        return 401
    if code == "payload_too_large":
        return 413
    if code == "replay_guard_unavailable":
        return 503
    if code == "invalid_secret":
        return 500
    return 400


def error_body(err: WebhookVerificationError) -> dict[str, Any]:
    """The JSON body of an error answer: the stable code and a human message."""
    return {"error": str(err), "code": err.code}


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
