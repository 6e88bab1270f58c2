"""A French founder, from the first page to the PDF report: all in French, with the terms
of the official French version of the AI Act; and the language switch that got them there."""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader

from founders import FOUNDERS, Founder, csrf_token

from .conftest import FRENCH_ANSWERS, french_client, normalise, untranslated, visible_chunks

OFFICIAL_TERMS = [
    "système d'IA à haut risque",
    "fournisseur",
    "déployeur",
]


def text_of(html: str) -> str:
    return " ".join(visible_chunks(html, "fr"))


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return normalise(" ".join(page.extract_text() or "" for page in reader.pages))


def test_a_french_founder_gets_a_french_result_and_a_french_report(app: Any) -> None:
    founder = Founder(french_client(app))
    home = founder.page("/").text
    assert '<html lang="fr">' in home
    assert "Commencer" in home

    asked = founder.fill({**FOUNDERS["high_risk"], **FRENCH_ANSWERS})
    question = founder.page(f"{founder.base}/questions/{asked[1]}").text
    assert "Enregistrer et continuer" in question
    assert untranslated(question) == []

    result = founder.page(f"{founder.base}/result").text
    words = normalise(text_of(result))
    for term in [*OFFICIAL_TERMS, "Pourquoi ce résultat", "Vos obligations", "En tant que"]:
        assert term.lower() in words.lower(), term
    assert "Système d'IA à haut risque" in words
    assert untranslated(result) == []
    # Dates the French way, in the rule texts' wording ("2 août 2026").
    assert re.search(
        r"\b\d{1,2}(er)? (janvier|février|mars|avril|mai|juin|juillet|août|"
        r"septembre|octobre|novembre|décembre) 20\d\d\b",
        words,
    )
    assert "August" not in words

    response = founder.client.get(f"{founder.base}/report.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].endswith('-fr.pdf"')
    text = pdf_text(response.data)
    for term in OFFICIAL_TERMS:
        assert term in text.replace("\u2019", "'"), term
    assert "High-risk AI system" not in text
    assert "Why this result" not in text


def test_the_report_can_be_downloaded_in_the_other_language(app: Any) -> None:
    founder = Founder(french_client(app))
    founder.fill({**FOUNDERS["high_risk"], **FRENCH_ANSWERS})
    result = founder.page(f"{founder.base}/result").text
    english_link = f'href="/assessments/{founder.public_id}/report.pdf?lang=en"'
    assert english_link in result
    response = founder.client.get(f"{founder.base}/report.pdf?lang=en")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "high-risk" in text.lower()
    assert "not legal advice" in text
    assert "système d'IA à haut risque" not in text
    # An unknown language falls back on the interface's language.
    fallback = founder.client.get(f"{founder.base}/report.pdf?lang=xx")
    assert fallback.headers["Content-Disposition"].endswith('-fr.pdf"')


def test_the_switch_changes_the_language_and_remembers_it(app: Any) -> None:
    client = app.test_client()
    home = client.get("/").text
    assert '<html lang="en">' in home
    assert 'name="lang" value="fr"' in home  # offered: ruleset.languages drives the choices
    switched = client.post(
        "/language",
        data={"csrf_token": csrf_token(home), "lang": "fr", "next": "/assessments/import"},
    )
    assert switched.status_code == 303
    assert switched.headers["Location"] == "/assessments/import"
    cookie = next(
        c for c in switched.headers.getlist("Set-Cookie") if c.startswith("actcheck_lang=")
    )
    assert "actcheck_lang=fr" in cookie
    for attribute in ("Max-Age=", "HttpOnly", "SameSite=Lax"):
        assert attribute in cookie
    page = client.get("/assessments/import").text
    assert '<html lang="fr">' in page
    assert "Importer un fichier de réponses" in page
    # The choice beats the browser's Accept-Language.
    assert '<html lang="fr">' in client.get("/", headers={"Accept-Language": "en"}).text

    # A new session with only the long-lived cookie still gets French.
    fresh = app.test_client()
    fresh.set_cookie("actcheck_lang", "fr")
    assert '<html lang="fr">' in fresh.get("/").text

    # And back to English.
    page = client.get("/").text
    back = client.post("/language", data={"csrf_token": csrf_token(page), "lang": "en"})
    assert back.headers["Location"] == "/"
    assert '<html lang="en">' in client.get("/", headers={"Accept-Language": "fr"}).text


def test_the_switch_is_csrf_protected_and_stays_on_the_site(app: Any) -> None:
    client = app.test_client()
    forged = client.post("/language", data={"lang": "fr", "next": "/"})
    assert forged.status_code == 400
    assert '<html lang="en">' in client.get("/").text
    token = csrf_token(client.get("/").text)
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:1"):
        response = client.post(
            "/language", data={"csrf_token": token, "lang": "fr", "next": target}
        )
        assert response.headers["Location"] == "/", target
    unknown = client.post("/language", data={"csrf_token": token, "lang": "xx"})
    assert unknown.status_code == 400


def test_accept_language_then_english_by_default(app: Any) -> None:
    client = app.test_client()
    assert '<html lang="en">' in client.get("/").text
    assert '<html lang="fr">' in client.get("/", headers={"Accept-Language": "fr-CA"}).text
    assert '<html lang="en">' in client.get("/", headers={"Accept-Language": "de, en;q=0.1"}).text
    assert '<html lang="en">' in client.get("/", headers={"Accept-Language": "de"}).text


def test_form_errors_are_french(app: Any) -> None:
    founder = Founder(french_client(app))
    founder.start()
    response = founder.post_answer("org.size", None)
    assert response.status_code == 422
    assert "Erreur" in response.text
    assert "Choisissez" in response.text
    assert untranslated(response.text) == []


def test_the_switch_offers_the_languages_of_the_rule_set_that_have_a_catalog(
    app_factory: Any, tmp_path: Any
) -> None:
    """A language comes with files: without a French catalog, no French (the rule set has
    French, but a page is never half translated)."""
    app = app_factory(BABEL_TRANSLATION_DIRECTORIES=str(tmp_path / "none"))
    html = app.test_client().get("/", headers={"Accept-Language": "fr"}).text
    assert '<html lang="en">' in html
    assert 'name="lang"' not in html
    with app.test_request_context():
        from actcheck.web.i18n import language_choices, ruleset

        assert [code for code, _ in language_choices()] == ["en"]
        assert "fr" in ruleset().languages


def test_numbers_follow_the_language(app: Any) -> None:
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        from flask import render_template_string

        assert render_template_string("{{ 1004|number }}") == "1\u202f004"
    with app.test_request_context():
        from flask import render_template_string

        assert render_template_string("{{ 1004|number }}") == "1,004"
