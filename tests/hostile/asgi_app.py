"""The hostile-HTTP run's FastAPI receiver (run under uvicorn), with hookseal.fastapi's
dependency on /webhook and the secret from IMAGEKIT_WEBHOOK_SECRET."""

from fastapi import Depends, FastAPI

from hookseal import ImageKit
from hookseal.fastapi import verified_event

app = FastAPI()
imagekit = ImageKit()


@app.post("/webhook")
async def webhook(event=Depends(verified_event(imagekit))):  # type: ignore[no-untyped-def]  # noqa: B008
    return {"received": True, "type": event.type}
