"""Routes of the drafted documents: the download of one draft of a complete assessment, as
DOCX or PDF, the page that waits for one being rendered, and its "Try again".

Access goes through the same check as the report download (`load_result`, through
`web/access.py`: 404 or 403). A draft that is ready (kept by its key, `wanted.want_draft`)
is served at once; any other is asked of the background queue, like the report, and
waited for on `waiting`, which moves on to the file by itself. The command line
(`actcheck draft`) renders at once instead: it is a local command with nobody else to wait
for.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from actcheck.models import Assessment
from actcheck.services import drafts
from actcheck.web import db
from actcheck.web.assessment_pages import load_result
from actcheck.web.drafts.files import draft_response
from actcheck.web.drafts.wanted import DraftFound, ready_file, want_draft
from actcheck.web.forms import ButtonForm
from actcheck.web.report import scheduling
from actcheck.web.report.waiting import waiting_page
from actcheck.web.report.wanted import report_lang

bp = Blueprint("drafts", __name__)

BASE = "/assessments/<public_id>/drafts/<kind>.<fmt>"


def _found(public_id: str, kind: str, fmt: str) -> tuple[Assessment, DraftFound, str]:
    """The assessment (access checked), its draft and the draft's language; 404 for a kind
    or format the result does not call for."""
    if fmt not in drafts.FORMATS:
        abort(404)
    assessment, _state, outcome = load_result(
        public_id, _("Answer the remaining questions to get your drafts.")
    )
    language = report_lang()
    try:
        found = want_draft(assessment, kind, fmt, language, outcome)
    except drafts.UnknownDraft:
        abort(404)
    if found is None:  # pragma: no cover - load_result sends incomplete ones away first
        abort(404)
    return assessment, found, language


@bp.get(BASE)
def download(public_id: str, kind: str, fmt: str) -> Any:
    """One draft of a complete assessment, in `?lang=` or the interface's language: the
    file when it is ready, else the waiting page."""
    _assessment, found, language = _found(public_id, kind, fmt)
    file, _readiness = ready_file(found)
    if file is None:
        return redirect(
            url_for("drafts.waiting", public_id=public_id, kind=kind, fmt=fmt, lang=language),
            303,
        )
    db.release()
    return draft_response(file)


@bp.get(f"{BASE}/wait")
def waiting(public_id: str, kind: str, fmt: str) -> Any:
    """ "Your draft is being prepared": the report's waiting page, with a draft's words
    (place in the queue, estimate, a meta refresh and, with JavaScript, polling of
    `?format=json`; the file once ready; "Try again" once failed)."""
    assessment, found, language = _found(public_id, kind, fmt)
    readiness = scheduling.where(found.wanted)
    if readiness.state == scheduling.State.NONE:
        readiness = scheduling.ask(found.wanted)
    address: dict[str, Any] = {"public_id": public_id, "kind": kind, "fmt": fmt, "lang": language}
    return waiting_page(
        assessment,
        readiness,
        language=language,
        file_url=url_for("drafts.download", **address),
        poll_url=url_for("drafts.waiting", format="json", **address),
        retry_url=url_for("drafts.retry", **address),
        check_url=url_for("drafts.waiting", **address),
        wording={
            "title": found.draft.title,
            "ready": _("Your draft is ready. Its download starts by itself."),
            "download": _("Download the draft (%(format)s)", format=fmt.upper()),
            "failed": _(
                "Your draft could not be prepared. Your answers are safe: nothing was lost. "
                "Try again; if it fails again, tell your programme’s team."  # noqa: RUF001
            ),
            "preparing": _(
                "Your draft is being prepared. This page moves on to the file by itself."
            ),
        },
    )


@bp.post(f"{BASE}/retry")
def retry(public_id: str, kind: str, fmt: str) -> BaseResponse:
    """ "Try again" after a failed render: the draft's job is queued once more."""
    _assessment, found, language = _found(public_id, kind, fmt)
    if not ButtonForm().validate_on_submit():
        abort(400)
    scheduling.ask(found.wanted, again=True)
    return redirect(
        url_for("drafts.waiting", public_id=public_id, kind=kind, fmt=fmt, lang=language), 303
    )
