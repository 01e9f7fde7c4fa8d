"""What an HTTP receiver answers for an error (shared by the framework adapters). The status is
the core's, per code: ``err.http_status``."""

from __future__ import annotations

from typing import Any

from hookseal._native import WebhookVerificationError


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
