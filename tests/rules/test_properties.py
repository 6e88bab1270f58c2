"""Properties of the engine over random valid answers (hypothesis)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actcheck.rules.answers import check_answers
from actcheck.rules.engine import assess
from actcheck.rules.loading import load_ruleset
from actcheck.rules.model import ROLES, Kind, Question, Tier

RULESET = load_ruleset()
SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "src/actcheck/schemas/result-v1.json").read_text()
)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def value_of(question: Question) -> st.SearchStrategy[Any]:
    if question.kind is Kind.TEXT:  # valid text: no control characters, no lone surrogates
        return st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=40)
    if question.kind is Kind.ANY_OF:
        return st.lists(st.sampled_from(question.values), unique=True, max_size=4)
    return st.sampled_from(question.values)


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, Any]:
    """Any subset of the questions, each with any allowed value (reached or not)."""
    answers: dict[str, Any] = {}
    for question in RULESET.questions.values():
        if draw(st.booleans()) or draw(st.booleans()):
            answers[question.id] = draw(value_of(question))
    return answers


def run(raw: dict[str, Any]) -> Any:
    checked = check_answers(raw, RULESET, strict=False)
    return assess(RULESET, checked.answers, warnings=checked.warnings)


@SETTINGS
@given(answer_sets())
def test_the_engine_never_fails_and_the_result_matches_the_spec(raw: dict[str, Any]) -> None:
    result = run(raw)
    data = result.to_dict()
    jsonschema.validate(data, SCHEMA)
    assert json.loads(json.dumps(data)) == data


@SETTINGS
@given(answer_sets(), st.data())
def test_replacing_an_unsure_with_its_stricter_answer_never_changes_the_tier(
    raw: dict[str, Any], data: st.DataObject
) -> None:
    unsure = [qid for qid, value in raw.items() if value == "unsure"]
    if not unsure:
        return
    qid = data.draw(st.sampled_from(unsure))
    stricter = dict(raw)
    stricter[qid] = RULESET.questions[qid].unsure_means
    before, after = run(raw), run(stricter)
    assert after.tier == before.tier
    assert after.scope_reason == before.scope_reason
    assert after.gpai == before.gpai
    assert {o.key for o in after.obligations} == {o.key for o in before.obligations}


@SETTINGS
@given(answer_sets())
def test_the_result_is_consistent_with_itself(raw: dict[str, Any]) -> None:
    result = run(raw)
    assert result.needs_review == bool(result.uncertain)
    reached_unsure = {q for q in result.reached if result.answers.get(q) == "unsure"}
    assert set(result.uncertain) <= reached_unsure
    assert (result.tier is Tier.OUT_OF_SCOPE) == (result.scope_reason is not None)
    ticked = (
        set(result.answers.get("system.roles", ())) if "system.roles" in result.reached else set()
    )
    shifted = {role for rule in result.trace for role in rule.then.roles}
    assert result.roles <= ticked | shifted  # roles come from the answers or from role-shift rules
    for item in result.obligations:
        assert item.role in ROLES
        if item.obligation.applies_to.value == "system":
            assert item.role in result.roles
            assert result.tier is not Tier.OUT_OF_SCOPE
    assert run(raw).to_dict() == result.to_dict()  # deterministic


@SETTINGS
@given(answer_sets())
def test_stale_answers_to_unreached_questions_change_nothing(raw: dict[str, Any]) -> None:
    result = run(raw)
    reached_only = {q: v for q, v in raw.items() if q in result.reached}
    again = run(reached_only)
    assert again.tier == result.tier
    assert again.scope_reason == result.scope_reason
    assert {o.key for o in again.obligations} == {o.key for o in result.obligations}


@SETTINGS
@given(answer_sets())
def test_each_alternative_is_the_result_of_that_answer_read_the_other_way(
    raw: dict[str, Any],
) -> None:
    """`Result.alternatives` (what the report's open points say) is what assessing the
    answers again with that one `unsure` read leniently gives."""
    result = run(raw)
    reached_unsure = [
        q
        for q in result.reached
        if result.answers.get(q) == "unsure" and RULESET.questions[q].lenient is not None
    ]
    assert [a.question_id for a in result.alternatives] == reached_unsure
    for alternative in result.alternatives:
        other = dict(result.answers)
        other[alternative.question_id] = alternative.value
        again = assess(RULESET, other)
        assert alternative.value == RULESET.questions[alternative.question_id].lenient
        assert (alternative.tier, alternative.scope_reason, alternative.gpai) == (
            again.tier,
            again.scope_reason,
            again.gpai,
        )
        assert {o.key for o in alternative.obligations} == {o.key for o in again.obligations}
        assert set(alternative.unanswered) <= set(again.reached) - set(result.answers)
