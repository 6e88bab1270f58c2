"""Every judgment question offers "I'm not sure", every checkbox list an exclusive "None of
these", in English and in French (issue 15).

Which yes/no questions ask a judgment is said in the question files (`judgment`), decided
from what the rules do with the answer: a judgment of a legal test ("would it be obvious
to a reasonably well-informed person") is tri-state in the answers format; a fact the
founder knows ("is your company established in the EU") is yes/no. The test fails when a
question does not say, so a new question cannot slip through unclassified."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

from actcheck.rules.loading import load_ruleset
from actcheck.rules.model import Kind
from actcheck.web.questionnaire.forms import NONE_OF_THESE, question_form
from founders import FOUNDERS, Founder

RULES = load_ruleset()
YES_NO = [q for q in RULES.questions.values() if q.kind in (Kind.YES_NO, Kind.TRI_STATE)]
ANY_OF = [q for q in RULES.questions.values() if q.kind is Kind.ANY_OF]
WORDS = {
    "en": {"unsure": "I'm not sure", "none": "None of these"},
    "fr": {"unsure": "Je ne sais pas", "none": "Aucune de ces réponses"},
}
INPUT = re.compile(r'<input class="choices__input"[^>]*>\s*<label[^>]*>([^<]*)</label>')


def test_every_yes_no_question_says_whether_it_asks_a_judgment() -> None:
    assert YES_NO
    unsaid = [q.id for q in YES_NO if q.judgment is None]
    assert not unsaid, f"say `judgment: true` or `judgment: false` for {unsaid}"


@pytest.mark.parametrize("question", YES_NO, ids=lambda q: q.id)
def test_a_judgment_is_tri_state_and_a_fact_is_yes_no(question: Any) -> None:
    expected = Kind.TRI_STATE if question.judgment else Kind.YES_NO
    assert question.kind is expected, question.location


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_judgment_question_offers_i_am_not_sure(app: Any, lang: str) -> None:
    with app.test_request_context(headers={"Accept-Language": lang}):
        for question in YES_NO:
            field = question_form(question, RULES, lang, version=1).answer
            labels = {choice.value: unescape(choice.label) for choice in field.choices}
            if question.judgment:
                assert labels.get("unsure") == WORDS[lang]["unsure"], question.id
            else:
                assert "unsure" not in labels, question.id


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_checkbox_list_ends_with_none_of_these(app: Any, lang: str) -> None:
    assert ANY_OF
    with app.test_request_context(headers={"Accept-Language": lang}):
        for question in ANY_OF:
            choices = list(question_form(question, RULES, lang, version=1).answer.choices)
            assert choices[-1].value == NONE_OF_THESE, question.id
            assert unescape(choices[-1].label) == WORDS[lang]["none"], question.id
            assert [c.value for c in choices].count(NONE_OF_THESE) == 1


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("story", ["high_risk", "limited_risk", "out_of_scope"])
def test_the_pages_show_the_same_choices_in_both_languages(
    app: Any, founder: Founder, story: str, lang: str
) -> None:
    asked = founder.fill(FOUNDERS[story])
    shown = [q for q in asked if RULES.questions[q].kind is not Kind.TEXT]
    assert shown
    for qid in shown:
        question = RULES.questions[qid]
        html = founder.client.get(
            f"{founder.base}/questions/{qid}", headers={"Accept-Language": lang}
        ).text
        labels = [unescape(label).strip() for label in INPUT.findall(html)]
        if question.kind is Kind.ANY_OF:
            assert labels[-1] == WORDS[lang]["none"], qid
            assert html.count("data-exclusive") == 1, qid
        elif question.judgment:
            assert labels[-1] == WORDS[lang]["unsure"], qid
        elif question.kind is Kind.YES_NO:
            assert WORDS[lang]["unsure"] not in labels, qid
