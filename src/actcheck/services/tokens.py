"""Personal API tokens: create, list, revoke, and recognise one on a request.

A token is `act_` followed by 43 URL-safe characters (256 random bits). Only its SHA-256 is
stored: a fast hash is enough for a secret of that strength (there is nothing to guess), and
a lookup by hash needs no comparison in Python.

A token is held by an account: its `owner_key` is `Owner.user(id).key`, so it follows the
account (a founder's token reads their organisation's assessments; an advisor's, the
submissions of the cohorts they advise; see `actcheck.services.api_access`) and ends with
it: logging out everywhere, a new password and deleting the account revoke the account's
tokens. Tokens made before accounts existed are held by a browser session
(`session:<hash>`) and read that session's assessments until they expire.

Like every service, these functions take the session and the acting owner explicitly,
flush and log; the caller commits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from actcheck.models import AccountRole, ApiToken, utcnow
from actcheck.services.owners import Owner

log = logging.getLogger(__name__)

PREFIX = "act_"
#: Read the assessments of the holder's organisation (founders).
READ_ASSESSMENTS = "assessments:read"
#: Read the submissions of the cohorts the holder advises (advisors; every cohort, admins).
READ_COHORTS = "cohorts:read"
#: Edit the compliance plan of the holder's organisation: an item's status, owner, dates and
#: notes, and its links (founders only, asked for when the token is made; advisors never
#: write, as on the web).
WRITE_PLAN = "plan:write"
DEFAULT_SCOPES = (READ_ASSESSMENTS,)
MAX_NAME = 100
#: `last_used_at` is written at most this often per token: an API client polling every
#: second must not turn every read into a write.
TOUCH_EVERY = dt.timedelta(minutes=5)


class TokenNotFound(LookupError):
    """No token of this owner has this id."""


@dataclass(frozen=True)
class NewToken:
    """A token just created: `secret` is shown once and never stored."""

    token: ApiToken
    secret: str


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def looks_like_token(secret: str) -> bool:
    """Whether a string has the shape of an actcheck token (cheap check before a lookup)."""
    return (
        secret.startswith(PREFIX)
        and 20 <= len(secret) <= 100
        and all(c.isascii() and (c.isalnum() or c in "-_") for c in secret[len(PREFIX) :])
    )


def create(
    session: Session,
    *,
    owner: Owner,
    name: str,
    days: int | None = 365,
    scopes: tuple[str, ...] = DEFAULT_SCOPES,
) -> NewToken:
    """A new token acting for `owner`.

    Args:
        session: the database session.
        owner: who the token acts for.
        name: what the owner calls it ("CI pipeline"), at most 100 characters.
        days: how long it is valid; None for no expiry.
        scopes: what it may do.

    Raises:
        ValueError: the name is empty or too long, or `days` is not positive.
    """
    name = " ".join(name.split())
    if not name:
        raise ValueError("Give the token a name, so that you can tell it apart later.")
    if len(name) > MAX_NAME:
        raise ValueError(f"The name can be at most {MAX_NAME} characters.")
    if days is not None and days <= 0:
        raise ValueError("A token must be valid for at least one day.")
    secret = PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    token = ApiToken(
        public_id=secrets.token_hex(12),  # never "-..." (an option to `flask tokens revoke`)
        owner_key=owner.key,
        name=name,
        prefix=secret[: len(PREFIX) + 6],
        token_hash=hash_token(secret),
        scopes=" ".join(scopes),
        created_at=now,
        expires_at=now + dt.timedelta(days=days) if days is not None else None,
    )
    session.add(token)
    session.flush()
    log.info("api token %s created (%s)", token.public_id, token.prefix)
    return NewToken(token=token, secret=secret)


def scopes_for(role: str | None, *, plan_write: bool = False) -> tuple[str, ...]:
    """What a new token of an account with this role may do: read what the account itself
    reads on the web (None: a browser session without an account), and, for a founder who
    asks for it, edit the plan as they do on the web. Nothing more, whatever is asked."""
    if role in (AccountRole.ADVISOR, AccountRole.ADMIN):
        return (READ_COHORTS,)
    if plan_write and role == AccountRole.FOUNDER:
        return (READ_ASSESSMENTS, WRITE_PLAN)
    return (READ_ASSESSMENTS,)


def for_owner(session: Session, *, owner: Owner) -> list[ApiToken]:
    """The owner's tokens, newest first (revoked ones included, marked as such)."""
    query = (
        select(ApiToken)
        .where(ApiToken.owner_key == owner.key)
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return list(session.scalars(query))


def revoke(session: Session, public_id: str, *, owner: Owner) -> ApiToken:
    """Revoke one of the owner's tokens (at once: the next request with it is refused).

    Raises:
        TokenNotFound: the owner has no token with this id.
    """
    token = session.scalars(
        select(ApiToken).where(ApiToken.public_id == public_id, ApiToken.owner_key == owner.key)
    ).one_or_none()
    if token is None:
        raise TokenNotFound(public_id)
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        session.flush()
        log.info("api token %s revoked", token.public_id)
    return token


def revoke_all(session: Session, *, owner: Owner) -> int:
    """Revoke every active token of the owner (logging out everywhere, a new password):
    whoever had the account's password or a login cookie may have made a token with it.

    Returns:
        How many tokens were revoked.
    """
    revoked = 0
    now = utcnow()
    for token in session.scalars(
        select(ApiToken).where(ApiToken.owner_key == owner.key, ApiToken.revoked_at.is_(None))
    ):
        token.revoked_at = now
        revoked += 1
    if revoked:
        session.flush()
        log.info("%d api tokens of %s revoked", revoked, owner.key.partition(":")[0])
    return revoked


def revoke_any(session: Session, public_id: str) -> ApiToken:
    """Revoke a token whoever owns it (the operators' command line).

    Raises:
        TokenNotFound: no token has this id.
    """
    token = session.scalars(select(ApiToken).where(ApiToken.public_id == public_id)).one_or_none()
    if token is None:
        raise TokenNotFound(public_id)
    return revoke(session, public_id, owner=Owner(key=token.owner_key))


def is_active(token: ApiToken, now: dt.datetime | None = None) -> bool:
    now = now or utcnow()
    if token.revoked_at is not None:
        return False
    expires = token.expires_at
    if expires is not None and expires.tzinfo is None:  # SQLite returns naive datetimes
        expires = expires.replace(tzinfo=dt.UTC)
    return expires is None or expires > now


def authenticate(session: Session, secret: str) -> ApiToken | None:
    """The active token with this secret, or None; notes when it was last used."""
    if not looks_like_token(secret):
        return None
    token = session.scalars(
        select(ApiToken).where(ApiToken.token_hash == hash_token(secret))
    ).one_or_none()
    now = utcnow()
    if token is None or not is_active(token, now):
        return None
    last = token.last_used_at
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=dt.UTC)
    if last is None or now - last > TOUCH_EVERY:
        token.last_used_at = now
        session.flush()
    return token


def owner_of(token: ApiToken) -> Owner:
    """The owner a token acts for."""
    return Owner(key=token.owner_key)


def has_scope(token: ApiToken, scope: str) -> bool:
    return scope in token.scopes.split()
