"""The content model of a drafted document: what the DOCX and the PDF are both made from.

A draft is plain, already-worded data (in the document's language): sections of blocks,
each block either text actcheck wrote, a value it filled in from the answers (`Filled`),
or a field the founder must still write (`ToComplete`). The two renderers only lay it out,
so the Word file and the PDF always say the same thing, and the tests read either back
and find the same headings, values and citations.

Founders' text (names, descriptions) is carried as ordinary strings: python-docx writes it
as runs of text and the PDF template autoescapes it, so it is never interpreted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from actcheck.rules.model import Status


@dataclass(frozen=True)
class Para:
    """A paragraph actcheck wrote (explanations, the law in plain words)."""

    text: str


@dataclass(frozen=True)
class Bullets:
    """A list of short items (checklists, facts)."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Filled:
    """A field actcheck filled in from the answers or the result: the founder checks it."""

    label: str
    value: str


@dataclass(frozen=True)
class ToComplete:
    """A field the founder must write: `hint` says what belongs there."""

    label: str
    hint: str


@dataclass(frozen=True)
class Table:
    """A table for the founder to fill in (a training record): its column headings and
    how many empty rows to leave."""

    headings: tuple[str, ...]
    blank_rows: int = 6


Block = Para | Bullets | Filled | ToComplete | Table


@dataclass(frozen=True)
class DocSection:
    """One heading of the document and what stands under it."""

    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Citation:
    """A legal basis the draft cites, linked to EUR-Lex in the document's language."""

    ref: str
    """As cited in the document's language ("Art. 6(4)", « annexe IV »)."""
    href: str
    status: Status


@dataclass(frozen=True)
class LegalBasis:
    """One article or annex of the legal bases list: the references the draft cites in
    it, one link (EUR-Lex anchors articles and annexes, not their paragraphs)."""

    href: str
    refs: tuple[str, ...]
    status: Status


_ROMAN = {"I": 1, "V": 5, "X": 10}


def _roman(numeral: str) -> int:
    values = [_ROMAN.get(c, 0) for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _act_order(href: str) -> tuple[int, int, str]:
    """Articles by number, then annexes by numeral, then anything else, by address."""
    anchor = href.rpartition("#")[2]
    kind, _, number = anchor.partition("_")
    if kind == "art" and number.isdigit():
        return (0, int(number), href)
    if kind == "anx":
        return (1, _roman(number), href)
    return (2, 0, href)


#: Certainty order of a source status: a reference keeps its least certain use.
STATUS_RANK = {Status.CONFIRMED: 0, Status.REPORTED: 1, Status.UNVERIFIED: 2}


def _natural(ref: str) -> list[int | str]:
    """A reference's sort key, numbers as numbers ("26(2)" before "26(11)")."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", ref)]


def legal_bases(citations: tuple[Citation, ...]) -> tuple[LegalBasis, ...]:
    """The citations grouped by the article or annex they link to, in the Act's order;
    a group keeps its least certain status."""
    groups: dict[str, list[Citation]] = {}
    for citation in citations:
        groups.setdefault(citation.href, []).append(citation)
    return tuple(
        LegalBasis(
            href=href,
            refs=tuple(sorted((c.ref for c in group), key=_natural)),
            status=max((c.status for c in group), key=STATUS_RANK.__getitem__),
        )
        for href, group in sorted(groups.items(), key=lambda item: _act_order(item[0]))
    )


@dataclass(frozen=True)
class Draft:
    """A drafted document, worded in one language, ready to be laid out.

    Attributes:
        kind: the registry's id of the document kind ("fria", "classification", ...).
        title: the document's title.
        lang: its language.
        organisation, system: as the answers name them.
        made_on: the date printed on it.
        ruleset_version: the rule set that produced the result it is drafted from.
        obligations: the ids of the obligations it serves (for attaching it as evidence).
        follows: which template or version the structure follows (and how settled it is).
        sections: the body.
        citations: every legal basis cited, in the order first cited.
        labels: the document's fixed words (DRAFT, "To complete", the limits...).
    """

    kind: str
    title: str
    lang: str
    organisation: str
    system: str
    made_on: dt.date
    ruleset_version: str
    obligations: tuple[str, ...]
    follows: str
    sections: tuple[DocSection, ...]
    citations: tuple[Citation, ...]
    labels: DraftLabels

    @property
    def legal_bases(self) -> tuple[LegalBasis, ...]:
        """The citations by article or annex, in the Act's order (`legal_bases`)."""
        return legal_bases(self.citations)

    @property
    def to_complete(self) -> int:
        """How many fields (and tables) the founder must still write."""
        return sum(isinstance(b, ToComplete | Table) for s in self.sections for b in s.blocks)


@dataclass(frozen=True)
class DraftLabels:
    """The fixed words every draft prints, in its language."""

    draft: str
    organisation: str
    system: str
    date: str
    ruleset: str
    serves: str
    follows: str
    filled: str
    to_complete: str
    legend: str
    legal_bases: str
    limits_heading: str
    limits: str
    not_advice: str
    page: str
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DraftFile:
    """A rendered draft: what a download serves and what a plan item could keep as
    evidence (the bytes, the name to save them under, the obligations it serves)."""

    content: bytes
    filename: str
    media_type: str
    obligations: tuple[str, ...]
