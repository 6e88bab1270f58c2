"""The questionnaire speaks the public answers format exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actcheck.rules.model import Ruleset

from .spec_contract import SPEC, parse_spec

FROZEN = json.loads((Path(__file__).parent / "spec_contract.json").read_text())


def test_every_question_of_the_format_with_its_kind_and_values(ruleset: Ruleset) -> None:
    ours = {
        q.id: {
            "kind": q.kind.value,
            "values": list(q.values) if q.kind.value in ("one_of", "any_of") else [],
        }
        for q in ruleset.questions.values()
    }
    assert ours == FROZEN


def test_tri_state_questions_say_which_reading_is_stricter(ruleset: Ruleset) -> None:
    for q in ruleset.questions.values():
        assert (q.unsure_means is not None) == (q.kind.value == "tri_state"), q.id
    assert ruleset.questions["scope.military"].unsure_means == "no"
    assert ruleset.questions["system.is_ai_system"].unsure_means == "yes"


@pytest.mark.skipif(not SPEC.exists(), reason="shared/spec is not beside this checkout")
def test_the_frozen_copy_is_the_current_spec(ruleset: Ruleset) -> None:
    """The frozen copy is the spec as this rule set's version must implement it: questions
    the spec marks as added by a later rule set are not asked yet (they are issues)."""
    spec = parse_spec(SPEC.read_text(), version=ruleset.version)
    live = {k: {"kind": v[0], "values": v[1]} for k, v in spec.items()}
    assert live == FROZEN
