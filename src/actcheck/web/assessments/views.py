"""The assessments of the current owner: list, start, import, export, copy and delete."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response as BaseResponse

from actcheck.models import AccountRole
from actcheck.presentation import file_slug
from actcheck.rules.answers import MAX_FILE_BYTES, AnswersError
from actcheck.services import assessments as service
from actcheck.services import previews
from actcheck.web import db, limits, report_cache
from actcheck.web.access import current_owner, load_assessment, owner_for_writing
from actcheck.web.assessment_pages import continue_url, display_name, question_url
from actcheck.web.assessments.forms import ImportForm
from actcheck.web.auth import current_account
from actcheck.web.evidence_store import evidence_store
from actcheck.web.forms import ButtonForm
from actcheck.web.i18n import rule_text, ruleset

bp = Blueprint("assessments", __name__)


@bp.get("/")
def index() -> str | BaseResponse:
    """Home: what actcheck does, and the founder's assessments. Advisors and admins own no
    assessments: their home is the review dashboard."""
    user = current_account()
    if user is not None and user.role in (AccountRole.ADVISOR, AccountRole.ADMIN):
        return redirect(url_for("reviews.dashboard"))
    owner = current_owner()
    rules = ruleset()
    items = []
    if owner is not None:
        for assessment in service.for_owner(db.session(), owner=owner):
            state = service.state(assessment, rules)
            items.append({"assessment": assessment, "state": state})
    return render_template("assessments/index.html", items=items, button=ButtonForm())


@bp.post("/assessments")
@limits.new_assessment
def create() -> BaseResponse:
    """Start a new assessment, at its first question."""
    rules = ruleset()
    assessment = service.create(db.session(), owner=owner_for_writing(), ruleset=rules)
    db.session().commit()
    first = next(iter(rules.questions))
    return redirect(question_url(assessment, first))


def _import_page(form: ImportForm, problems: list[str], status: int) -> tuple[str, int]:
    return render_template("assessments/import.html", form=form, problems=problems), status


@bp.route("/assessments/import", methods=["GET", "POST"])
@limits.import_file
@limits.new_assessment
def import_file() -> Any:
    """Upload an answers file: a new assessment, or a clear error and nothing stored."""
    form = ImportForm()
    submitted = form.validate_on_submit()
    if request.method == "GET":
        return _import_page(form, [], 200)
    if not submitted:
        return _import_page(form, [], 422)
    upload = form.file.data
    data = upload.read(MAX_FILE_BYTES + 1)
    name = _safe_name(upload.filename or "answers file")
    try:
        imported = service.import_answers(
            db.session(), owner=owner_for_writing(), ruleset=ruleset(), data=data, name=name
        )
    except AnswersError as exc:
        db.session().rollback()
        return _import_page(form, list(exc.problems), 422)
    db.session().commit()
    assessment = imported.assessment
    flash(_("Your answers file was imported."), "success")
    rules = ruleset()
    for qid in imported.ignored:
        flash(
            _(
                "%(id)s (“%(question)s”): not asked on the path of your answers, so this answer "
                "does not count.",
                id=qid,
                question=rule_text(rules.questions[qid].text),
            ),
            "info",
        )
    state = service.state(assessment, ruleset())
    if state.complete:
        return redirect(url_for("questionnaire.result", public_id=assessment.public_id))
    return redirect(url_for("questionnaire.overview", public_id=assessment.public_id))


def too_large() -> tuple[str, int]:
    """The import page for an upload over the request size limit (called by the 413
    handler: the limit is enforced before the view runs)."""
    return _import_page(ImportForm(formdata=None), [_too_large()], 413)


def _too_large() -> str:
    message: str = _(
        "The file is larger than 1 MB. An answers file is much smaller: check that you "
        "chose the right file."
    )
    return message


def _safe_name(filename: str) -> str:
    """The upload's file name as shown in messages: its base name, printable, short."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    base = re.sub(r"[^\w.\- ]", "_", base)[:80]
    return base or "answers file"


@bp.get("/assessments/<public_id>/export")
def export(public_id: str) -> Response:
    """Download the answers file (YAML) of an assessment."""
    assessment = load_assessment(public_id, review=True)
    today = dt.date.today()
    text = service.export_answers(assessment, ruleset(), today=today)
    filename = f"actcheck-{file_slug(display_name(assessment))}-{today.isoformat()}.yaml"
    return Response(
        text,
        mimetype="application/yaml",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.post("/assessments/<public_id>/copy")
@limits.new_assessment
def copy(public_id: str) -> BaseResponse:
    """Copy an assessment for a second AI system, and ask the new system's name."""
    assessment = load_assessment(public_id)
    duplicate = service.copy(db.session(), assessment, owner=owner_for_writing(), ruleset=ruleset())
    db.session().commit()
    flash(
        _(
            "This is a copy of “%(name)s”, with all its answers. Give the second system its "
            "name, then change the answers that differ.",
            name=display_name(assessment),
        ),
        "success",
    )
    return redirect(question_url(duplicate, "system.name", "overview"))


@bp.post("/assessments/<public_id>/preview")
@limits.new_assessment
def preview(public_id: str) -> BaseResponse:
    """Open the planned-launch preview of a pre-launch assessment: made on the first click,
    reopened on every later one; the founder goes on with the questions the Art. 2(8)
    exclusion had skipped."""
    assessment = load_assessment(public_id)
    rules = ruleset()
    name = _("%(name)s (at launch)", name=display_name(assessment))
    try:
        try:
            made = previews.open_preview(
                db.session(), assessment, owner=owner_for_writing(), ruleset=rules, name=name
            )
        except IntegrityError:
            # A double click: the other request made it first; reopen that one.
            db.session().rollback()
            made = previews.open_preview(
                db.session(), assessment, owner=owner_for_writing(), ruleset=rules, name=name
            )
    except previews.NotPreLaunch:
        db.session().rollback()
        flash(_("Only a system still in development, before any launch, has a preview."), "info")
        return redirect(url_for("questionnaire.result", public_id=public_id))
    db.session().commit()
    state = service.state(made, rules)
    if state.complete:
        return redirect(url_for("questionnaire.result", public_id=made.public_id))
    return redirect(continue_url(made, state))


@bp.route("/assessments/<public_id>/delete", methods=["GET", "POST"])
def delete(public_id: str) -> Any:
    """Ask for confirmation, then delete the assessment."""
    assessment = load_assessment(public_id)
    form = ButtonForm()
    if request.method == "GET" or not form.validate_on_submit():
        return render_template("assessments/delete.html", assessment=assessment, form=form)
    name = display_name(assessment)
    service.delete(
        db.session(), assessment, owner=owner_for_writing(), evidence_store=evidence_store()
    )
    report_cache.forget([assessment.public_id], db.session())
    db.session().commit()
    flash(_("“%(name)s” was deleted.", name=name), "success")
    return redirect(url_for("assessments.index"))
