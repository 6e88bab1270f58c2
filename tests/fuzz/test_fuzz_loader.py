"""Property-based fuzzing of the answers loader, as every front end uses it: whatever the bytes,
the loader either reads them or raises AnswersError with sentences, never anything else, and
its messages stay in proportion to the file."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actcheck.rules.answers import AnswersError, parse_document, read_answers
from actcheck.rules.loading import load_ruleset
from actcheck.text import first_unsafe
from founders import FOUNDERS

RULES = load_ruleset()
QUESTION_IDS = list(RULES.questions)
VALUES = sorted({v for q in RULES.questions.values() for v in q.values})

#: Examples per property: CI sets ACTCHECK_FUZZ_EXAMPLES=10000 (issue 12); a local run
#: keeps to a few seconds.
FUZZ = settings(
    max_examples=int(os.environ.get("ACTCHECK_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: A marker for a number of 4,400 digits (hypothesis itself cannot print such an int).
BIG = "__4400_digits__"
#: Text as JSON can carry it: with control characters and lone surrogates (as escapes).
raw_text = st.text(st.characters(categories=["L", "N", "P", "Z", "Cc", "Cs", "So"]), max_size=30)
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.just(BIG)  # written out as 4,400 digits, past Python's int() limit
    | st.floats(allow_nan=True)
    | st.text(max_size=30)
    | raw_text
    | st.sampled_from(VALUES)
    | st.sampled_from(QUESTION_IDS)
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.text(max_size=20) | st.sampled_from(QUESTION_IDS), children, max_size=5
        )
    ),
    max_leaves=30,
)
answers = st.dictionaries(
    st.sampled_from(QUESTION_IDS) | st.text(max_size=25),
    scalars | st.lists(st.sampled_from(VALUES) | scalars, max_size=4),
    max_size=12,
)
documents = st.fixed_dictionaries(
    {},
    optional={
        "actcheck": st.sampled_from([1, 2, 0, "1", True, None]),
        "answers": answers | json_values,
        "extra": json_values,
    },
)
#: Pieces of YAML syntax, put together at random: anchors, tags, flow and block styles.
YAML_PIECES = [
    "actcheck: 1\n", "answers:\n", "  org.size: small\n", "  system.roles: [provider]\n",
    "&a ", "*a", "!!python/object:os.system ", "!!binary ", "? ", ": ", "- ", "[", "]", "{",
    "}", "'", '"', "\t", "  ", "\n", "#", "---\n", "...\n", "%YAML 1.1\n", "<<: *a\n", "|\n",
    ">-\n", "yes", "no", "~", "0x1F", "1e400", ".nan", "\ufeff", "\x00", "é", "\u2028",
    "2024-13-45", "2024-02-30", "2001-12-14t21:59:43.10-05:00", "2024-01-01 25:61:61",
    "9" * 4400, "-0b1", "0o17", "1_000", "190:20:30", "!!timestamp ", "!!int ", "!!float ",
    "!!str ", '"\\ud800"', '"\\u0000"', "\x85", "\x1b",
]  # fmt: skip


def check(data: bytes, strict: bool) -> None:
    data = data.replace(f'"{BIG}"'.encode(), b"9" * 4400).replace(BIG.encode(), b"-" + b"9" * 4400)
    problems: list[str] = []
    try:
        document = parse_document(data, name="upload")
        read_answers(document, RULES, strict=strict, name="upload")
    except AnswersError as exc:  # the only exception allowed
        problems = exc.problems
        assert problems, "an AnswersError must say what is wrong"
    if not problems:  # accepted: every text answer is plain text, storable and showable
        for value in read_answers(document, RULES, strict=False).answers.values():
            assert not isinstance(value, str) or first_unsafe(value) is None, value
    assert len(problems) <= 51  # at most 50, and "and N more"
    for problem in problems:
        assert isinstance(problem, str)
        assert problem.strip()
        assert "Traceback" not in problem
    # Messages quote the file, never explode it (no alias expansion).
    assert len("\n".join(problems)) <= 40 * len(data) + 20_000


@FUZZ
@given(st.binary(max_size=3000), st.booleans())
def test_any_bytes_are_read_or_refused_with_sentences(data: bytes, strict: bool) -> None:
    check(data, strict)


@FUZZ
@given(st.lists(st.sampled_from(YAML_PIECES), max_size=40), st.booleans())
def test_yaml_made_of_tricky_pieces_is_read_or_refused(pieces: list[str], strict: bool) -> None:
    check("".join(pieces).encode("utf-8", "surrogatepass"), strict)


@FUZZ
@given(documents, st.sampled_from(["json", "yaml"]), st.booleans())
def test_any_document_structure_is_read_or_refused(doc: Any, syntax: str, strict: bool) -> None:
    if syntax == "json":
        text = json.dumps(doc, allow_nan=True)  # ASCII: lone surrogates as \\udXXX escapes
    else:
        try:
            text = yaml.safe_dump(doc, allow_unicode=True)
        except (yaml.YAMLError, UnicodeError):  # YAML cannot write some of this text at all
            return
    check(text.encode("utf-8", "surrogatepass"), strict)


@FUZZ
@given(
    st.sampled_from(sorted(FOUNDERS)),
    st.dictionaries(st.sampled_from(QUESTION_IDS), scalars, max_size=4),
    st.lists(st.sampled_from(QUESTION_IDS), max_size=4),
)
def test_a_valid_file_with_changes_is_read_or_refused(
    name: str, changes: dict[str, Any], removed: list[str]
) -> None:
    doc = {"actcheck": 1, "answers": {**FOUNDERS[name], **changes}}
    for qid in removed:
        doc["answers"].pop(qid, None)
    check(json.dumps(doc).encode(), True)
    check(yaml.safe_dump(doc).encode(), False)


def test_an_alias_bomb_is_refused_before_it_is_expanded() -> None:
    lines = ["actcheck: 1", 'l0: &l0 ["x","x","x","x","x","x","x","x","x"]']
    for level in range(1, 9):
        lines.append(f"l{level}: &l{level} [" + ",".join([f"*l{level - 1}"] * 9) + "]")
    lines += ["answers:", "  org.size: *l8"]
    data = "\n".join(lines).encode()
    with pytest.raises(AnswersError) as refused:
        parse_document(data, name="bomb.yaml")
    assert refused.value.problems == [
        "bomb.yaml uses YAML aliases (*name): write each answer out in full; an answers "
        "file has no use for anchors and aliases."
    ]


def test_deeply_nested_json_is_refused_not_a_crash() -> None:
    for data in (b'{"a":' * 100_000, b"{" + b"[" * 100_000):
        with pytest.raises(AnswersError) as refused:
            parse_document(data, name="deep.json")
        assert len(refused.value.problems) == 1
