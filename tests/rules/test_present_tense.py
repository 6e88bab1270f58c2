"""Present-tense questions (issue 15): declared in the rule files, so that a planned-launch
preview hints to answer them as the system will be at launch."""

from __future__ import annotations

from pathlib import Path

from actcheck.rules.model import Ruleset

from .test_loader import edit, problems


def test_the_questions_on_how_the_system_is_used_are_present_tense(ruleset: Ruleset) -> None:
    tense = {qid for qid, q in ruleset.questions.items() if q.present_tense}
    assert {"scope.open_source", "prohibited.social_scoring", "transparency.interacts"} <= tense
    # Facts of the past or of the law are not: a launch does not change them.
    assert not tense & {
        "scope.pre_market_rnd",
        "gpai.compute_over_threshold",
        "gpai.placed_before_2025_08_02",
        "system.placed_before_application",
        "system.name",
    }


def test_present_tense_is_a_boolean(rules_copy: Path) -> None:
    path = rules_copy / "questions/03-scope.yaml"
    edit(path, "    present_tense: true\n", "    present_tense: often\n")
    assert "present_tense" in problems(rules_copy)
