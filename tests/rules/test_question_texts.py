"""Question headings are short and plain; the legal wording lives in the hint (issue 15)."""

from __future__ import annotations

import pytest

from actcheck.rules.model import Ruleset

#: Words a heading may have: GOV.UK's "one thing per page" wants a question read at a glance.
LIMIT = {"en": 20, "fr": 25}


@pytest.mark.parametrize("lang", sorted(LIMIT))
def test_every_heading_is_short(ruleset: Ruleset, lang: str) -> None:
    long = {
        q.id: len(q.text[lang].split())
        for q in ruleset.questions.values()
        if len(q.text[lang].split()) > LIMIT[lang]
    }
    assert not long, f"move the legal wording of these headings to their help: {long}"


def test_the_ai_system_heading_is_short_and_its_definition_is_in_the_hint(
    ruleset: Ruleset,
) -> None:
    question = ruleset.questions["system.is_ai_system"]
    assert len(question.text["en"].split()) <= 12
    assert question.help is not None
    for lang, words in (("en", "rules written by people"), ("fr", "règles écrites par des")):
        assert words in question.help[lang]
        assert words not in question.text[lang]


def test_the_accessibility_duty_names_its_two_directives(ruleset: Ruleset) -> None:
    todo = ruleset.obligations["hr-accessibility"].todo
    for lang in ("en", "fr"):
        assert "2016/2102" in todo[lang]
        assert "2019/882" in todo[lang]
        assert "two directives" not in todo[lang]
        assert "deux directives" not in todo[lang]


def test_the_marking_duty_says_how_to_mark_text_too(ruleset: Ruleset) -> None:
    todo = ruleset.obligations["transparency-marking"].todo
    assert "For text:" in todo["en"]
    assert "Pour le texte :" in todo["fr"]
