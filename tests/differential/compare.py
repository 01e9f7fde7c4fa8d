#!/usr/bin/env python3
"""Hold every runner's answers to one another (tests/differential/README.md).

    python3 compare.py cases.jsonl NAME=answers.jsonl NAME=answers.jsonl ...

Two answers to a case agree when their `result` and `code` are equal and so is every other field
both of them give (`keyIndex`, and the event's `type`, `id`, `known`, `createdAtMs`, `typed`).
Numbers compare as doubles (1 and 1.0 are one number; an integer beyond 2^53 is its nearest
double, as JS, Go, Kotlin and Swift hold it: contract §4.7). A runner named with a `~zero`
suffix (Go) answers an absent optional member as its type's zero value, as its typed structs
document ("Optional: the zero value when absent"): there a zero value matches another's null
(and nothing else does). Every disagreement is printed
with its case, ready to become a vector; the exit status is 1 if there is any, or if a runner
answered a different set of cases.
"""

from __future__ import annotations

import collections
import json
import sys

FIELDS = ("keyIndex",)
EVENT_FIELDS = ("type", "id", "known", "createdAtMs", "typed")


def load(path: str) -> dict[int, dict]:
    with open(path, encoding="utf-8") as f:
        return {a["tcId"]: a for a in map(json.loads, f)}


def is_zero(v) -> bool:
    if isinstance(v, dict):
        return all(x is None or is_zero(x) for x in v.values())
    return v in ("", 0, False) or v == [] or v is None


def same(a, b, zero_a: bool, zero_b: bool) -> bool:
    if a is None or b is None:
        return (a is None and b is None) or (zero_a and is_zero(a)) or (zero_b and is_zero(b))
    if isinstance(a, dict) and isinstance(b, dict):
        # A ~zero runner may leave out what it cannot tell from absent (Go's "" id).
        if a.keys() != b.keys() and not (zero_a or zero_b):
            return False
        return all(same(a[k], b[k], zero_a, zero_b) for k in a.keys() & b.keys())
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y, zero_a, zero_b) for x, y in zip(a, b))
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        # JS, Go, Kotlin and Swift hold a number as a double; Python and Ruby keep integers exact
        # (contract §4.7): the same number is the same double.
        return float(a) == float(b)
    return a == b


def differences(a: dict, b: dict, zero_a: bool = False, zero_b: bool = False) -> list[str]:
    out = [k for k in ("result", "code") if a.get(k) != b.get(k)]
    out += [k for k in FIELDS if k in a and k in b and a[k] != b[k]]
    ea, eb = a.get("event"), b.get("event")
    if ea is not None and eb is not None:
        out += [f"event.{k}" for k in EVENT_FIELDS if k in ea and k in eb
                and not same(ea[k], eb[k], zero_a and k == "typed", zero_b and k == "typed")]
    return out


def main() -> int:
    cases_path, *named = sys.argv[1:]
    runners = dict(n.split("=", 1) for n in named)
    answers = {name: load(path) for name, path in runners.items()}
    with open(cases_path, encoding="utf-8") as f:
        cases = {c["tcId"]: c for c in map(json.loads, f)}
    bad = 0
    for name, got in answers.items():
        if got.keys() != cases.keys():
            print(f"{name} answered {len(got)} cases of {len(cases)}")
            bad += 1
    names = list(answers)
    first = names[0]
    disagreements = 0
    outcomes = collections.Counter()
    for tc_id, case in cases.items():
        ref = answers[first].get(tc_id)
        if ref is None:
            continue
        outcomes[ref.get("code") or "ok"] += 1
        for other in names[1:]:
            ans = answers[other].get(tc_id)
            if ans is None:
                continue
            diff = differences(ref, ans, first.endswith("~zero"), other.endswith("~zero"))
            if diff:
                disagreements += 1
                if disagreements <= 10:
                    print(f"case {tc_id}: {first} and {other} differ on {', '.join(diff)}")
                    print(f"  {first}: {json.dumps(ref, ensure_ascii=False)[:600]}")
                    print(f"  {other}: {json.dumps(ans, ensure_ascii=False)[:600]}")
                    print(f"  case: {json.dumps(case, ensure_ascii=False)[:2000]}")
    summary = ", ".join(f"{k} {v}" for k, v in outcomes.most_common())
    print(f"differential: {len(cases)} cases x {len(names)} runners ({', '.join(names)}): "
          f"{disagreements} disagreements; outcomes: {summary}")
    return 1 if disagreements or bad else 0


if __name__ == "__main__":
    sys.exit(main())
