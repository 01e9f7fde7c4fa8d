"""The soak run's Flask receiver (run under gunicorn): ImageKit's client with hookseal.flask's
decorator, so a delivery that does not verify gets the core's status (401 replayed, 503 while
the Redis guard cannot answer) where ImageKit's documented receiver answers 400 to everything.
The secret and the guard come from the environment (IMAGEKIT_WEBHOOK_SECRET,
HOOKSEAL_REPLAY_GUARD=redis://...), as in a deployment."""

from flask import Flask

from hookseal import ImageKit
from hookseal.flask import verify_webhook

app = Flask(__name__)
imagekit = ImageKit()


@app.post("/webhook")
@verify_webhook(imagekit)
def webhook(event):  # type: ignore[no-untyped-def]
    # `replay` says what the guard did: "recorded", or "unavailable" when it fails open.
    verified = event.verified
    return {"received": True, "type": event.type, "replay": verified.replay if verified else ""}
