"""Rule set 2026.3 (issue 15): four questions widened to "I'm not sure", two questions about
the product that change no tier, and plausibility warnings that reach every front end
through the result's `warnings`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from actcheck.cli import main
from actcheck.rules.answers import AnswersError, read_answers
from actcheck.rules.engine import assess
from actcheck.rules.loading import load_ruleset
from actcheck.rules.model import Ruleset

from .conftest import answers_file
from .test_loader import edit, problems

SCHEMA = json.loads((Path(__file__).parents[2] / "src/actcheck/schemas/result-v1.json").read_text())
WIDENED = {
    "scope.open_source": {"scope.open_source": "unsure"},
    "gpai.open_weights": {"gpai.provides_model": "yes", "gpai.compute_over_threshold": "no",
                          "gpai.designated_systemic": "no", "gpai.open_weights": "unsure",
                          "gpai.placed_before_2025_08_02": "no"},
    "gpai.placed_before_2025_08_02": {"gpai.provides_model": "yes",
                                      "gpai.compute_over_threshold": "no",
                                      "gpai.designated_systemic": "no",
                                      "gpai.open_weights": "no",
                                      "gpai.placed_before_2025_08_02": "unsure"},
    "transparency.interaction_obvious": {"transparency.interacts": "yes",
                                         "transparency.interaction_obvious": "unsure",
                                         "transparency.law_enforcement_authorised": "no"},
}  # fmt: skip


def _result(ruleset: Ruleset, **answers: object) -> dict[str, object]:
    doc = answers_file(**{k.replace(".", "__"): v for k, v in answers.items()})
    checked = read_answers(doc, ruleset, strict=True)
    return assess(ruleset, checked.answers).to_dict()


def test_the_rule_set_is_2026_3_with_two_new_questions() -> None:
    rules = load_ruleset()
    assert rules.version == "2026.3"
    added = {q.id for q in rules.questions.values() if q.added_in == "2026.3"}
    assert added == {"system.automated_decisions", "system.affected_persons"}


@pytest.mark.parametrize("qid", sorted(WIDENED))
def test_a_widened_question_takes_unsure_and_reads_it_the_stricter_way(
    ruleset: Ruleset, qid: str
) -> None:
    question = ruleset.questions[qid]
    assert question.kind.value == "tri_state"
    assert question.unsure_means == "no"  # the reading without the exemption
    unsure = _result(ruleset, **WIDENED[qid])
    strict = _result(ruleset, **{**WIDENED[qid], qid: "no"})
    for key in ("tier", "scope_reason", "gpai", "obligations"):
        assert unsure[key] == strict[key], key
    lenient = _result(ruleset, **{**WIDENED[qid], qid: "yes"})
    assert lenient != strict  # so the doubt is an open point, not a free pass
    assert qid in unsure["uncertain"]  # type: ignore[operator]
    assert unsure["needs_review"] is True


def test_a_widened_question_keeps_an_old_yes_or_no_answer(ruleset: Ruleset) -> None:
    for qid in WIDENED:
        for value in ("yes", "no", True, False):
            read_answers(answers_file(**{qid.replace(".", "__"): value}), ruleset)


def test_an_old_answers_file_is_told_which_questions_2026_3_added(ruleset: Ruleset) -> None:
    doc = answers_file()
    del doc["answers"]["system.affected_persons"]  # type: ignore[attr-defined]
    with pytest.raises(
        AnswersError, match=r"system\.affected_persons \(missing, added in 2026\.3\)"
    ):
        read_answers(doc, ruleset, strict=True)


def test_no_one_affected_is_an_empty_list_and_no_warning(ruleset: Ruleset) -> None:
    result = _result(ruleset, **{"system.affected_persons": []})
    assert not any("Annex III point" in w for w in result["warnings"])  # type: ignore[attr-defined]


def test_the_new_questions_change_no_tier(ruleset: Ruleset) -> None:
    plain = _result(ruleset)
    every = list(ruleset.questions["system.affected_persons"].values)
    loud = _result(
        ruleset, **{"system.affected_persons": every, "system.automated_decisions": "yes"}
    )
    for key in ("tier", "scope_reason", "gpai", "obligations", "uncertain"):
        assert loud[key] == plain[key], key


def test_plausibility_warnings_reach_the_json_in_english_and_french(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text(
        json.dumps(
            answers_file(
                system__affected_persons=["job_applicants_or_workers", "voters"],
                system__automated_decisions="yes",
            )
        )
    )
    for lang, words in (
        ("en", ("Annex III point 4", "Annex III point 8(b)", "Art. 22 of the General Data")),
        ("fr", ("l'annexe III, point 4", "l'annexe III, point 8 b)", "l'article 22 du")),
    ):
        run = CliRunner().invoke(main, ["assess", str(path), "--json", "--lang", lang])
        assert run.exit_code == 0, run.output
        result = json.loads(run.output)
        jsonschema.validate(result, SCHEMA)
        for word in words:
            assert any(word in w for w in result["warnings"]), (lang, word, result["warnings"])
        assert not any(t["rule"].startswith("plausible-") for t in result["trace"])


def test_an_out_of_scope_system_gets_no_plausibility_warning(ruleset: Ruleset) -> None:
    result = _result(
        ruleset,
        **{"scope.military": "yes", "system.affected_persons": ["job_applicants_or_workers"]},
    )
    assert result["tier"] == "out_of_scope"
    assert not any("Annex III point" in w for w in result["warnings"])  # type: ignore[attr-defined]


def test_a_warning_rule_that_decides_something_is_refused(rules_copy: Path) -> None:
    path = rules_copy / "classification/10-plausibility.yaml"
    edit(path, "    then: {warning: true}\n", "    then: {warning: true, tier: high_risk}\n")
    assert "'warning: true' stands alone: a warning decides nothing" in problems(rules_copy)


def test_judgment_is_only_said_of_yes_no_questions(rules_copy: Path) -> None:
    path = rules_copy / "questions/02-system.yaml"
    edit(path, "    kind: text\n", "    kind: text\n    judgment: true\n")
    assert "judgment true is for yes/no and tri_state questions only" in problems(rules_copy)
