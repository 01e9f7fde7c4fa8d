"""The hostile-HTTP run's WSGI receivers (run under gunicorn): Flask with hookseal.flask and
Django with hookseal.django, each on /webhook with the secret from IMAGEKIT_WEBHOOK_SECRET."""

import django
from django.conf import settings
from flask import Flask

from hookseal import ImageKit

imagekit = ImageKit()

# ---- Flask
from hookseal.flask import verify_webhook as flask_verify  # noqa: E402

flask_app = Flask(__name__)


@flask_app.post("/webhook")
@flask_verify(imagekit)
def flask_webhook(event):  # type: ignore[no-untyped-def]
    return {"received": True, "type": event.type}


# ---- Django: a one-file project
settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="hostile-run-not-secret",
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402

from hookseal.django import verify_webhook as django_verify  # noqa: E402


@django_verify(imagekit)
def django_webhook(request, event):  # type: ignore[no-untyped-def]
    return JsonResponse({"received": True, "type": event.type})


urlpatterns = [path("webhook", django_webhook)]
django_app = get_wsgi_application()
