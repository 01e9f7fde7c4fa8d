"""ImageKit's documented Flask receiver (examples/flask_app.py) as a typed Python user writes it
against ImageKit's SDK: `mypy --strict` must accept it with only the import changed.

tests/test_typing.py checks it twice, as it is and with ``from imagekitio import ImageKit``, so it
stays a receiver that ImageKit's own types accept. Not a test module."""

from __future__ import annotations

import os
from typing import Any, Union

from flask import Flask, request

from hookseal import ImageKit

app = Flask(__name__)

imagekit = ImageKit(
    private_key=os.environ.get("IMAGEKIT_PRIVATE_KEY", ""),
    webhook_secret=os.environ.get("IMAGEKIT_WEBHOOK_SECRET", ""),
)


@app.route("/webhook", methods=["POST"])
def webhook() -> Union[dict[str, Any], tuple[dict[str, Any], int]]:
    try:
        event = imagekit.webhooks.unwrap(request.get_data(as_text=True), headers=dict(request.headers))
    except Exception as e:
        return {"error": str(e)}, 400

    log = app.logger.info
    if event.type == "video.transformation.accepted":
        log("Video transformation accepted: %s (%s)", event.data.asset.url, event.request.x_request_id)
    elif event.type == "video.transformation.ready":
        output = event.data.transformation.output
        if output is not None:
            log("Video ready: %s", output.url)
        if event.timings is not None:
            log("Encoded in %s ms", event.timings.encoding_duration)
    elif event.type == "video.transformation.error":
        error = event.data.transformation.error
        log("Video failed: %s (request %s)", error.reason if error else "?", event.request.x_request_id)
    elif event.type == "upload.pre-transform.success":
        log("Pre-transform succeeded: %s %s", event.data.file_id, event.data.url)
    elif event.type == "upload.pre-transform.error":
        log("Pre-transform failed: %s (%s)", event.data.transformation.error.reason, event.request.x_request_id)
    elif event.type == "upload.post-transform.success":
        log("Post-transform succeeded: %s %s", event.data.file_id, event.data.url.upper())
    elif event.type == "upload.post-transform.error":
        log("Post-transform failed: %s %s", event.data.file_id, event.data.transformation.error.reason)
    elif event.type == "file.created":
        log("File created: %s %s", event.data.file_id, event.data.url)
    elif event.type == "file.updated":
        log("File updated: %s %s", event.data.file_id, event.data.url)
    elif event.type == "file.deleted":
        log("File deleted: %s", event.data.file_id.upper())
    elif event.type == "file-version.created":
        log("File version created: %s %s", event.data.file_id, event.data.url)
    elif event.type == "file-version.deleted":
        log("File version deleted: %s of %s", event.data.version_id.upper(), event.data.file_id)
    elif event.type == "folder.created":
        log("Folder created: %s %s", event.data.folder_id, event.data.folder_path)
    elif event.type == "folder.updated":
        log("Folder updated: %s %s", event.data.folder_id, event.data.name)
    elif event.type == "folder.deleted":
        log("Folder deleted: %s", event.data.folder_id.upper())
    else:
        log("Unhandled event type %s", event.type)
    log("Event %s created at %s", event.id.upper(), event.created_at.isoformat())
    return {"received": True}
