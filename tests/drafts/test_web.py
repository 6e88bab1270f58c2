"""The drafts on the web: listed on the result page, downloaded as DOCX and PDF, with the
same access check as the report."""

from __future__ import annotations

from typing import Any

from tests.report.test_web import imported

from founders import Founder

from .conftest import docx_text


def test_the_result_page_lists_the_drafts_that_apply(founder: Founder) -> None:
    public_id = imported(founder)
    page = founder.page(f"/assessments/{public_id}/result").text
    assert 'id="drafts"' in page
    for kind in ("classification", "technical-documentation", "deployer-texts"):
        assert f'href="/assessments/{public_id}/drafts/{kind}.docx"' in page
        assert f'href="/assessments/{public_id}/drafts/{kind}.pdf"' in page
    assert "/drafts/fria.docx" not in page


def test_a_draft_downloads_as_an_attachment_in_each_format(founder: Founder) -> None:
    public_id = imported(founder)
    docx = founder.client.get(f"/assessments/{public_id}/drafts/technical-documentation.docx")
    assert docx.status_code == 200
    assert docx.mimetype.endswith("wordprocessingml.document")
    assert docx.headers["Content-Disposition"].startswith(
        'attachment; filename="actcheck-technical-documentation-talentia-match-'
    )
    assert docx.headers["X-Content-Type-Options"] == "nosniff"
    _doc, text = docx_text(docx.data)
    assert "Ranks job applications against a job description." in text
    pdf = founder.client.get(f"/assessments/{public_id}/drafts/classification.pdf?lang=fr")
    assert pdf.status_code == 200
    assert pdf.data.startswith(b"%PDF")
    assert pdf.headers["Content-Disposition"].endswith('-fr.pdf"')


def test_someone_else_cannot_download_a_draft(founder: Founder, other_founder: Founder) -> None:
    public_id = imported(founder)
    other_founder.start()
    url = f"/assessments/{public_id}/drafts/classification.docx"
    assert other_founder.client.get(url).status_code == 403
    assert founder.client.get(url.replace(public_id, "nope" * 4)).status_code == 404


def test_an_unknown_or_inapplicable_draft_or_format_is_not_found(founder: Founder) -> None:
    public_id = imported(founder)
    for tail in ("fria.docx", "nothing.docx", "classification.exe", "classification.html"):
        assert founder.client.get(f"/assessments/{public_id}/drafts/{tail}").status_code == 404


def test_an_incomplete_assessment_is_sent_back_to_its_questions(founder: Founder) -> None:
    founder.start()
    response = founder.client.get(f"/assessments/{founder.public_id}/drafts/classification.docx")
    assert response.status_code == 302


def test_the_cli_lists_and_writes_drafts(tmp_path: Any) -> None:
    from click.testing import CliRunner
    from tests.report.test_web import ROOT

    from actcheck.cli import main

    example = str(ROOT / "examples" / "cv-screening.yaml")
    runner = CliRunner()
    listed = runner.invoke(main, ["draft", "--list", example])
    assert listed.exit_code == 0, listed.output
    assert "technical-documentation" in listed.output
    assert "fria" not in listed.output
    out = tmp_path / "td.docx"
    made = runner.invoke(main, ["draft", "technical-documentation", example, "-o", str(out)])
    assert made.exit_code == 0, made.output
    _doc, text = docx_text(out.read_bytes())
    assert "Talentia Match" in text
    pdf = tmp_path / "c.pdf"
    made = runner.invoke(main, ["draft", "classification", example, "-o", str(pdf), "--lang", "fr"])
    assert made.exit_code == 0, made.output
    assert pdf.read_bytes().startswith(b"%PDF")
    refused = runner.invoke(main, ["draft", "fria", example, "-o", str(out)])
    assert refused.exit_code == 2
    assert "does not apply" in refused.output
