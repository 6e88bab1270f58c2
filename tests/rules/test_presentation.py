"""The presentation helpers every front end shares (`actcheck.presentation`)."""

from __future__ import annotations

from actcheck.presentation import answer_words, assessment_name, file_slug
from actcheck.rules.model import Kind, Ruleset, Text, text_in


def test_an_assessment_is_named_by_its_system_else_its_company() -> None:
    assert assessment_name({"system.name": "  HireLens ", "org.name": "Acme"}) == "HireLens"
    assert assessment_name({"system.name": " ", "org.name": "Acme"}) == "Acme"
    assert assessment_name({}) is None


def test_a_file_slug_is_header_safe_and_never_empty() -> None:
    assert file_slug('Ré"sumé\r\nScreen / v2') == "r-sum-screen-v2"
    assert file_slug("日本語") == "assessment"
    assert len(file_slug("a" * 100)) == 40


def test_an_answer_reads_as_the_rule_sets_labels_in_the_language(ruleset: Ruleset) -> None:
    def french(text: Text | None) -> str:
        return text_in(text, "fr")

    questions = ruleset.questions.values()
    tri = next(q for q in questions if q.kind is Kind.TRI_STATE)
    many = next(q for q in questions if q.kind is Kind.ANY_OF and q.choices)
    text = next(q for q in questions if q.kind is Kind.TEXT)
    assert answer_words(tri, "unsure", ruleset.labels, french) == (
        text_in(ruleset.labels["unsure"], "fr"),
    )
    first = many.choices[0]
    assert answer_words(many, (first.value,), ruleset.labels, french) == (
        text_in(first.label, "fr"),
    )
    assert answer_words(many, (), ruleset.labels, french) == ()
    assert answer_words(text, "<b>as typed</b>", ruleset.labels, french) == ("<b>as typed</b>",)
    assert answer_words(text, None, ruleset.labels, french) == ()
