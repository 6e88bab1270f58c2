"""Engine throughput: answer sets assessed per second on one core.

Targets (issue 16): at least 20,000 a second on complete answers with no 'unsure', and
10,000 with a sixth of the yes/no/unsure answers 'unsure' (each of those read the other way
too, to find the open points).

Run: .venv/bin/python bench/engine_bench.py [N] [REPEATS]
Prints figures; asserts nothing (benchmarks are not tests). Each figure is the median of
REPEATS passes over the same N answer sets, counted two ways: per second of CPU time of
this process (what one core does, whatever else the machine runs) and per second of wall
time (what a caller waits, which on a shared machine includes waiting for a core).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from typing import Any

from actcheck.rules.answers import check_answers
from actcheck.rules.engine import assess
from actcheck.rules.loading import load_ruleset
from actcheck.rules.model import Kind, Ruleset

TARGETS = {"clean": 20_000, "unsure": 10_000}
UNSURE_RATE = 1 / 6


def random_answers(ruleset: Ruleset, rng: random.Random, unsure_rate: float) -> dict[str, Any]:
    """A complete, realistic answer set: every question answered, some 'unsure'."""
    answers: dict[str, Any] = {}
    for q in ruleset.questions.values():
        if q.kind is Kind.TEXT:
            answers[q.id] = "Example text"
        elif q.kind is Kind.ANY_OF:
            answers[q.id] = rng.sample(q.values, k=rng.choice([0, 0, 1, 1, 2]))
        elif q.kind is Kind.TRI_STATE:
            answers[q.id] = (
                "unsure" if rng.random() < unsure_rate else rng.choice(["yes", "no", "no", "no"])
            )
        elif q.kind is Kind.YES_NO:
            answers[q.id] = rng.choice(["yes", "no", "no"])
        else:
            answers[q.id] = rng.choice(q.values)
    return answers


def measure(
    label: str,
    ruleset: Ruleset,
    sets: list[dict[str, Any]],
    *,
    validate: bool,
    repeats: int,
    target: int | None = None,
) -> None:
    checked = [check_answers(a, ruleset, strict=False) for a in sets]
    cpu_rates, wall_rates = [], []
    for _ in range(repeats):
        cpu, wall = time.process_time(), time.perf_counter()
        if validate:
            for raw in sets:
                c = check_answers(raw, ruleset, strict=False)
                assess(ruleset, c.answers, warnings=c.warnings)
        else:
            for c in checked:
                assess(ruleset, c.answers, warnings=c.warnings)
        cpu_rates.append(len(sets) / (time.process_time() - cpu))
        wall_rates.append(len(sets) / (time.perf_counter() - wall))
    rate, wall_rate = statistics.median(cpu_rates), statistics.median(wall_rates)
    versus = f"   {rate / target:4.1f}x the target of {target:,}" if target else ""
    print(
        f"{label:<44} {rate:>8,.0f} /s CPU ({1e6 / rate:>4.0f} µs each)"
        f" {wall_rate:>8,.0f} /s wall{versus}"
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    t0 = time.perf_counter()
    ruleset = load_ruleset()
    print(
        f"rule set loaded and compiled in {(time.perf_counter() - t0) * 1000:.0f} ms "
        f"({len(ruleset.questions)} questions, {len(ruleset.rules)} rules, "
        f"{len(ruleset.obligations)} obligations)"
    )
    rng = random.Random(2024_1689)
    plain = [random_answers(ruleset, rng, 0.0) for _ in range(n)]
    doubtful = [random_answers(ruleset, rng, UNSURE_RATE) for _ in range(n)]
    print(
        f"{n:,} random complete answer sets each, one core, median of {repeats} passes, "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}:"
    )
    measure("assess, no 'unsure' answers", ruleset, plain, validate=False, repeats=repeats,
            target=TARGETS["clean"])  # fmt: skip
    measure("assess, 1/6 'unsure' (each read both ways)", ruleset, doubtful, validate=False,
            repeats=repeats, target=TARGETS["unsure"])  # fmt: skip
    measure("validate + assess, no 'unsure'", ruleset, plain, validate=True, repeats=repeats)
    measure("validate + assess, 1/6 'unsure'", ruleset, doubtful, validate=True, repeats=repeats)


if __name__ == "__main__":
    main()
