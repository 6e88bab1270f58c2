"""Every kind of bad answers file gets a clear message naming the problem and the fix."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from actcheck.rules.answers import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    AnswersError,
    check_answers,
    dump_answers,
    parse_document,
    read_answers,
)
from actcheck.rules.engine import assess
from actcheck.rules.model import Ruleset

from .conftest import answers_file

ROOT = Path(__file__).resolve().parents[2]


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
    text = "actcheck: 1\nanswers:\n  system.is_ai_system: no\n  system.affected_persons: []\n  org.size: micro\n  org.established_in_eu: yes\n  org.public_body: no\n  org.public_service: no\n  gpai.provides_model: no\n  gpai.authorised_representative: no\n"
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
            system__placed_before_application="no",
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


# --- Files that would make the reader work without bound: refused by parse_document itself,
# so the CLI, the web upload and the API are all protected.


def alias_bomb() -> bytes:
    """Nine levels of nine aliases: 9^9 items once written out, a few hundred bytes here."""
    lines = ["actcheck: 1", 'l0: &l0 ["x","x","x","x","x","x","x","x","x"]']
    for level in range(1, 9):
        lines.append(f"l{level}: &l{level} [" + ",".join([f"*l{level - 1}"] * 9) + "]")
    lines += ["answers:", "  org.size: *l8"]
    return "\n".join(lines).encode()


def nested_json(levels: int) -> bytes:
    """A JSON file whose mappings nest `levels` deep (the file itself is level 1)."""
    return b'{"a":' * levels + b"1" + b"}" * levels


def test_an_alias_bomb_is_refused_before_it_is_expanded() -> None:
    with pytest.raises(AnswersError) as caught:
        parse_document(alias_bomb(), name="bomb.yaml")
    assert caught.value.problems == [
        "bomb.yaml uses YAML aliases (*name): write each answer out in full; an answers "
        "file has no use for anchors and aliases."
    ]


def test_any_alias_is_refused_even_to_a_plain_value() -> None:
    with pytest.raises(AnswersError) as caught:
        parse_document("actcheck: 1\nanswers:\n  org.size: &s small\n  org.name: *s\n")
    (problem,) = caught.value.problems
    assert "uses YAML aliases" in problem
    assert "write each answer out in full" in problem


def test_an_asterisk_in_text_is_not_an_alias(ruleset: Ruleset) -> None:
    doc = parse_document("actcheck: 1\nanswers:\n  org.name: 'Stars * and *more*'\n")
    assert doc["answers"]["org.name"] == "Stars * and *more*"
    json_doc = parse_document('{"actcheck": 1, "answers": {"org.name": "*a"}}')
    assert json_doc["answers"]["org.name"] == "*a"


def test_malformed_yaml_with_an_asterisk_still_gives_the_line() -> None:
    with pytest.raises(AnswersError) as caught:
        parse_document(b"actcheck: 1\nanswers:\n  org.name: [a*\n", name="a.yaml")
    (problem,) = caught.value.problems
    assert problem.startswith("a.yaml:")
    assert "not valid YAML" in problem


@pytest.mark.parametrize(
    "data",
    [
        b'{"a":' * 100_000,  # Python's JSON reader would raise RecursionError
        b'{"a":' + b"[" * 100_000,
        nested_json(MAX_DEPTH + 1),  # well within the recursion limit, still too deep
        b'{"a": ' + b"[" * 500 + b"]" * 500 + b"}",
    ],
    ids=["mappings-100k", "lists-100k", "just-over-the-limit", "lists-500"],
)
def test_json_nested_too_deeply_is_refused_not_a_crash(data: bytes) -> None:
    with pytest.raises(AnswersError) as caught:
        parse_document(data, name="deep.json")
    (problem,) = caught.value.problems
    assert problem.startswith(f"deep.json is nested more than {MAX_DEPTH} levels deep")
    assert "check that you chose the right file" in problem


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 10_000 + "]" * 10_000,  # past libyaml's own limit
        "a: " + "[" * 900 + "]" * 900,
        "".join(" " * i + "a:\n" for i in range(400)),  # the YAML constructor recurses
        "- " * 800 + "x",
        "- " * (MAX_DEPTH + 1) + "x",  # one list too many
        "a: " + "{b: " * 200 + "c" + "}" * 200,
    ],
    ids=["flow-10k", "flow-900", "block-mappings-400", "block-lists-800", "just-over", "flow-map"],
)
def test_yaml_nested_too_deeply_is_refused_not_a_crash(text: str) -> None:
    with pytest.raises(AnswersError) as caught:
        parse_document(text, name="deep.yaml")
    (problem,) = caught.value.problems
    assert problem.startswith(f"deep.yaml is nested more than {MAX_DEPTH} levels deep")


def test_nesting_up_to_the_limit_is_read() -> None:
    assert parse_document(nested_json(MAX_DEPTH)) is not None
    assert parse_document("- " * MAX_DEPTH + "x") is not None
    assert parse_document("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)) is not None


def test_an_example_file_is_well_within_the_limits(ruleset: Ruleset) -> None:
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        data = path.read_bytes()
        if b"answers:" in data:
            read_answers(parse_document(data, name=path.name), ruleset, strict=False)


def test_a_recursion_error_never_escapes(monkeypatch: pytest.MonkeyPatch) -> None:
    def recurse(text: str) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("actcheck.rules.answers._load_json", recurse)
    with pytest.raises(AnswersError) as caught:
        parse_document(b'{"actcheck": 1}', name="a.json")
    assert "nested more than" in caught.value.problems[0]


def test_json_answers_never_import_pyyaml() -> None:
    code = "\n".join(
        [
            "import sys",
            "from actcheck.rules.answers import AnswersError, parse_document",
            'parse_document(b\'{"actcheck": 1, "answers": {"org.name": "*x"}}\')',
            "try:",
            "    parse_document(b'{\"a\":' * 100_000)",
            "except AnswersError:",
            "    print('refused', 'yaml' in sys.modules)",
        ]
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stdout.strip() == "refused False", out.stderr


def test_a_key_named_like_the_depth_error_is_not_mistaken_for_it() -> None:
    with pytest.raises(AnswersError) as caught:
        parse_document("exceeded maximum nesting depth: 1\nexceeded maximum nesting depth: 2\n")
    assert "appears twice" in caught.value.problems[0]


# Issue 12, findings 6 and 7: the parsers raise nothing but AnswersError, text is plain,
# and no input makes the work or the messages unbounded.


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"actcheck: 1\nanswers:\n  org.name: 2024-13-45\n", "f:3: '2024-13-45' is not a date"),
        (b"actcheck: 1\nanswers:\n  org.name: 2024-02-30\n", "day is out of range"),
        (b"actcheck: 1\nanswers:\n  org.name: " + b"7" * 4400 + b"\n", "f:3: a number of 4,400"),
        (b'{"actcheck": 1, "answers": {"org.name": -' + b"7" * 4400 + b"}}", "4,400 digits"),
    ],
)
def test_values_python_cannot_build_are_answers_errors(data: bytes, expected: str) -> None:
    with pytest.raises(AnswersError) as refused:
        parse_document(data, name="f")
    assert expected in refused.value.problems[0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a\ud800b", "the text contains an invalid character (U+D800) at position 2"),
        ("a\x00", "the text contains a control character (U+0000) at position 2"),
        ("\x1b[31mred", "the text contains a control character (U+001B) at position 1"),
        ("a\x85", "the text contains a control character (U+0085) at position 2"),
    ],
)
def test_text_answers_are_plain_text(ruleset: Ruleset, value: str, expected: str) -> None:
    with pytest.raises(AnswersError) as refused:
        check_answers({"org.name": value}, ruleset, strict=False)
    assert refused.value.problems == [
        f"org.name: {expected}; remove it (only letters, signs, spaces, tabs and line breaks "
        "are allowed)."
    ]


def test_tabs_line_breaks_and_any_script_are_text(ruleset: Ruleset) -> None:
    checked = check_answers(
        {"system.description": "Ligne 1\r\n\tLigne 2 — 日本語 😀\rfin"}, ruleset, strict=False
    )
    assert checked.answers["system.description"] == "Ligne 1\n\tLigne 2 — 日本語 😀\nfin"


def test_at_most_fifty_problems_are_listed_then_how_many_more(ruleset: Ruleset) -> None:
    document = json.dumps({"actcheck": 1, "answers": {f"k{i}": 0 for i in range(55_000)}})
    with pytest.raises(AnswersError) as refused:
        read_answers(parse_document(document), ruleset, strict=True)
    problems = refused.value.problems
    assert len(problems) == 51
    assert problems[:2] == [
        "unknown question id 'k0'. Run 'actcheck questions' for the list.",
        "unknown question id 'k1'. Run 'actcheck questions' for the list.",
    ]
    assert problems[-1] == (
        "... and 54,951 more problems: fix these first, or check that you chose the right file."
    )
    assert refused.value.total == 55_001  # the unknown ids and the unanswered questions
    assert len("\n".join(problems)) < 5_000


def test_quoted_values_and_keys_are_cut_and_long_lists_refused_at_once(ruleset: Ruleset) -> None:
    raw = {
        "x" * 10_000: 1,
        "org.size": "y" * 10_000,
        "system.roles": ["provider"] * 100_000,
    }
    with pytest.raises(AnswersError) as refused:
        check_answers(raw, ruleset, strict=False)
    problems = refused.value.problems
    assert len(problems) == 3
    assert all(len(p) < 400 for p in problems), problems
    assert problems[0].startswith("unknown question id 'xxxx")
    assert "…" in problems[0]
    assert "a list of 100,000 items, but the question has only" in problems[2]
