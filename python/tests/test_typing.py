"""Types: `mypy --strict` on a typed usage file and on the package, and `stubtest` checking the
hand-written `_native.pyi` against the installed extension module."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    # Run from a neutral directory so the installed wheel (not python/src) is what gets checked.
    env = {**os.environ, "MYPY_CACHE_DIR": str(HERE.parent / ".mypy_cache")}
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=HERE, capture_output=True, text=True, env=env, check=False
    )


def test_typed_usage_passes_mypy_strict() -> None:
    r = run("mypy", "--strict", "--no-incremental", str(HERE / "typed_usage.py"))
    assert r.returncode == 0, r.stdout + r.stderr


def test_typed_usage_runs() -> None:
    r = subprocess.run([sys.executable, str(HERE / "typed_usage.py")], capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stdout + r.stderr


def test_package_passes_mypy_strict() -> None:
    r = run("mypy", "--strict", "--no-incremental", "-p", "hookseal")
    assert r.returncode == 0, r.stdout + r.stderr


def test_stubs_match_the_extension() -> None:
    r = run("mypy.stubtest", "hookseal._native", "--allowlist", str(HERE / "stubtest-allowlist.txt"))
    assert r.returncode == 0, r.stdout + r.stderr


def _receiver_importing(module: str, tmp_path: Path) -> Path:
    text = (HERE / "typed_receiver.py").read_text()
    assert "\nfrom hookseal import ImageKit\n" in text
    out = tmp_path / f"receiver_{module}.py"
    out.write_text(text.replace("\nfrom hookseal import ImageKit\n", f"\nfrom {module} import ImageKit\n"))
    return out


def test_documented_receiver_typed_passes_mypy_strict(tmp_path: Path) -> None:
    # `event.type == "..."` narrows the union to one class, and members ImageKit always sends are
    # typed as present: the receiver type-checks as it does with ImageKit's SDK, which is the proof
    # that it is fair (the same file, importing imagekitio).
    for module in ("hookseal", "imagekitio"):
        r = run("mypy", "--strict", "--no-incremental", str(_receiver_importing(module, tmp_path)))
        assert r.returncode == 0, f"{module}:\n{r.stdout}{r.stderr}"


def test_documented_receiver_typed_passes_pyright_strict(tmp_path: Path) -> None:
    receiver = _receiver_importing("hookseal", tmp_path)
    (tmp_path / "pyrightconfig.json").write_text('{"typeCheckingMode": "strict", "reportMissingModuleSource": false}')
    r = subprocess.run(
        [sys.executable, "-m", "pyright", "--pythonpath", sys.executable, str(receiver)],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert r.returncode == 0, r.stdout + r.stderr
