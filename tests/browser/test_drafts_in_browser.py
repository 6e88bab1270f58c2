"""The result page's drafts, in a real browser: listed in both languages, and a click
downloads the Word file, which reads back with the system's name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_drafts_are_listed_and_download(
    new_page: Any, screenshots: Path, tmp_path: Path, lang: str
) -> None:
    page = new_page(
        viewport={"width": 1200, "height": 900},
        locale="fr-FR" if lang == "fr" else "en-GB",
        accept_downloads=True,
    )
    page.goto("/assessments/import")
    page.set_input_files("#file", str(ROOT / "examples" / "cv-screening.yaml"))
    page.locator("form[enctype='multipart/form-data'] button[type='submit']").click()
    page.wait_for_selector("[data-headline]")
    section = page.locator("#drafts")
    assert section.inner_text() == (
        "Projets de vos documents" if lang == "fr" else "Drafts of your documents"
    )
    items = page.locator(".drafts-list li")
    assert items.count() == 7
    section.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / f"drafts-{lang}.png"))
    with page.expect_download() as info:
        page.locator("#draft-technical-documentation a").first.click()
    download = info.value
    assert download.suggested_filename.startswith("actcheck-technical-documentation-")
    assert download.suggested_filename.endswith(f"-{lang}.docx")
    saved = tmp_path / download.suggested_filename
    download.save_as(str(saved))
    text = "\n".join(p.text for p in Document(str(saved)).paragraphs)
    assert "Talentia Match" in text
