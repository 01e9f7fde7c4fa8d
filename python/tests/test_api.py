"""The Python API: ImageKit/Webhooks/Webhook/Signer/Key/ReplayGuard, inputs, options, errors."""

from __future__ import annotations

import random
import sys
import threading
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from conftest import SECRET

import hookseal
from hookseal import (
    ImageKit,
    Key,
    ReplayGuard,
    Signer,
    Webhook,
    Webhooks,
    WebhookVerificationError,
)
from hookseal.testing import SAMPLE_BODIES, headers_for, legacy_headers_for, sample_delivery

OTHER = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"
NOW = 1_716_000_000


def signed(body: Any, secret: str = SECRET, ts: int = NOW, msg_id: str = "msg_1") -> dict[str, str]:
    return Signer(secret).headers(body, msg_id=msg_id, timestamp=ts)


# ------------------------------------------------------------------------------------- errors


def camel(code: str) -> str:
    return "".join(p.capitalize() for p in code.split("_")) + "Error"


def test_every_core_error_code_has_a_subclass() -> None:
    # ERROR_CODES comes from the core: a code added there fails here until it is mapped.
    assert len(hookseal.ERROR_CODES) == len(set(hookseal.ERROR_CODES)) >= 11
    for code in hookseal.ERROR_CODES:
        cls = getattr(hookseal, camel(code), None)
        assert cls is not None, f"no exception class for {code}"
        assert issubclass(cls, WebhookVerificationError) and issubclass(cls, ValueError)
        assert cls is not WebhookVerificationError
        assert cls.code == code
        assert camel(code) in hookseal.__all__
        assert cls.__module__ == "hookseal"
        assert cls.http_status == HTTP_STATUS[code]


# The core's ErrorKind::http_status, which every adapter answers with.
HTTP_STATUS = {
    "missing_header": 401, "invalid_header": 400, "invalid_timestamp": 400, "timestamp_too_old": 401,
    "timestamp_too_new": 401, "invalid_signature": 401, "invalid_secret": 500, "invalid_payload": 400,
    "payload_too_large": 413, "replayed": 401, "replay_guard_unavailable": 503,
}


def test_raised_errors_carry_their_code() -> None:
    ik = ImageKit(webhook_secret=SECRET)
    body = SAMPLE_BODIES["file.deleted"]
    with pytest.raises(hookseal.InvalidSignatureError) as e:
        ik.webhooks.unwrap(body, headers=signed(body, OTHER), now=NOW)
    assert e.value.code == "invalid_signature"
    assert isinstance(e.value, ValueError)
    assert "key mode" in str(e.value)  # the message helps; the code is the contract
    with pytest.raises(hookseal.TimestampTooOldError):
        ik.webhooks.unwrap(body, headers=signed(body), now=NOW + 301)
    with pytest.raises(hookseal.TimestampTooNewError):
        ik.webhooks.unwrap(body, headers=signed(body), now=NOW - 301)


# ---------------------------------------------------------------------------- ImageKit shape


def test_imagekit_unwrap_like_the_sdk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMAGEKIT_WEBHOOK_SECRET", SECRET)
    imagekit = ImageKit(private_key="private_xxx")  # secret from the environment
    assert "private_xxx" not in repr(imagekit) and SECRET not in repr(imagekit)
    body = SAMPLE_BODIES["video.transformation.ready"]
    event = imagekit.webhooks.unwrap(payload=body, headers=signed(body), now=NOW)
    assert isinstance(event, hookseal.VideoTransformationReadyEvent)
    assert event.type == "video.transformation.ready"
    assert event.id == "a03031b5-ad5f-4985-8cf5-4de67630f6d7"
    assert event.created_at == datetime(2022, 6, 20, 12, 0, 11, 703000, tzinfo=timezone.utc)
    assert event.created_at_raw == "2022-06-20T12:00:11.703Z"
    out = event.data.transformation.output
    assert out is not None and out.url == "http://ik.imagekit.io/demo/sample-video.mp4?tr=f-webm,q-10"
    meta = out.video_metadata
    assert meta is not None and meta.width == 1280 and type(meta.width) is int
    assert meta.duration == 15.023 and type(meta.duration) is float
    assert event.timings is not None and event.timings.download_duration == 2713
    assert event.request.x_request_id == "fa98fa2e-d6cd-45b4-acf5-bc1d2bbb8ba9"
    assert event.data.asset.url == "http://ik.imagekit.io/demo/sample-video.mp4"
    assert event.raw is event.raw and event.to_dict() is not event.to_dict()
    assert event.verified is not None and event.verified.key_index == 0
    assert event.data is event.data  # attributes are converted once


def test_per_call_key_and_missing_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IMAGEKIT_WEBHOOK_SECRET", raising=False)
    imagekit = ImageKit()
    body = SAMPLE_BODIES["file.deleted"]
    with pytest.raises(hookseal.InvalidSecretError, match="IMAGEKIT_WEBHOOK_SECRET"):
        imagekit.webhooks.unwrap(body, headers=signed(body), now=NOW)
    event = imagekit.webhooks.unwrap(body, headers=signed(body, OTHER), key=OTHER, now=NOW)
    assert isinstance(event, hookseal.FileDeleteEvent)
    assert event.data.file_id == "6540dbea002322e4ebe30de2"
    with pytest.raises(hookseal.InvalidSecretError):
        ImageKit(webhook_secret="")


def test_unsafe_unwrap_and_unknown_events() -> None:
    imagekit = ImageKit(webhook_secret=SECRET)
    event = imagekit.webhooks.unsafe_unwrap('{"type":"thing.new","id":"e1","data":{"a":[1,2.5]}}')
    assert isinstance(event, hookseal.UnknownEvent) and isinstance(event, hookseal.BaseWebhookEvent)
    assert event.type == "thing.new" and event.data == {"a": [1, 2.5]} and event.request is None
    assert event.created_at is None and event.verified is None
    with pytest.raises(hookseal.InvalidPayloadError):
        hookseal.unsafe_unwrap(b"[1]")
    # A known type must match its schema: what ImageKit always sends is typed as present, so a
    # body without it is refused, with the member's path, rather than read as None.
    with pytest.raises(hookseal.InvalidPayloadError, match="`id` is missing"):
        hookseal.unsafe_unwrap('{"type":"video.transformation.error"}')
    body = hookseal.sample_body("video.transformation.error").replace('"asset":{"url":', '"asset":{"uri":')
    with pytest.raises(hookseal.InvalidPayloadError, match=r"`data\.asset\.url` is missing"):
        hookseal.unsafe_unwrap(body)
    event = hookseal.unsafe_unwrap(hookseal.sample_body("video.transformation.error"))
    assert isinstance(event, hookseal.VideoTransformationErrorEvent)
    assert event.data.asset.url and event.data.transformation.error is not None


@pytest.mark.skipif(sys.version_info < (3, 10), reason="match needs Python 3.10")
def test_match_on_event_class() -> None:
    code = """
def kind(event):
    match event:
        case hookseal.FileCreateEvent(data=data):
            return "created " + data.file_id
        case hookseal.VideoTransformationErrorEvent():
            return "video error " + event.data.transformation.error.reason
        case hookseal.UnknownEvent(type=t):
            return "unknown " + t
        case _:
            return "other"
"""
    ns: dict[str, Any] = {"hookseal": hookseal}
    exec(code, ns)
    kind = ns["kind"]
    assert kind(hookseal.unsafe_unwrap(SAMPLE_BODIES["file.created"])) == "created 6540dbea002322e4ebe30de2"
    assert kind(hookseal.unsafe_unwrap(SAMPLE_BODIES["video.transformation.error"])) == "video error download_failed"
    assert kind(hookseal.unsafe_unwrap('{"type":"x.y"}')) == "unknown x.y"
    assert kind(hookseal.unsafe_unwrap(SAMPLE_BODIES["file.deleted"])) == "other"


def test_every_event_type_gets_its_class() -> None:
    for t, body in SAMPLE_BODIES.items():
        event = hookseal.unsafe_unwrap(body)
        assert event.type == t and not isinstance(event, hookseal.UnknownEvent)
        assert repr(event).startswith(type(event).__name__ + "(")
    file = hookseal.unsafe_unwrap(SAMPLE_BODIES["file.created"])
    assert isinstance(file, hookseal.FileCreateEvent)
    assert file.data.ai_tags is not None and file.data.ai_tags[0].name == "Shoe"
    assert file.data.version_info is not None and file.data.version_info.name == "Version 1"
    assert file.data.custom_metadata == {"sku": "SHOE-001"} and file.data.type == "file"
    assert file.data.tags == ["catalog", "spring"] and file.data.has_alpha is False


# ------------------------------------------------------------------------------------ options


def test_rotation_reports_the_matching_index() -> None:
    wh = Webhooks([OTHER, SECRET])
    body = b'{"type":"file.deleted"}'
    assert wh.verify(body, signed(body), now=NOW).key_index == 1
    mixed = Webhooks([Key(OTHER, "standard"), Key(SECRET, "imagekit")])
    v = mixed.verify(body, Signer(OTHER, key_mode="standard").headers(body, timestamp=NOW), now=NOW)
    assert v.key_index == 0 and v.scheme == "v1"


def test_replay_guard_on_imagekit_and_webhook() -> None:
    guard = ReplayGuard.in_memory()
    imagekit = ImageKit(webhook_secret=SECRET, replay_guard=guard)
    body = SAMPLE_BODIES["file.deleted"]
    h = signed(body)
    assert imagekit.webhooks.unwrap(body, headers=h, now=NOW).verified.replay == "recorded"  # type: ignore[union-attr]
    with pytest.raises(hookseal.ReplayedError):
        imagekit.webhooks.unwrap(body, headers=h, now=NOW + 1)
    assert len(guard) == 1
    wh = Webhook(OTHER, replay_guard=ReplayGuard.in_memory())
    sig = wh.sign("msg_2", NOW, body)
    headers = {"webhook-id": "msg_2", "webhook-timestamp": str(NOW), "webhook-signature": sig}
    assert wh.verify(body, headers, now=NOW)["type"] == "file.deleted"
    with pytest.raises(hookseal.ReplayedError):
        wh.verify(body, headers, now=NOW)
    full = Webhooks(SECRET, replay_guard=ReplayGuard.in_memory(capacity=1))
    full.verify(body, signed(body, msg_id="a"), now=NOW)
    with pytest.raises(hookseal.ReplayGuardUnavailableError):
        full.verify(body, signed(body, msg_id="b"), now=NOW)


def test_tolerance_legacy_max_payload_and_now() -> None:
    body = SAMPLE_BODIES["file.deleted"]
    h = signed(body)
    assert Webhooks(SECRET, tolerance=10).verify(body, h, now=NOW + 10).timestamp == NOW
    with pytest.raises(hookseal.TimestampTooOldError):
        Webhooks(SECRET, tolerance=10).verify(body, h, now=NOW + 11)
    legacy = legacy_headers_for(body, SECRET, timestamp_ms=NOW * 1000)
    with pytest.raises(hookseal.MissingHeaderError):
        Webhooks(SECRET).verify(body, legacy, now=NOW)
    assert Webhooks(SECRET, legacy=True).verify(body, legacy, now=NOW).scheme == "legacy"
    with pytest.raises(hookseal.PayloadTooLargeError):
        Webhooks(SECRET, max_payload_bytes=10).verify(body, h, now=NOW)
    at = datetime.fromtimestamp(NOW, tz=timezone(timedelta(hours=5)))
    assert Webhooks(SECRET).verify(body, h, now=at).id == "msg_1"
    with pytest.raises(hookseal.InvalidTimestampError, match="aware"):
        Webhooks(SECRET).verify(body, h, now=datetime(2024, 5, 18))
    with pytest.raises(hookseal.InvalidTimestampError):
        Webhooks(SECRET).verify(body, h, now="now")  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------- inputs


def test_payload_types() -> None:
    body = SAMPLE_BODIES["file.deleted"]
    h = signed(body)
    raw = body.encode()
    wh = Webhooks(SECRET)
    for payload in (raw, body, bytearray(raw), memoryview(raw), memoryview(b"xx" + raw)[2:]):
        assert wh.unwrap(payload, h, now=NOW).type == "file.deleted"
    for wrong in ({"type": "file.deleted"}, ["x"], None, 5, object()):
        with pytest.raises(hookseal.InvalidPayloadError, match="raw request body"):
            wh.unwrap(wrong, h, now=NOW)  # type: ignore[arg-type]


def test_header_shapes() -> None:
    from django.http.request import HttpHeaders
    from starlette.datastructures import Headers as StarletteHeaders
    from werkzeug.datastructures import EnvironHeaders

    body = SAMPLE_BODIES["file.deleted"]
    h = signed(body)
    wh = Webhooks(SECRET)
    environ = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in h.items()}
    environ["CONTENT_TYPE"] = "application/json"
    shapes: list[Any] = [
        h,
        {k.upper(): v for k, v in h.items()},
        list(h.items()),
        [(k.encode(), v.encode()) for k, v in h.items()],
        EnvironHeaders(environ),
        StarletteHeaders(headers=h),
        HttpHeaders(environ),
        {**h, "webhook-signature": ["v1,bogus", h["webhook-signature"]], "x-other": 5},
        {**h, "webhook-id": h["webhook-id"].encode()},
    ]
    for shape in shapes:
        assert wh.verify(body, shape, now=NOW).id == "msg_1", type(shape)
    with pytest.raises(hookseal.MissingHeaderError):
        wh.verify(body, {**h, "webhook-id": None}, now=NOW)


def test_hostile_input_only_ever_raises_the_library_error() -> None:
    body = SAMPLE_BODIES["file.deleted"]
    h = signed(body)
    wh = Webhooks(SECRET)
    std = Webhook(OTHER)
    rng = random.Random(7)
    payloads: list[Any] = [
        body, b"", "\ud800", b"\xff\xfe", {"a": 1}, None, 3.5, [1], object(),
        bytes(rng.getrandbits(8) for _ in range(300)),
    ]
    headers: list[Any] = [
        h, None, "webhook-id: x", b"x", 5, [1, 2], [("a",)], [("webhook-id",)], {"webhook-id": 5},
        {**h, "webhook-signature": "\udc80"}, {**h, "webhook-timestamp": "1e9"},
        {**h, "webhook-signature": "v1," + "A" * 9000}, {**h, "webhook-timestamp": "-1"},
        {**h, "webhook-signature": " ".join(["v1,x"] * 100)}, [(object(), object())],
        {object(): "x"}, iter([("webhook-id", "a")]),
    ]
    for _ in range(200):
        junk = "".join(chr(rng.randrange(0, 0x3000)) for _ in range(rng.randrange(0, 40)))
        headers.append({**h, rng.choice(list(h)): junk})
        payloads.append(junk)
    for p in payloads:
        for hd in headers:
            for call in (
                lambda p=p, hd=hd: wh.unwrap(p, hd, now=NOW),
                lambda p=p, hd=hd: wh.verify(p, hd),
                lambda p=p, hd=hd: std.verify(p, hd),
                lambda p=p: hookseal.unsafe_unwrap(p),
            ):
                try:
                    call()
                except WebhookVerificationError:
                    pass


def test_secrets_never_show() -> None:
    objs: list[Any] = [
        ImageKit(webhook_secret=SECRET), Webhooks([SECRET, OTHER]), Webhook(OTHER),
        Key(SECRET), Signer(SECRET), ReplayGuard.in_memory(),
    ]
    for obj in objs:
        text = repr(obj) + str(obj)
        assert "xeO2UNkf" not in text and "C2FVsBQI" not in text, text
    try:
        Webhooks(SECRET).verify(b"{}", signed(b"{}", OTHER), now=NOW)
    except WebhookVerificationError as e:
        assert "xeO2UNkf" not in str(e) and "C2FVsBQI" not in str(e)
    with pytest.raises(hookseal.InvalidSecretError) as info:
        Webhook("whsec_not base64!!")
    assert "not base64!!" not in str(info.value)


# ------------------------------------------------------------------------------------ threads


def test_eight_threads_verify_at_once() -> None:
    wh = Webhooks(SECRET, max_payload_bytes=2 * 1024 * 1024)
    bodies = [(b'{"type":"file.deleted","pad":"%s"}' % (b"x" * (1024 * 1024 + i))) for i in range(8)]
    headers = [signed(b, msg_id=f"msg_{i}") for i, b in enumerate(bodies)]
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def work(i: int) -> None:
        try:
            start.wait()
            for _ in range(5):
                assert wh.verify(bodies[i], headers[i], now=NOW).id == f"msg_{i}"
                with pytest.raises(hookseal.InvalidSignatureError):
                    wh.verify(bodies[i], headers[(i + 1) % 8], now=NOW)
        except BaseException as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


# --------------------------------------------------------------------------------- test helpers


def test_testing_helpers_make_valid_deliveries() -> None:
    assert set(SAMPLE_BODIES) == set(hookseal.EVENT_TYPES)
    imagekit = ImageKit(webhook_secret=SECRET)
    for t in hookseal.EVENT_TYPES:
        body, headers = sample_delivery(t, SECRET)
        assert imagekit.webhooks.unwrap(body, headers=headers).type == t
    std = headers_for(b'{"a":1}', OTHER, key_mode="standard")
    assert std["webhook-id"].startswith("msg_")
    assert Webhook(OTHER).verify(b'{"a":1}', std) == {"a": 1}
    with pytest.raises(hookseal.InvalidPayloadError):
        hookseal.sample_body("nope")


# ------------------------------------------------------------------------- shared replay guards


def test_replay_guard_specs_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ReplayGuard.from_spec("off") is None and ReplayGuard.from_spec("") is None
    guard = ReplayGuard.from_spec("memory:5")
    assert guard is not None and guard.capacity == 5
    with pytest.raises(hookseal.ReplayGuardUnavailableError):
        ReplayGuard.from_spec("sqlite://x")
    monkeypatch.setenv("HOOKSEAL_REPLAY_GUARD", "memory")
    imagekit = ImageKit(webhook_secret=SECRET)
    body = SAMPLE_BODIES["file.deleted"]
    h = signed(body)
    imagekit.webhooks.unwrap(body, headers=h, now=NOW)
    with pytest.raises(hookseal.ReplayedError):
        imagekit.webhooks.unwrap(body, headers=h, now=NOW)
    monkeypatch.setenv("HOOKSEAL_REPLAY_GUARD", "bogus")
    with pytest.raises(hookseal.ReplayGuardUnavailableError):
        ImageKit(webhook_secret=SECRET)


def test_redis_guard_fails_closed_or_open_when_redis_is_down() -> None:
    # Port 1 on loopback: nothing listens, so Redis "is down" without any network traffic.
    body = SAMPLE_BODIES["file.deleted"]
    closed = ReplayGuard.redis("redis://127.0.0.1:1/0", timeout=0.2)
    assert closed.capacity is None and "127.0.0.1" not in repr(closed)
    with pytest.raises(hookseal.ReplayGuardUnavailableError):
        Webhooks(SECRET, replay_guard=closed).unwrap(body, signed(body), now=NOW)
    open_ = ReplayGuard.redis("redis://:secretpw@127.0.0.1:1/0", timeout=0.2, fail_open=True)
    assert "secretpw" not in repr(open_)
    event = Webhooks(SECRET, replay_guard=open_).unwrap(body, signed(body), now=NOW)
    assert event.verified is not None and event.verified.replay == "unavailable"
    spec = ReplayGuard.from_spec("redis://127.0.0.1:1/0#fail-open")
    assert spec is not None
    assert Webhooks(SECRET, replay_guard=spec).verify(body, signed(body), now=NOW).replay == "unavailable"
    with pytest.raises(hookseal.ReplayGuardUnavailableError):
        ReplayGuard.redis("not a url")


# ----------------------------------------------------------------- debugging and custom stores


def test_explain_and_matching_key_modes() -> None:
    body = SAMPLE_BODIES["file.deleted"]
    wh = Webhooks(SECRET)
    good = wh.explain(body, signed(body), now=NOW)
    assert good.ok and good.code is None and good.key_index == 0
    assert any(status == "pass" and step == "signature" for status, step, _ in good.checks)
    assert str(good).endswith("=> verified (secret #0)")
    # Signed with the same secret but the Standard Webhooks key mode: the classic mix-up.
    std = Signer(SECRET, key_mode="standard").headers(body, msg_id="m", timestamp=NOW)
    bad = wh.explain(body, std, now=NOW)
    assert not bad.ok and bad.code == "invalid_signature" and "fail" in str(bad)
    assert hookseal.matching_key_modes(SECRET, body, std, now=NOW) == ["standard"]
    assert hookseal.matching_key_modes(SECRET, body + " ", std, now=NOW) == []
    assert "xeO2UNkf" not in str(bad) + repr(bad)


class DictStore:
    """A stand-in for a Django cache: add() succeeds only for a new key."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def check_and_record(self, id: str, now: int, ttl: int) -> bool:
        if id in self.seen and self.seen[id] > now:
            return False
        self.seen[id] = now + ttl
        return True


class BrokenStore:
    def check_and_record(self, id: str, now: int, ttl: int) -> bool:
        raise ConnectionError("cache is down")


def test_custom_replay_store() -> None:
    store = DictStore()
    wh = Webhooks(SECRET, replay_guard=ReplayGuard.custom(store))
    body = SAMPLE_BODIES["file.deleted"]
    h = signed(body)
    assert wh.verify(body, h, now=NOW).replay == "recorded"
    assert store.seen == {"msg_1": NOW + 601}  # 2 * tolerance + 1 s (contract §5)
    with pytest.raises(hookseal.ReplayedError):
        wh.verify(body, h, now=NOW)
    with pytest.raises(hookseal.InvalidSignatureError):
        wh.verify(body, signed(body, OTHER, msg_id="forged"), now=NOW)
    assert "forged" not in store.seen
    broken = Webhooks(SECRET, replay_guard=ReplayGuard.custom(BrokenStore()))
    with pytest.raises(hookseal.ReplayGuardUnavailableError, match="ConnectionError"):
        broken.verify(body, h, now=NOW)
    with pytest.raises(hookseal.ReplayGuardUnavailableError):
        ReplayGuard.custom(object())
    big = b'{"type":"file.deleted","pad":"%s"}' % (b"x" * 100_000)  # hashed without the GIL
    assert wh.verify(big, signed(big, msg_id="big"), now=NOW).replay == "recorded"


def test_beside_imagekits_own_client() -> None:
    imagekitio = pytest.importorskip("imagekitio")
    sdk = imagekitio.ImageKit(private_key="private_x", webhook_secret=SECRET)
    imagekit = ImageKit(client=sdk)
    body = hookseal.sample_body("file.created")
    headers = hookseal.Signer(SECRET).headers(body)
    event = imagekit.webhooks.unwrap(body, headers=headers)
    assert event.type == "file.created"
    # The secret the SDK client holds is the one used; nothing else of it is kept.
    assert "private_x" not in repr(imagekit) and not any(v is sdk for v in vars(imagekit).values())
    # Everything but webhooks belongs to the SDK: a clear error, never a silent None.
    for name in ("files", "assets", "folders", "helper", "with_raw_response"):
        with pytest.raises(AttributeError, match=f"`{name}` is part of ImageKit's SDK"):
            getattr(imagekit, name)
    with pytest.raises(AttributeError):
        imagekit.__deepcopy__  # noqa: B018 (the protocols still see a plain AttributeError)
    # An explicit webhook_secret wins over the client's.
    other = ImageKit(client=sdk, webhook_secret="whsec_other")
    with pytest.raises(hookseal.InvalidSignatureError):
        other.webhooks.unwrap(body, headers=headers)
