"""Route of the drafted documents: a GET download of one draft of a complete assessment,
as DOCX or PDF. Access goes through the same check as the report download
(`load_result`, through `web/access.py`: 404 or 403); a GET changes nothing, and a draft is
made on demand, never stored."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort
from flask_babel import gettext as _

from actcheck.services import drafts
from actcheck.web import db
from actcheck.web.assessment_pages import load_result
from actcheck.web.drafts.files import draft_response
from actcheck.web.report.wanted import report_lang

bp = Blueprint("drafts", __name__)


@bp.get("/assessments/<public_id>/drafts/<kind>.<fmt>")
def download(public_id: str, kind: str, fmt: str) -> Any:
    """One draft of a complete assessment, in `?lang=` or the interface's language."""
    if fmt not in drafts.FORMATS:
        abort(404)
    assessment, _state, outcome = load_result(
        public_id, _("Answer the remaining questions to get your drafts.")
    )
    try:
        draft = drafts.build_draft(
            outcome, kind, lang=report_lang(), made_on=assessment.updated_at.date()
        )
    except drafts.UnknownDraft:
        abort(404)
    db.release()  # everything is loaded; rendering a PDF takes a second or two
    return draft_response(draft, fmt)
