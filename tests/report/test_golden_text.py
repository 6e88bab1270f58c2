"""The text of example reports, page by page, against the text the report gave before the
last restructuring (issue 14: the PDF's text must not change when the code moves).

The files in `golden/` were written by the code as it was before; when a change means to
alter the report's words, regenerate them on purpose with
`ACTCHECK_UPDATE_GOLDEN=1 ./dev test tests/report/test_golden_text.py` and read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from actcheck.rules.model import Ruleset

from .conftest import FIXTURES, ROOT, assess_file, render

GOLDEN = Path(__file__).resolve().parent / "golden"
DEMO = ROOT / "src/actcheck/demo/answers"

#: (answers file, language): the CLI's example and the largest report in both languages,
#: and every demo assessment in English (all tiers, roles, GPAI and unsure answers).
CASES = [
    (ROOT / "examples/cv-screening.yaml", "en"),
    (ROOT / "examples/cv-screening.yaml", "fr"),
    (FIXTURES / "largest.yaml", "en"),
    (FIXTURES / "largest.yaml", "fr"),
    *((path, "en") for path in sorted(DEMO.glob("*.yaml"))),
]


def page_text(pdf_pages: list[str]) -> str:
    return "".join(f"--- page {n} ---\n{text.strip()}\n" for n, text in enumerate(pdf_pages, 1))


@pytest.mark.parametrize(("path", "lang"), CASES, ids=[f"{p.stem}-{lang}" for p, lang in CASES])
def test_the_report_text_is_unchanged(ruleset: Ruleset, path: Path, lang: str) -> None:
    rendered = render(assess_file(ruleset, path), lang=lang)
    text = page_text([page.extract_text() for page in rendered.reader.pages])
    golden = GOLDEN / f"{path.stem}-{lang}.txt"
    if os.environ.get("ACTCHECK_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"{golden.name} is missing: write it with ACTCHECK_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")
