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

from hookseal._http import body_limit, error_body, unwrapper
from hookseal._native import WebhookVerificationError

__all__ = ["verified_event"]


def verified_event(verifier: Any) -> Callable[[Request], Awaitable[Any]]:
    """A dependency giving the typed event (``ImageKit``/``Webhooks``) or the parsed JSON
    (``Webhook``). Starlette caches the body, so the endpoint can still read it."""
    unwrap = unwrapper(verifier)
    limit = body_limit(verifier)

    async def dependency(request: Request) -> Any:
        body = await _raw_body(request, limit)
        try:
            return unwrap(body, request.headers)
        except WebhookVerificationError as e:
            raise HTTPException(status_code=e.http_status, detail=error_body(e)) from e

    return dependency


async def _raw_body(request: Request, limit: int) -> bytes:
    """The raw body, at most one byte over ``limit``: streamed, so a 10 MiB body is refused after
    the first MiB instead of being buffered whole."""
    cached = getattr(request, "_body", None)
    if isinstance(cached, bytes):
        return cached
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return b"".join(chunks)[: limit + 1]
    body = b"".join(chunks)
    request._body = body  # Starlette's cache: the endpoint can still await request.body()
    return body
