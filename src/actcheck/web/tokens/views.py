"""The API tokens page: list the owner's tokens, create one (shown once), revoke one.

The owner is the one the rest of the web app uses (`actcheck.web.access`): the browser
session until accounts exist, a signed-in user after issue 5, with no change here.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from actcheck.services import tokens as service
from actcheck.services.tokens import is_active
from actcheck.web import db
from actcheck.web.access import current_owner, owner_for_writing
from actcheck.web.forms import ButtonForm
from actcheck.web.tokens.forms import CreateTokenForm

bp = Blueprint("tokens", __name__, url_prefix="/tokens")


def _page(form: CreateTokenForm, status: int = 200, secret: str | None = None) -> tuple[str, int]:
    owner = current_owner()
    items = service.for_owner(db.session(), owner=owner) if owner is not None else []
    return (
        render_template(
            "tokens/index.html",
            form=form,
            tokens=items,
            active=is_active,
            revoke_form=ButtonForm(),
            secret=secret,
        ),
        status,
    )


@bp.get("/")
def index() -> tuple[str, int]:
    """The owner's tokens, and the form to create one."""
    return _page(CreateTokenForm(formdata=None))


@bp.post("/")
def create() -> Any:
    """Create a token and show it, once. The page is answered directly (no redirect): the
    secret is never stored, not even in the session cookie."""
    form = CreateTokenForm()
    if not form.validate_on_submit():
        return _page(form, 422)
    try:
        new = service.create(db.session(), owner=owner_for_writing(), name=form.name.data or "")
    except ValueError as exc:
        form.name.errors = [str(exc)]
        return _page(form, 422)
    db.session().commit()
    return _page(CreateTokenForm(formdata=None), 201, secret=new.secret)


@bp.post("/<public_id>/revoke")
def revoke(public_id: str) -> Response:
    """Revoke a token at once."""
    form = ButtonForm()
    if not form.validate_on_submit():
        abort(400)
    owner = current_owner()
    if owner is None:
        abort(404)
    try:
        token = service.revoke(db.session(), public_id, owner=owner)
    except service.TokenNotFound:
        abort(404)
    db.session().commit()
    flash(_("The token “%(name)s” was revoked: it no longer works.", name=token.name), "success")
    return redirect(url_for("tokens.index"))
