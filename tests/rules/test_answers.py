"""Every kind of bad answers file gets a clear message naming the problem and the fix."""

from __future__ import annotations

import pytest

from actcheck.rules.answers import (
    MAX_FILE_BYTES,
    AnswersError,
    dump_answers,
    parse_document,
    read_answers,
)
from actcheck.rules.engine import assess
from actcheck.rules.model import Ruleset

from .conftest import answers_file


def problems_of(document: object, ruleset: Ruleset, *, strict: bool = True) -> list[str]:
    with pytest.raises(AnswersError) as caught:
        read_answers(document, ruleset, strict=strict)
    return caught.value.problems


def test_a_complete_file_is_accepted(ruleset: Ruleset) -> None:
    checked = read_answers(answers_file(), ruleset)
    assert checked.answers["system.roles"] == ("provider",)
    assert checked.warnings == ()


def test_unknown_id_names_the_closest_known_id(ruleset: Ruleset) -> None:
    doc = answers_file(annex_iii__area=["employment.recruitment"])
    (problem,) = problems_of(doc, ruleset)
    assert "unknown question id 'annex_iii.area'" in problem
    assert "Did you mean 'annex_iii.areas'?" in problem


def test_value_outside_the_allowed_ones_names_them(ruleset: Ruleset) -> None:
    (problem,) = problems_of(answers_file(org__size="tiny"), ruleset)
    assert "org.size: 'tiny' is not allowed" in problem
    assert "micro, small, medium, small_mid_cap, large" in problem


def test_unsure_is_refused_on_a_yes_no_question(ruleset: Ruleset) -> None:
    (problem,) = problems_of(answers_file(org__public_body="unsure"), ruleset)
    assert "'unsure' is not allowed here" in problem
    assert "use one of: yes, no" in problem


def test_any_of_given_as_a_single_string_explains_the_list_form(ruleset: Ruleset) -> None:
    (problem,) = problems_of(answers_file(system__roles="provider"), ruleset)
    assert "takes a list, e.g. [provider]" in problem


def test_any_of_with_an_unknown_value(ruleset: Ruleset) -> None:
    (problem,) = problems_of(answers_file(annex_iii__areas=["employment.firing"]), ruleset)
    assert "'employment.firing' not allowed" in problem
    assert "employment.recruitment" in problem


def test_text_too_long_is_refused(ruleset: Ruleset) -> None:
    (problem,) = problems_of(answers_file(system__description="x" * 5001), ruleset)
    assert "5,001 characters; at most 5,000" in problem


def test_missing_answers_are_listed_together_in_strict_mode(ruleset: Ruleset) -> None:
    doc = answers_file()
    del doc["answers"]["scope.military"]  # type: ignore[attr-defined]
    doc["answers"]["annex_iii.areas"] = ["employment.recruitment"]  # type: ignore[index]
    (problem,) = problems_of(doc, ruleset)
    assert "have no answer" in problem
    for qid in ("scope.military", "annex_iii.profiling"):
        assert qid in problem


def test_missing_answers_are_fine_when_not_strict(ruleset: Ruleset) -> None:
    checked = read_answers({"actcheck": 1, "answers": {}}, ruleset, strict=False)
    assert checked.answers == {}


def test_every_problem_is_reported_at_once(ruleset: Ruleset) -> None:
    doc = answers_file(org__size="tiny", system__rolez=["provider"])
    doc["actcheck"] = 2
    problems = problems_of(doc, ruleset)
    assert len(problems) >= 3
    assert any("format version 2" in p for p in problems)
    assert any("org.size" in p for p in problems)
    assert any("system.rolez" in p for p in problems)


def test_answer_to_an_unreached_question_is_a_warning_in_the_readers_language(
    ruleset: Ruleset,
) -> None:
    doc = answers_file(prohibited__emotion_workplace_exception="yes")
    checked = read_answers(doc, ruleset)
    result = assess(ruleset, checked.answers)
    assert result.ignored == ("prohibited.emotion_workplace_exception",)
    (warning,) = result.to_dict()["warnings"]
    assert warning.startswith("prohibited.emotion_workplace_exception: ignored")
    (french,) = result.to_dict("fr")["warnings"]
    assert french.startswith("prohibited.emotion_workplace_exception : réponse ignorée")


def test_a_trace_sentence_resting_on_an_unsure_answer_says_so(ruleset: Ruleset) -> None:
    doc = answers_file(prohibited__manipulation="unsure")
    result = assess(ruleset, read_answers(doc, ruleset).answers)
    step = next(s for s in result.to_dict()["trace"] if s["rule"] == "art5-manipulation")
    assert step["because"].startswith(
        "You were not sure (prohibited.manipulation), so this is the stricter reading: "
        "The system uses subliminal"
    )
    assert result.uncertain == ("prohibited.manipulation",)
    other = next(s for s in result.to_dict()["trace"] if s["rule"] == "in-scope")
    assert not other["because"].startswith("You were not sure")


def test_yaml_booleans_are_read_as_yes_and_no(ruleset: Ruleset) -> None:
    text = "actcheck: 1\nanswers:\n  system.is_ai_system: no\n  org.size: micro\n  org.established_in_eu: yes\n  org.public_body: no\n  org.public_service: no\n  gpai.provides_model: no\n"
    checked = read_answers(parse_document(text), ruleset)
    assert checked.answers["system.is_ai_system"] == "no"
    assert checked.answers["org.established_in_eu"] == "yes"


def test_wrong_format_version(ruleset: Ruleset) -> None:
    doc = answers_file()
    doc["actcheck"] = 2
    assert problems_of(doc, ruleset) == [
        "format version 2 is not supported: this actcheck reads 'actcheck: 1'."
    ]


def test_missing_format_version(ruleset: Ruleset) -> None:
    doc = answers_file()
    del doc["actcheck"]
    assert "add 'actcheck: 1'" in problems_of(doc, ruleset)[0]


def test_a_document_that_is_not_a_mapping(ruleset: Ruleset) -> None:
    assert "must be a mapping" in problems_of(["a", "list"], ruleset)[0]


def test_malformed_yaml_gives_the_line() -> None:
    with pytest.raises(AnswersError) as caught:
        parse_document(b"actcheck: 1\nanswers:\n  org.size: [small\n", name="a.yaml")
    (problem,) = caught.value.problems
    assert problem.startswith("a.yaml:")
    assert "not valid YAML" in problem


def test_a_key_written_twice_is_an_error_not_a_silent_overwrite() -> None:
    with pytest.raises(AnswersError) as caught:
        parse_document(
            "actcheck: 1\nanswers:\n  org.size: small\n  org.size: large\n", name="a.yaml"
        )
    assert "appears twice" in caught.value.problems[0]
    assert caught.value.problems[0].startswith("a.yaml:4:")


def test_a_10_megabyte_file_is_refused_before_parsing() -> None:
    data = b"actcheck: 1\nanswers:\n  org.name: '" + b"x" * (10 * 1024 * 1024) + b"'\n"
    with pytest.raises(AnswersError) as caught:
        parse_document(data, name="big.yaml")
    (problem,) = caught.value.problems
    assert f"at most {MAX_FILE_BYTES:,} bytes" in problem


def test_non_utf8_bytes_are_refused() -> None:
    with pytest.raises(AnswersError) as caught:
        parse_document(b"actcheck: 1\norg.name: '\xff\xfe'\n")
    assert "not UTF-8" in caught.value.problems[0]


def test_json_is_accepted(ruleset: Ruleset) -> None:
    checked = read_answers(
        parse_document('{"actcheck": 1, "answers": {"org.size": "micro"}}'), ruleset, strict=False
    )
    assert checked.answers == {"org.size": "micro"}


def test_dump_then_read_is_the_identity(ruleset: Ruleset) -> None:
    checked = read_answers(
        answers_file(
            org__name='Ünïcode "quoted": yes',
            annex_iii__areas=["employment.recruitment"],
            annex_iii__profiling="unsure",
        ),
        ruleset,
    )
    again = read_answers(
        parse_document(dump_answers(checked.answers, ruleset, header="exported")), ruleset
    )
    assert again.answers == checked.answers


def test_json_with_a_key_given_twice_is_refused() -> None:
    with pytest.raises(AnswersError) as caught:
        parse_document('{"actcheck": 1, "actcheck": 1}', name="a.json")
    assert "appears twice" in caught.value.problems[0]


def test_malformed_json_gives_the_line() -> None:
    with pytest.raises(AnswersError) as caught:
        parse_document('{"actcheck": 1,\n "answers": {,}}', name="a.json")
    assert caught.value.problems[0].startswith("a.json:2: not valid JSON")
