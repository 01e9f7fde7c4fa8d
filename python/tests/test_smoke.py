"""The built wheels, installed into a brand-new venv (no dev tools, no source tree), import and
verify a delivery. `make test-python` passes the wheels' folder in HOOKSEAL_WHEELS: pip picks
the wheel for each interpreter as it would from PyPI (cp310-abi3 on 3.10+, cp39-abi3 on 3.9)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
from importlib.metadata import distribution
tags = [line.split(": ", 1)[1] for line in distribution("hookseal").read_text("WHEEL").splitlines() if line.startswith("Tag: ")]
print("ok", hookseal.__version__, tags[0])
"""




def oldest_supported() -> str | None:
    """A working Python 3.9 (the abi3 wheel's floor), if this machine has one."""
    candidates = [shutil.which("python3.9"), *map(str, Path.home().glob(".pyenv/versions/3.9*/bin/python3.9"))]
    for candidate in filter(None, candidates):
        r = subprocess.run([candidate, "-c", "import sys; print(sys.version_info[:2] == (3, 9))"],
                           capture_output=True, text=True, check=False)
        if r.returncode == 0 and r.stdout.strip() == "True":
            return candidate
    return None


# This interpreter, and the oldest Python the abi3 wheel supports when the machine has it.
INTERPRETERS = [sys.executable, oldest_supported()]


@pytest.mark.parametrize("interpreter", INTERPRETERS, ids=["current", "python3.9"])
def test_wheel_installs_into_a_fresh_venv(tmp_path: Path, interpreter: str | None) -> None:
    wheels = os.environ.get("HOOKSEAL_WHEELS")
    if not wheels:
        pytest.skip("HOOKSEAL_WHEELS is not set (make test-python sets it)")
    if interpreter is None:
        pytest.skip("no python3.9 on this machine")
    env_dir = tmp_path / "venv"
    py = env_dir / "bin" / "python"
    if interpreter == sys.executable:
        # No pip inside the new venv (faster): this venv's pip installs into it.
        subprocess.run([interpreter, "-m", "venv", "--without-pip", str(env_dir)], check=True, capture_output=True)
        pip = [sys.executable, "-m", "pip", "--python", str(py)]
    else:
        # Today's pip no longer runs on 3.9: the venv gets the pip that 3.9 bundles.
        subprocess.run([interpreter, "-m", "venv", str(env_dir)], check=True, capture_output=True)
        pip = [str(py), "-m", "pip"]
    subprocess.run([*pip, "install", "-q", "--no-index", "--no-deps", "--find-links", wheels, "hookseal"],
                   check=True, capture_output=True, text=True)
    r = subprocess.run([str(py), "-c", SCRIPT], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.startswith("ok ")
    import hookseal

    _, version, tag = r.stdout.split()
    assert version == hookseal.__version__
    # The fast wheel wherever the interpreter can load it; the 3.9 floor still installs.
    minor = subprocess.run([str(py), "-c", "import sys; print(sys.version_info[1])"],
                           capture_output=True, text=True, check=True).stdout.strip()
    assert tag.startswith("cp310-abi3-" if int(minor) >= 10 else "cp39-abi3-"), tag
