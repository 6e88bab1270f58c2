"""Reading a hostile answers file costs no more than reading its bytes (issue 12, finding 7).

A 1 MB JSON document of 55,000 unknown question ids once cost 8.8 s of CPU and a 3.5 MB
error list (a close-match search per key). Here `parse_document` + `read_answers` on such
documents is timed against the baseline of the same run: `json.loads` of the same bytes,
the least any reader must do. Target: under 5x, and an error list under 10 kB.

Run: .venv/bin/python bench/answers_bench.py [RUNS]
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

from actcheck.rules.answers import AnswersError, parse_document, read_answers
from actcheck.rules.loading import load_ruleset

TARGET = 5.0


def best(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def documents() -> dict[str, bytes]:
    # Each just under the 1 MB an answers file may have (larger ones are refused unread).
    unknown = {f"q{i}": 0 for i in range(55_000)}
    near = {f"org.siz{i}": 0 for i in range(50_000)}  # close to a real id: difflib's worst
    long_keys = {("k" * 200) + str(i): 1 for i in range(4_500)}
    return {
        "55,000 unknown ids": json.dumps({"actcheck": 1, "answers": unknown}).encode(),
        "50,000 near-miss ids": json.dumps({"actcheck": 1, "answers": near}).encode(),
        "4,500 keys of 200 chars": json.dumps({"actcheck": 1, "answers": long_keys}).encode(),
        "a 120,000-item list": json.dumps(
            {"actcheck": 1, "answers": {"system.roles": ["user"] * 120_000}}
        ).encode(),
    }


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    rules = load_ruleset()
    worst = 0.0
    header = ("document", "bytes", "json.loads", "actcheck", "ratio", "errors")
    print("{:<26} {:>9} {:>11} {:>9} {:>6} {:>8}".format(*header))
    for label, data in documents().items():
        problems: list[str] = []

        def read(data: bytes = data, problems: list[str] = problems) -> None:
            try:
                read_answers(parse_document(data), rules, strict=True)
            except AnswersError as exc:
                problems[:] = exc.problems

        baseline = best(lambda data=data: json.loads(data), runs)
        ours = best(read, runs)
        size = len("\n".join(problems))
        ratio = ours / baseline
        worst = max(worst, ratio)
        print(
            f"{label:<26} {len(data):>9,} {baseline * 1000:>9.1f}ms {ours * 1000:>7.1f}ms "
            f"{ratio:>5.1f}x {size:>7,}B"
        )
        if size > 10_000:
            print(f"  error list of {size:,} bytes: over the 10 kB target")
            return 1
    verdict = "within" if worst <= TARGET else "OVER"
    print(f"worst ratio {worst:.1f}x: {verdict} the {TARGET:.0f}x target")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
