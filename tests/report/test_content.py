"""What the PDF says: tier, every obligation with its articles and date, metadata, outline."""

from __future__ import annotations

import pytest

from actcheck.rules.model import Result
from actcheck.rules.wording import format_article, format_date
from actcheck.services.report_embed import META_REFERENCE, META_RULESET_SHA256

from .conftest import ON, Rendered


def _must_contain(report: Rendered, lang: str = "en") -> list[str]:
    result: Result = report.result
    rs = result.ruleset
    expected = [rs.labels[f"tier.{result.tier.value}"][lang]]
    for item in result.obligations:
        expected.append(" ".join(item.obligation.title[lang].split()))
        expected += [format_article(a, lang) for a in item.obligation.articles]
        expected.append(format_date(item.applies_from.date, lang))
    expected.append(format_date(ON, lang))
    return expected


@pytest.mark.parametrize("name", ["cv_report", "largest_report"])
def test_the_text_holds_the_tier_every_obligation_its_articles_and_its_date(
    name: str, request: pytest.FixtureRequest
) -> None:
    report: Rendered = request.getfixturevalue(name)
    text = report.text
    missing = [item for item in _must_contain(report) if item not in text]
    assert missing == []
    assert report.result.obligations, "the fixture must have obligations to check"


def test_a_french_report_is_in_french(french_report: Rendered) -> None:
    text = french_report.text
    missing = [item for item in _must_contain(french_report, "fr") if item not in text]
    assert missing == []
    assert "Synthèse" in text
    assert french_report.reader.trailer["/Root"]["/Lang"] == "fr"


def test_every_uncertain_answer_is_an_open_point(largest_report: Rendered) -> None:
    rs = largest_report.result.ruleset
    text = largest_report.text
    for qid in largest_report.result.uncertain:
        assert " ".join(rs.questions[qid].text["en"].split()) in text


def test_metadata_outline_and_tags(cv_report: Rendered) -> None:
    reader = cv_report.reader
    info = reader.metadata
    assert info is not None
    assert info.title == "EU AI Act assessment: Talentia Match (Talentia SAS)"
    assert info.author == "Talentia SAS"
    assert "Regulation (EU) 2024/1689" in (info.subject or "")
    assert info[f"/{META_RULESET_SHA256}"] == cv_report.result.ruleset.sha256
    assert info[f"/{META_REFERENCE}"] == "AC-TEST-0001"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])  # tagged (PDF/UA-1)
    assert "/StructTreeRoot" in root
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[:4] == ["Cover", "Contents", "1 Executive summary", "2 Why this result"]
    assert "A Appendix: your answers" in titles
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part" in xmp or b"<pdfuaid:part>1" in xmp.replace(b" ", b"")


def test_page_x_of_y_and_the_running_header(cv_report: Rendered) -> None:
    pages = cv_report.reader.pages
    total = len(pages)
    second = pages[1].extract_text()
    assert f"Page 2 of {total}" in second
    assert "EU AI Act assessment · Talentia Match" in second
    assert "AC-TEST-0001" in second
    assert "Page 1 of" not in pages[0].extract_text()  # the cover has no header or footer


def test_the_table_of_contents_gives_the_page_of_each_chapter(cv_report: Rendered) -> None:
    pages = [" ".join(p.extract_text().split()) for p in cv_report.reader.pages]
    contents = pages[1]
    summary_page = next(i for i, p in enumerate(pages) if "1 Executive summary" in p and i > 1)
    assert f"Executive summary {summary_page + 1}" in contents


def test_the_render_logs_no_warning(cv_report: Rendered, largest_report: Rendered) -> None:
    assert cv_report.logs == ()
    assert largest_report.logs == ()


def test_only_package_fonts_are_fetched(cv_report: Rendered) -> None:
    assert cv_report.refused == ()
    assert all("/actcheck/static/fonts/" in url for url in cv_report.fetched)


def test_the_fonts_are_embedded(cv_report: Rendered) -> None:
    fonts = set()
    for page in cv_report.reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("Inter" in f for f in fonts)
