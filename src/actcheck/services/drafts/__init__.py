"""Drafted documents (issue 18): the first version of each record the Act asks for,
worded from an assessment's `Result` for the founder to finish with their team and lawyer.

- `applicable(result)`: the document kinds that result calls for, each offered exactly
  where one of the obligations it serves binds the organisation (`registry`);
- `build_draft(result, kind, ...)`: the document as content (`content.Draft`), worded in
  one language by the kind's module (`classification`, `derogation`, `transparency`,
  `fria`, `technical_documentation`, `deployer`, `literacy`, `gpai`, `registration`,
  `due_diligence`) through a `writer.Writer`;
- `render_file(draft, fmt)`: the same content as a Word file (`docx_file`, python-docx) or
  a PDF (`pdf_file`, the report's WeasyPrint machinery), with the file name and the
  obligations it serves (`content.DraftFile`), so that a plan item can keep it as evidence.

- `draft_key(...)` (`keys`): the key a rendered file is kept under by the web app and asked
  of its background queue by (the `actcheck draft` command renders at once and keeps
  nothing).

No Flask here: the `actcheck draft` command,
the web pages and the API share this package. python-docx and WeasyPrint are imported only
when a file is rendered.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from actcheck.presentation import file_slug
from actcheck.rules.model import Result
from actcheck.services.drafts.content import Draft, DraftFile
from actcheck.services.drafts.keys import draft_key
from actcheck.services.drafts.registry import BY_ID, KINDS, DraftKind, applicable
from actcheck.services.drafts.writer import Writer

Format = Literal["docx", "pdf"]
FORMATS: tuple[Format, ...] = ("docx", "pdf")
MEDIA_TYPES: dict[Format, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


class UnknownDraft(LookupError):
    """No such document kind, or the result does not call for it."""


def kind_title(kind: DraftKind, result: Result, lang: str) -> str:
    """A kind's title in `lang` (for lists)."""
    return kind.title(Writer(result, lang, dt.date.today()))


def build_draft(
    result: Result,
    kind_id: str,
    *,
    lang: str,
    made_on: dt.date,
    organisation: str | None = None,
    system: str | None = None,
) -> Draft:
    """The draft of kind `kind_id` for `result`, worded in `lang`.

    Raises:
        UnknownDraft: the kind does not exist or does not apply to this result.
    """
    kind = BY_ID.get(kind_id)
    if kind is None:
        raise UnknownDraft(f"no document kind {kind_id!r}; choose one of {', '.join(BY_ID)}")
    if not kind.applies(result):
        raise UnknownDraft(f"{kind_id!r} does not apply to this assessment")
    writer = Writer(result, lang, made_on, organisation=organisation, system=system)
    return kind.build(writer)


def render_file(draft: Draft, fmt: Format) -> DraftFile:
    """The draft as a file: its bytes, the name to save it under, what it serves."""
    if fmt == "docx":
        from actcheck.services.drafts.docx_file import render_docx

        content = render_docx(draft)
    elif fmt == "pdf":
        from actcheck.services.drafts.pdf_file import render_draft_pdf

        content = render_draft_pdf(draft)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return as_file(draft, fmt, content)


def as_file(draft: Draft, fmt: Format, content: bytes) -> DraftFile:
    """A draft's bytes (rendered now, or kept since) as the file it is served as."""
    slug = file_slug(draft.system, fallback="system")
    name = f"actcheck-{draft.kind}-{slug}-{draft.made_on.isoformat()}-{draft.lang}.{fmt}"
    return DraftFile(content, name, MEDIA_TYPES[fmt], draft.obligations)


__all__ = [
    "FORMATS",
    "KINDS",
    "MEDIA_TYPES",
    "Draft",
    "DraftFile",
    "DraftKind",
    "Format",
    "UnknownDraft",
    "applicable",
    "as_file",
    "build_draft",
    "draft_key",
    "kind_title",
    "render_file",
]
