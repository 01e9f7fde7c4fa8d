#!/usr/bin/env python3
"""One version for every package: the Cargo workspace's. Fails if a package manifest disagrees."""
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
want = tomllib.loads((ROOT / "Cargo.toml").read_text())["workspace"]["package"]["version"]


def pom_version(path: Path) -> str:
    # The project's own <version>, the first one after <artifactId>hookseal...</artifactId>.
    text = path.read_text()
    m = re.search(r"<artifactId>hookseal[^<]*</artifactId>\s*<version>([^<]+)</version>", text)
    return m.group(1) if m else "(none)"


found = {
    "node/package.json": json.loads((ROOT / "node/package.json").read_text())["version"],
    "kotlin/pom.xml": pom_version(ROOT / "kotlin/pom.xml"),
    "examples/kotlin-receiver/pom.xml (hookseal dependency)": pom_version(ROOT / "examples/kotlin-receiver/pom.xml"),
    "ruby/lib/hookseal/version.rb": (
        re.search(r'VERSION = "([^"]+)"', (ROOT / "ruby/lib/hookseal/version.rb").read_text()) or [None, "(none)"]
    )[1],
}
bad = {k: v for k, v in found.items() if v != want}
for k, v in bad.items():
    print(f"version mismatch: {k} has {v}, the Cargo workspace has {want}", file=sys.stderr)
print(f"versions: every package at {want}" if not bad else "", end="\n" if not bad else "")
sys.exit(1 if bad else 0)
