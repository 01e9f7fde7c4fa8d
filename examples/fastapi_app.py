"""A FastAPI receiver for ImageKit webhooks with hookseal (Python 3.10+ for `match`).

The dependency reads the raw body once, verifies it (with a replay guard) and hands the
endpoint a typed event; a delivery that does not verify gets 401/400 JSON and never reaches it.

Run: IMAGEKIT_WEBHOOK_SECRET=whsec_... uvicorn examples.fastapi_app:app --port 3000
"""

import logging
import os
from typing import Annotated

from fastapi import Depends, FastAPI

from hookseal import (
    FileCreateEvent,
    FileDeleteEvent,
    ImageKit,
    ReplayGuard,
    UnknownEvent,
    UnwrapWebhookEvent,
    UploadPostTransformErrorEvent,
    VideoTransformationErrorEvent,
    VideoTransformationReadyEvent,
)
from hookseal.fastapi import verified_event

log = logging.getLogger("fastapi_app")

app = FastAPI()
imagekit = ImageKit(
    webhook_secret=os.environ.get("IMAGEKIT_WEBHOOK_SECRET"),
    replay_guard=ReplayGuard.in_memory(),
)
WebhookEvent = Annotated[UnwrapWebhookEvent, Depends(verified_event(imagekit))]


@app.post("/webhook")
async def webhook(event: WebhookEvent) -> dict[str, bool]:
    match event:
        case VideoTransformationReadyEvent(data=data) if data.transformation.output:
            log.info("Video ready: %s", data.transformation.output.url)
        case VideoTransformationErrorEvent(data=data) if data.transformation.error:
            log.info("Video failed: %s (request %s)", data.transformation.error.reason,
                     event.request.x_request_id)
        case UploadPostTransformErrorEvent(data=data):
            log.info("Post-transform failed: %s %s", data.file_id, data.transformation.error.reason)
        case FileCreateEvent(data=data):
            log.info("File created: %s %s", data.file_id, data.url)
        case FileDeleteEvent(data=data):
            log.info("File deleted: %s", data.file_id)
        case UnknownEvent():
            log.info("Event type this version does not know: %s", event.type)
        case _:
            log.info("%s at %s", event.type, event.created_at)
    return {"received": True}
