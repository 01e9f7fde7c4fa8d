"""hookseal: verify ImageKit and Standard Webhooks deliveries, with typed events.

The work is done by one Rust core (``hookseal._native``); this package re-exports it and adds
the ImageKit client shape, framework adapters (``hookseal.flask``, ``hookseal.fastapi``,
``hookseal.django``) and test helpers (``hookseal.testing``).
"""

from __future__ import annotations

from hookseal import events
from hookseal._imagekit import ImageKit
from hookseal._native import (
    DEFAULT_MAX_PAYLOAD_BYTES,
    DEFAULT_TOLERANCE,
    ERROR_CODES,
    EVENT_TYPES,
    KEY_MODES,
    Explanation,
    InvalidHeaderError,
    InvalidPayloadError,
    InvalidSecretError,
    InvalidSignatureError,
    InvalidTimestampError,
    Key,
    MissingHeaderError,
    PayloadTooLargeError,
    ReplayedError,
    ReplayGuard,
    ReplayGuardUnavailableError,
    Signer,
    TimestampTooNewError,
    TimestampTooOldError,
    Verified,
    Webhook,
    Webhooks,
    WebhookVerificationError,
    __version__,
    fresh_message_id,
    matching_key_modes,
    sample_body,
    unsafe_unwrap,
)
from hookseal.events import *  # noqa: F403 (the event classes, generated from the schema)

__all__ = [
    "DEFAULT_MAX_PAYLOAD_BYTES",
    "DEFAULT_TOLERANCE",
    "ERROR_CODES",
    "EVENT_TYPES",
    "KEY_MODES",
    "Explanation",
    "ImageKit",
    "InvalidHeaderError",
    "InvalidPayloadError",
    "InvalidSecretError",
    "InvalidSignatureError",
    "InvalidTimestampError",
    "Key",
    "MissingHeaderError",
    "PayloadTooLargeError",
    "ReplayGuard",
    "ReplayGuardUnavailableError",
    "ReplayedError",
    "Signer",
    "TimestampTooNewError",
    "TimestampTooOldError",
    "Verified",
    "Webhook",
    "WebhookVerificationError",
    "Webhooks",
    "__version__",
    "fresh_message_id",
    "matching_key_modes",
    "sample_body",
    "unsafe_unwrap",
    "events",
]
__all__ += events.__all__
