"""Signed-in sessions kept on the server, and the per-account login backoff.

Why server-side: a signed cookie alone cannot be revoked. Each login makes a `LoginSession`
row; the cookie carries only its random secret (256 bits; the row stores its SHA-256).
Logging out deletes the row, so a copy of the cookie taken before logout is worthless, and
a new account can never match an old cookie, because the secret has nothing to do with the
account's id. A signed-in session also ends after `idle` without a request and after
`absolute` in any case (`LOGIN_IDLE_MINUTES`, `LOGIN_MAX_HOURS`).

The backoff counts failed logins per account in the database, so it holds across worker
processes and instances, where the per-address rate limit (Flask-Limiter) only slows one
address down.

Functions take the session explicitly and flush; the caller commits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from actcheck.models import LoginSession, User, utcnow

log = logging.getLogger(__name__)

#: `last_seen_at` is written at most this often: the idle limit is counted in minutes, and
#: a page with many requests must not write on each.
TOUCH_EVERY = dt.timedelta(seconds=60)
#: Failed logins in a row before the account's logins pause.
FREE_FAILURES = 5
#: The first pause; each further failure doubles it, up to `MAX_PAUSE`.
FIRST_PAUSE = dt.timedelta(seconds=30)
MAX_PAUSE = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class Limits:
    """How long a signed-in session lasts without a request, and at most."""

    idle: dt.timedelta
    absolute: dt.timedelta


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _aware(value: dt.datetime) -> dt.datetime:
    """SQLite gives back naive datetimes (UTC): make them comparable."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def start(session: Session, user: User, *, now: dt.datetime | None = None) -> str:
    """A new signed-in session for the user; returns the secret the cookie carries."""
    moment = now or utcnow()
    secret = secrets.token_urlsafe(32)
    session.add(
        LoginSession(
            user_id=user.id, token_hash=_hash(secret), created_at=moment, last_seen_at=moment
        )
    )
    session.flush()
    return secret


def resume(
    session: Session, secret: str, *, limits: Limits, now: dt.datetime | None = None
) -> int | None:
    """The user id of a signed-in session, or None when it is unknown, ended or expired (an
    expired one is deleted)."""
    if not secret or len(secret) > 100:
        return None
    row = session.scalars(
        select(LoginSession).where(LoginSession.token_hash == _hash(secret))
    ).one_or_none()
    if row is None:
        return None
    moment = now or utcnow()
    created, seen = _aware(row.created_at), _aware(row.last_seen_at)
    if moment - created >= limits.absolute or moment - seen >= limits.idle:
        session.delete(row)
        session.flush()
        return None
    if moment - seen >= TOUCH_EVERY:
        row.last_seen_at = moment
        session.flush()
    return row.user_id


def end(session: Session, secret: str) -> None:
    """Log this browser out: its cookie, and every copy of it, stops working."""
    session.execute(delete(LoginSession).where(LoginSession.token_hash == _hash(secret)))
    session.flush()


def end_all(session: Session, user: User) -> None:
    """Log the user out everywhere (a new password, "log out everywhere", deletion)."""
    session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))
    session.flush()


def purge_expired(session: Session, *, limits: Limits, now: dt.datetime | None = None) -> int:
    """Delete the sessions past either limit (housekeeping: they would be refused anyway)."""
    moment = now or utcnow()
    result = session.execute(
        delete(LoginSession).where(
            (LoginSession.created_at <= moment - limits.absolute)
            | (LoginSession.last_seen_at <= moment - limits.idle)
        )
    )
    session.flush()
    return int(getattr(result, "rowcount", 0) or 0)


# -- backoff --------------------------------------------------------------------------------


def is_paused(user: User, *, now: dt.datetime | None = None) -> bool:
    """Whether the account's logins are paused after failed attempts."""
    until = user.login_blocked_until
    return until is not None and _aware(until) > (now or utcnow())


def record_failure(session: Session, user: User, *, now: dt.datetime | None = None) -> None:
    """One more failed login: past `FREE_FAILURES`, pause logins, doubling each time."""
    user.failed_logins = (user.failed_logins or 0) + 1
    extra = user.failed_logins - FREE_FAILURES
    if extra >= 0:
        pause = min(FIRST_PAUSE * (2 ** min(extra, 10)), MAX_PAUSE)
        user.login_blocked_until = (now or utcnow()) + pause
        log.warning("user %d: logins paused for %s after failures", user.id, pause)
    session.flush()


def record_success(session: Session, user: User) -> None:
    if user.failed_logins or user.login_blocked_until is not None:
        user.failed_logins = 0
        user.login_blocked_until = None
        session.flush()
