"""Founders' text is data: escaped, never fetched, and unable to break the layout."""

from __future__ import annotations

from .conftest import HOSTILE_NAME, Rendered


def test_markup_in_names_is_printed_not_interpreted(hostile_report: Rendered) -> None:
    text = hostile_report.text
    assert '<img src="file:///etc/passwd">' in text
    assert "<script>alert(1)</script>" in text
    assert '<a href="http://evil.example/">Évil</a> & Co' in text
    assert '<iframe src="file:///etc/hosts"></iframe>' in text


def test_nothing_is_fetched_but_the_package_fonts(hostile_report: Rendered) -> None:
    assert hostile_report.refused == ()
    assert len(hostile_report.fetched) >= 10  # a fresh font configuration: every font
    assert all("/actcheck/static/fonts/" in url for url in hostile_report.fetched)
    assert hostile_report.logs == ()


def test_no_file_is_attached_or_linked_from_the_founders_text(hostile_report: Rendered) -> None:
    reader = hostile_report.reader
    assert list(reader.attachments) == ["actcheck-answers.yaml"]
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            uri = annotation.get_object().get("/A", {}).get("/URI", "")
            assert not str(uri).startswith(("file:", "http://evil"))


def test_the_layout_holds(hostile_report: Rendered, cv_report: Rendered) -> None:
    hostile_pages = hostile_report.reader.pages
    # The cover stays one page (long names are shortened there), the contents follow.
    assert "Contents" in hostile_pages[1].extract_text()
    # The full 5,000-character name is in the appendix; the rest of the report keeps its
    # length.
    assert len(hostile_pages) <= len(cv_report.reader.pages) + 3
    header = hostile_pages[2].extract_text().splitlines()[0]
    assert len(header) < 120


def test_right_to_left_text_and_emoji_are_set_in_the_shipped_fonts(
    hostile_report: Rendered,
) -> None:
    for sample in ("🚀", "שלום", "مرحبا"):
        assert sample in HOSTILE_NAME
    fonts = set()
    for page in hostile_report.reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    # The @font-face families of report.css: Noto Sans Arabic and Hebrew, Noto Emoji.
    for family in ("Report-Arabic", "Report-Hebrew", "Report-Emoji"):
        assert any(family in f for f in fonts), (family, fonts)
    # No glyph fell back to an empty box (WeasyPrint logs a .notdef warning for those).
    assert hostile_report.logs == ()


def test_the_full_name_reaches_the_appendix(hostile_report: Rendered) -> None:
    squeezed = "".join(hostile_report.text.split())
    assert "x" * 4000 in squeezed
