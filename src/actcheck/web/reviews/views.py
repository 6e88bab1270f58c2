"""Cohorts (admin), submission (founders), the advisors' dashboard and review pages.

Assessments are loaded through `load_assessment` only (404 or 403); cohorts through
`load_cohort`. Views parse, call `actcheck.services.reviews`, commit once and redirect.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_number
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse
from wtforms.fields.choices import SelectChoice

from actcheck.models import AccountRole, Cohort, ReviewStatus, User
from actcheck.services import accounts, report_bundles, reviews
from actcheck.services.plan import inventory
from actcheck.web import db
from actcheck.web.access import load_assessment
from actcheck.web.accounts.forms import (
    CohortForm,
    CommentForm,
    InvitationForm,
    NoteForm,
    ReplyForm,
)
from actcheck.web.auth import current_account, signed_in
from actcheck.web.forms import ButtonForm
from actcheck.web.i18n import lang, ruleset
from actcheck.web.links import external_url
from actcheck.web.report import queue as report_queue
from actcheck.web.report import scheduling

#: The longest comment, reply or note (the forms' `Length(max=...)`).
MAX_TEXT = 4000

bp = Blueprint("reviews", __name__)


def roles_required(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            signed_in(*roles)
            return view(*args, **kwargs)

        return wrapped

    return decorate


def load_cohort(cohort_id: int) -> Cohort:
    """The cohort for an admin: 404 if none, 403 for anyone else."""
    signed_in(AccountRole.ADMIN)
    cohort = accounts.get_cohort(db.session(), cohort_id)
    if cohort is None:
        abort(404)
    return cohort


# -- admin: cohorts and invitations ---------------------------------------------------------


@bp.route("/admin/cohorts", methods=["GET", "POST"])
@roles_required(AccountRole.ADMIN)
def cohorts() -> Any:
    user = signed_in(AccountRole.ADMIN)
    form = CohortForm()
    if form.validate_on_submit():
        cohort = accounts.create_cohort(db.session(), name=form.name.data or "", actor=user)
        db.session().commit()
        flash(_("The cohort “%(name)s” was created.", name=cohort.name), "success")
        return redirect(url_for("reviews.cohort", cohort_id=cohort.id))
    status = 422 if request.method == "POST" else 200
    page = render_template("cohorts/index.html", form=form, cohorts=accounts.cohorts(db.session()))
    return page, status


@bp.route("/admin/cohorts/<int:cohort_id>", methods=["GET", "POST"])
def cohort(cohort_id: int) -> Any:
    item = load_cohort(cohort_id)
    user = signed_in(AccountRole.ADMIN)
    form = InvitationForm()
    link = None
    if form.validate_on_submit():
        if item.closed_at is not None:
            abort(409)
        token = accounts.invite(
            db.session(),
            item,
            role=form.role.data,
            actor=user,
            organisation_name=form.organisation.data or None,
        )
        db.session().commit()
        link = external_url("accounts.invitation", token=token)
    members = accounts.cohort_members(db.session(), item)
    return render_template(
        "cohorts/cohort.html",
        cohort=item,
        form=form,
        link=link,
        organisations=members.organisations,
        advisors=members.advisors,
        button=ButtonForm(),
    )


@bp.post("/admin/cohorts/<int:cohort_id>/close")
def close(cohort_id: int) -> BaseResponse:
    item = load_cohort(cohort_id)
    user = signed_in(AccountRole.ADMIN)
    if not ButtonForm().validate_on_submit():
        abort(400)
    accounts.close_cohort(db.session(), item, actor=user)
    db.session().commit()
    flash(_("The cohort was closed: no more invitations or submissions."), "success")
    return redirect(url_for("reviews.cohort", cohort_id=item.id))


# -- founders: submit -----------------------------------------------------------------------


@bp.post("/assessments/<public_id>/submit")
def submit(public_id: str) -> BaseResponse:
    assessment = load_assessment(public_id)
    user = signed_in(AccountRole.FOUNDER)
    if not ButtonForm().validate_on_submit():
        abort(400)
    reviews.reassess(db.session(), assessment, ruleset())  # freeze the current law's result
    try:
        snapshot = reviews.submit(db.session(), assessment, actor=user)
    except reviews.Incomplete:
        flash(_("Answer the remaining questions before you submit."), "info")
        return redirect(url_for("questionnaire.overview", public_id=public_id))
    except reviews.NotAllowed:
        db.session().rollback()
        flash(
            _(
                "This assessment cannot be submitted now: it is already waiting for review, "
                "or your organisation is in no open programme."
            ),
            "info",
        )
        return redirect(url_for("questionnaire.result", public_id=public_id))
    db.session().commit()
    scheduling.ahead(assessment, lang())  # the advisors will open it
    flash(_("Version %(number)s was submitted for review.", number=snapshot.number), "success")
    return redirect(url_for("questionnaire.result", public_id=public_id))


# -- advisors: dashboard --------------------------------------------------------------------


def _filters() -> dict[str, Any]:
    args = request.args
    tier = args.get("tier") if args.get("tier") in reviews.TIERS else None
    status = args.get("status") if args.get("status") in reviews.STATUSES else None
    organisation = args.get("organisation", type=int)
    sort = (
        args.get("sort")
        if args.get("sort") in ("date", "tier", "status", "organisation")
        else "date"
    )
    return {
        "tier": tier,
        "status": status,
        "needs_review": args.get("needs_review") == "1",
        "organisation": organisation,
        "sort": sort,
    }


@bp.get("/review/")
@roles_required(AccountRole.ADVISOR, AccountRole.ADMIN)
def dashboard() -> str:
    user = signed_in(AccountRole.ADVISOR, AccountRole.ADMIN)
    filters = _filters()
    rows = reviews.dashboard(db.session(), user, **filters)
    everything = reviews.dashboard(db.session(), user)
    counts = reviews.tier_counts(everything)
    # Readiness of the compliance plans (issue 17): per system, per start-up.
    progress = inventory.readiness(db.session(), [r.assessment for r in everything], date.today())
    plan_sort = request.args.get("sort") if request.args.get("sort") in inventory.SORTS else None
    overdue_only = request.args.get("overdue") == "1"
    if overdue_only:
        rows = [
            r for r in rows if r.assessment.id in progress and progress[r.assessment.id].overdue
        ]
    if plan_sort:
        rows = inventory.order(rows, progress, plan_sort, lambda r: r.assessment.id)
    return render_template(
        "reviews/dashboard.html",
        readiness=progress,
        start_ups=inventory.per_organisation(
            [(r.organisation.id, r.assessment.id) for r in everything], progress
        ),
        plan_filters={"sort": plan_sort, "overdue": overdue_only},
        rows=rows,
        counts=counts,
        top=max(counts.values()) or 1,
        filters=filters,
        organisations=reviews.organisations_of(everything),
        tiers=reviews.TIERS,
        statuses=reviews.STATUSES,
        cohorts=reviews.visible_cohorts(db.session(), user),
    )


@bp.get("/review/export.csv")
@roles_required(AccountRole.ADVISOR, AccountRole.ADMIN)
def export_csv() -> Response:
    user = signed_in(AccountRole.ADVISOR, AccountRole.ADMIN)
    rows = reviews.dashboard(db.session(), user, **_filters())
    return Response(
        reviews.csv_export(rows),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="actcheck-cohort.csv"'},
    )


@bp.post("/review/reports.zip")
@roles_required(AccountRole.ADVISOR, AccountRole.ADMIN)
def bundle_reports() -> BaseResponse:
    """Ask for the reports of the dashboard's rows (under its filters) as one ZIP, built in
    the background; the next page shows its progress."""
    user = signed_in(AccountRole.ADVISOR, AccountRole.ADMIN)
    if not ButtonForm().validate_on_submit():
        abort(400)
    rows = reviews.dashboard(db.session(), user, **_filters())
    if not rows:
        flash(_("No assessment matches these filters: there is no report to download."), "info")
        query = request.query_string.decode("ascii", "replace")
        return redirect(url_for("reviews.dashboard") + (f"?{query}" if query else ""))
    bundle = report_bundles.create(
        db.session(), user, [row.assessment.public_id for row in rows], lang()
    )
    db.session().commit()
    report_queue.current().bundle(bundle.id)
    return redirect(url_for("reviews.bundle", token=bundle.token), 303)


@bp.get("/review/bundles/<token>")
@roles_required(AccountRole.ADVISOR, AccountRole.ADMIN)
def bundle(token: str) -> str:
    """A ZIP's progress (reloading itself) and, once built, its download."""
    user = signed_in(AccountRole.ADVISOR, AccountRole.ADMIN)
    item = report_bundles.mine(db.session(), token, user)
    if item is None:
        abort(404)
    return render_template("reviews/bundle.html", bundle=item)


@bp.get("/review/bundles/<token>.zip")
@roles_required(AccountRole.ADVISOR, AccountRole.ADMIN)
def bundle_file(token: str) -> Response:
    user = signed_in(AccountRole.ADVISOR, AccountRole.ADMIN)
    item = report_bundles.mine(db.session(), token, user)
    if item is None or item.data is None:
        abort(404)
    day = item.created_at.date().isoformat()
    return Response(
        item.data,
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="actcheck-reports-{day}.zip"'},
    )


# -- advisors: one review -------------------------------------------------------------------


def _load_for_review(public_id: str) -> Any:
    assessment = load_assessment(public_id, review=True)
    user = signed_in(AccountRole.ADVISOR, AccountRole.ADMIN)
    if not reviews.may_review(db.session(), assessment, user):
        abort(403)
    if request.method == "POST":
        # Acting on it: store the result under the current rule set first (recorded in the
        # history). Opening the page only shows what would change (a GET writes nothing).
        reviews.reassess(db.session(), assessment, ruleset())
    return assessment, user


@bp.get("/review/<public_id>")
def review(public_id: str) -> Any:
    assessment, _user = _load_for_review(public_id)
    rules = ruleset()
    page = reviews.review_page(db.session(), assessment, rules)
    scheduling.ahead(assessment, lang(), outcome=page.result)
    note_form = NoteForm()
    note_form.tier.choices = [SelectChoice(t, t) for t in reviews.TIERS]
    comment_form = CommentForm()
    comment_form.question.choices = [SelectChoice("", _("The whole assessment"))] + [
        SelectChoice(qid, f"{rules.questions[qid].text.get(lang(), qid)} ({qid})")
        for qid in page.state.reached
    ]
    return render_template(
        "reviews/review.html",
        assessment=assessment,
        rules=rules,
        state=page.state,
        result=page.result,
        review=page.review,
        snapshots=page.snapshots,
        diff=page.diff,
        unsubmitted=page.unsubmitted,
        comments=page.comments,
        history=page.history,
        comment_form=comment_form,
        note_form=note_form,
        button=ButtonForm(),
        rules_changed=page.rules_changed,
        rules_notice=page.rules_notice,
    )


def _commented(
    assessment: Any, user: User, *, body: str, question_id: str | None, back: str, done: str
) -> BaseResponse:
    """Add a comment (an advisor's, or a founder's reply), say so, and go back to `back`."""
    try:
        reviews.add_comment(
            db.session(),
            assessment,
            actor=user,
            body=body,
            question_id=question_id,
            ruleset=ruleset(),
        )
    except ValueError:
        db.session().rollback()
        flash(_("There is no question with that id."), "info")
        return redirect(back)
    db.session().commit()
    flash(done, "success")
    return redirect(back)


def _too_long(text: str | None) -> str | None:
    """Say that a text is too long, and by how much, rather than asking for one (every
    review text is limited to `MAX_TEXT` characters)."""
    if text is None or len(text) <= MAX_TEXT:
        return None
    message: str = _(
        "Texts are limited to %(max)s characters; yours has %(count)s. Shorten it and send it "
        "again.",
        max=format_number(MAX_TEXT),
        count=format_number(len(text)),
    )
    return message


@bp.post("/review/<public_id>/comments")
def comment(public_id: str) -> BaseResponse:
    assessment, user = _load_for_review(public_id)
    back = url_for("reviews.review", public_id=public_id)
    form = CommentForm()
    if not form.validate_on_submit():
        flash(_too_long(form.body.data) or _("Enter a comment."), "info")
        return redirect(back)
    return _commented(
        assessment,
        user,
        body=form.body.data or "",
        question_id=(form.question.data or "").strip() or None,
        back=back,
        done=_("Your comment was added."),
    )


@bp.post("/assessments/<public_id>/reply")
def reply(public_id: str) -> BaseResponse:
    """A founder answers their advisors' comments (on the result page)."""
    assessment = load_assessment(public_id)
    user = current_account()
    if user is None or not reviews.is_member(assessment, user):
        abort(403)
    back = url_for("questionnaire.result", public_id=public_id) + "#review-title"
    reviews.reassess(db.session(), assessment, ruleset())
    form = ReplyForm()
    if not form.validate_on_submit():
        flash(_too_long(form.body.data) or _("Enter a reply."), "info")
        return redirect(back)
    return _commented(
        assessment,
        user,
        body=form.body.data or "",
        question_id=None,
        back=back,
        done=_("Your reply was sent to your advisors."),
    )


@bp.post("/review/<public_id>/decision")
def decision(public_id: str) -> BaseResponse:
    assessment, user = _load_for_review(public_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    status = request.form.get("decision")
    if status not in (ReviewStatus.CHANGES_REQUESTED, ReviewStatus.REVIEWED):
        abort(400)
    try:
        reviews.decide(db.session(), assessment, status, actor=user)
    except reviews.NotAllowed:
        abort(409)
    db.session().commit()
    flash(_("The status was changed."), "success")
    return redirect(url_for("reviews.review", public_id=public_id))


@bp.post("/review/<public_id>/note")
def note(public_id: str) -> BaseResponse:
    assessment, user = _load_for_review(public_id)
    form = NoteForm()
    form.tier.choices = [SelectChoice(t, t) for t in reviews.TIERS]
    if not form.validate_on_submit():
        flash(_too_long(form.justification.data) or _("Choose a tier and explain why."), "info")
        return redirect(url_for("reviews.review", public_id=public_id))
    try:
        reviews.set_note(
            db.session(),
            assessment,
            actor=user,
            tier=form.tier.data,
            justification=form.justification.data or "",
        )
    except reviews.NotAllowed:
        abort(409)
    db.session().commit()
    flash(_("Your note was saved. The computed result is unchanged."), "success")
    return redirect(url_for("reviews.review", public_id=public_id))
