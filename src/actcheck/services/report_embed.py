"""The answers file inside a PDF report, and the rule set the report was made with.

A report must stand on its own years later: it carries the founder's answers as an
attachment (`actcheck-answers.yaml`, the answers format written by `dump_answers`) and the
rule-set version and hash in its document information, so `actcheck assess report.pdf`
re-assesses it and says when the law as encoded has changed since.

This module reads PDFs only (pypdf); it never imports WeasyPrint, so the `actcheck assess`
command stays fast.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

#: The name of the attached answers file.
ATTACHMENT_NAME = "actcheck-answers.yaml"
#: Document-information keys. WeasyPrint writes `<meta name>` lower-cased, keeping only
#: letters and digits, so the names are already in that form.
META_RULESET_VERSION = "actcheckrulesetversion"
META_RULESET_SHA256 = "actcheckrulesetsha256"
META_REFERENCE = "actcheckreference"
META_TEMPLATE = "actchecktemplate"


@dataclass(frozen=True)
class ReportOrigin:
    """What a report says about how it was made (empty strings when it does not say)."""

    ruleset_version: str
    ruleset_sha256: str
    reference: str


def _reader(data: bytes) -> object:
    # pypdf is imported here: only a PDF given to `actcheck assess` needs it.
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return PdfReader(io.BytesIO(data), strict=False)
    except (PdfReadError, ValueError, OSError) as exc:
        raise ValueError(f"this PDF cannot be read ({exc}).") from exc


def answers_from_pdf(data: bytes) -> bytes:
    """The answers file embedded in an actcheck PDF report.

    Args:
        data: the bytes of the PDF.

    Returns:
        The bytes of the attached `actcheck-answers.yaml` (the answers format, v1).

    Raises:
        ValueError: the file is not a readable PDF, or it has no actcheck answers attachment
            (it was not made by `actcheck report` or the web app's PDF download).
    """
    reader = _reader(data)
    try:
        attachments = reader.attachments  # type: ignore[attr-defined]
        files = attachments.get(ATTACHMENT_NAME)
    except Exception as exc:  # pypdf raises many types on damaged name trees
        raise ValueError(f"the attachments of this PDF cannot be read ({exc}).") from exc
    if not files:
        names = ", ".join(sorted(attachments)) or "none"
        raise ValueError(
            f"this PDF has no actcheck answers attachment ({ATTACHMENT_NAME}; attachments "
            f"found: {names}). Only reports made by 'actcheck report' or downloaded from "
            f"actcheck can be re-assessed."
        )
    content: bytes = files[0]
    return content


def origin_from_pdf(data: bytes) -> ReportOrigin:
    """The rule set and reference recorded in a report's document information.

    Raises:
        ValueError: the file is not a readable PDF.
    """
    reader = _reader(data)
    try:
        info = reader.metadata or {}  # type: ignore[attr-defined]
    except Exception:  # damaged information dictionary: the report says nothing
        info = {}

    def get(key: str) -> str:
        value = info.get(f"/{key}")
        return str(value) if value is not None else ""

    return ReportOrigin(
        ruleset_version=get(META_RULESET_VERSION),
        ruleset_sha256=get(META_RULESET_SHA256),
        reference=get(META_REFERENCE),
    )
