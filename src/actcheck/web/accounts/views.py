"""Accounts: sign-up, login, logout (here and everywhere), invitations, password reset, and
the founder's privacy pages (download everything, delete the account).

No page tells whether an address has an account: login says "email or password is
incorrect", sign-up and reset always say "we sent you a link".
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from werkzeug.wrappers import Response as BaseResponse

from actcheck.models import AccountRole, Invitation, User
from actcheck.services import accounts, exports, mail
from actcheck.web import db, limits, report_cache
from actcheck.web.access import forget_session_owner, session_owner
from actcheck.web.accounts.forms import (
    AccountForm,
    ColleagueForm,
    EmailForm,
    LoginForm,
    PasswordForm,
)
from actcheck.web.auth import (
    current_account,
    limiter,
    login_limit,
    login_required,
    sign_in,
    sign_out,
    signed_in,
    too_many_attempts,
)
from actcheck.web.evidence_store import evidence_store
from actcheck.web.forms import ButtonForm
from actcheck.web.i18n import lang, ruleset
from actcheck.web.links import external_url
from actcheck.web.redirects import safe_next

bp = Blueprint("accounts", __name__)
log = logging.getLogger(__name__)

SIGNUP_SECONDS = 24 * 3600
limited = limiter.limit(login_limit, methods=["POST"], error_message=too_many_attempts)


def log_in(user: User) -> None:
    """Log the user in; drafts started in this browser before join their organisation
    (`accounts.drafts_on_login`); those an advisor's or an admin's account cannot hold
    stay, and the person is told so, as the login page warned."""
    left = accounts.drafts_on_login(db.session(), session_owner=session_owner(), user=user)
    forget_session_owner()
    sign_in(user)
    if user.language is None:  # an account that never chose: the language it logs in with
        accounts.set_language(db.session(), user, lang())
    db.session().commit()
    if left:
        flash(
            ngettext(
                "The assessment started in this browser without an account was not added to "
                "your account: advisor and admin accounts hold no assessments.",
                "The %(num)d assessments started in this browser without an account were not "
                "added to your account: advisor and admin accounts hold no assessments.",
                left,
            ),
            "info",
        )


def _home(user: User) -> str:
    if user.role in (AccountRole.ADVISOR, AccountRole.ADMIN):
        return url_for("reviews.dashboard")
    return url_for("assessments.index")


def _next_path() -> str | None:
    """The page to go back to after logging in (`?next=`): a path of this site only
    (`actcheck.web.redirects.safe_next`)."""
    return safe_next(request.args.get("next"))


@bp.route("/login", methods=["GET", "POST"])
@limited
def login() -> Any:
    form = LoginForm()
    next_path = _next_path()
    if form.validate_on_submit():
        user = accounts.authenticate(db.session(), form.email.data or "", form.password.data or "")
        if user is not None:
            log_in(user)
            flash(_("You are logged in."), "success")
            return redirect(next_path or _home(user))
        db.session().commit()  # the failure counts towards the account's login pause
        form.password.errors = [
            _(
                "The email address or the password is incorrect. After several failed "
                "attempts, logins to an account pause for a few minutes."
            )
        ]
        return _login_page(form, next_path, 422)
    return _login_page(form, next_path, 422 if request.method == "POST" else 200)


def _login_page(form: LoginForm, next_path: str | None, status: int) -> tuple[str, int]:
    """The login form; it says what happens to the drafts this browser holds, if any."""
    page = render_template(
        "accounts/login.html",
        form=form,
        next_path=next_path,
        drafts=accounts.drafts_of(db.session(), session_owner()),
    )
    return page, status


@bp.post("/logout")
def logout() -> BaseResponse:
    form = ButtonForm()
    if not form.validate_on_submit():
        abort(400)
    sign_out()
    db.session().commit()
    flash(_("You are logged out."), "success")
    return redirect(url_for("assessments.index"))


@bp.post("/logout-everywhere")
@login_required
def logout_everywhere() -> BaseResponse:
    form = ButtonForm()
    if not form.validate_on_submit():
        abort(400)
    user = signed_in()
    accounts.logout_everywhere(db.session(), user)
    sign_out()
    db.session().commit()
    flash(_("You are logged out on every device."), "success")
    return redirect(url_for("accounts.login"))


# -- sign-up --------------------------------------------------------------------------------


def _signup_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="actcheck-signup")


@bp.route("/signup", methods=["GET", "POST"])
@limited
def signup() -> Any:
    """Open sign-up, first step: the address. A link to finish is sent whatever happens."""
    if not current_app.config["OPEN_SIGNUP"]:
        abort(404)
    form = EmailForm()
    if form.validate_on_submit():
        address = accounts.normalise_email(form.email.data or "")
        if accounts.user_by_email(db.session(), address) is None:
            link = external_url("accounts.signup_finish", token=_signup_serializer().dumps(address))
            body = _(
                "Finish creating your actcheck account (the link works for 24 hours):\n%(link)s",
                link=link,
            )
        else:
            link = external_url("accounts.reset_request")
            body = _(
                "You already have an actcheck account. Forgot your password? %(link)s", link=link
            )
        if limits.may_mail(address):
            mail.deliver(
                current_app.config, to=address, subject=_("Your actcheck account"), body=body
            )
        else:
            log.info("sign-up mail not sent: the address had its share of mails")
        return render_template("accounts/sent.html", email=address)
    status = 422 if request.method == "POST" else 200
    return render_template("accounts/signup.html", form=form), status


@bp.route("/signup/<token>", methods=["GET", "POST"])
def signup_finish(token: str) -> Any:
    if not current_app.config["OPEN_SIGNUP"]:
        abort(404)
    try:
        address = _signup_serializer().loads(token, max_age=SIGNUP_SECONDS)
    except (BadSignature, SignatureExpired):
        return _invalid_link()
    form = AccountForm()
    if request.method == "GET":
        form.email.data = address
    if form.validate_on_submit():
        organisation = accounts.create_organisation(
            db.session(), name=form.organisation.data or form.name.data or address
        )
        try:
            user = accounts.create_user(
                db.session(),
                email=address,
                password=form.password.data or "",
                name=form.name.data or "",
                role=AccountRole.FOUNDER,
                organisation=organisation,
            )
        except accounts.EmailTaken:
            db.session().rollback()
            flash(_("You already have an account: log in."), "info")
            return redirect(url_for("accounts.login"))
        log_in(user)
        flash(_("Your account is ready."), "success")
        return redirect(url_for("assessments.index"))
    status = 422 if request.method == "POST" else 200
    return render_template(
        "accounts/account_form.html",
        form=form,
        fixed_email=True,
        title=_("Create your account"),
        invitation=None,
    ), status


def _invalid_link() -> tuple[str, int]:
    return render_template("accounts/invalid_link.html"), 410


# -- invitations ----------------------------------------------------------------------------


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def invitation(token: str) -> Any:
    """Accept an invitation: with the account logged in, or by creating one."""
    try:
        invite = accounts.find_invitation(db.session(), token)
    except accounts.InvalidToken:
        return _invalid_link()
    organisation = accounts.invited_organisation(db.session(), invite)
    user = current_account()
    if user is not None and organisation is not None:
        # A colleague's invitation makes a new account: one account, one organisation.
        return render_template(
            "accounts/invitation.html", invitation=invite, organisation=organisation, form=None
        )
    if user is not None:
        return _accept_signed_in(invite, user, token)
    title = (
        _("Join %(organisation)s", organisation=organisation.name)
        if organisation is not None
        else _("Join the programme")
    )
    account_form = AccountForm()
    if organisation is not None:
        account_form.organisation.data = None  # they join it: nothing to name
    elif request.method == "GET" and invite.organisation_name:
        account_form.organisation.data = invite.organisation_name

    def form_page(status: int) -> tuple[str, int]:
        return render_template(
            "accounts/account_form.html",
            form=account_form,
            fixed_email=False,
            title=title,
            invitation=invite,
            organisation=organisation,
        ), status

    if account_form.validate_on_submit():
        try:
            new = accounts.create_user(
                db.session(),
                email=account_form.email.data or "",
                password=account_form.password.data or "",
                name=account_form.name.data or "",
                role=invite.role,
            )
        except accounts.EmailTaken:
            db.session().rollback()
            # Only someone holding a valid invitation learns this.
            account_form.email.errors = [
                _("This address has an account already: an account belongs to one organisation.")
                if organisation is not None
                else _("This address has an account: log in, then open the invitation link again.")
            ]
            return form_page(422)
        try:
            accounts.accept_invitation(
                db.session(), invite, user=new, organisation_name=account_form.organisation.data
            )
        except accounts.InvalidToken:
            db.session().rollback()
            return _invalid_link()
        log_in(new)
        if organisation is not None:
            flash(
                _("Welcome: you joined %(organisation)s.", organisation=organisation.name),
                "success",
            )
        else:
            flash(_("Welcome: you joined the programme."), "success")
        return redirect(_home(new))
    return form_page(422 if request.method == "POST" else 200)


def _accept_signed_in(invite: Invitation, user: User, token: str) -> Any:
    """A signed-in person accepts. A founder whose organisation is in another cohort is
    first told what moving it means, and must tick the box (issue 12, finding 13)."""
    form = ButtonForm()
    moving = accounts.moves_organisation(db.session(), invite, user)
    old_cohort, new_cohort = accounts.invitation_cohorts(db.session(), invite, moving)
    confirmed = request.form.get("move") == "yes"
    status = 200
    if form.validate_on_submit():
        if moving is not None and not confirmed:
            status = 422
        else:
            try:
                accounts.accept_invitation(db.session(), invite, user=user, move=confirmed)
            except accounts.InvalidToken:
                db.session().rollback()
                return _invalid_link()
            except accounts.WouldMoveOrganisation:  # the cohort changed since the page
                db.session().rollback()
                return redirect(url_for("accounts.invitation", token=token))
            db.session().commit()
            flash(_("You joined the programme."), "success")
            return redirect(_home(user))
    page = render_template(
        "accounts/invitation.html",
        invitation=invite,
        organisation=None,
        form=form,
        moving=moving,
        old_cohort=old_cohort,
        new_cohort=new_cohort,
        unconfirmed=status == 422,
    )
    return page, status


# -- password reset -------------------------------------------------------------------------


@bp.route("/password/reset", methods=["GET", "POST"])
@limited
def reset_request() -> Any:
    form = EmailForm()
    if form.validate_on_submit():
        address = accounts.normalise_email(form.email.data or "")
        user = accounts.user_by_email(db.session(), address)
        if user is not None and not limits.may_mail(address):
            log.info("reset mail not sent: the address had its share of mails")
        elif user is not None:
            token = accounts.reset_token(user, secret=current_app.config["SECRET_KEY"])
            link = external_url("accounts.reset_finish", token=token)
            mail.deliver(
                current_app.config,
                to=address,
                subject=_("Reset your actcheck password"),
                body=_(
                    "Choose a new password (the link works for one hour, once):\n%(link)s",
                    link=link,
                ),
            )
        return render_template("accounts/sent.html", email=address)
    status = 422 if request.method == "POST" else 200
    return render_template("accounts/reset_request.html", form=form), status


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_finish(token: str) -> Any:
    try:
        user = accounts.user_for_reset(db.session(), token, secret=current_app.config["SECRET_KEY"])
    except accounts.InvalidToken:
        return _invalid_link()
    form = PasswordForm()
    form.account_email = user.email
    if form.validate_on_submit():
        accounts.set_password(db.session(), user, form.password.data or "")
        sign_out()
        db.session().commit()
        flash(_("Your password was changed. Log in with it."), "success")
        return redirect(url_for("accounts.login"))
    status = 422 if request.method == "POST" else 200
    return render_template("accounts/reset_finish.html", form=form), status


# -- the account page and privacy -----------------------------------------------------------


def _account_page(
    user: User, *, form: ColleagueForm | None = None, link: str | None = None, status: int = 200
) -> tuple[str, int]:
    organisation = accounts.organisation_of(db.session(), user)
    return render_template(
        "accounts/account.html",
        button=ButtonForm(),
        organisation=organisation,
        members=accounts.members(db.session(), organisation) if organisation else [],
        colleague_form=form or ColleagueForm(formdata=None),
        link=link,
        invitations=(
            accounts.colleague_invitations(db.session(), organisation.id)
            if organisation is not None
            else []
        ),
    ), status


@bp.get("/account")
@login_required
def account() -> tuple[str, int]:
    user = signed_in()
    return _account_page(user)


@bp.post("/account/colleagues/<int:invitation_id>/withdraw")
@login_required
def withdraw_invitation(invitation_id: int) -> BaseResponse:
    """A founder withdraws an open invitation of their organisation (a wrong address)."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    user = signed_in()
    try:
        accounts.withdraw_colleague_invitation(db.session(), invitation_id, actor=user)
    except accounts.InvalidToken:
        abort(404)
    db.session().commit()
    flash(_("The invitation was withdrawn: its link no longer works."), "success")
    return redirect(url_for("accounts.account"))


@bp.post("/account/colleagues")
@login_required
@limited
def invite_colleague() -> tuple[str, int]:
    """A founder invites a colleague into their organisation: the link is mailed to the
    colleague and shown once here."""
    user = signed_in()
    if user.role != AccountRole.FOUNDER or user.organisation_id is None:
        abort(403)
    form = ColleagueForm()
    if not form.validate_on_submit():
        return _account_page(user, form=form, status=422)
    address = accounts.normalise_email(form.email.data or "")
    token = accounts.invite_colleague(db.session(), actor=user)
    db.session().commit()
    organisation = accounts.organisation_of(db.session(), user)
    assert organisation is not None  # noqa: S101
    link = external_url("accounts.invitation", token=token)
    try:
        mail.send(
            current_app.config,
            to=address,
            subject=_("Join %(organisation)s on actcheck", organisation=organisation.name),
            body=_(
                "%(name)s invites you to join %(organisation)s on actcheck. Create your account "
                "(the link works once, for 14 days):\n%(link)s",
                name=user.name,
                organisation=organisation.name,
                link=link,
            ),
        )
    except (OSError, smtplib.SMTPException):
        log.exception("the invitation mail could not be sent")
        flash(_("The mail could not be sent: send the link below yourself."), "warning")
    else:
        flash(_("The invitation was sent to %(email)s.", email=address), "success")
    return _account_page(user, link=link)


@bp.get("/account/export")
@login_required
@limits.export
def export_all() -> Response:
    """Everything of the founder's organisation: answers files and PDF reports, one zip
    (`actcheck.services.exports`: the number of reports it renders is bounded)."""
    from actcheck.web.report.downloads import pdf_bytes

    archive = exports.account_archive(
        db.session(),
        signed_in(),
        ruleset(),
        today=dt.date.today(),
        pdf=lambda item, render: pdf_bytes(item, render=render),
        link=lambda item: external_url("report.download", public_id=item.public_id, lang=lang()),
        later_note=_("These reports were not included; download each from its link:"),
    )
    return Response(
        archive,
        mimetype="application/zip",
        headers={"Content-Disposition": 'attachment; filename="actcheck-my-data.zip"'},
    )


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
def delete_account() -> Any:
    form = ButtonForm()
    if request.method == "POST" and form.validate_on_submit():
        user = signed_in()
        deleted = accounts.delete_account(db.session(), user, evidence_store=evidence_store())
        report_cache.forget(deleted.public_ids, db.session())
        sign_out()
        db.session().commit()
        flash(_("Your account and its data were deleted."), "success")
        return redirect(url_for("assessments.index"))
    return render_template("accounts/delete.html", form=form)
