"""Fixtures of the PDF report tests: each report is rendered once per session."""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from actcheck.rules import Result, assess, load_ruleset, parse_document, read_answers
from actcheck.rules.model import Ruleset

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ON = dt.date(2026, 11, 28)

#: A system name built to break things: markup, a file URL in an image and a link that
#: WeasyPrint would turn into an attachment, right-to-left scripts, emoji, and 5,000
#: characters in all.
HOSTILE_HEAD = (
    '<img src="file:///etc/passwd"><script>alert(1)</script>'
    '<link rel="attachment" href="file:///etc/passwd">'
    " url(file:///etc/shadow) مرحبا بالعالم שלום עולם 🚀✅😀 "
)
HOSTILE_NAME = (HOSTILE_HEAD + "x" * 5000)[:5000]


@dataclass(frozen=True)
class Rendered:
    """A rendered report and what it was made from."""

    result: Result
    pdf: bytes
    fetched: tuple[str, ...]
    refused: tuple[str, ...]
    logs: tuple[str, ...]

    @property
    def reader(self) -> PdfReader:
        return PdfReader(io.BytesIO(self.pdf))

    @property
    def text(self) -> str:
        """All the text, whitespace collapsed (lines break anywhere)."""
        return " ".join(" ".join(p.extract_text() for p in self.reader.pages).split())


def assess_answers(ruleset: Ruleset, answers: dict[str, Any]) -> Result:
    checked = read_answers({"actcheck": 1, "answers": answers}, ruleset)
    return assess(ruleset, checked.answers, warnings=checked.warnings)


def assess_file(ruleset: Ruleset, path: Path) -> Result:
    checked = read_answers(parse_document(path.read_bytes()), ruleset, name=str(path))
    return assess(ruleset, checked.answers, warnings=checked.warnings)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.name}: {record.getMessage()}")


def render(
    result: Result, lang: str = "en", reference: str = "AC-TEST-0001", *, fresh_fonts: bool = False
) -> Rendered:
    """Render a report, recording what it fetched and what it logged.

    Reports reuse the thread's font configuration, so only the first render of a process
    fetches the fonts; `fresh_fonts` starts a new one, so that every fetch is seen.
    """
    from actcheck.services.report import PackageAssetFetcher, ReportMeta, forget_fonts, render_pdf

    if fresh_fonts:
        forget_fonts()
    fetcher = PackageAssetFetcher()
    records = _Records()
    loggers = [logging.getLogger("weasyprint"), logging.getLogger("actcheck")]
    for logger in loggers:
        logger.addHandler(records)
    try:
        pdf = render_pdf(
            result, ReportMeta(assessed_on=ON, reference=reference, lang=lang), url_fetcher=fetcher
        )
    finally:
        for logger in loggers:
            logger.removeHandler(records)
    return Rendered(
        result=result,
        pdf=pdf,
        fetched=tuple(fetcher.fetched),
        refused=tuple(fetcher.refused),
        logs=tuple(records.messages),
    )


@pytest.fixture(scope="session")
def ruleset() -> Ruleset:
    return load_ruleset()


@pytest.fixture(scope="session")
def cv_report(ruleset: Ruleset) -> Rendered:
    return render(assess_file(ruleset, ROOT / "examples" / "cv-screening.yaml"))


@pytest.fixture(scope="session")
def largest_report(ruleset: Ruleset) -> Rendered:
    return render(assess_file(ruleset, FIXTURES / "largest.yaml"))


@pytest.fixture(scope="session")
def french_report(ruleset: Ruleset) -> Rendered:
    return render(assess_file(ruleset, ROOT / "examples" / "cv-screening.yaml"), lang="fr")


@pytest.fixture(scope="session")
def hostile_report(ruleset: Ruleset) -> Rendered:
    document = parse_document((ROOT / "examples" / "cv-screening.yaml").read_bytes())
    answers = dict(document["answers"])
    answers["system.name"] = HOSTILE_NAME
    answers["org.name"] = '<a href="http://evil.example/">Évil</a> & Co 🚀 شركة'
    answers["system.description"] = '<iframe src="file:///etc/hosts"></iframe>' * 50
    return render(assess_answers(ruleset, answers), reference='<b>REF</b>"; }', fresh_fonts=True)


@pytest.fixture
def pdf_file(tmp_path: Path) -> Any:
    def write(data: bytes, name: str = "report.pdf") -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write
