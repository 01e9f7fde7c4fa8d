"""Type stubs and documentation for ``hookseal._native``, the Rust core's Python binding.

Import from ``hookseal``, not from here: this module is private and may change.
"""

from datetime import datetime
from typing import Any, ClassVar, Iterable, Literal, Mapping, Optional, Sequence, Tuple, Union, final

from typing_extensions import Self, disjoint_base

__version__: str

#: Every error code, in the order of the spec (one exception subclass each).
ERROR_CODES: Tuple[str, ...]
#: Every known ImageKit event type.
EVENT_TYPES: Tuple[str, ...]
#: The key modes: ``"imagekit"``, ``"standard"``, ``"raw"``.
KEY_MODES: Tuple[str, ...]
#: Where the ImageKit client reads its secret when none is given: ``IMAGEKIT_WEBHOOK_SECRET``.
SECRET_ENV: str
#: Where the ImageKit client reads a replay guard setting when none is given: ``HOOKSEAL_REPLAY_GUARD``.
REPLAY_GUARD_ENV: str
#: Default tolerance between the signed timestamp and now, in seconds (both directions).
DEFAULT_TOLERANCE: int
#: Default largest accepted body, in bytes.
DEFAULT_MAX_PAYLOAD_BYTES: int

#: A raw request body. ``bytes`` is used in place; ``str`` is encoded as UTF-8; ``bytearray`` and
#: ``memoryview`` are copied. A parsed ``dict`` is refused: signatures cover the exact bytes sent.
_Payload = Union[bytes, bytearray, memoryview, str]
#: Request headers: any mapping (``dict``, Flask/Werkzeug ``EnvironHeaders``, Starlette
#: ``Headers``, Django ``request.headers``) or an iterable of ``(name, value)`` pairs; names and
#: values as ``str`` or ``bytes``. Names are case-insensitive.
_Headers = Union[
    Mapping[str, str],
    Mapping[str, Any],
    Iterable[Tuple[str, str]],
    Iterable[Tuple[bytes, bytes]],
]
#: A secret: ``str`` (read in the key mode), ``bytes`` (always the raw key, whatever the key mode),
#: or a ``Key`` (its own mode). ``key_mode=None`` is the profile's default: ``"imagekit"`` for
#: ``ImageKit``/``Webhooks``/``Key``/``Signer``, ``"standard"`` for ``Webhook``.
_Secret = Union[str, bytes, "Key"]
#: One secret, or several for rotation (the index of the one that matched is reported).
_Secrets = Union[_Secret, Sequence[_Secret]]
#: ``now=``: unix seconds, or an aware ``datetime``; ``None`` reads the clock.
_Now = Union[int, float, datetime, None]
_KeyModeName = Literal["imagekit", "standard", "raw"]

# ---------------------------------------------------------------------------------------------
# Errors

class WebhookVerificationError(ValueError):
    """A delivery could not be verified or parsed, or an argument was unusable.

    Catch this one class; ``code`` says why (one of ``ERROR_CODES``), and each code has its own
    subclass. Messages help a human and may change; codes are stable.
    """

    code: ClassVar[Optional[str]]
    #: The HTTP status a receiver answers with (401 not genuine, 400 malformed, 413 too large,
    #: 500 bad secret, 503 replay store down); what the framework adapters send.
    http_status: ClassVar[int]

class MissingHeaderError(WebhookVerificationError):
    """``missing_header``: ``webhook-id``, ``webhook-timestamp`` or ``webhook-signature`` is absent or empty."""

    code: ClassVar[str]

class InvalidHeaderError(WebhookVerificationError):
    """``invalid_header``: a header is present but unusable (too long, conflicting repeats, malformed)."""

    code: ClassVar[str]

class InvalidTimestampError(WebhookVerificationError):
    """``invalid_timestamp``: the timestamp is not 1 to 18 ASCII digits (or ``now=`` is unusable)."""

    code: ClassVar[str]

class TimestampTooOldError(WebhookVerificationError):
    """``timestamp_too_old``: older than the tolerance allows (a stale or replayed delivery)."""

    code: ClassVar[str]

class TimestampTooNewError(WebhookVerificationError):
    """``timestamp_too_new``: further in the future than the tolerance allows (check the clocks)."""

    code: ClassVar[str]

class InvalidSignatureError(WebhookVerificationError):
    """``invalid_signature``: no signature matched any secret (wrong secret, key mode or re-serialized body)."""

    code: ClassVar[str]

class InvalidSecretError(WebhookVerificationError):
    """``invalid_secret``: a secret cannot be used; raised when the verifier is built."""

    code: ClassVar[str]

class InvalidPayloadError(WebhookVerificationError):
    """``invalid_payload``: the body verified but is not an event, or the payload argument is not a raw body."""

    code: ClassVar[str]

class PayloadTooLargeError(WebhookVerificationError):
    """``payload_too_large``: the body is larger than ``max_payload_bytes``."""

    code: ClassVar[str]

class ReplayedError(WebhookVerificationError):
    """``replayed``: this message id was already accepted (replay guard)."""

    code: ClassVar[str]

class ReplayGuardUnavailableError(WebhookVerificationError):
    """``replay_guard_unavailable``: the replay guard cannot record (e.g. full) and fails closed."""

    code: ClassVar[str]

# ---------------------------------------------------------------------------------------------
# Verifying

@final
class Verified:
    """What verified a delivery."""

    @property
    def id(self) -> Optional[str]:
        """The message id (``webhook-id``); ``None`` for the legacy ``x-ik-signature``."""
    @property
    def timestamp(self) -> int:
        """The signed timestamp, unix seconds."""
    @property
    def key_index(self) -> int:
        """Index of the configured secret that matched (key rotation)."""
    @property
    def scheme(self) -> str:
        """``"v1"``, ``"v1a"`` or ``"legacy"``."""
    @property
    def replay(self) -> str:
        """``"not_checked"`` (no guard), ``"recorded"`` or ``"unavailable"``."""

@final
class Key:
    """One secret read in an explicit key mode, so one verifier can mix modes (e.g. while
    rotating from ``imagekit`` to ``standard`` keys). Never shows the secret in ``repr``.

    :raises InvalidSecretError: the secret cannot be used in that mode.
    """

    def __new__(cls, secret: Union[str, bytes], key_mode: Optional[_KeyModeName] = None) -> Self: ...
    @property
    def key_mode(self) -> str:
        """The mode it was read in (``raw`` for bytes)."""
    @property
    def kind(self) -> str:
        """``hmac``, ``ed25519_public`` (``whpk_``) or ``ed25519_secret`` (``whsk_``)."""
    def public_key(self) -> Optional[str]:
        """The ``whpk_`` public key matching a ``whsk_`` secret key, else ``None``."""

@final
class Explanation:
    """The checks of one verification (``Webhooks.explain``); ``str()`` renders them."""

    @property
    def checks(self) -> list[Tuple[str, str, str]]:
        """``(status, step, detail)`` in order; status is ``pass``, ``fail``, ``skip`` or ``info``."""
    @property
    def ok(self) -> bool:
        """True when the delivery verified."""
    @property
    def code(self) -> Optional[str]:
        """The error code of the real outcome, ``None`` if it verified."""
    @property
    def key_index(self) -> Optional[int]:
        """The index of the secret that matched, if it verified."""

@final
class ReplayGuard:
    """Remembers each verified message id for twice the tolerance; a second delivery of the
    same id raises ``ReplayedError``. Ids are recorded only after their signature verified."""

    @staticmethod
    def in_memory(capacity: int = 100000) -> ReplayGuard:
        """A thread-safe guard for one process keeping at most ``capacity`` ids. When full of
        unexpired ids it fails closed (``ReplayGuardUnavailableError``) rather than forget one."""
    @staticmethod
    def redis(
        url: str, *, prefix: str = "hookseal:replay:", timeout: float = 0.5, fail_open: bool = False
    ) -> ReplayGuard:
        """A guard in Redis, shared by every process and machine that receives the webhooks
        (``redis://host:port/db``, ``rediss://`` for TLS). Connects lazily. While Redis cannot be
        reached it fails closed (``ReplayGuardUnavailableError``: the sender retries), or with
        ``fail_open=True`` accepts the delivery unchecked (``verified.replay == "unavailable"``).
        Verification waits on Redis with the GIL released.

        :raises ReplayGuardUnavailableError: the URL does not parse.
        """
    @staticmethod
    def from_spec(spec: str) -> Optional[ReplayGuard]:
        """A guard from a one-line setting, as in ``HOOKSEAL_REPLAY_GUARD`` (which ``ImageKit``
        reads when no guard is given): ``memory``, ``memory:CAPACITY``, ``redis://...`` (append
        ``#fail-open`` to accept while Redis is down), or ``off``/empty for none.

        :raises ReplayGuardUnavailableError: anything else.
        """
    @staticmethod
    def custom(store: Any) -> ReplayGuard:
        """A guard backed by your own store (a Django cache, redis-py, a database table): any
        object with ``check_and_record(id: str, now: int, ttl_seconds: int) -> bool`` returning
        true when it recorded the id and false when the id was already there (a replay). It must
        be atomic across receivers (e.g. ``cache.add``, ``SET NX``). If it raises, the delivery
        is refused with ``ReplayGuardUnavailableError`` (fails closed).
        """
    @property
    def capacity(self) -> Optional[int]:
        """The most ids an in-memory guard keeps (``None`` for other guards)."""
    def __len__(self) -> int:
        """Ids an in-memory guard holds now (0 for Redis, which does not say)."""

@disjoint_base
class Webhooks:
    """ImageKit's ``client.webhooks``: verify a delivery and get a typed event.

    Usually reached as ``ImageKit(webhook_secret=...).webhooks``. _Secrets are read in
    ``imagekit`` key mode (the whole ``whsec_...`` string is the HMAC key, as ImageKit's SDKs
    do) unless ``key_mode`` says otherwise. Thread-safe; build once, share.

    :param secret: one secret or a list (rotation); ``None`` means every call passes ``key=``.
    :param key_mode: ``"imagekit"`` (default), ``"standard"`` or ``"raw"``.
    :param tolerance: allowed clock difference in seconds, both directions (default 300).
    :param legacy: also accept ImageKit's legacy ``x-ik-signature`` header.
    :param max_payload_bytes: larger bodies raise ``PayloadTooLargeError`` (default 1 MiB).
    :param replay_guard: e.g. ``ReplayGuard.in_memory()`` to refuse replays.
    :raises InvalidSecretError: a secret cannot be used.
    """

    def __new__(
        cls,
        secret: Optional[_Secrets] = None,
        *,
        key_mode: Optional[_KeyModeName] = None,
        tolerance: int = 300,
        legacy: bool = False,
        max_payload_bytes: int = 1048576,
        replay_guard: Optional[ReplayGuard] = None,
    ) -> Self: ...
    def unwrap(
        self,
        payload: _Payload,
        headers: Optional[_Headers] = None,
        *,
        key: Optional[_Secrets] = None,
        now: _Now = None,
    ) -> _UnwrapWebhookEvent:
        """Verify ``payload`` (the raw body) against ``headers``, then parse it into the event
        class of its type (``UnknownEvent`` for a type this version does not know).

        :param key: a secret for this call only (same key mode and options).
        :param now: verify as if at this time (tests).
        :raises WebhookVerificationError: a subclass per code; nothing else.
        """
    def verify(
        self,
        payload: _Payload,
        headers: Optional[_Headers] = None,
        *,
        key: Optional[_Secrets] = None,
        now: _Now = None,
    ) -> Verified:
        """Verify only (no parsing); returns what matched."""
    def unsafe_unwrap(self, payload: _Payload) -> _UnwrapWebhookEvent:
        """Parse **without verifying**. Development only: anyone can POST to your endpoint."""
    def explain(
        self,
        payload: _Payload,
        headers: Optional[_Headers] = None,
        *,
        key: Optional[_Secrets] = None,
        now: _Now = None,
    ) -> Explanation:
        """Every check of verifying this delivery, step by step, with the real outcome (the
        replay guard is neither consulted nor written). ``print()`` it when a delivery fails."""
    @property
    def key_mode(self) -> str:
        """The key mode secrets are read in."""
    @property
    def tolerance(self) -> int:
        """Tolerance in seconds."""
    @property
    def max_payload_bytes(self) -> int:
        """The largest body accepted, in bytes; the framework adapters read at most one byte more."""

@disjoint_base
class Webhook:
    """The Standard Webhooks ``Webhook``: a drop-in for ``standardwebhooks.Webhook``.

    ``whsecret`` as ``str`` is read in ``standard`` key mode (``whsec_`` prefix optional, then
    base64), as ``bytes`` it is the raw key. A list of secrets enables rotation. Options as for
    ``Webhooks``.
    """

    def __new__(
        cls,
        whsecret: _Secrets,
        *,
        key_mode: Optional[_KeyModeName] = None,
        tolerance: int = 300,
        legacy: bool = False,
        max_payload_bytes: int = 1048576,
        replay_guard: Optional[ReplayGuard] = None,
    ) -> Self: ...
    def verify(
        self,
        data: _Payload,
        headers: _Headers,
        *,
        json_parse: bool = True,
        now: _Now = None,
    ) -> Any:
        """Verify; return the parsed JSON body, or ``None`` with ``json_parse=False``.

        :raises WebhookVerificationError: a subclass per code; nothing else.
        """
    def unwrap(self, data: _Payload, headers: _Headers, *, now: _Now = None) -> _UnwrapWebhookEvent:
        """Verify, then parse into a typed ImageKit event."""
    @property
    def max_payload_bytes(self) -> int:
        """The largest body accepted, in bytes; the framework adapters read at most one byte more."""
    def sign(self, msg_id: str, timestamp: Union[datetime, int], data: _Payload) -> str:
        """``"v1,<base64>"`` for ``msg_id``, ``timestamp`` and ``data``, with the first secret.
        A naive ``datetime`` is taken as UTC (as ``standardwebhooks`` does)."""

@final
class Signer:
    """Signs deliveries, for tests and senders. ``key_mode`` as for ``Webhooks``."""

    def __new__(cls, secret: _Secret, *, key_mode: Optional[_KeyModeName] = None) -> Self: ...
    def sign(self, msg_id: str, timestamp: Union[datetime, int], payload: _Payload) -> str:
        """The ``webhook-signature`` value: ``"v1,<base64>"`` (``"v1a,..."`` for a ``whsk_`` key)."""
    def sign_legacy(self, timestamp_ms: int, payload: _Payload) -> str:
        """The legacy ``x-ik-signature`` value ``"t=<ms>,v1=<hex>"``."""
    def headers(
        self,
        payload: _Payload,
        *,
        msg_id: Optional[str] = None,
        timestamp: Union[datetime, int, None] = None,
    ) -> dict[str, str]:
        """``webhook-id``, ``webhook-timestamp`` and ``webhook-signature`` for ``payload``: a fresh
        ``msg_...`` id and the current time unless given."""

def unsafe_unwrap(payload: _Payload) -> _UnwrapWebhookEvent:
    """Parse an event **without verifying it**. Development and tests only."""

def sample_body(event_type: str) -> str:
    """A realistic body of a known event type (ImageKit's own examples where published).

    :raises InvalidPayloadError: the type is not one of ``EVENT_TYPES``.
    """

def matching_key_modes(secret: str, payload: _Payload, headers: _Headers, *, now: _Now = None) -> list[str]:
    """The key modes under which ``secret`` would verify this delivery (timestamp and size limits
    ignored). For "the secret is right but nothing verifies": ``["standard"]`` means pass
    ``key_mode="standard"``; an empty list means a wrong secret or a changed (re-serialized) body."""

def fresh_message_id() -> str:
    """A new message id: ``msg_`` plus 27 base62 characters."""

# ---------------------------------------------------------------------------------------------
# Events. Attributes are snake_case; ``raw`` keeps the whole JSON. Numbers are ``int`` or
# ``float`` as in the JSON. The core refuses (``InvalidPayloadError``) a known event whose body
# does not match its schema, so a member typed as present is there; an optional one is ``None``
# when absent.

@disjoint_base
class BaseWebhookEvent:
    """What every event has. Check the class (``isinstance``, ``match``) or ``type``."""

    @property
    def id(self) -> Optional[str]:
        """The event id."""
    @property
    def type(self) -> str:
        """The event type, exactly as sent."""
    @property
    def created_at(self) -> Optional[datetime]:
        """``created_at`` as an aware UTC ``datetime`` (``None`` if absent or not ISO 8601)."""
    @property
    def created_at_raw(self) -> Optional[str]:
        """``created_at`` as the string that was sent."""
    @property
    def raw(self) -> dict[str, Any]:
        """The whole JSON object as sent, keys in the order they were sent (the same ``dict``
        on every access)."""
    def to_dict(self) -> dict[str, Any]:
        """The whole JSON object (as ``raw``), as a new ``dict``."""
    @property
    def verified(self) -> Optional[Verified]:
        """What verified this event; ``None`` from ``unsafe_unwrap``."""

@final
class UnknownEvent(BaseWebhookEvent):
    """An event type this version does not know: a new ImageKit event never breaks a receiver.

    ``unwrap`` is typed as returning a known event (``_UnwrapWebhookEvent``), so that
    ``event.type == "..."`` narrows it in mypy, which cannot narrow a union with a member whose
    ``type`` is ``str``. At run time a type this version does not know comes back as this class:
    test ``isinstance(event, UnknownEvent)`` (or ``event.type in EVENT_TYPES``) before the known
    types when you want to handle it. ``data`` and ``request`` are the raw JSON values; ``raw``
    has everything."""

    @property
    def data(self) -> Any: ...
    @property
    def request(self) -> Any: ...

# --- BEGIN GENERATED: event classes (@generated by schema/generate.py from schema/imagekit-events.json: do not edit; change the schema and rerun it.) ---

@final
class VideoRequest:
    """The request that triggered a video transformation."""

    @property
    def url(self) -> str:
        """Full URL of the transformation request."""
    @property
    def x_request_id(self) -> str:
        """ImageKit's id of the originating request."""
    @property
    def user_agent(self) -> Optional[str]:
        """User-Agent of the originating request."""

@final
class VideoAsset:
    """The source video being transformed."""

    @property
    def url(self) -> str:
        """URL of the source video."""

@final
class VideoTransformationOptions:
    """Options of a video transformation."""

    @property
    def audio_codec(self) -> Optional[str]:
        """Audio codec. One of ``aac``, ``opus`` (others may come)."""
    @property
    def auto_rotate(self) -> Optional[bool]:
        """Whether the video is rotated from its metadata."""
    @property
    def format(self) -> Optional[str]:
        """Output format. One of ``mp4``, ``webm``, ``jpg``, ``png``, ``webp`` (others may come)."""
    @property
    def quality(self) -> Union[int, float, None]:
        """Output quality (an integer)."""
    @property
    def stream_protocol(self) -> Optional[str]:
        """Adaptive-streaming protocol. One of ``HLS``, ``DASH`` (others may come)."""
    @property
    def variants(self) -> Optional[list[str]]:
        """Adaptive-streaming quality variants."""
    @property
    def video_codec(self) -> Optional[str]:
        """Video codec. One of ``h264``, ``vp9``, ``av1`` (others may come)."""

@final
class VideoAcceptedData:
    """``data`` of ``video.transformation.accepted``."""

    @property
    def asset(self) -> VideoAsset:
        """The source video."""
    @property
    def transformation(self) -> VideoAcceptedTransformation:
        """The requested transformation."""

@final
class VideoAcceptedTransformation:
    """A video transformation as requested."""

    @property
    def type(self) -> str:
        """Kind of transformation. One of ``video-transformation``, ``gif-to-video``, ``video-thumbnail`` (others may come)."""
    @property
    def options(self) -> Optional[VideoTransformationOptions]:
        """Requested options."""

@final
class VideoReadyData:
    """``data`` of ``video.transformation.ready``."""

    @property
    def asset(self) -> VideoAsset:
        """The source video."""
    @property
    def transformation(self) -> VideoReadyTransformation:
        """The finished transformation."""

@final
class VideoReadyTransformation:
    """A finished video transformation."""

    @property
    def type(self) -> str:
        """Kind of transformation. One of ``video-transformation``, ``gif-to-video``, ``video-thumbnail`` (others may come)."""
    @property
    def options(self) -> Optional[VideoTransformationOptions]:
        """Requested options."""
    @property
    def output(self) -> Optional[VideoOutput]:
        """The transformed video."""

@final
class VideoOutput:
    """The transformed video."""

    @property
    def url(self) -> str:
        """URL of the transformed video."""
    @property
    def video_metadata(self) -> Optional[VideoMetadata]:
        """Metadata of the transformed video."""

@final
class VideoMetadata:
    """Metadata of a transformed video."""

    @property
    def bitrate(self) -> Union[int, float]:
        """Bitrate in bits per second."""
    @property
    def duration(self) -> Union[int, float]:
        """Duration in seconds."""
    @property
    def height(self) -> Union[int, float]:
        """Height in pixels."""
    @property
    def width(self) -> Union[int, float]:
        """Width in pixels."""

@final
class VideoTimings:
    """How long a video transformation took."""

    @property
    def download_duration(self) -> Union[int, float, None]:
        """Milliseconds spent downloading the source."""
    @property
    def encoding_duration(self) -> Union[int, float, None]:
        """Milliseconds spent encoding."""

@final
class VideoErrorData:
    """``data`` of ``video.transformation.error``."""

    @property
    def asset(self) -> VideoAsset:
        """The source video."""
    @property
    def transformation(self) -> VideoErrorTransformation:
        """The failed transformation."""

@final
class VideoErrorTransformation:
    """A video transformation that failed."""

    @property
    def type(self) -> str:
        """Kind of transformation. One of ``video-transformation``, ``gif-to-video``, ``video-thumbnail`` (others may come)."""
    @property
    def options(self) -> Optional[VideoTransformationOptions]:
        """Requested options."""
    @property
    def error(self) -> Optional[TransformationError]:
        """Why it failed."""

@final
class TransformationError:
    """Why a transformation failed."""

    @property
    def reason(self) -> str:
        """The reason, e.g. ``encoding_failed``. One of ``encoding_failed``, ``download_failed``, ``internal_server_error`` (others may come)."""

@final
class PreTransformRequest:
    """The upload request of a pre-transformation."""

    @property
    def transformation(self) -> str:
        """The transformation string, e.g. ``rt-90``."""
    @property
    def x_request_id(self) -> str:
        """ImageKit's id of the upload request."""

@final
class PreTransformSuccessData:
    """The file stored by an upload with a pre-transformation."""

    @property
    def ai_tags(self) -> Optional[list[AITag]]:
        """Tags from the auto-tagging extensions."""
    @property
    def audio_codec(self) -> Optional[str]:
        """Audio codec (videos)."""
    @property
    def bit_rate(self) -> Union[int, float, None]:
        """Bit rate in kbps (videos)."""
    @property
    def custom_coordinates(self) -> Optional[str]:
        """Custom coordinates, ``x,y,width,height``."""
    @property
    def custom_metadata(self) -> Optional[dict[str, Any]]:
        """Custom metadata (a JSON object)."""
    @property
    def description(self) -> Optional[str]:
        """Description of the file."""
    @property
    def duration(self) -> Union[int, float, None]:
        """Duration in seconds (videos)."""
    @property
    def embedded_metadata(self) -> Optional[dict[str, Any]]:
        """Embedded EXIF, IPTC and XMP metadata (a JSON object)."""
    @property
    def extension_status(self) -> Optional[ExtensionStatus]:
        """Status of each extension run on the upload."""
    @property
    def file_id(self) -> Optional[str]:
        """Unique id of the file."""
    @property
    def file_path(self) -> Optional[str]:
        """Path of the file in the media library."""
    @property
    def file_type(self) -> Optional[str]:
        """``image`` or ``non-image``."""
    @property
    def height(self) -> Union[int, float, None]:
        """Height in pixels (images)."""
    @property
    def is_private_file(self) -> Optional[bool]:
        """Whether the file is private."""
    @property
    def is_published(self) -> Optional[bool]:
        """Whether the file is published."""
    @property
    def metadata(self) -> Optional[dict[str, Any]]:
        """Legacy metadata (a JSON object)."""
    @property
    def name(self) -> Optional[str]:
        """Name of the file."""
    @property
    def selected_fields_schema(self) -> Optional[dict[str, Any]]:
        """Schemas of the custom metadata fields (a JSON object)."""
    @property
    def size(self) -> Union[int, float, None]:
        """Size in bytes."""
    @property
    def tags(self) -> Optional[list[str]]:
        """Tags."""
    @property
    def thumbnail_url(self) -> Optional[str]:
        """URL of the thumbnail."""
    @property
    def url(self) -> Optional[str]:
        """URL of the file."""
    @property
    def version_info(self) -> Optional[VersionInfo]:
        """The file's version."""
    @property
    def video_codec(self) -> Optional[str]:
        """Video codec (videos)."""
    @property
    def width(self) -> Union[int, float, None]:
        """Width in pixels (images)."""

@final
class ExtensionStatus:
    """Status of each extension run on an upload: ``success``, ``pending`` or ``failed``."""

    @property
    def ai_auto_description(self) -> Optional[str]:
        """The ai-auto-description extension. One of ``success``, ``pending``, ``failed`` (others may come)."""
    @property
    def ai_tasks(self) -> Optional[str]:
        """The ai-tasks extension. One of ``success``, ``pending``, ``failed`` (others may come)."""
    @property
    def aws_auto_tagging(self) -> Optional[str]:
        """The aws-auto-tagging extension. One of ``success``, ``pending``, ``failed`` (others may come)."""
    @property
    def google_auto_tagging(self) -> Optional[str]:
        """The google-auto-tagging extension. One of ``success``, ``pending``, ``failed`` (others may come)."""
    @property
    def remove_bg(self) -> Optional[str]:
        """The remove-bg extension. One of ``success``, ``pending``, ``failed`` (others may come)."""

@final
class PreTransformErrorData:
    """The file whose pre-transformation failed."""

    @property
    def name(self) -> str:
        """Name of the file."""
    @property
    def path(self) -> str:
        """Path of the file."""
    @property
    def transformation(self) -> FailedTransformation:
        """The failure."""

@final
class FailedTransformation:
    """A transformation of an upload that failed."""

    @property
    def error(self) -> TransformationError:
        """Why it failed."""

@final
class PostTransformRequest:
    """The upload request of a post-transformation."""

    @property
    def transformation(self) -> PostTransformation:
        """The requested transformation."""
    @property
    def x_request_id(self) -> str:
        """ImageKit's id of the upload request."""

@final
class PostTransformation:
    """A post-transformation as requested."""

    @property
    def type(self) -> str:
        """Kind of post-transformation. One of ``transformation``, ``abs``, ``gif-to-video``, ``thumbnail`` (others may come)."""
    @property
    def protocol(self) -> Optional[str]:
        """Streaming protocol (``abs`` only). One of ``hls``, ``dash`` (others may come)."""
    @property
    def value(self) -> Optional[str]:
        """The transformation string."""

@final
class PostTransformSuccessData:
    """The file a post-transformation produced."""

    @property
    def file_id(self) -> str:
        """Unique id of the source file."""
    @property
    def name(self) -> str:
        """Name of the file."""
    @property
    def url(self) -> str:
        """URL of the transformed file."""

@final
class PostTransformErrorData:
    """The file whose post-transformation failed."""

    @property
    def file_id(self) -> str:
        """Unique id of the source file."""
    @property
    def name(self) -> str:
        """Name of the file."""
    @property
    def path(self) -> str:
        """Path of the file."""
    @property
    def transformation(self) -> FailedTransformation:
        """The failure."""
    @property
    def url(self) -> str:
        """URL of the transformation that failed."""

@final
class FileDetails:
    """A file in the media library."""

    @property
    def ai_tags(self) -> Optional[list[AITag]]:
        """Tags from the auto-tagging extensions."""
    @property
    def audio_codec(self) -> Optional[str]:
        """Audio codec (videos)."""
    @property
    def bit_rate(self) -> Union[int, float, None]:
        """Bit rate in kbps (videos)."""
    @property
    def created_at(self) -> Optional[str]:
        """When the file was created (ISO 8601)."""
    @property
    def custom_coordinates(self) -> Optional[str]:
        """Custom coordinates, ``x,y,width,height``."""
    @property
    def custom_metadata(self) -> Optional[dict[str, Any]]:
        """Custom metadata (a JSON object)."""
    @property
    def description(self) -> Optional[str]:
        """Description of the file."""
    @property
    def duration(self) -> Union[int, float, None]:
        """Duration in seconds (videos)."""
    @property
    def embedded_metadata(self) -> Optional[dict[str, Any]]:
        """Embedded EXIF, IPTC and XMP metadata (a JSON object)."""
    @property
    def file_id(self) -> Optional[str]:
        """Unique id of the file."""
    @property
    def file_path(self) -> Optional[str]:
        """Path of the file in the media library."""
    @property
    def file_type(self) -> Optional[str]:
        """``image`` or ``non-image``."""
    @property
    def has_alpha(self) -> Optional[bool]:
        """Whether the image has an alpha channel."""
    @property
    def height(self) -> Union[int, float, None]:
        """Height in pixels (images)."""
    @property
    def is_private_file(self) -> Optional[bool]:
        """Whether the file is private."""
    @property
    def is_published(self) -> Optional[bool]:
        """Whether the file is published."""
    @property
    def mime(self) -> Optional[str]:
        """MIME type."""
    @property
    def name(self) -> Optional[str]:
        """Name of the file."""
    @property
    def selected_fields_schema(self) -> Optional[dict[str, Any]]:
        """Schemas of the custom metadata fields (a JSON object)."""
    @property
    def size(self) -> Union[int, float, None]:
        """Size in bytes."""
    @property
    def tags(self) -> Optional[list[str]]:
        """Tags."""
    @property
    def thumbnail(self) -> Optional[str]:
        """URL of the thumbnail."""
    @property
    def type(self) -> Optional[str]:
        """``file`` or ``file-version``. One of ``file``, ``file-version`` (others may come)."""
    @property
    def updated_at(self) -> Optional[str]:
        """When the file was last updated (ISO 8601)."""
    @property
    def url(self) -> Optional[str]:
        """URL of the file."""
    @property
    def version_info(self) -> Optional[VersionInfo]:
        """The file's version."""
    @property
    def video_codec(self) -> Optional[str]:
        """Video codec (videos)."""
    @property
    def width(self) -> Union[int, float, None]:
        """Width in pixels (images)."""

@final
class AITag:
    """A tag from an auto-tagging extension."""

    @property
    def confidence(self) -> Union[int, float, None]:
        """Confidence of the tag."""
    @property
    def name(self) -> Optional[str]:
        """The tag."""
    @property
    def source(self) -> Optional[str]:
        """``google-auto-tagging`` or ``aws-auto-tagging``."""

@final
class VersionInfo:
    """A file version."""

    @property
    def id(self) -> Optional[str]:
        """Unique id of the version."""
    @property
    def name(self) -> Optional[str]:
        """Name of the version."""

@final
class FileDeletedData:
    """``data`` of ``file.deleted``."""

    @property
    def file_id(self) -> str:
        """Unique id of the deleted file."""

@final
class FileVersionDeletedData:
    """``data`` of ``file-version.deleted``."""

    @property
    def file_id(self) -> str:
        """Unique id of the file."""
    @property
    def version_id(self) -> str:
        """Unique id of the deleted version."""

@final
class Folder:
    """A folder in the media library."""

    @property
    def created_at(self) -> Optional[str]:
        """When the folder was created (ISO 8601)."""
    @property
    def created_by(self) -> Optional[CreatedBy]:
        """Who created the folder."""
    @property
    def custom_metadata(self) -> Optional[dict[str, Any]]:
        """Custom metadata (a JSON object)."""
    @property
    def folder_id(self) -> Optional[str]:
        """Unique id of the folder."""
    @property
    def folder_path(self) -> Optional[str]:
        """Path of the folder."""
    @property
    def name(self) -> Optional[str]:
        """Name of the folder."""
    @property
    def type(self) -> Optional[str]:
        """``folder``. One of ``folder`` (others may come)."""
    @property
    def updated_at(self) -> Optional[str]:
        """When the folder was last updated (ISO 8601)."""

@final
class CreatedBy:
    """Who created a folder."""

    @property
    def email(self) -> Optional[str]:
        """Email address."""
    @property
    def name(self) -> Optional[str]:
        """Name."""

@final
class FolderDeletedData:
    """``data`` of ``folder.deleted``."""

    @property
    def folder_id(self) -> str:
        """Unique id of the deleted folder."""

@final
class VideoTransformationAcceptedEvent(BaseWebhookEvent):
    """``video.transformation.accepted``: A video transformation request was accepted and queued for processing."""

    @property
    def id(self) -> str:
        """Unique identifier of the event."""
    @property
    def type(self) -> Literal["video.transformation.accepted"]:
        """The event type, e.g. ``video.transformation.ready``."""
    @property
    def created_at(self) -> datetime:
        """When the event was created (RFC 3339)."""
    @property
    def request(self) -> VideoRequest:
        """The request that triggered the transformation."""
    @property
    def data(self) -> VideoAcceptedData:
        """The source asset and the requested transformation."""

@final
class VideoTransformationReadyEvent(BaseWebhookEvent):
    """``video.transformation.ready``: Video encoding finished and the transformed resource is ready to be served."""

    @property
    def id(self) -> str:
        """Unique identifier of the event."""
    @property
    def type(self) -> Literal["video.transformation.ready"]:
        """The event type, e.g. ``video.transformation.ready``."""
    @property
    def created_at(self) -> datetime:
        """When the event was created (RFC 3339)."""
    @property
    def request(self) -> VideoRequest:
        """The request that triggered the transformation."""
    @property
    def data(self) -> VideoReadyData:
        """The source asset and the finished transformation."""
    @property
    def timings(self) -> Optional[VideoTimings]:
        """How long the transformation took."""

@final
class VideoTransformationErrorEvent(BaseWebhookEvent):
    """``video.transformation.error``: Video encoding failed."""

    @property
    def id(self) -> str:
        """Unique identifier of the event."""
    @property
    def type(self) -> Literal["video.transformation.error"]:
        """The event type, e.g. ``video.transformation.ready``."""
    @property
    def created_at(self) -> datetime:
        """When the event was created (RFC 3339)."""
    @property
    def request(self) -> VideoRequest:
        """The request that triggered the transformation."""
    @property
    def data(self) -> VideoErrorData:
        """The source asset and the failed transformation."""

@final
class UploadPreTransformSuccessEvent(BaseWebhookEvent):
    """``upload.pre-transform.success``: A pre-transformation given at upload succeeded and the file was stored."""

    @property
    def id(self) -> str:
        """Unique identifier of the event."""
    @property
    def type(self) -> Literal["upload.pre-transform.success"]:
        """The event type, e.g. ``video.transformation.ready``."""
    @property
    def created_at(self) -> datetime:
        """When the event was created (RFC 3339)."""
    @property
    def request(self) -> PreTransformRequest:
        """The upload request."""
    @property
    def data(self) -> PreTransformSuccessData:
        """The uploaded file."""

@final
class UploadPreTransformErrorEvent(BaseWebhookEvent):
    """``upload.pre-transform.error``: A pre-transformation given at upload failed; the file was not stored."""

    @property
    def id(self) -> str:
        """Unique identifier of the event."""
    @property
    def type(self) -> Literal["upload.pre-transform.error"]:
        """The event type, e.g. ``video.transformation.ready``."""
    @property
    def created_at(self) -> datetime:
        """When the event was created (RFC 3339)."""
    @property
    def request(self) -> PreTransformRequest:
        """The upload request."""
    @property
    def data(self) -> PreTransformErrorData:
        """The file and the failure."""

@final
class UploadPostTransformSuccessEvent(BaseWebhookEvent):
    """``upload.post-transform.success``: A post-transformation given at upload finished."""

    @property
    def id(self) -> str:
        """Unique identifier of the event."""
    @property
    def type(self) -> Literal["upload.post-transform.success"]:
        """The event type, e.g. ``video.transformation.ready``."""
    @property
    def created_at(self) -> datetime:
        """When the event was created (RFC 3339)."""
    @property
    def request(self) -> PostTransformRequest:
        """The upload request."""
    @property
    def data(self) -> PostTransformSuccessData:
        """The transformed file."""

@final
class UploadPostTransformErrorEvent(BaseWebhookEvent):
    """``upload.post-transform.error``: A post-transformation given at upload failed."""

    @property
    def id(self) -> str:
        """Unique identifier of the event."""
    @property
    def type(self) -> Literal["upload.post-transform.error"]:
        """The event type, e.g. ``video.transformation.ready``."""
    @property
    def created_at(self) -> datetime:
        """When the event was created (RFC 3339)."""
    @property
    def request(self) -> PostTransformRequest:
        """The upload request."""
    @property
    def data(self) -> PostTransformErrorData:
        """The file and the failure."""

@final
class FileCreateEvent(BaseWebhookEvent):
    """``file.created``: A file was created in the media library."""

    @property
    def id(self) -> str:
        """Unique identifier of the event."""
    @property
    def type(self) -> Literal["file.created"]:
        """The event type, e.g. ``video.transformation.ready``."""
    @property
    def created_at(self) -> datetime:
        """When the event was created (RFC 3339)."""
    @property
    def data(self) -> FileDetails:
        """The file."""

@final
class FileUpdateEvent(BaseWebhookEvent):
    """``file.updated``: A file's details were updated."""

    @property
    def id(self) -> str:
        """Unique identifier of the event."""
    @property
    def type(self) -> Literal["file.updated"]:
        """The event type, e.g. ``video.transformation.ready``."""
    @property
    def created_at(self) -> datetime:
        """When the event was created (RFC 3339)."""
    @property
    def data(self) -> FileDetails:
        """The file, as updated."""

@final
class FileDeleteEvent(BaseWebhookEvent):
    """``file.deleted``: A file was deleted."""

    @property
    def id(self) -> str:
        """Unique identifier of the event."""
    @property
    def type(self) -> Literal["file.deleted"]:
        """The event type, e.g. ``video.transformation.ready``."""
    @property
    def created_at(self) -> datetime:
        """When the event was created (RFC 3339)."""
    @property
    def data(self) -> FileDeletedData:
        """The deleted file."""

@final
class FileVersionCreateEvent(BaseWebhookEvent):
    """``file-version.created``: A new version of a file was created."""

    @property
    def id(self) -> str:
        """Unique identifier of the event."""
    @property
    def type(self) -> Literal["file-version.created"]:
        """The event type, e.g. ``video.transformation.ready``."""
    @property
    def created_at(self) -> datetime:
        """When the event was created (RFC 3339)."""
    @property
    def data(self) -> FileDetails:
        """The file at its new version."""

@final
class FileVersionDeleteEvent(BaseWebhookEvent):
    """``file-version.deleted``: A version of a file was deleted."""

    @property
    def id(self) -> str:
        """Unique identifier of the event."""
    @property
    def type(self) -> Literal["file-version.deleted"]:
        """The event type, e.g. ``video.transformation.ready``."""
    @property
    def created_at(self) -> datetime:
        """When the event was created (RFC 3339)."""
    @property
    def data(self) -> FileVersionDeletedData:
        """The deleted version."""

@final
class FolderCreateEvent(BaseWebhookEvent):
    """``folder.created``: A folder was created (a move sends one for the new id)."""

    @property
    def id(self) -> str:
        """Unique identifier of the event."""
    @property
    def type(self) -> Literal["folder.created"]:
        """The event type, e.g. ``video.transformation.ready``."""
    @property
    def created_at(self) -> datetime:
        """When the event was created (RFC 3339)."""
    @property
    def data(self) -> Folder:
        """The folder."""

@final
class FolderUpdateEvent(BaseWebhookEvent):
    """``folder.updated``: A folder's details were updated."""

    @property
    def id(self) -> str:
        """Unique identifier of the event."""
    @property
    def type(self) -> Literal["folder.updated"]:
        """The event type, e.g. ``video.transformation.ready``."""
    @property
    def created_at(self) -> datetime:
        """When the event was created (RFC 3339)."""
    @property
    def data(self) -> Folder:
        """The folder, as updated."""

@final
class FolderDeleteEvent(BaseWebhookEvent):
    """``folder.deleted``: A folder was deleted (a move sends one for the old id)."""

    @property
    def id(self) -> str:
        """Unique identifier of the event."""
    @property
    def type(self) -> Literal["folder.deleted"]:
        """The event type, e.g. ``video.transformation.ready``."""
    @property
    def created_at(self) -> datetime:
        """When the event was created (RFC 3339)."""
    @property
    def data(self) -> FolderDeletedData:
        """The deleted folder."""

#: A known event, as ``unwrap`` types its result: ``event.type == "..."`` narrows it to one
#: class. A type this version does not know arrives as ``UnknownEvent`` at run time (see there).
#: ``hookseal.events`` exports it as ``UnwrapWebhookEvent``.
_UnwrapWebhookEvent = Union[
    VideoTransformationAcceptedEvent,
    VideoTransformationReadyEvent,
    VideoTransformationErrorEvent,
    UploadPreTransformSuccessEvent,
    UploadPreTransformErrorEvent,
    UploadPostTransformSuccessEvent,
    UploadPostTransformErrorEvent,
    FileCreateEvent,
    FileUpdateEvent,
    FileDeleteEvent,
    FileVersionCreateEvent,
    FileVersionDeleteEvent,
    FolderCreateEvent,
    FolderUpdateEvent,
    FolderDeleteEvent,
]

# --- END GENERATED: event classes ---
