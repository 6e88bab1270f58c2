"""The headline's words (services/report/headline.py), the same on the result page and in
the PDF's summary: the role held, its count by the language's plural rule, the provider
carrying the rest, a minimal-risk result with duties saying so in its first sentence."""

from __future__ import annotations

import pytest

from actcheck.rules import Ruleset, assess, check_answers, load_ruleset
from actcheck.rules.briefing import brief
from actcheck.services.report.headline import headline
from actcheck.services.report.words import Words
from stories import STORIES


@pytest.fixture(scope="module")
def ruleset() -> Ruleset:
    return load_ruleset()


def words_of(ruleset: Ruleset, story: str, lang: str) -> tuple[str, ...]:
    result = assess(ruleset, check_answers(STORIES[story], ruleset, strict=True).answers)
    return headline(brief(result), Words(ruleset, lang))


@pytest.mark.parametrize(
    ("story", "lang", "first", "then"),
    [
        (
            "distributor",
            "en",
            "This system is high-risk.",
            "As a distributor, you have 2 duties; the provider carries the rest.",
        ),
        (
            "distributor",
            "fr",
            "Ce système est à haut risque.",
            "En tant que distributeur, vous avez 2 obligations ; le fournisseur assume les autres.",
        ),
        (
            "provider",
            "en",
            "This system is high-risk.",
            "As the provider, you have 22 duties under the AI Act.",
        ),
        (
            "banned",
            "en",
            "Stop: this system, or one of the ways it is used, is banned in the EU.",
            "Besides the ban, as the provider, you have 1 duty.",
        ),
        (
            "banned",
            "fr",
            "Arrêtez : ce système, ou l\N{RIGHT SINGLE QUOTATION MARK}un de ses usages, est interdit dans l\N{RIGHT SINGLE QUOTATION MARK}UE.",
            "Outre l\N{RIGHT SINGLE QUOTATION MARK}interdiction, en tant que fournisseur, vous avez 1 obligation.",
        ),
    ],
)
def test_the_headline_names_the_role_and_counts_its_duties(
    ruleset: Ruleset, story: str, lang: str, first: str, then: str
) -> None:
    assert words_of(ruleset, story, lang)[:2] == (first, then)


def test_a_minimal_risk_result_with_duties_says_so_first(ruleset: Ruleset) -> None:
    first = words_of(ruleset, "derogated", "en")[0]
    assert (
        first
        == "This system has minimal risk, but as the provider you still have 3 duties under the AI Act."
    )


def test_the_model_duties_are_counted_apart(ruleset: Ruleset) -> None:
    sentences = words_of(ruleset, "model_and_system", "en")
    assert sentences[1] == "As the provider, you have 2 duties under the AI Act."
    assert sentences[2] == "Your general-purpose AI model has 4 duties of its own, listed apart."
