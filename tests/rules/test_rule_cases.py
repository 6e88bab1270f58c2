"""The example cases written inside the classification rules."""

from __future__ import annotations

import pytest

from actcheck.rules.cases import check_case, rule_cases
from actcheck.rules.loading import load_ruleset

CASES = list(rule_cases(load_ruleset()))


def test_the_rules_carry_examples() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rule_case(case: object) -> None:
    failure = check_case(load_ruleset(), case)  # type: ignore[arg-type]
    if failure is not None:
        pytest.fail(failure.report(), pytrace=False)
