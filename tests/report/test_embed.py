"""The answers travel inside the PDF: `actcheck assess report.pdf` re-assesses a report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader, PdfWriter

from actcheck.cli import main
from actcheck.rules import assess, parse_document, read_answers
from actcheck.rules.model import Ruleset
from actcheck.services.report_embed import (
    ATTACHMENT_NAME,
    META_RULESET_SHA256,
    answers_from_pdf,
    origin_from_pdf,
)

from .conftest import Rendered


def test_the_attached_answers_reassess_to_the_same_result(
    largest_report: Rendered, ruleset: Ruleset
) -> None:
    data = answers_from_pdf(largest_report.pdf)
    assert data.startswith(b"# actcheck answers file")
    checked = read_answers(parse_document(data), ruleset)
    again = assess(ruleset, checked.answers, warnings=checked.warnings)
    assert again.to_dict() == largest_report.result.to_dict()


def test_the_report_has_exactly_one_attachment(largest_report: Rendered) -> None:
    assert list(largest_report.reader.attachments) == [ATTACHMENT_NAME]


def test_the_report_records_its_rule_set(cv_report: Rendered, ruleset: Ruleset) -> None:
    origin = origin_from_pdf(cv_report.pdf)
    assert origin.ruleset_sha256 == ruleset.sha256
    assert origin.ruleset_version == ruleset.version
    assert origin.reference == "AC-TEST-0001"


def test_actcheck_assess_on_a_report_prints_the_same_result(
    cv_report: Rendered, pdf_file: Any
) -> None:
    path = pdf_file(cv_report.pdf)
    out = CliRunner().invoke(main, ["assess", str(path), "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout) == cv_report.result.to_dict()
    assert "warning" not in out.stderr


def test_actcheck_assess_says_when_the_rule_set_has_changed(
    cv_report: Rendered, pdf_file: Any
) -> None:
    writer = PdfWriter(clone_from=PdfReader(pdf_file(cv_report.pdf, "original.pdf")))
    writer.add_metadata({f"/{META_RULESET_SHA256}": "0" * 64})
    path = pdf_file(b"", "older.pdf")
    with path.open("wb") as file:
        writer.write(file)
    out = CliRunner().invoke(main, ["assess", str(path)])
    assert out.exit_code == 0, out.output
    assert "warning:" in out.stderr
    assert "rule set" in out.stderr
    assert "HIGH-RISK" in out.stdout


def test_a_pdf_without_answers_is_refused_with_a_clear_message(pdf_file: Any) -> None:
    from weasyprint import HTML

    plain = HTML(string="<p>Not a report</p>").write_pdf()
    with pytest.raises(ValueError, match="no actcheck answers attachment"):
        answers_from_pdf(plain)
    out = CliRunner().invoke(main, ["assess", str(pdf_file(plain))])
    assert out.exit_code == 2
    assert "no actcheck answers attachment" in out.stderr


def test_a_damaged_pdf_is_refused(pdf_file: Any) -> None:
    with pytest.raises(ValueError, match="cannot be read"):
        answers_from_pdf(b"%PDF-1.7 not really")


def test_assessing_a_report_loads_neither_weasyprint_nor_flask(
    cv_report: Rendered, pdf_file: Any
) -> None:
    path = pdf_file(cv_report.pdf)
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from actcheck.cli import main\n"
        f"out = CliRunner().invoke(main, ['assess', {str(path)!r}, '--json'])\n"
        "assert out.exit_code == 0, out.output\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'weasyprint', 'flask', 'jinja2'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_actcheck_report_writes_a_pdf_that_reassesses(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("ACTCHECK_REPORT_CACHE_DIR", str(tmp_path / "cache"))
    root = Path(__file__).resolve().parents[2]
    target = tmp_path / "report.pdf"
    args = ["report", str(root / "examples/cv-screening.yaml"), "-o", str(target)]
    out = CliRunner().invoke(main, [*args, "--date", "2026-11-28"])
    assert out.exit_code == 0, out.output
    assert target.read_bytes().startswith(b"%PDF")
    assert list((tmp_path / "cache").glob("*.pdf"))  # cached for the next time
    again = CliRunner().invoke(main, ["assess", str(target), "--json"])
    assert again.exit_code == 0
    assert json.loads(again.stdout)["tier"] == "high_risk"


def test_actcheck_report_refuses_an_unknown_language(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    args = ["report", str(root / "examples/cv-screening.yaml"), "-o", str(tmp_path / "x.pdf")]
    out = CliRunner().invoke(main, [*args, "--lang", "xx"])
    assert out.exit_code == 2
    assert "--lang" in out.stderr
