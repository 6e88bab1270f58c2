"""Questions that do not apply are never shown, and a stale answer never counts."""

from __future__ import annotations

from typing import Any

import yaml

from actcheck.rules.engine import assess
from actcheck.rules.progress import progress
from founders import FOUNDERS, Founder, answers_of, stored


def test_a_question_off_the_path_is_never_shown(founder: Founder) -> None:
    asked = founder.fill(FOUNDERS["out_of_scope"])

    assert "system.roles" not in asked
    assert "scope.military" not in asked
    assert "prohibited.manipulation" not in asked
    # Typing its address redirects instead of showing it.
    response = founder.client.get(f"{founder.base}/questions/system.roles")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/check")
    page = founder.client.get(response.headers["Location"]).text
    assert "That question does not apply to your system, given your answers." in page
    assert "What does your company do with this system?" not in page


def test_an_answer_to_a_question_off_the_path_cannot_be_posted(app: Any, founder: Founder) -> None:
    founder.fill(FOUNDERS["out_of_scope"])
    page = founder.page(f"{founder.base}/questions/gpai.provides_model").text
    from founders import csrf_token

    response = founder.client.post(
        f"{founder.base}/questions/system.roles",
        data={"answer": ["provider"], "version": "99", "csrf_token": csrf_token(page)},
    )
    assert response.status_code == 302
    assert "system.roles" not in answers_of(app, founder.public_id)[0]


def test_a_changed_answer_drops_the_questions_it_no_longer_leads_to(
    app: Any, founder: Founder
) -> None:
    founder.fill(FOUNDERS["high_risk"])
    rules = app.extensions["actcheck.ruleset"]

    # From check your answers, the founder unticks the Annex III use.
    response = founder.post_answer("annex_iii.areas", [], query="?return=check")

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/check")
    kept, _version = answers_of(app, founder.public_id)
    # The answers behind the old branch are kept (changing back restores them)...
    assert kept["annex_iii.profiling"] == "unsure"
    assert kept["deployer.workplace"] == "yes"
    # ...but they are not shown, not exported and not assessed.
    check = founder.page(f"{founder.base}/check").text
    assert "Does your system profile people" not in check
    exported = yaml.safe_load(founder.page(f"/assessments/{founder.public_id}/export").text)
    assert "annex_iii.profiling" not in exported["answers"]
    assert "deployer.workplace" not in exported["answers"]
    result = founder.page(f"{founder.base}/result").text
    assert "Limited risk: transparency duties" in result
    assert "This result may change" not in result
    answers = dict(FOUNDERS["high_risk"], **{"annex_iii.areas": []})
    expected = assess(rules, progress(rules, answers).reached_answers())

    assert stored(app, founder.public_id).result == expected.to_dict()
    assert expected.uncertain == ()


def test_a_changed_answer_asks_only_the_new_questions_then_returns_to_check(
    app: Any, founder: Founder
) -> None:
    founder.fill(FOUNDERS["minimal_risk"])
    before, _version = answers_of(app, founder.public_id)

    response = founder.post_answer("transparency.interacts", "yes", query="?return=check")

    location = response.headers["Location"]
    assert "/questions/transparency.interaction_obvious?return=check" in location
    # No result while the new question is unanswered: the stored result is cleared.

    assert stored(app, founder.public_id).result is None
    assert founder.client.get(f"{founder.base}/result").status_code == 302
    response = founder.post_answer("transparency.interaction_obvious", "no", query="?return=check")
    # An Art. 50 duty now applies, so its law-enforcement exception is asked (rule set 2026.2).
    assert (
        "/questions/transparency.law_enforcement_authorised?return=check"
        in (response.headers["Location"])
    )
    response = founder.post_answer(
        "transparency.law_enforcement_authorised", "no", query="?return=check"
    )
    assert response.headers["Location"].endswith("/check")
    after, _version = answers_of(app, founder.public_id)
    # Nothing else was invalidated.
    new = ("transparency.interact", "transparency.law_enforcement")
    assert {k: v for k, v in after.items() if not k.startswith(new)} == {
        k: v for k, v in before.items() if not k.startswith(new)
    }
    assert "Limited risk" in founder.page(f"{founder.base}/result").text


def test_back_links_follow_the_path(founder: Founder) -> None:
    founder.fill(FOUNDERS["out_of_scope"])
    page = founder.page(f"{founder.base}/questions/gpai.provides_model").text
    # The previous question on this path is system.affected_persons (asked of every system):
    # the ones an AI system is asked, skipped here, are jumped.
    assert f'href="{founder.base}/questions/system.affected_persons" class="back-link"' in page
    first = founder.page(f"{founder.base}/questions/org.name").text
    assert f'href="{founder.base}/" class="back-link"' in first
    from_check = founder.page(f"{founder.base}/questions/org.size?return=check").text
    assert f'href="{founder.base}/check" class="back-link"' in from_check


def test_the_task_list_shows_where_the_founder_is(founder: Founder) -> None:
    founder.start()
    founder.post_answer("org.name", "Acme")
    founder.post_answer("org.size", "small")
    page = founder.page(f"{founder.base}/").text
    assert "In progress" in page
    assert "Not started" in page
    assert "Cannot start yet" in page
    assert "Continue where you left off" in page
    founder.fill(FOUNDERS["out_of_scope"], start=f"{founder.base}/continue")
    page = founder.page(f"{founder.base}/").text
    assert "Does not apply" in page
    assert "See your result" in page
