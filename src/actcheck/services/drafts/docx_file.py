"""A `Draft` as an editable Word file (python-docx).

python-docx writes every string as a run of text, so founders' text cannot become a field,
a link or markup; the only hyperlinks are the EUR-Lex addresses of the legal bases, which
come from the rule set. The only field codes are the footer's PAGE and NUMPAGES ("Page N of
M"), written here with fixed instructions: they count pages and fetch nothing (no
INCLUDETEXT, INCLUDEPICTURE, HYPERLINK or DDE field, and no field built from any text).
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from actcheck.services.drafts.content import Bullets, Draft, Filled, Para, Table, ToComplete

NAVY = RGBColor(0x14, 0x32, 0x5C)
MUTED = RGBColor(0x5B, 0x65, 0x77)
LOCALES = {"en": "en-GB", "fr": "fr-FR"}


def _hyperlink(paragraph: Paragraph, text: str, href: str) -> None:
    """An external hyperlink run (python-docx has no public API for one)."""
    # The third argument says the target is outside the package (an address, not a part).
    rel = paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0F6E74")
    props.append(color)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(underline)
    run.append(props)
    text_el = OxmlElement("w:t")
    text_el.text = text
    text_el.set(qn("xml:space"), "preserve")
    run.append(text_el)
    link.append(run)
    paragraph._p.append(link)


#: The only field instructions a draft contains: they count pages, and fetch nothing.
PAGE_FIELDS = {"{page}": "PAGE", "{pages}": "NUMPAGES"}


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A simple field (`w:fldSimple`) with a fixed instruction from `PAGE_FIELDS`, showing
    "1" until Word or LibreOffice updates it as it lays the pages out."""
    if instruction not in PAGE_FIELDS.values():
        raise ValueError(f"not a page field: {instruction!r}")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page_numbers(paragraph: Paragraph, template: str) -> None:
    """`Page {page} of {pages}` (the draft's label) as text runs and the two page fields."""
    for part in re.split(r"(\{page\}|\{pages\})", template):
        if part in PAGE_FIELDS:
            _field(paragraph, PAGE_FIELDS[part])
        elif part:
            paragraph.add_run(part)


def render_docx(draft: Draft) -> bytes:
    """The draft as a .docx file's bytes."""
    labels = draft.labels
    doc = Document()
    doc.core_properties.title = draft.title
    doc.core_properties.subject = f"{draft.organisation} · {draft.system}"
    doc.core_properties.author = "actcheck"
    doc.core_properties.language = draft.lang
    doc.core_properties.keywords = f"{labels.draft}; actcheck {draft.ruleset_version}"
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    # The language Word and LibreOffice check the spelling in.
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), LOCALES.get(draft.lang, draft.lang))
    style.element.get_or_add_rPr().append(language)

    section = doc.sections[0]
    header = section.header.paragraphs[0]
    mark = header.add_run(f"{labels.draft} · ")
    mark.bold = True
    mark.font.color.rgb = RGBColor(0xB4, 0x23, 0x18)
    header.add_run(f"{draft.title} · {draft.system}").font.color.rgb = MUTED
    footer = section.footer.paragraphs[0]
    footer.add_run(
        f"{labels.draft} · {labels.ruleset} {draft.ruleset_version} · {labels.not_advice}"
    ).font.size = Pt(7.5)
    numbers = section.footer.add_paragraph()
    numbers.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _page_numbers(numbers, labels.page)

    doc.add_heading(draft.title, level=0)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Light List Accent 1"
    rows = [
        (labels.organisation, draft.organisation),
        (labels.system, draft.system),
        (labels.date, _date(draft)),
        (labels.ruleset, draft.ruleset_version),
        (labels.follows, draft.follows),
    ]
    if draft.obligations:
        rows.append((labels.serves, ", ".join(draft.obligations)))
    for key, value in rows:
        cells = table.add_row().cells
        cells[0].text = key
        cells[1].text = value
    legend = doc.add_paragraph()
    legend.add_run(labels.legend).italic = True

    for part in draft.sections:
        doc.add_heading(part.heading, level=1)
        for block in part.blocks:
            if isinstance(block, Para):
                doc.add_paragraph(block.text)
            elif isinstance(block, Bullets):
                for item in block.items:
                    doc.add_paragraph(item, style="List Bullet")
            elif isinstance(block, Filled):
                p = doc.add_paragraph()
                p.add_run(f"{block.label}: ").bold = True
                tag = p.add_run(f"[{labels.extra['filled_mark']}] ")
                tag.font.size = Pt(8)
                tag.font.color.rgb = NAVY
                p.add_run(block.value)
            elif isinstance(block, Table):
                grid = doc.add_table(rows=1 + block.blank_rows, cols=len(block.headings))
                grid.style = "Table Grid"
                for cell, heading in zip(grid.rows[0].cells, block.headings, strict=True):
                    cell.text = heading
                    cell.paragraphs[0].runs[0].bold = True
            elif isinstance(block, ToComplete):
                p = doc.add_paragraph()
                p.add_run(f"{block.label}: ").bold = True
                tag = p.add_run(f"[{labels.to_complete}]")
                tag.bold = True
                tag.font.highlight_color = WD_COLOR_INDEX.YELLOW
                if block.hint:
                    hint = p.add_run(f" {block.hint}")
                    hint.italic = True
                    hint.font.color.rgb = MUTED

    doc.add_heading(labels.legal_bases, level=1)
    for basis in draft.legal_bases:
        p = doc.add_paragraph(style="List Bullet")
        _hyperlink(p, "; ".join(basis.refs), basis.href)
        p.add_run(f" ({labels.extra['status.' + basis.status.value]})").font.color.rgb = MUTED
    doc.add_heading(labels.limits_heading, level=1)
    doc.add_paragraph(labels.limits)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _date(draft: Draft) -> str:
    from actcheck.rules.wording import format_date

    return format_date(draft.made_on, draft.lang)
