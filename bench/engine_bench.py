"""Engine throughput: answer sets assessed per second on one core (target: 5,000).

Run: .venv/bin/python bench/engine_bench.py [N]
Prints figures; asserts nothing (benchmarks are not tests).
"""

from __future__ import annotations

import random
import sys
import time
from typing import Any

from actcheck.rules.answers import check_answers
from actcheck.rules.engine import assess
from actcheck.rules.loader import load_ruleset
from actcheck.rules.model import Kind, Ruleset


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


def measure(label: str, ruleset: Ruleset, sets: list[dict[str, Any]], validate: bool) -> None:
    checked = [check_answers(a, ruleset, strict=False) for a in sets]
    start = time.perf_counter()
    if validate:
        for raw in sets:
            c = check_answers(raw, ruleset, strict=False)
            assess(ruleset, c.answers, warnings=c.warnings)
    else:
        for c in checked:
            assess(ruleset, c.answers, warnings=c.warnings)
    elapsed = time.perf_counter() - start
    rate = len(sets) / elapsed
    print(f"{label:<52} {rate:>9,.0f} /s   {elapsed / len(sets) * 1e6:>7.0f} µs each")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    t0 = time.perf_counter()
    ruleset = load_ruleset()
    print(
        f"rule set loaded and compiled in {(time.perf_counter() - t0) * 1000:.0f} ms "
        f"({len(ruleset.questions)} questions, {len(ruleset.rules)} rules, "
        f"{len(ruleset.obligations)} obligations)"
    )
    rng = random.Random(2024_1689)
    plain = [random_answers(ruleset, rng, 0.0) for _ in range(n)]
    doubtful = [random_answers(ruleset, rng, 0.15) for _ in range(n)]
    print(f"{n:,} random complete answer sets each, one core:")
    measure("assess, no 'unsure' answers", ruleset, plain, validate=False)
    measure("assess, ~15% 'unsure' (each re-assessed)", ruleset, doubtful, validate=False)
    measure("validate + assess, no 'unsure'", ruleset, plain, validate=True)
    measure("validate + assess, ~15% 'unsure'", ruleset, doubtful, validate=True)
    print("target: at least 5,000 answer sets per second")


if __name__ == "__main__":
    main()
