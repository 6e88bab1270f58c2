"""Every Word draft's footer says "Page N of M" (« Page N sur M ») with Word's PAGE and
NUMPAGES fields, and those are the only fields in the file: nothing that fetches (no
INCLUDETEXT, INCLUDEPICTURE, HYPERLINK or DDE field), whatever a founder typed."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from actcheck.rules.model import Result, Ruleset
from actcheck.services import drafts

from .conftest import ON, SYSTEM_FOR_KIND, answers_of, assess_answers


def footer_fields(content: bytes) -> list[tuple[str, str]]:
    """Each footer paragraph's text and field instructions, read back with python-docx."""
    doc = Document(io.BytesIO(content))
    out = []
    for section in doc.sections:
        for paragraph in section.footer.paragraphs:
            p = paragraph._p
            instructions = [f.get(qn("w:instr")).strip() for f in p.iter(qn("w:fldSimple"))]
            text = "".join(t.text or "" for t in p.iter(qn("w:t")))
            out.append((text, " ".join(instructions)))
    return out


def every_field(content: bytes) -> list[str]:
    """Every field instruction anywhere in the package (simple and complex fields)."""
    found = []
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                xml = package.read(name).decode("utf-8")
                found += re.findall(r'w:instr="([^"]*)"', xml)
                found += re.findall(r"<w:instrText[^>]*>([^<]*)<", xml)
    return [f.strip() for f in found]


def test_every_kind_is_checked_here() -> None:
    assert set(SYSTEM_FOR_KIND) == {k.id for k in drafts.KINDS}


@pytest.mark.parametrize("kind", sorted(SYSTEM_FOR_KIND))
def test_each_word_draft_numbers_its_pages(kind: str, results: dict[str, Result]) -> None:
    draft = drafts.build_draft(results[SYSTEM_FOR_KIND[kind]], kind, lang="en", made_on=ON)
    content = drafts.render_file(draft, "docx").content
    numbers = [(text, fields) for text, fields in footer_fields(content) if fields]
    # The fields show "1" until the word processor lays the pages out.
    assert numbers == [("Page 1 of 1", "PAGE NUMPAGES")]
    assert every_field(content) == ["PAGE", "NUMPAGES"]


def test_a_french_draft_says_page_n_sur_m(results: dict[str, Result]) -> None:
    draft = drafts.build_draft(results["cv"], "technical-documentation", lang="fr", made_on=ON)
    numbers = [f for f in footer_fields(drafts.render_file(draft, "docx").content) if f[1]]
    assert numbers == [("Page 1 sur 1", "PAGE NUMPAGES")]


def test_founders_text_never_becomes_a_field(ruleset: Ruleset) -> None:
    hostile = '{ INCLUDETEXT "http://example.com/x" } { HYPERLINK "http://example.com" }'
    result = assess_answers(
        ruleset, answers_of("cv", **{"system.name": hostile, "org.name": "{ DDE a b }"})
    )
    draft = drafts.build_draft(result, "classification", lang="en", made_on=ON)
    content = drafts.render_file(draft, "docx").content
    assert every_field(content) == ["PAGE", "NUMPAGES"]


def test_only_the_page_fields_can_be_written() -> None:
    from actcheck.services.drafts.docx_file import _field

    paragraph = Document().add_paragraph()
    with pytest.raises(ValueError, match="not a page field"):
        _field(paragraph, 'INCLUDETEXT "http://example.com"')
