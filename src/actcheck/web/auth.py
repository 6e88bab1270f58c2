"""Logins: Flask-Login over server-side sessions (`actcheck.services.logins`), and login
rate limiting.

The login cookie carries only the random secret of a `LoginSession` row: logging out
deletes the row, so a copy of the cookie stops working, and a new account can never match
an old cookie. The row also enforces the idle and absolute limits of a signed-in session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar, cast

import flask_login
from flask import Flask, abort, current_app, g, session
from flask_babel import gettext as _
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from actcheck.models import User
from actcheck.services import accounts, logins
from actcheck.web import db

login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address, default_limits=[])

#: Session keys that outlive a login or a logout: the interface language only. Everything
#: else (the CSRF token, Flask-Login's keys, an anonymous draft's owner) is dropped, so
#: that nothing known before the switch is valid after it.
KEPT_ACROSS_LOGIN = ("lang",)

P = ParamSpec("P")
R = TypeVar("R")


class Account(UserMixin):  # type: ignore[misc]
    """The logged-in user as Flask-Login sees it (the row is in `.user`)."""

    def __init__(self, user: User, secret: str) -> None:
        self.user = user
        self.secret = secret

    def get_id(self) -> str:
        return self.secret

    @property
    def role(self) -> str:
        return self.user.role


def login_limits() -> logins.Limits:
    config = current_app.config
    return logins.Limits(
        idle=dt.timedelta(minutes=float(config["LOGIN_IDLE_MINUTES"])),
        absolute=dt.timedelta(hours=float(config["LOGIN_MAX_HOURS"])),
    )


@login_manager.user_loader  # type: ignore[untyped-decorator]
def _load(secret: str) -> Account | None:
    # The bookkeeping (last seen, expiry) commits in a session of its own: the request's
    # session belongs to the view, which commits once, or not at all on a GET.
    with db.database().sessions() as own:
        user_id = logins.resume(own, secret, limits=login_limits())
        own.commit()
    user = accounts.get_user(db.session(), user_id) if user_id is not None else None
    return Account(user, secret) if user is not None else None


def current_account() -> User | None:
    """The logged-in user's row, or None."""
    if current_user.is_authenticated:
        account: Account = current_user
        return account.user
    return None


def signed_in(*roles: str) -> User:
    """The logged-in user's row; else (by abort) the login page, and with `roles`, 403 for
    an account of any other role. The one check of every page behind a login."""
    user = current_account()
    if user is None:
        abort(login_manager.unauthorized())
    if roles and user.role not in roles:
        abort(403)
    return user


def login_required(view: Callable[P, R]) -> Callable[P, R]:
    """Flask-Login's `login_required` (the login page for a visitor), typed."""
    return cast("Callable[P, R]", flask_login.login_required(view))


def _fresh_session() -> None:
    """A new session: the old one's CSRF token and keys are gone (fixation, replay)."""
    kept = {key: session[key] for key in KEPT_ACROSS_LOGIN if key in session}
    session.clear()
    session.update(kept)
    g.pop("csrf_token", None)  # Flask-WTF caches the request's token here


def sign_in(user: User) -> None:
    """Start a server-side session for the user in a fresh cookie session. The caller
    commits (the `LoginSession` row is in the request's database session)."""
    secret = logins.start(db.session(), user)
    _fresh_session()
    login_user(Account(user, secret))
    # Signed in, the cookie lasts as long as the browser; the server-side limits end it.
    session.permanent = False


def sign_out() -> None:
    """End this browser's server-side session and start a fresh cookie session. The caller
    commits."""
    if current_user.is_authenticated:
        account: Account = current_user
        logins.end(db.session(), account.secret)
    logout_user()
    _fresh_session()


def login_limit() -> str:
    limit: str = current_app.config["LOGIN_RATE_LIMIT"]
    return limit


def too_many_attempts() -> str:
    message: str = _(
        "Too many attempts from your network. Wait a minute, then try again. If you forgot your "
        "password, reset it."
    )
    return message


def init_app(app: Flask) -> None:
    # The server-side session is the protection; "strong" also dropped sessions whose
    # address changed, and the address can be spoofed through X-Forwarded-For.
    login_manager.session_protection = None
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None
    login_manager.init_app(app)
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    limiter.init_app(app)

    @app.context_processor
    def _account() -> dict[str, Any]:
        return {"account": current_account()}
