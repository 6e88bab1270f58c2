"""Routes of the PDF report: the download from the result page, an HTML preview of the same
template, and the report's fonts for that preview.

The assessment is loaded with the app's own access check (`load_assessment`: 404 or 403),
its result computed as the result page computes it, and the PDF built by
`actcheck.services.report` through `downloads` (the five modules a download passes through
are listed there). Its date is the assessment's last change, so a repeat download reads the
same and is served from the report cache (`actcheck.web.report_cache`: a folder or the
database, shared by every worker and instance).
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _

from actcheck.models import Assessment
from actcheck.rules.model import Result
from actcheck.services import report
from actcheck.web.assessment_pages import load_result
from actcheck.web.report import downloads

bp = Blueprint("report", __name__)

FONT_NAME = re.compile(r"^[A-Za-z0-9-]+\.(otf|ttf)$")


def _result(public_id: str) -> tuple[Assessment, Result]:
    assessment, _state, outcome = load_result(
        public_id, _("Answer the remaining questions to get your report.")
    )
    return assessment, outcome


@bp.get("/assessments/<public_id>/report.pdf")
def download(public_id: str) -> Any:
    """The PDF report of a complete assessment (cached)."""
    assessment, outcome = _result(public_id)
    file = downloads.download(assessment, outcome)
    return Response(
        file.pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{file.filename}"'},
    )


@bp.get("/assessments/<public_id>/report")
def preview(public_id: str) -> Any:
    """The report as HTML: the same template and print CSS as the PDF."""
    assessment, outcome = _result(public_id)
    context = report.build_context(outcome, downloads.report_meta(assessment))
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
