"""Every validation error a founder can meet: shown at the top with a link, next to the
field, in the page title, and nothing stored."""

from __future__ import annotations

from typing import Any

import pytest
from markupsafe import escape

from founders import FOUNDERS, Founder, answers_of, csrf_token


def assert_error(response: Any, message: str) -> None:
    html = response.text
    assert response.status_code == 422, response.status_code
    assert "There is a problem" in html
    assert f'<a href="#answer">{escape(message)}</a>' in html
    assert 'id="answer-error"' in html
    assert "<title>Error:" in html
    assert 'data-module="error-summary"' in html
    assert "autofocus" in html


@pytest.mark.parametrize(
    ("qid", "value", "message"),
    [
        ("org.size", None, "Select one option"),
        ("org.size", "enormous", "Select one option"),
        ("org.established_in_eu", None, "Select yes or no"),
        ("org.established_in_eu", "unsure", "Select yes or no"),
        ("system.is_ai_system", None, "Select yes, no or “I'm not sure”"),
        ("system.is_ai_system", "maybe", "Select yes, no or “I'm not sure”"),
        ("system.roles", ["provider", "wizard"], "Select only the options shown"),
        (
            "system.roles",
            ["provider", "_none"],
            "You selected “None of these” and another option: select one or the other",
        ),
        ("annex_iii.areas", None, "Select the uses that apply, or select “None of these”"),
        ("system.roles", None, "Select the roles your company holds, or select “None of these”"),
        ("system.description", "x" * 5001, "Your answer must be 5,000 characters or fewer"),
    ],
)
def test_a_wrong_answer_is_refused_with_a_clear_message(
    app: Any, founder: Founder, qid: str, value: Any, message: str
) -> None:
    founder.start()
    before = answers_of(app, founder.public_id)

    response = founder.post_answer(qid, value)

    assert_error(response, message)
    assert answers_of(app, founder.public_id) == before


def test_none_of_these_is_stored_as_an_empty_list(app: Any, founder: Founder) -> None:
    founder.start()
    assert founder.post_answer("system.roles", ["_none"]).status_code == 302
    assert founder.post_answer("annex_iii.areas", ["_none"]).status_code == 302
    assert answers_of(app, founder.public_id)[0] == {"system.roles": [], "annex_iii.areas": []}


def test_the_longest_text_allowed_is_kept(app: Any, founder: Founder) -> None:
    founder.start()
    response = founder.post_answer("system.description", "x" * 5000)
    assert response.status_code == 302
    assert answers_of(app, founder.public_id)[0]["system.description"] == "x" * 5000


def test_what_was_typed_stays_on_the_page_after_an_error(founder: Founder) -> None:
    founder.start()
    response = founder.post_answer("system.roles", ["provider", "_none"])
    assert 'value="provider"\n                       checked' in response.text or (
        'value="provider"' in response.text and response.text.count("checked") == 2
    )


def test_a_form_without_its_csrf_token_is_refused(app: Any, founder: Founder) -> None:
    founder.start()
    before = answers_of(app, founder.public_id)
    response = founder.client.post(
        f"{founder.base}/questions/org.size", data={"answer": "small", "version": "1"}
    )
    assert response.status_code == 400
    assert "This page has expired" in response.text
    assert answers_of(app, founder.public_id) == before


def test_a_form_with_a_forged_csrf_token_is_refused(founder: Founder) -> None:
    founder.start()
    response = founder.client.post(
        f"{founder.base}/questions/org.size",
        data={"answer": "small", "version": "1", "csrf_token": "forged"},
    )
    assert response.status_code == 400


def test_a_page_without_its_version_is_treated_as_out_of_date(app: Any, founder: Founder) -> None:
    founder.start()
    page = founder.page(f"{founder.base}/questions/org.size")
    response = founder.client.post(
        f"{founder.base}/questions/org.size",
        data={"answer": "small", "csrf_token": csrf_token(page.text)},
    )
    assert response.status_code == 409
    assert "org.size" not in answers_of(app, founder.public_id)[0]


def test_an_unknown_question_is_not_found(founder: Founder) -> None:
    founder.start()
    assert founder.client.get(f"{founder.base}/questions/org.colour").status_code == 404


def test_the_result_waits_for_the_missing_answers(founder: Founder) -> None:
    founder.start()
    response = founder.client.get(f"{founder.base}/result")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/questions/org.size")
    follow = founder.client.get(response.headers["Location"])
    assert "Answer the remaining questions to see your result." in follow.text


def test_save_and_come_back_later_on_an_empty_page_saves_nothing(
    app: Any, founder: Founder
) -> None:
    founder.start()
    response = founder.post_answer("org.size", None, action="later")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{founder.base}/")
    assert answers_of(app, founder.public_id) == ({}, 1)


def test_save_and_come_back_later_saves_the_answer(app: Any, founder: Founder) -> None:
    founder.start()
    response = founder.post_answer("org.size", "small", action="later")
    assert response.headers["Location"].endswith(f"{founder.base}/")
    assert answers_of(app, founder.public_id)[0] == {"org.size": "small"}


def test_a_full_answer_set_has_no_errors(founder: Founder) -> None:
    assert founder.fill(FOUNDERS["minimal_risk"])


def test_the_report_of_an_unfinished_assessment_leads_to_the_next_question(
    founder: Founder,
) -> None:
    """The PDF and its preview, like the result page, send an unfinished assessment back to
    the first question still to answer, saying why."""
    founder.start()
    for url in (f"{founder.base}/report.pdf", f"{founder.base}/report"):
        response = founder.client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].endswith("/questions/org.size")
        follow = founder.client.get(response.headers["Location"])
        assert "Answer the remaining questions to get your report." in follow.text
