"""The plan of one assessment: the page, an item's page and its edits, comments, evidence
and the system's AI components.

Access is the assessment's (`web/access.py`): the owner (the organisation's members, or the
browser of an anonymous draft) reads and edits; the advisors of the organisation's cohort
and admins read, comment and download once the assessment was submitted
(`load_assessment(review=True)`). Views parse, call `actcheck.services.plan`, commit once
and redirect; a GET changes nothing (a plan is started or brought up to date by a POST).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse
from wtforms.fields.choices import SelectChoice

from actcheck.models import Assessment, PlanItem, PlanStatus, User
from actcheck.rules.model import ROLES
from actcheck.services import assessments as assessment_service
from actcheck.services import drafts
from actcheck.services.plan import components, drafted, evidence, inventory, items, reminders
from actcheck.services.plan.progress import is_overdue
from actcheck.services.plan.storage import MissingFile
from actcheck.web import db
from actcheck.web.access import current_owner, load_assessment
from actcheck.web.auth import current_account
from actcheck.web.drafts import attaching
from actcheck.web.evidence_store import evidence_store
from actcheck.web.forms import ButtonForm
from actcheck.web.i18n import ruleset
from actcheck.web.links import external_url
from actcheck.web.plan.forms import (
    ComponentForm,
    FileEvidenceForm,
    ItemCommentForm,
    ItemForm,
    LinkEvidenceForm,
)
from actcheck.web.plan.pages import item_title, refusal, role_words, status_words
from actcheck.web.report.scheduling import State, wait_words
from actcheck.web.report.wanted import report_lang

bp = Blueprint("plan", __name__)

BASE = "/assessments/<public_id>/plan"


def _item(assessment: Assessment, item_id: int) -> PlanItem:
    try:
        return items.get_item(db.session(), assessment, item_id)
    except items.ItemNotFound:
        abort(404)


def _may_edit(assessment: Assessment) -> bool:
    """Whether the reader is the owner (members edit; reviewers only read and comment)."""
    owner = current_owner()
    return owner is not None and owner.key == assessment.owner_key


@bp.get(BASE)
def page(public_id: str) -> Any:
    """The plan, grouped by role then due date, with its progress and filters."""
    assessment = load_assessment(public_id, review=True)
    session = db.session()
    today = dt.date.today()
    stored = items.items_of(session, assessment)
    active = [i for i in stored if i.archived_at is None]
    status, role = request.args.get("status", ""), request.args.get("role", "")
    overdue = request.args.get("overdue") == "1"
    filters = {"status": status, "role": role, "overdue": overdue}
    shown = items.matching(active, today=today, status=status, role=role, overdue=overdue)
    groups = [(role, [i for i in shown if i.role == role]) for role in ROLES]
    members = {m.id: m for m in items.members_of(session, assessment)}
    return render_template(
        "plan/plan.html",
        assessment=assessment,
        groups=[(role, rows) for role, rows in groups if rows],
        archived=[i for i in stored if i.archived_at is not None],
        progress=items.progress_of(stored, today),
        pending=items.pending(assessment, stored, ruleset()) if assessment.result else None,
        started=bool(stored),
        counts=items.evidence_counts(session, stored),
        members=members,
        filters=filters,
        roles=sorted({i.role for i in active}, key=ROLES.index),
        statuses=tuple(PlanStatus),
        components=components.of(session, assessment),
        component_form=ComponentForm(),
        may_edit=_may_edit(assessment),
        today=today,
        button=ButtonForm(),
        **_words(),
    )


def _words() -> dict[str, Any]:
    return {
        "status_words": status_words,
        "role_words": role_words,
        "item_title": item_title,
        "due_date": items.due_date,
        "is_overdue": is_overdue,
    }


@bp.post(f"{BASE}/sync")
def sync(public_id: str) -> BaseResponse:
    """Start the plan, or bring it in line with the current result (the page showed how)."""
    assessment = load_assessment(public_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if assessment.result is None:
        abort(409)
    change = items.sync(
        db.session(),
        assessment,
        ruleset=ruleset(),
        actor=current_account(),
        today=dt.date.today(),
    )
    db.session().commit()
    flash(
        _(
            "The plan is up to date: %(new)s new, %(archived)s archived, %(restored)s back.",
            new=len(change.new),
            archived=len(change.archived),
            restored=len(change.restored),
        ),
        "success",
    )
    return redirect(url_for("plan.page", public_id=public_id))


def _item_form(item: PlanItem, members: list[User], data: Any = None) -> ItemForm:
    form = (
        ItemForm(formdata=data)
        if data is not None
        else ItemForm(
            formdata=None,
            version=item.version,
            status=item.status,
            owner=str(item.owner_id or ""),
            target_date=item.target_date,
            target_note=item.target_note,
            not_applicable_reason=item.not_applicable_reason,
            notes=item.notes,
        )
    )
    form.owner.choices = [SelectChoice("", _("Nobody yet"))] + [
        SelectChoice(str(m.id), m.name or m.email) for m in members
    ]
    return form


def _item_page(
    assessment: Assessment,
    item: PlanItem,
    *,
    form: ItemForm | None = None,
    errors: list[tuple[str, str]] | None = None,
    conflict: bool = False,
    status: int = 200,
) -> Any:
    session = db.session()
    members = items.members_of(session, assessment)
    may_edit = _may_edit(assessment)
    result = assessment_service.evaluate(assessment, ruleset()) if may_edit else None
    offers = (
        [
            (k.id, drafts.kind_title(k, result, report_lang()))
            for k in drafted.kinds_for(result, item)
        ]
        if result is not None
        else []
    )
    return (
        render_template(
            "plan/item.html",
            assessment=assessment,
            item=item,
            form=form or _item_form(item, members),
            errors=errors or [],
            conflict=conflict,
            owner=next((m for m in members if m.id == item.owner_id), None),
            history=items.history(session, item),
            evidence=evidence.of_items(session, [item.id])[item.id],
            comment_form=ItemCommentForm(),
            file_form=FileEvidenceForm(),
            link_form=LinkEvidenceForm(),
            draft_offers=offers,
            button=ButtonForm(),
            may_edit=may_edit,
            today=dt.date.today(),
            **_words(),
        ),
        status,
    )


@bp.get(f"{BASE}/items/<int:item_id>")
def item(public_id: str, item_id: int) -> Any:
    assessment = load_assessment(public_id, review=True)
    return _item_page(assessment, _item(assessment, item_id))


FIELD_ANCHORS = {
    "status": "status-0",
    "owner_id": "owner",
    "target_note": "target_note",
    "not_applicable_reason": "not_applicable_reason",
}


def _problem_words(field: str) -> str:
    words: dict[str, str] = {
        "status": _("Choose a status."),
        "owner_id": _("Choose an owner among your organisation's members."),
        "target_note": _(
            "Your target is later than the date the obligation applies from: say why in a note."
        ),
        "not_applicable_reason": _("Say why this obligation does not apply to you."),
    }
    return words.get(field, field)


@bp.post(f"{BASE}/items/<int:item_id>")
def edit(public_id: str, item_id: int) -> Any:
    """Save an item; a stale page gets its own values back with the current ones beside."""
    assessment = load_assessment(public_id)
    item = _item(assessment, item_id)
    session = db.session()
    members = items.members_of(session, assessment)
    form = _item_form(item, members, data=request.form)
    if not form.validate_on_submit():
        errors = [
            (name, str(message)) for name, messages in form.errors.items() for message in messages
        ]
        return _item_page(assessment, item, form=form, errors=errors, status=400)
    owner = form.owner.data or ""
    change = items.ItemEdit(
        status=form.status.data or "",
        owner_id=int(owner) if owner.isdigit() else None,
        target_date=form.target_date.data,
        target_note=form.target_note.data or "",
        not_applicable_reason=form.not_applicable_reason.data or "",
        notes=form.notes.data or "",
    )
    try:
        changed = items.update_item(
            session,
            item,
            change,
            actor=current_account(),
            expected_version=form.version.data or 0,
            members=members,
        )
    except items.StalePlanItem:
        session.rollback()
        item = _item(assessment, item_id)
        form.version.data = item.version  # saving again now overwrites, knowingly
        return _item_page(assessment, item, form=form, conflict=True, status=409)
    except items.InvalidChange as refused:
        session.rollback()
        item = _item(assessment, item_id)
        errors = [(FIELD_ANCHORS.get(f, f), _problem_words(f)) for f in refused.problems]
        return _item_page(assessment, item, form=form, errors=errors, status=400)
    session.commit()
    if changed:
        flash(_("The item was saved."), "success")
    return redirect(url_for("plan.page", public_id=public_id) + f"#item-{item_id}")


@bp.post(f"{BASE}/items/<int:item_id>/comments")
def comment(public_id: str, item_id: int) -> BaseResponse:
    """Members and the cohort's advisors comment on an item (advisors do not edit it)."""
    assessment = load_assessment(public_id, review=True)
    item = _item(assessment, item_id)
    form = ItemCommentForm()
    back = url_for("plan.item", public_id=public_id, item_id=item_id)
    if not form.validate_on_submit():
        flash(_("Enter a comment of at most 4,000 characters."), "info")
        return redirect(back)
    items.comment(db.session(), item, actor=current_account(), body=form.body.data or "")
    db.session().commit()
    flash(_("Your comment was added."), "success")
    return redirect(back + "#history")


@bp.post(f"{BASE}/items/<int:item_id>/files")
def add_file(public_id: str, item_id: int) -> Any:
    assessment = load_assessment(public_id)
    item = _item(assessment, item_id)
    form = FileEvidenceForm()
    back = url_for("plan.item", public_id=public_id, item_id=item_id)
    if not form.validate_on_submit():
        flash(_("Choose a file to upload."), "info")
        return redirect(back)
    upload = form.file.data
    session = db.session()
    try:
        added = evidence.add_file(
            session,
            evidence_store(),
            assessment,
            item,
            name=upload.filename or "",
            data=upload.read(evidence.FILE_LIMIT + 1),
            actor=current_account(),
        )
    except evidence.Refused as refused:
        session.rollback()
        flash(refusal(refused), "info")
        return redirect(back + "#evidence")
    session.commit()
    flash(_("%(name)s was added.", name=added.file_name), "success")
    return redirect(back + "#evidence")


@bp.post(f"{BASE}/items/<int:item_id>/links")
def add_link(public_id: str, item_id: int) -> BaseResponse:
    assessment = load_assessment(public_id)
    item = _item(assessment, item_id)
    form = LinkEvidenceForm()
    back = url_for("plan.item", public_id=public_id, item_id=item_id)
    if not form.validate_on_submit():
        flash(_("Enter a link that starts with https:// or http://."), "info")
        return redirect(back)
    try:
        evidence.add_link(
            db.session(), assessment, item, url=form.url.data or "", actor=current_account()
        )
    except evidence.Refused as refused:
        db.session().rollback()
        flash(refusal(refused), "info")
        return redirect(back + "#evidence")
    db.session().commit()
    flash(_("The link was added."), "success")
    return redirect(back + "#evidence")


@bp.post(f"{BASE}/items/<int:item_id>/drafts/<kind>")
def attach_draft(public_id: str, item_id: int, kind: str) -> BaseResponse:
    """Keep a drafted document (DOCX) that serves this item's obligation as its evidence,
    stored like an upload (limits, checksum, history): the file rendered on the background
    queue, or, while it is not ready, word of where it stands (`web/drafts/attaching.py`)."""
    assessment = load_assessment(public_id)
    item = _item(assessment, item_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    back = url_for("plan.item", public_id=public_id, item_id=item_id) + "#evidence"
    result = assessment_service.evaluate(assessment, ruleset())
    if result is None:
        flash(_("Answer the remaining questions to get your drafts."), "info")
        return redirect(back)
    session = db.session()
    try:
        attached = attaching.attach_draft(
            session,
            evidence_store(),
            assessment,
            item,
            result,
            kind,
            lang=report_lang(),
            actor=current_account(),
        )
    except drafts.UnknownDraft:
        abort(404)
    except evidence.Refused as refused:
        session.rollback()
        flash(refusal(refused), "info")
        return redirect(back)
    if attached.evidence is None:
        # Rendered on the background queue, never in this request: say where it stands.
        if attached.readiness.state == State.FAILED:
            flash(_("The draft could not be prepared. Press the button again to retry."), "info")
        else:
            flash(
                _(
                    "The draft is being prepared. %(wait)s Press the button again in a moment "
                    "to attach it.",
                    wait=wait_words(attached.readiness),
                ),
                "info",
            )
        return redirect(back)
    session.commit()
    flash(_("%(name)s was added.", name=attached.evidence.file_name), "success")
    return redirect(back)


@bp.get(f"{BASE}/evidence/<evidence_id>")
def download(public_id: str, evidence_id: str) -> Any:
    """A file, to those who may read the plan: always as a download, never shown inline
    from our origin (a PDF or an image a founder uploaded runs no script on our pages)."""
    assessment = load_assessment(public_id, review=True)
    found = evidence.find(db.session(), assessment, evidence_id)
    if found is None or found.kind != "file":
        abort(404)
    try:
        data = evidence.read(evidence_store(), found)
    except MissingFile:
        abort(404)
    response = send_file(
        io.BytesIO(data),
        mimetype=found.media_type or "application/octet-stream",
        as_attachment=True,
        download_name=found.file_name,
        max_age=0,
    )
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.post(f"{BASE}/components")
def add_component(public_id: str) -> Any:
    assessment = load_assessment(public_id)
    form = ComponentForm()
    if not form.validate_on_submit():
        flash(_("Enter the model or service and its provider."), "info")
    else:
        components.add(
            db.session(),
            assessment,
            name=form.name.data or "",
            provider=form.provider.data or "",
            model_version=form.model_version.data or "",
            documentation_received=bool(form.documentation_received.data),
        )
        db.session().commit()
        flash(_("The component was added."), "success")
    return redirect(url_for("plan.page", public_id=public_id) + "#components")


@bp.post(f"{BASE}/components/<int:component_id>/delete")
def remove_component(public_id: str, component_id: int) -> BaseResponse:
    assessment = load_assessment(public_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if not components.remove(db.session(), assessment, component_id):
        abort(404)
    db.session().commit()
    flash(_("The component was removed."), "success")
    return redirect(url_for("plan.page", public_id=public_id) + "#components")


# -- the organisation's AI inventory ---------------------------------------------------------


def _inventory() -> tuple[str, list[inventory.System]]:
    """The current owner's systems (a founder's organisation, or this browser's drafts)
    and the organisation's name; nobody else's, whoever asks."""
    from actcheck.services import accounts
    from actcheck.services import assessments as assessment_service

    owner = current_owner()
    user = current_account()
    organisation = accounts.organisation_of(db.session(), user) if user is not None else None
    rows = assessment_service.for_owner(db.session(), owner=owner) if owner is not None else []
    name = organisation.name if organisation is not None else ""
    return name, inventory.inventory(db.session(), rows, dt.date.today())


@bp.get("/inventory")
def inventory_page(calendar_address: str | None = None) -> Any:
    """Every AI system of the organisation: tier, roles, plan progress, next deadline; and
    for a founder, the digest's switch and the calendar address."""
    from actcheck.models import AccountRole
    from actcheck.services import accounts

    organisation, systems = _inventory()
    user = current_account()
    org = accounts.organisation_of(db.session(), user) if user is not None else None
    founder = user is not None and user.role == AccountRole.FOUNDER and org is not None
    return render_template(
        "plan/inventory.html",
        organisation=organisation,
        systems=systems,
        role_words=role_words,
        founder=founder,
        digest_on=founder and user is not None and reminders.digest_on(db.session(), user),
        has_feed=founder and org is not None and reminders.has_feed(db.session(), org),
        calendar_address=calendar_address,
        button=ButtonForm(),
    )


@bp.get("/inventory.csv")
def inventory_csv() -> Any:
    organisation, systems = _inventory()
    return Response(
        inventory.inventory_csv(organisation, systems),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="actcheck-ai-inventory.csv"'},
    )


@bp.get(f"{BASE}/bundle.zip")
def bundle(public_id: str) -> Any:
    """The report, every evidence file and a manifest of obligation to evidence, as one ZIP."""
    from actcheck.models import utcnow
    from actcheck.presentation import file_slug
    from actcheck.services.plan.bundle import build_bundle
    from actcheck.web.assessment_pages import display_name, load_result
    from actcheck.web.report import downloads

    assessment, _state, outcome = load_result(
        public_id, _("Answer the remaining questions to get your report.")
    )
    session = db.session()
    stored = items.items_of(session, assessment)
    files = evidence.of_items(session, [i.id for i in stored])
    # Last: the download releases the request's session (a render takes a second), and a
    # session used after its release would hold a connection that nothing closes.
    report = downloads.download(assessment, outcome)
    archive = build_bundle(
        system=display_name(assessment),
        public_id=assessment.public_id,
        report_name=report.filename,
        report_pdf=report.pdf,
        items=stored,
        evidence=files,
        store=evidence_store(),
        title=item_title,
        now=utcnow(),
    )
    with archive:  # read whole: a response left unread must not leave a file open
        data = archive.read()
    return send_file(
        io.BytesIO(data),
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"actcheck-evidence-{file_slug(display_name(assessment))}.zip",
        max_age=0,
    )


# -- dates that reach people: the digest's switch and the calendar feed ---------------------


def _founder_organisation() -> tuple[User, Any]:
    """The signed-in founder and their organisation (403 for anyone else)."""
    from actcheck.models import AccountRole
    from actcheck.services import accounts
    from actcheck.web.auth import signed_in

    user = signed_in(AccountRole.FOUNDER)
    organisation = accounts.organisation_of(db.session(), user)
    if organisation is None:
        abort(403)
    return user, organisation


@bp.post("/inventory/digest")
def digest() -> BaseResponse:
    """Turn one's own digest mails on or off."""
    user, _organisation = _founder_organisation()
    if not ButtonForm().validate_on_submit():
        abort(400)
    on = request.form.get("digest") == "on"
    reminders.set_digest(db.session(), user, on=on)
    db.session().commit()
    flash(_("Digest mails are on.") if on else _("Digest mails are off."), "success")
    return redirect(url_for("plan.inventory_page"))


@bp.post("/inventory/calendar")
def new_calendar() -> Any:
    """A new secret calendar address, shown once (any older one stops working)."""
    _user, organisation = _founder_organisation()
    if not ButtonForm().validate_on_submit():
        abort(400)
    token = reminders.new_feed(db.session(), organisation)
    db.session().commit()
    address = external_url("plan.calendar", token=token)
    return inventory_page(calendar_address=address)


@bp.post("/inventory/calendar/revoke")
def revoke_calendar() -> BaseResponse:
    _user, organisation = _founder_organisation()
    if not ButtonForm().validate_on_submit():
        abort(400)
    reminders.revoke_feed(db.session(), organisation)
    db.session().commit()
    flash(_("The calendar address no longer works."), "success")
    return redirect(url_for("plan.inventory_page"))


@bp.get("/calendar/<token>.ics")
def calendar(token: str) -> Any:
    """The organisation's due dates as iCalendar, for whoever holds the secret address
    (calendar apps cannot log in); 404 once it is revoked or replaced."""
    from actcheck.models import utcnow

    organisation = reminders.feed_organisation(db.session(), token)
    if organisation is None:
        abort(404)
    body = reminders.calendar(
        db.session(),
        organisation,
        title=item_title,
        link=lambda public_id, item_id: external_url(
            "plan.item", public_id=public_id, item_id=item_id
        ),
        now=utcnow(),
    )
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer"},
    )
