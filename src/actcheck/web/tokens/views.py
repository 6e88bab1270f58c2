"""The API tokens page: list the holder's tokens, create one (shown once), revoke one.

Tokens are held by accounts (`Owner.user`), so creating one needs a login; what a token may
read follows the account's role (`actcheck.services.api_access`). A visitor without an
account sees the tokens their browser session made before accounts existed, if any, so that
they can still revoke them.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from actcheck.services import tokens as service
from actcheck.services.owners import Owner
from actcheck.services.tokens import is_active
from actcheck.web import db
from actcheck.web.access import session_owner
from actcheck.web.auth import current_account
from actcheck.web.forms import ButtonForm
from actcheck.web.tokens.forms import CreateTokenForm

bp = Blueprint("tokens", __name__, url_prefix="/tokens")


def _holder() -> Owner | None:
    """Whose tokens this page shows: the account's, else the browser session's."""
    user = current_account()
    if user is not None:
        return Owner.user(user.id)
    return session_owner()


def _page(
    form: CreateTokenForm, status: int = 200, secret: str | None = None, writes: bool = False
) -> tuple[str, int]:
    holder = _holder()
    items = service.for_owner(db.session(), owner=holder) if holder is not None else []
    user = current_account()
    return (
        render_template(
            "tokens/index.html",
            form=form,
            tokens=items,
            active=is_active,
            revoke_form=ButtonForm(),
            secret=secret,
            writes=writes,
            role=user.role if user is not None else None,
            login_url=url_for("accounts.login", next=request.path),
        ),
        status,
    )


@bp.get("/")
def index() -> tuple[str, int]:
    """The holder's tokens, and the form to create one."""
    return _page(CreateTokenForm(formdata=None))


@bp.post("/")
def create() -> Any:
    """Create a token and show it, once. The page is answered directly (no redirect): the
    secret is never stored, not even in the session cookie."""
    user = current_account()
    form = CreateTokenForm()
    if user is None:
        # The form is only shown to accounts; a stale page gets a clear way on.
        flash(_("Log in to create an API token: tokens belong to accounts."), "info")
        return redirect(url_for("accounts.login", next=url_for("tokens.index")))
    if not form.validate_on_submit():
        return _page(form, 422)
    try:
        new = service.create(
            db.session(),
            owner=Owner.user(user.id),
            name=form.name.data or "",
            scopes=service.scopes_for(user.role, plan_write=bool(form.plan_write.data)),
        )
    except ValueError as exc:
        form.name.errors = [str(exc)]
        return _page(form, 422)
    db.session().commit()
    writes = service.has_scope(new.token, service.WRITE_PLAN)
    return _page(CreateTokenForm(formdata=None), 201, secret=new.secret, writes=writes)


@bp.post("/<public_id>/revoke")
def revoke(public_id: str) -> Response:
    """Revoke a token at once."""
    form = ButtonForm()
    if not form.validate_on_submit():
        abort(400)
    holder = _holder()
    if holder is None:
        abort(404)
    try:
        token = service.revoke(db.session(), public_id, owner=holder)
    except service.TokenNotFound:
        abort(404)
    db.session().commit()
    flash(_("The token “%(name)s” was revoked: it no longer works.", name=token.name), "success")
    return redirect(url_for("tokens.index"))
