"""Fixtures of the drafted documents' tests: example systems, each a variation of the CV
screening example, assessed once per session."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from pypdf import PdfReader
from tests.web.test_report_queue import queued_app, start_worker  # noqa: F401 - for test_queue

from actcheck.rules import Result, assess, load_ruleset, read_answers
from actcheck.rules.model import Ruleset

ROOT = Path(__file__).resolve().parents[2]
ON = dt.date(2026, 12, 7)
BASE: dict[str, Any] = yaml.safe_load((ROOT / "examples" / "cv-screening.yaml").read_text())[
    "answers"
]

#: Example systems: the changes each makes to the CV screening example.
SYSTEMS: dict[str, dict[str, Any]] = {
    # A provider and deployer of a recruitment tool (Annex III 4(a)), private.
    "cv": {},
    # The same tool, relying on Art. 6(3)(a) and not profiling: not high-risk.
    "derogation": {"annex_iii.profiling": "no", "annex_iii.derogation": ["narrow_procedural_task"]},
    # A public body deploying it: a fundamental-rights impact assessment is due.
    "public_deployer": {"org.public_body": "yes", "system.roles": ["deployer"]},
    # A private bank deploying a credit-scoring system (Annex III 5(b)).
    "credit": {
        "annex_iii.areas": ["essential_services.creditworthiness"],
        "system.roles": ["deployer"],
    },
    # The provider also places a general-purpose AI model on the market.
    "gpai": {
        "gpai.provides_model": "yes",
        "gpai.compute_over_threshold": "no",
        "gpai.designated_systemic": "no",
        "gpai.open_weights": "no",
        "gpai.placed_before_2025_08_02": "no",
    },
    # An in-house tool outside Annex III that talks to no one.
    "minimal": {
        "annex_iii.areas": [],
        "transparency.interacts": "no",
        "system.roles": ["deployer"],
        "deployer.workplace": "no",
    },
    # A content generator that makes deep fakes.
    "generator": {
        "annex_iii.areas": [],
        "transparency.synthetic_content": "yes",
        "transparency.assistive_editing": "no",
        "transparency.deep_fake": "yes",
    },
    # Not an AI system at all (Art. 3(1)): out of scope.
    "not_ai": {"system.is_ai_system": "no"},
}


def assess_answers(ruleset: Ruleset, answers: dict[str, Any]) -> Result:
    checked = read_answers({"actcheck": 1, "answers": answers}, ruleset)
    return assess(ruleset, checked.answers, warnings=checked.warnings)


def answers_of(name: str, **extra: Any) -> dict[str, Any]:
    return {**BASE, **SYSTEMS[name], **extra}


#: An example system (of `results`) that calls for each kind.
SYSTEM_FOR_KIND = {
    "classification": "cv",
    "derogation-record": "derogation",
    "transparency": "generator",
    "fria": "public_deployer",
    "technical-documentation": "cv",
    "deployer-texts": "cv",
    "ai-literacy": "minimal",
    "gpai": "gpai",
    "registration": "cv",
    "due-diligence": "cv",
}


@pytest.fixture(scope="session")
def ruleset() -> Ruleset:
    return load_ruleset()


@pytest.fixture(scope="session")
def results(ruleset: Ruleset) -> dict[str, Result]:
    return {name: assess_answers(ruleset, answers_of(name)) for name in SYSTEMS}


def docx_text(content: bytes) -> tuple[Any, str]:
    """The document and all its text: paragraphs, tables, headers."""
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return doc, "\n".join(parts)


def docx_links(doc: Any) -> list[str]:
    """The external hyperlinks' addresses."""
    return [rel.target_ref for rel in doc.part.rels.values() if rel.is_external]


def pdf_pages(content: bytes) -> list[str]:
    """Each page's text, whitespace collapsed."""
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages]
