"""A founder goes from the first page to the result, for each tier of the Act."""

from __future__ import annotations

from typing import Any

import pytest
from markupsafe import escape

from actcheck.rules.answers import check_answers
from actcheck.rules.engine import assess, walk
from founders import FOUNDERS, Founder, stored

TITLES = {
    "prohibited": "Prohibited practice",
    "high_risk": "High-risk AI system",
    "limited_risk": "Limited risk: transparency duties",
    "minimal_risk": "Minimal risk",
    "out_of_scope": "Outside the AI Act’s rules on AI systems",  # noqa: RUF001
}


@pytest.mark.parametrize("tier", list(FOUNDERS))
def test_a_founder_answers_every_page_and_sees_the_result(
    app: Any, founder: Founder, tier: str
) -> None:
    answers = FOUNDERS[tier]
    rules = app.extensions["actcheck.ruleset"]

    asked = founder.fill(answers)

    # Exactly the questions on the founder's path were shown, in questionnaire order.
    assert asked == list(walk(rules, check_answers(answers, rules, strict=False).answers).reached)
    check = founder.page(f"{founder.base}/check")
    assert "Check your answers" in check.text
    assert "Not answered yet" not in check.text
    result = founder.page(f"{founder.base}/result")
    assert TITLES[tier] in result.text
    expected = assess(rules, check_answers(answers, rules, strict=True).answers)
    assert expected.tier.value == tier
    row = stored(app, founder.public_id)
    assert row.result == expected.to_dict()
    assert row.ruleset_version == rules.version
    assert row.ruleset_sha256 == rules.sha256
    for obligation in expected.obligations:
        assert escape(obligation.obligation.title["en"]) in result.text


def test_the_result_explains_why_and_lists_open_points(app: Any, founder: Founder) -> None:
    founder.fill(FOUNDERS["high_risk"])
    page = founder.page(f"{founder.base}/result").text
    rules = app.extensions["actcheck.ruleset"]
    expected = assess(rules, check_answers(FOUNDERS["high_risk"], rules, strict=True).answers)
    for rule in expected.trace:
        assert escape(rule.because["en"]) in page
    assert 'id="open-points"' in page
    assert "This result may change" in page
    assert "This system is high-risk. As the provider and as a deployer, you have 31 duties" in page
    assert "Build into the product" in page
    assert "After launch and ongoing" in page
    assert "https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:32024R1689#art_6" in page
    assert "Download the answers file (for re-use)" in page


def test_user_text_is_escaped_everywhere(founder: Founder) -> None:
    answers = dict(FOUNDERS["minimal_risk"])
    answers["system.name"] = '<script>alert("x")</script>'
    founder.fill(answers)
    for url in (
        "/",
        f"{founder.base}/",
        f"{founder.base}/check",
        f"{founder.base}/result",
        f"{founder.base}/questions/system.name",
        f"{founder.base}/questions/system.description",
    ):
        html = founder.page(url).text
        assert '<script>alert("x")</script>' not in html, url
        assert "<b>& friends</b>" not in html, url
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in founder.page("/").text


def test_the_start_page_lists_the_assessments_with_their_status(founder: Founder) -> None:
    founder.fill(FOUNDERS["limited_risk"])
    page = founder.page("/").text
    assert "TalentMatch" in page
    assert "Limited risk" in page


def test_the_result_links_each_article_to_eur_lex_in_the_pages_language(
    founder: Founder,
) -> None:
    """Issue 13: one link function for the web and the report, in the reader's language."""
    from founders import csrf_token

    founder.fill(FOUNDERS["high_risk"])
    english = founder.page(f"{founder.base}/result").text
    assert "legal-content/EN/TXT/HTML/?uri=CELEX:32024R1689#art_9" in english
    home = founder.client.get("/")
    founder.client.post("/language", data={"csrf_token": csrf_token(home.text), "lang": "fr"})
    french = founder.page(f"{founder.base}/result").text
    assert "legal-content/FR/TXT/HTML/?uri=CELEX:32024R1689#art_9" in french
    assert "legal-content/EN/TXT/HTML" not in french


def test_the_result_says_for_each_role_why_each_duty_binds_it(founder: Founder) -> None:
    founder.fill(FOUNDERS["high_risk"])
    page = founder.page(f"{founder.base}/result").text
    assert 'data-duty-reasons="provider"' in page
    assert "Why each duty binds you, or not" in page
    assert "binds you as provider because: Recruitment and selection" in page


def test_the_result_lists_the_sources_of_each_rule_and_obligation(
    app: Any, founder: Founder
) -> None:
    """What a lawyer checks the result against: each source's link and the day it was
    checked, under each rule that applied and under each obligation."""
    rules = app.extensions["actcheck.ruleset"]
    answers = FOUNDERS["high_risk"]
    founder.fill(answers)
    page = founder.page(f"{founder.base}/result").text
    result = assess(rules, check_answers(answers, rules, strict=True).answers)
    shown = [*result.trace, *{o.obligation.id: o.obligation for o in result.obligations}.values()]
    with_sources = [entry for entry in shown if entry.sources]
    assert with_sources
    for entry in with_sources:
        for source in entry.sources:
            assert f'href="{escape(source.href)}"' in page, (entry.id, source.href)
    # One list under each rule, and under each duty, once even when it binds two roles.
    expected = sum(1 for r in result.trace if r.sources)
    expected += len({o.obligation.id for o in result.obligations if o.obligation.sources})
    assert page.count("Sources (") == expected
    dated = next(s for e in with_sources for s in e.sources if s.checked_on)
    assert f"checked on {dated.checked_on.day} " in page
    french = founder.client.get(f"{founder.base}/result", headers={"Accept-Language": "fr"}).text
    first = with_sources[0].sources[0].href
    assert f'href="{escape(rules.source_link(first, "fr"))}"' in french
    assert "/FR/" in rules.source_link(first, "fr")
