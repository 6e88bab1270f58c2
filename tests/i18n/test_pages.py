"""Every page of the web interface, in French and in English, has no string of the other
language: a walk over every GET route of the app (`app.url_map`)."""

from __future__ import annotations

from typing import Any

import pytest

from founders import FOUNDERS, Founder

from .conftest import french_client, french_on_english_page, untranslated

# Routes that give files, not pages (their language is tested where they are built).
NOT_PAGES = {"static", "report.font", "report.download", "drafts.download", "healthz"}


def arguments(founder: Founder) -> dict[str, Any]:
    """A value for every URL variable the routes use: a complete assessment of this
    founder's, a question on its path; for the rest (tokens, ids of objects this founder
    cannot see) a made-up value, whose page (not found, forbidden, log in) is checked too."""
    return {
        "public_id": founder.public_id,
        "qid": "org.size",
        "token": "not-a-real-token",
        "cohort_id": 1,
        "id": 1,
        "item_id": 1,
        "evidence_id": "0" * 32,
        "kind": "classification",
        "fmt": "pdf",
    }


def page_urls(app: Any, founder: Founder) -> list[str]:
    values = arguments(founder)
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or ()) or rule.endpoint in NOT_PAGES:
            continue
        if rule.endpoint.startswith("api."):
            continue  # JSON: the API speaks English to programs
        missing = [name for name in rule.arguments if name not in values]
        assert not missing, (
            f"{rule.rule}: add a value for {missing} to tests/i18n/test_pages.py arguments()"
        )
        with app.test_request_context():
            from flask import url_for

            urls.append(url_for(rule.endpoint, **{n: values[n] for n in rule.arguments}))
    return sorted(set(urls))


def pages(founder: Founder, urls: list[str]) -> list[tuple[str, int, str]]:
    out = []
    for url in urls:
        response = founder.client.get(url, follow_redirects=True)
        if response.mimetype != "text/html":
            continue
        out.append((url, response.status_code, response.text))
    return out


def test_every_page_in_french_has_no_english_interface_string(app: Any) -> None:
    founder = Founder(french_client(app))
    founder.fill(
        {**FOUNDERS["high_risk"], "org.name": "Acme Analytique SAS", "system.name": "TalentMatch"}
    )
    rendered = pages(founder, [*page_urls(app, founder), "/no-such-page"])
    assert len(rendered) >= 8
    problems = {}
    for url, status, html in rendered:
        assert '<html lang="fr">' in html, url
        found = untranslated(html, "fr")
        if found:
            problems[f"{url} ({status})"] = found
    assert not problems, problems


def test_every_page_in_english_has_no_french_interface_string(app: Any) -> None:
    founder = Founder(app.test_client())
    founder.fill(FOUNDERS["high_risk"])
    rendered = pages(founder, [*page_urls(app, founder), "/no-such-page"])
    problems = {}
    for url, status, html in rendered:
        assert '<html lang="en">' in html, url
        found = french_on_english_page(html)
        if found:
            problems[f"{url} ({status})"] = found
    assert not problems, problems


@pytest.mark.parametrize("kind", ["prohibited", "limited_risk", "minimal_risk", "out_of_scope"])
def test_every_result_page_is_french(app: Any, kind: str) -> None:
    founder = Founder(french_client(app))
    founder.fill(FOUNDERS[kind])
    html = founder.page(f"{founder.base}/result").text
    assert untranslated(html, "fr") == []


def test_the_pages_of_accounts_and_reviews_are_french_too(app: Any) -> None:
    """Logged in, as a founder in a programme and as its admin: the pages behind the login
    (account, reviews, cohorts) walked the same way."""
    from people import make_cohort, make_person

    cohort = make_cohort(app, "Promotion printemps 2027")
    founder_person = make_person(
        app, "fondatrice@example.fr", "founder", cohort=cohort, login=False
    )
    admin = make_person(app, "admin@example.fr", "admin", login=False)
    for person in (founder_person, admin):
        person.client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
        assert person.login().status_code == 302
    founder = founder_person.founder
    founder.fill({**FOUNDERS["high_risk"], "org.name": "Acme Analytique SAS"})
    result = founder.page(f"{founder.base}/result").text
    from founders import csrf_token

    founder.client.post(f"{founder.base}/submit", data={"csrf_token": csrf_token(result)})

    problems = {}
    for who, client in (("founder", founder.client), ("admin", admin.client)):
        browser = Founder(client, public_id=founder.public_id)
        values = {**arguments(browser), "cohort_id": cohort}
        urls = []
        for rule in app.url_map.iter_rules():
            if "GET" not in (rule.methods or ()) or rule.endpoint in NOT_PAGES:
                continue
            if rule.endpoint.startswith("api.") or set(rule.arguments) - set(values):
                continue
            with app.test_request_context():
                from flask import url_for

                urls.append(url_for(rule.endpoint, **{n: values[n] for n in rule.arguments}))
        for url, status, html in pages(browser, sorted(set(urls))):
            found = untranslated(html, "fr")
            if found:
                problems[f"{who} {url} ({status})"] = found
    assert not problems, problems
    # The stored (English) trace reads in French, stricter reading included.
    review = admin.client.get(f"/review/{founder.public_id}").text
    assert "Vous n&#39;étiez pas sûr" in review or "Vous n'étiez pas sûr" in review
