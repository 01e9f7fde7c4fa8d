# ImageKit's documented Flask webhook receiver, with only the import line changed:
#     from imagekitio import ImageKit   ->   from hookseal import ImageKit
# Run: IMAGEKIT_WEBHOOK_SECRET=whsec_... flask --app examples/flask_app.py run
import os

from flask import Flask, request

from hookseal import ImageKit

app = Flask(__name__)

imagekit = ImageKit(
    private_key=os.environ.get("IMAGEKIT_PRIVATE_KEY"),
    webhook_secret=os.environ.get("IMAGEKIT_WEBHOOK_SECRET"),
)


@app.route("/webhook", methods=["POST"])
def webhook():
    try:
        event = imagekit.webhooks.unwrap(
            payload=request.get_data(as_text=True),
            headers=dict(request.headers),
        )
    except Exception as e:
        return {"error": str(e)}, 400

    if event.type == "video.transformation.accepted":
        app.logger.info("Video transformation accepted: %s", event.data.asset.url)
    elif event.type == "video.transformation.ready":
        app.logger.info("Video ready: %s", event.data.transformation.output.url)
    elif event.type == "video.transformation.error":
        app.logger.info(
            "Video transformation failed: %s (request %s)",
            event.data.transformation.error.reason,
            event.request.x_request_id,
        )
    elif event.type == "upload.pre-transform.success":
        app.logger.info("Pre-transform succeeded: %s %s", event.data.file_id, event.data.url)
    elif event.type == "upload.pre-transform.error":
        app.logger.info(
            "Pre-transform failed: %s (%s)",
            event.data.transformation.error.reason,
            event.request.x_request_id,
        )
    elif event.type == "upload.post-transform.success":
        app.logger.info("Post-transform succeeded: %s %s", event.data.file_id, event.data.url)
    elif event.type == "upload.post-transform.error":
        app.logger.info(
            "Post-transform failed: %s %s",
            event.data.file_id,
            event.data.transformation.error.reason,
        )
    elif event.type == "file.created":
        app.logger.info("File created: %s %s", event.data.file_id, event.data.url)
    elif event.type == "file.updated":
        app.logger.info("File updated: %s %s", event.data.file_id, event.data.url)
    elif event.type == "file.deleted":
        app.logger.info("File deleted: %s", event.data.file_id)
    elif event.type == "file-version.created":
        app.logger.info("File version created: %s %s", event.data.file_id, event.data.url)
    elif event.type == "file-version.deleted":
        app.logger.info("File version deleted: %s", event.data.file_id)
    else:
        app.logger.info("Unhandled event type %s created at %s", event.type, event.created_at)

    return {"received": True}


if __name__ == "__main__":
    app.run(port=3000)
