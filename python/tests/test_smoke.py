"""The built wheel, installed into a brand-new venv (no dev tools, no source tree), imports and
verifies a delivery. `make test-python` passes the wheel's path in HOOKSEAL_WHEEL."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

SCRIPT = r"""
import hookseal, sys
from hookseal import ImageKit
from hookseal.testing import sample_delivery
assert "site-packages" in hookseal.__file__, hookseal.__file__
secret = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd"
body, headers = sample_delivery("video.transformation.ready", secret)
event = ImageKit(webhook_secret=secret).webhooks.unwrap(payload=body, headers=headers)
assert event.data.transformation.output.url.endswith("q-10")
try:
    ImageKit(webhook_secret=secret).webhooks.unwrap(payload=body + " ", headers=headers)
except hookseal.InvalidSignatureError as e:
    assert e.code == "invalid_signature"
else:
    sys.exit("a tampered body verified")
print("ok", hookseal.__version__)
"""


def test_wheel_installs_into_a_fresh_venv(tmp_path: Path) -> None:
    wheel = os.environ.get("HOOKSEAL_WHEEL")
    if not wheel:
        pytest.skip("HOOKSEAL_WHEEL is not set (make test-python sets it)")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run(
        [str(py), "-m", "pip", "install", "-q", "--no-index", "--no-deps", wheel],
        check=True, capture_output=True, text=True,
    )
    r = subprocess.run([str(py), "-c", SCRIPT], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.startswith("ok ")
    import hookseal

    assert r.stdout.split()[1] == hookseal.__version__
    assert sys.version_info >= (3, 9)
