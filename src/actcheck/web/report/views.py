"""Routes of the PDF report: the download from the result page, the page that waits for a
report being rendered (and its "try again"), an HTML preview of the same template, and the
report's fonts for that preview.

The assessment is loaded with the app's own access check (`load_assessment`: 404 or 403),
its result computed as the result page computes it. A ready report (in the report cache,
`actcheck.web.report_cache`) is served at once; any other is asked of the background
queue (`scheduling`) and waited for on `waiting`. Its date is the assessment's last change,
so a repeat download reads the same. The modules a download passes through are listed in
docs/architecture.md.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    redirect,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from actcheck.models import Assessment
from actcheck.rules.model import Result
from actcheck.services import report
from actcheck.web.assessment_pages import load_result
from actcheck.web.forms import ButtonForm
from actcheck.web.report import downloads, scheduling
from actcheck.web.report.waiting import waiting_page
from actcheck.web.report.wanted import report_lang, report_meta

bp = Blueprint("report", __name__)

FONT_NAME = re.compile(r"^[A-Za-z0-9-]+\.(otf|ttf)$")


def _result(public_id: str) -> tuple[Assessment, Result]:
    assessment, _state, outcome = load_result(
        public_id, _("Answer the remaining questions to get your report.")
    )
    return assessment, outcome


@bp.get("/assessments/<public_id>/report.pdf")
def download(public_id: str) -> Any:
    """The PDF report of a complete assessment: at once when it is ready; else it is asked
    for and the visitor waits on `waiting`, which moves on to this file by itself."""
    assessment, outcome = _result(public_id)
    language = report_lang()
    readiness = scheduling.schedule(assessment, language, outcome=outcome)
    if readiness.state != scheduling.State.READY:
        return redirect(url_for("report.waiting", public_id=public_id, lang=language), 303)
    file = downloads.download(assessment, outcome)
    return Response(
        file.pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{file.filename}"'},
    )


@bp.get("/assessments/<public_id>/report/wait")
def waiting(public_id: str) -> Any:
    """ "Your report is being prepared": its place in the queue and about how long, moving
    on by itself (a meta refresh; with JavaScript, quiet polling of `?format=json`); the
    file once it is ready; "try again" when it failed. Asks for the report if nobody has."""
    assessment, outcome = _result(public_id)
    language = report_lang()
    readiness = scheduling.readiness(assessment, language)
    if readiness.state == scheduling.State.NONE:
        readiness = scheduling.schedule(assessment, language, outcome=outcome)
    return waiting_page(
        assessment,
        readiness,
        language=language,
        file_url=url_for("report.download", public_id=public_id, lang=language),
        poll_url=url_for("report.waiting", public_id=public_id, lang=language, format="json"),
    )


@bp.post("/assessments/<public_id>/report/retry")
def retry(public_id: str) -> BaseResponse:
    """ "Try again" after a failed render: the job is queued once more."""
    assessment, outcome = _result(public_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    language = report_lang()
    scheduling.schedule(assessment, language, again=True, outcome=outcome)
    return redirect(url_for("report.waiting", public_id=public_id, lang=language), 303)


@bp.get("/assessments/<public_id>/report")
def preview(public_id: str) -> Any:
    """The report as HTML: the same template and print CSS as the PDF."""
    assessment, outcome = _result(public_id)
    context = report.build_context(outcome, report_meta(assessment, report_lang()))
    nonce = secrets.token_urlsafe(16)
    font = url_for("report.font", name="x.ttf")
    html = report.render_html(
        context, asset_base=font[: -len("fonts/x.ttf")], preview=True, style_nonce=nonce
    )
    response = Response(html, mimetype="text/html")
    # The report's print CSS is inline: allow that one <style> block, and nothing else.
    response.headers["Content-Security-Policy"] = (
        f"default-src 'none'; style-src 'nonce-{nonce}'; font-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )
    return response


@bp.get("/report-assets/fonts/<name>")
def font(name: str) -> Any:
    """The report's fonts, for the HTML preview."""
    if not FONT_NAME.match(name):
        abort(404)
    return send_from_directory(report.STATIC_DIR / "fonts", name, max_age=86400)
