"""Founders' text stays text: a name with template syntax, markup and a spreadsheet
formula shows literally in the Word file and the PDF, and makes WeasyPrint fetch nothing."""

from __future__ import annotations

import dataclasses

from actcheck.rules.model import Ruleset
from actcheck.services import drafts
from actcheck.services.drafts.pdf_file import render_draft_html, render_draft_pdf
from actcheck.services.report import PackageAssetFetcher

from .conftest import ON, answers_of, assess_answers, docx_text, pdf_pages

NAME = "{{ 7*7 }} <script>alert(1)</script> =cmd|' /C calc'!A0"
ORG = '{% raw %}<img src="file:///etc/passwd"> Ltd'
DESCRIPTION = "Line one\nLine two {{ config }} \x07bell"


def test_hostile_text_stays_literal_in_the_word_file_and_the_pdf(ruleset: Ruleset) -> None:
    result = assess_answers(
        ruleset,
        answers_of("cv", **{"system.name": NAME, "org.name": ORG, "system.description": "x"}),
    )
    draft = drafts.build_draft(result, "deployer-texts", lang="en", made_on=ON)
    _doc, text = docx_text(drafts.render_file(draft, "docx").content)
    assert NAME in text
    assert ORG in text
    assert "49" not in text.replace("2026", "")  # {{ 7*7 }} was not evaluated
    html = render_draft_html(draft)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<img src="file' not in html
    fetcher = PackageAssetFetcher()
    pdf = " ".join(pdf_pages(render_draft_pdf(draft, url_fetcher=fetcher)))
    assert fetcher.refused == []
    assert "{{ 7*7 }}" in pdf
    assert "<script>alert(1)</script>" in pdf
    assert "=cmd|' /C calc'!A0" in pdf


def test_control_characters_are_shown_not_written(ruleset: Ruleset) -> None:
    result = assess_answers(ruleset, answers_of("cv", **{"system.description": "a"}))
    # The answers format refuses control characters; one stored before that rule is shown
    # as an escape (a Word file cannot hold it).
    result = dataclasses.replace(
        result, answers={**result.answers, "system.description": DESCRIPTION}
    )
    draft = drafts.build_draft(result, "classification", lang="en", made_on=ON)
    _doc, text = docx_text(drafts.render_file(draft, "docx").content)
    assert "Line two {{ config }} \\u0007bell" in text
