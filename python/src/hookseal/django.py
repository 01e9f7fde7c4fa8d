"""Django adapter: a view decorator (CSRF-exempt: the signature authenticates the sender).

    from hookseal import ImageKit
    from hookseal.django import verify_webhook

    imagekit = ImageKit()  # IMAGEKIT_WEBHOOK_SECRET

    @verify_webhook(imagekit)
    def webhook(request, event):
        return JsonResponse({"received": True})

A delivery that does not verify never reaches the view: the answer is a ``JsonResponse``
``{"error": ..., "code": ...}`` with 401/400/413/503.
"""

from __future__ import annotations

import functools
from typing import Any, Callable

# Django ships no type information (django-stubs is optional): its imports are untyped here.
from django.http import HttpRequest, HttpResponse, JsonResponse  # type: ignore[import-untyped]
from django.views.decorators.csrf import csrf_exempt  # type: ignore[import-untyped]

from hookseal._http import body_limit, content_length, error_body, read_at_most, unwrapper
from hookseal._native import WebhookVerificationError

__all__ = ["verify_webhook"]


def verify_webhook(verifier: Any) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a Django view: it is called as ``view(request, event, *args, **kwargs)``."""
    unwrap = unwrapper(verifier)
    limit = body_limit(verifier)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @csrf_exempt  # type: ignore[untyped-decorator]
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                event = unwrap(_raw_body(request, limit), request.headers)
            except WebhookVerificationError as e:
                return JsonResponse(error_body(e), status=e.http_status)
            return view(request, event, *args, **kwargs)

        return wrapped  # type: ignore[no-any-return]

    return decorator


def _raw_body(request: HttpRequest, limit: int) -> bytes:
    """The raw body, at most one byte over ``limit``. Not ``request.body``: Django refuses bodies over
    DATA_UPLOAD_MAX_MEMORY_SIZE with an HTML 400, and reads a chunked body (no Content-Length) as
    empty, which would fail as a wrong signature. The server's own stream is read for those."""
    if hasattr(request, "_body"):  # already read (a middleware touched request.body)
        return bytes(request._body)
    meta = request.META
    chunked = "chunked" in meta.get("HTTP_TRANSFER_ENCODING", "").lower()
    if content_length(meta.get("CONTENT_LENGTH")) is None and chunked and meta.get("wsgi.input_terminated"):
        body = read_at_most(meta["wsgi.input"].read, limit)
    else:
        body = read_at_most(request.read, limit)
    if len(body) <= limit:
        request._body = body  # so the view can still use request.body
    return body
