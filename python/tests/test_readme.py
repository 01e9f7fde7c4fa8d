"""The README's quick start runs as written (its first two Python blocks)."""

from __future__ import annotations

import re

import pytest
from conftest import REPO, SECRET


def test_quick_start_runs_as_written(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    text = (REPO / "python" / "README.md").read_text("utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 2
    monkeypatch.setenv("IMAGEKIT_WEBHOOK_SECRET", SECRET)
    namespace: dict[str, object] = {"__name__": "readme_quick_start"}
    exec(blocks[0], namespace)
    exec(blocks[1], namespace)
    out = capsys.readouterr().out
    assert "File deleted: 6540dbea002322e4ebe30de2" in out
    assert "{'received': True}" in out
