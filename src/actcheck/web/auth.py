"""Logins: Flask-Login with strong session protection, and login rate limiting.

The login cookie carries "<user id>:<session version>": raising the version (logout
everywhere, a new password) ends every other login of the account.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app
from flask_babel import gettext as _
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user

from actcheck.models import User
from actcheck.web import db

login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


class Account(UserMixin):  # type: ignore[misc]
    """The logged-in user as Flask-Login sees it (the row is in `.user`)."""

    def __init__(self, user: User) -> None:
        self.user = user

    def get_id(self) -> str:
        return f"{self.user.id}:{self.user.session_version}"

    @property
    def role(self) -> str:
        return self.user.role


@login_manager.user_loader  # type: ignore[untyped-decorator]
def _load(identifier: str) -> Account | None:
    user_id, _sep, version = identifier.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session().get(User, int(user_id))
    if user is None or user.session_version != int(version):
        return None
    return Account(user)


def current_account() -> User | None:
    """The logged-in user's row, or None."""
    if current_user.is_authenticated:
        account: Account = current_user
        return account.user
    return None


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
    login_manager.session_protection = "strong"
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None
    login_manager.init_app(app)
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    limiter.init_app(app)

    @app.context_processor
    def _account() -> dict[str, Any]:
        return {"account": current_account()}
