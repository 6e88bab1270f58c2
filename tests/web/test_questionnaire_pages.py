"""What the question pages and the task list say along the way (issue 15): a ban once a
banned practice is answered "yes", an estimate while follow-up questions may come, and why
a section does not apply; the same in English and French."""

from __future__ import annotations

from typing import Any

import pytest

from founders import FOUNDERS, Founder

FR = {"Accept-Language": "fr"}


def _get(founder: Founder, path: str, lang: str) -> str:
    response = founder.client.get(f"{founder.base}{path}", headers=FR if lang == "fr" else {})
    assert response.status_code == 200, (path, response.status_code)
    return str(response.text)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "this system is banned by Art. 5"), ("fr", "ce système est interdit par l'Art. 5")],
)
def test_after_a_yes_to_a_banned_practice_later_pages_say_the_system_is_banned(
    founder: Founder, lang: str, words: str
) -> None:
    founder.fill(FOUNDERS["prohibited"])
    page = _get(founder, "/questions/annex_iii.areas", lang)
    assert "data-banned" in page
    assert words in page.replace("&#39;", "'")


def test_an_unsure_ban_is_said_to_be_possible(founder: Founder) -> None:
    founder.fill({**FOUNDERS["prohibited"], "prohibited.social_scoring": "unsure"})
    page = _get(founder, "/questions/annex_iii.areas", "en")
    assert "this system may be banned by Art. 5 (you were not sure)" in page


def test_a_ban_lifted_by_its_exception_is_not_said(founder: Founder) -> None:
    founder.fill(
        {
            **FOUNDERS["minimal_risk"],
            "prohibited.emotion_workplace": "yes",
            "prohibited.emotion_workplace_exception": "yes",
            "annex_iii.profiling": "no",
            "annex_iii.derogation": [],
            "deployer.workplace": "no",
            "system.placed_before_application": "no",
        }
    )
    assert "data-banned" not in _get(founder, "/questions/annex_iii.areas", "en")
    assert "data-banned" not in _get(
        founder, "/questions/prohibited.emotion_workplace_exception", "en"
    )


def test_no_ban_no_line(founder: Founder) -> None:
    founder.fill(FOUNDERS["minimal_risk"])
    assert "data-banned" not in _get(founder, "/questions/annex_iii.areas", "en")


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "is an estimate"), ("fr", "est une estimation")],
)
def test_the_count_left_is_an_estimate_while_follow_up_questions_may_come(
    founder: Founder, lang: str, words: str
) -> None:
    founder.start()
    overview = _get(founder, "/", lang)
    assert "data-estimate" in overview
    assert words in overview
    assert ("About " if lang == "en" else "Environ ") in overview


def test_a_finished_questionnaire_has_no_estimate(founder: Founder) -> None:
    founder.fill(FOUNDERS["minimal_risk"])
    assert "data-estimate" not in _get(founder, "/", "en")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "the system is not an AI system, or has no link to the EU"),
        ("fr", "le système n'est pas un système d'IA, ou n'a aucun lien avec l'UE"),
    ],
)
def test_a_section_that_does_not_apply_says_why(
    app: Any, founder: Founder, lang: str, words: str
) -> None:
    founder.fill(FOUNDERS["out_of_scope"])
    overview = _get(founder, "/", lang).replace("&#39;", "'")
    assert "data-not-needed" in overview
    assert words in overview
    question = _get(founder, "/questions/gpai.provides_model", lang).replace("&#39;", "'")
    assert words in question  # beside "Does not apply" in the step list


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "opens in a new tab"), ("fr", "s'ouvre dans un nouvel onglet")]
)
def test_the_eur_lex_new_tab_hint_is_said_once(founder: Founder, lang: str, words: str) -> None:
    founder.start()
    page = _get(founder, "/questions/system.is_ai_system", lang).replace("&#39;", "'")
    assert page.count(words) == 1
