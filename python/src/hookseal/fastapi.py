"""FastAPI adapter: a dependency that reads the body once, verifies it and gives the event.

    from typing import Annotated
    from fastapi import Depends, FastAPI
    from hookseal import ImageKit, UnwrapWebhookEvent
    from hookseal.fastapi import verified_event

    imagekit = ImageKit()  # IMAGEKIT_WEBHOOK_SECRET
    WebhookEvent = Annotated[UnwrapWebhookEvent, Depends(verified_event(imagekit))]

    @app.post("/webhook")
    async def webhook(event: WebhookEvent):
        return {"received": True}

A delivery that does not verify raises ``HTTPException`` with 401/400/413/503 and
``{"detail": {"error": ..., "code": ...}}``.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable

from fastapi import HTTPException, Request

from hookseal._http import error_body, unwrapper
from hookseal._native import WebhookVerificationError

__all__ = ["verified_event"]


def verified_event(verifier: Any) -> Callable[[Request], Awaitable[Any]]:
    """A dependency giving the typed event (``ImageKit``/``Webhooks``) or the parsed JSON
    (``Webhook``). Starlette caches the body, so the endpoint can still read it."""
    unwrap = unwrapper(verifier)

    async def dependency(request: Request) -> Any:
        body = await request.body()
        try:
            return unwrap(body, request.headers)
        except WebhookVerificationError as e:
            raise HTTPException(status_code=e.http_status, detail=error_body(e)) from e

    return dependency
