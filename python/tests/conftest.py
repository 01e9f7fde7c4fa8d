"""Shared helpers: the repository root and the shared vectors (read in place, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"

SECRET = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd"


@pytest.fixture
def secret() -> str:
    return SECRET
