#!/usr/bin/env python3
"""Print the core benchmark tables (markdown) from criterion's saved estimates.

Usage: bench-table.py TARGET/criterion
Verify is compared with a raw pre-keyed HMAC-SHA256 of the same bytes, measured in the same run;
the target is a ratio of at most 1.3 at every size.
"""
import json
import sys
from pathlib import Path

SIZES = ["200B", "2KiB", "64KiB", "1MiB"]
TARGET_RATIO = 1.3


def estimate(root: Path, *parts: str) -> float:
    """Median time in nanoseconds of one benchmark."""
    est = json.loads((root.joinpath(*parts) / "new" / "estimates.json").read_text())
    return est["median"]["point_estimate"]


def fmt(ns: float) -> str:
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns:.0f} ns"


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
    print("| body | raw HMAC-SHA256 | hookseal verify | ratio | target ≤ 1.3x |")
    print("|---|---|---|---|---|")
    missed = 0
    for size in SIZES:
        raw = estimate(root, "verify", "raw_hmac", size)
        ours = estimate(root, "verify", "hookseal", size)
        ratio = ours / raw
        ok = ratio <= TARGET_RATIO
        missed += not ok
        print(f"| {size} | {fmt(raw)} | {fmt(ours)} | {ratio:.2f}x | {'met' if ok else 'MISSED'} |")
    print()
    print("| event (unwrap: verify + typed parse) | time |")
    print("|---|---|")
    for d in sorted((root / "unwrap").iterdir()):
        if (d / "new" / "estimates.json").exists():
            print(f"| {d.name} | {fmt(estimate(root, 'unwrap', d.name))} |")
    if missed:
        print(f"\n{missed} size(s) above the {TARGET_RATIO}x target", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
