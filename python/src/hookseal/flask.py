"""Flask adapter: a decorator that verifies the raw body and passes the event to the view.

    from hookseal import ImageKit
    from hookseal.flask import verify_webhook

    imagekit = ImageKit()  # IMAGEKIT_WEBHOOK_SECRET

    @app.post("/webhook")
    @verify_webhook(imagekit)
    def webhook(event):
        ...
        return {"received": True}

A delivery that does not verify never reaches the view: the answer is JSON
``{"error": ..., "code": ...}`` with 401 (not genuine: missing headers, bad signature, stale,
replayed), 400 (malformed), 413 (too large), 500 (a bad secret) or 503 (replay guard
unavailable): ``err.http_status``, the core's status for the code.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

from flask import jsonify, request

from hookseal._http import body_limit, error_body, read_at_most, unwrapper
from hookseal._native import WebhookVerificationError

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["verify_webhook"]


def verify_webhook(verifier: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a Flask view: it is called as ``view(event, *args, **kwargs)`` with the typed
    event (``ImageKit``/``Webhooks``) or the parsed JSON (``Webhook``)."""
    unwrap = unwrapper(verifier)
    limit = body_limit(verifier)

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            length = request.content_length
            if length is not None and length <= limit:
                # The raw bytes exactly as received (cached, so the view may read them again).
                body = request.get_data(cache=True)
            else:
                # Too large or chunked: at most one byte over the limit, never the rest.
                body = read_at_most(request.stream.read, limit)
            try:
                event = unwrap(body, request.headers)
            except WebhookVerificationError as e:
                response = jsonify(error_body(e))
                response.status_code = e.http_status
                return response
            return view(event, *args, **kwargs)

        return wrapped

    return decorator
