"""hookseal.Webhook as a drop-in for the `standardwebhooks` package.

The scenarios of standardwebhooks' own test suite (missing headers, bad timestamp, forged,
stale and future signatures, several signatures, prefix optional, the sign vector) run against
both implementations through one fixture: the same calls, the same outcomes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime, timedelta, timezone
from math import floor
from typing import Any

import pytest
import standardwebhooks

import hookseal

MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
PAYLOAD = '{"test": 2432232314}'
SECRET = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
FIVE_MINUTES = timedelta(minutes=5)


@pytest.fixture(params=["standardwebhooks", "hookseal"])
def lib(request: pytest.FixtureRequest) -> Any:
    return standardwebhooks if request.param == "standardwebhooks" else hookseal


def delivery(at: datetime | None = None) -> dict[str, str]:
    """Headers computed independently, with Python's hmac."""
    ts = str(floor((at or datetime.now(tz=timezone.utc)).timestamp()))
    mac = hmac.new(base64.b64decode(SECRET), f"{MSG_ID}.{ts}.{PAYLOAD}".encode(), hashlib.sha256)
    return {
        "webhook-id": MSG_ID,
        "webhook-signature": "v1," + base64.b64encode(mac.digest()).decode(),
        "webhook-timestamp": ts,
    }


@pytest.mark.parametrize("header", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_a_missing_header_fails(lib: Any, header: str) -> None:
    headers = delivery()
    del headers[header]
    with pytest.raises(lib.WebhookVerificationError):
        lib.Webhook(SECRET).verify(PAYLOAD, headers)


def test_a_timestamp_that_is_not_a_number_fails(lib: Any) -> None:
    headers = {**delivery(), "webhook-timestamp": "hello"}
    with pytest.raises(lib.WebhookVerificationError):
        lib.Webhook(SECRET).verify(PAYLOAD, headers)


def test_a_wrong_signature_fails(lib: Any) -> None:
    headers = {**delivery(), "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA="}
    with pytest.raises(lib.WebhookVerificationError):
        lib.Webhook(SECRET).verify(PAYLOAD, headers)


def test_a_valid_delivery_returns_the_json(lib: Any) -> None:
    assert lib.Webhook(SECRET).verify(PAYLOAD, delivery())["test"] == 2432232314
    assert lib.Webhook(SECRET).verify(PAYLOAD.encode(), delivery()) == {"test": 2432232314}
    assert lib.Webhook(SECRET).verify(PAYLOAD, delivery(), json_parse=False) is None


@pytest.mark.parametrize("shift", [-(FIVE_MINUTES + timedelta(seconds=1)), FIVE_MINUTES + timedelta(seconds=1)])
def test_stale_or_future_timestamps_fail(lib: Any, shift: timedelta) -> None:
    headers = delivery(datetime.now(tz=timezone.utc) + shift)
    with pytest.raises(lib.WebhookVerificationError):
        lib.Webhook(SECRET).verify(PAYLOAD, headers)


def test_any_of_several_signatures_may_match(lib: Any) -> None:
    headers = delivery()
    decoy = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc="
    headers["webhook-signature"] = " ".join(
        [decoy, decoy.replace("v1", "v2"), headers["webhook-signature"], decoy]
    )
    assert lib.Webhook(SECRET).verify(PAYLOAD, headers)["test"] == 2432232314


def test_the_whsec_prefix_is_optional(lib: Any) -> None:
    assert lib.Webhook(SECRET).verify(PAYLOAD, delivery())["test"] == 2432232314
    assert lib.Webhook("whsec_" + SECRET).verify(PAYLOAD, delivery())["test"] == 2432232314


def test_sign_matches_the_public_vector(lib: Any) -> None:
    naive_utc = datetime(2021, 2, 25, 15, 2, 10)  # 1614265330, naive: taken as UTC by both
    wh = lib.Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    signature = wh.sign(msg_id=MSG_ID, timestamp=naive_utc, data=PAYLOAD)
    assert signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    aware = datetime.fromtimestamp(1614265330, tz=timezone.utc)
    assert wh.sign(MSG_ID, aware, PAYLOAD) == signature


def test_raw_bytes_secret(lib: Any) -> None:
    key = base64.b64decode(SECRET)
    assert lib.Webhook(key).verify(PAYLOAD, delivery())["test"] == 2432232314


def test_hookseal_errors_are_more_specific_but_still_catchable() -> None:
    headers = {**delivery(), "webhook-timestamp": "hello"}
    with pytest.raises(hookseal.InvalidTimestampError):
        hookseal.Webhook(SECRET).verify(PAYLOAD, headers)
    # Unlike standardwebhooks, a verified body that is not JSON is a WebhookVerificationError too.
    body = "not json"
    h = {"webhook-id": "m", "webhook-timestamp": str(floor(datetime.now().timestamp()))}
    h["webhook-signature"] = hookseal.Webhook(SECRET).sign("m", int(h["webhook-timestamp"]), body)
    with pytest.raises(hookseal.InvalidPayloadError):
        hookseal.Webhook(SECRET).verify(body, h)
    assert hookseal.Webhook(SECRET).verify(body, h, json_parse=False) is None
