"""Accounts, organisations, cohorts and invitations.

Passwords are hashed with Argon2id (argon2-cffi). Invitation tokens are random; only their
SHA-256 is stored, they expire and can be used once. Password-reset tokens are signed
(itsdangerous) with a fingerprint of the current password hash, so they stop working once
used (the password changed) or when they expire.

Functions take the session and the acting user explicitly, flush and log; the caller commits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from actcheck.models import (
    AccountRole,
    ApiToken,
    Assessment,
    AuditEvent,
    Cohort,
    CohortAdvisor,
    Invitation,
    Organisation,
    User,
    utcnow,
)
from actcheck.services import logins, tokens
from actcheck.services.owners import Owner
from actcheck.services.plan.storage import EvidenceStore

log = logging.getLogger(__name__)

ROLES = tuple(AccountRole)
INVITATION_DAYS = 14
RESET_SECONDS = 3600

_hasher = PasswordHasher()
# Verified when the address is unknown, so that a login takes as long either way.
_DUMMY_HASH = _hasher.hash("actcheck-no-such-user")


class InvalidToken(ValueError):
    """The link is unknown, used or expired (one message for all: nothing to learn)."""


class EmailTaken(ValueError):
    """An account already has this address."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def owner_of(user: User) -> Owner | None:
    """The owner key of a founder's assessments: their organisation's."""
    if user.role == AccountRole.FOUNDER and user.organisation_id is not None:
        return Owner.organisation(user.organisation_id)
    return None


def create_user(
    session: Session,
    *,
    email: str,
    password: str,
    name: str,
    role: str,
    organisation: Organisation | None = None,
) -> User:
    """A new account.

    Raises:
        EmailTaken: the address has an account already.
    """
    if role not in ROLES:
        raise ValueError(role)
    address = normalise_email(email)
    if session.scalars(select(User.id).where(User.email == address)).first() is not None:
        raise EmailTaken(address)
    user = User(
        email=address,
        name=name.strip() or address,
        password_hash=hash_password(password),
        role=role,
        organisation_id=organisation.id if organisation is not None else None,
        session_version=1,
        created_at=utcnow(),
    )
    session.add(user)
    session.flush()
    log.info("user %d created (%s)", user.id, role)
    return user


def set_language(session: Session, user: User, code: str) -> None:
    """Record the language `user` reads (the pages' last choice): mails sent without a
    request use it. The caller commits."""
    user.language = code
    session.flush()


def create_organisation(
    session: Session, *, name: str, cohort: Cohort | None = None
) -> Organisation:
    organisation = Organisation(
        name=name.strip(), cohort_id=cohort.id if cohort is not None else None, created_at=utcnow()
    )
    session.add(organisation)
    session.flush()
    return organisation


def authenticate(
    session: Session, email: str, password: str, *, now: dt.datetime | None = None
) -> User | None:
    """The user with this address and password, or None (same time either way).

    After `logins.FREE_FAILURES` failures in a row an account's logins pause (30 s, doubling
    up to 15 min); during the pause even the right password gives None. The answer looks the
    same for a paused account, a wrong password and an unknown address, so the pause tells
    nobody that an address has an account. The caller commits (the failure count too).
    """
    user = session.scalars(select(User).where(User.email == normalise_email(email))).one_or_none()
    paused = user is not None and logins.is_paused(user, now=now)
    try:
        _hasher.verify(user.password_hash if user and not paused else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        if user is not None and not paused:
            logins.record_failure(session, user, now=now)
        return None
    if user is None or paused:
        return None
    logins.record_success(session, user)
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def claim_drafts(session: Session, *, session_owner: Owner, user: User) -> int:
    """Give the drafts started before sign-up (in this browser) to the user's organisation.

    The session's API tokens move to the account (`Owner.user`): they go on reading the
    same assessments, now the organisation's, and end with the account's other tokens.
    """
    owner = owner_of(user)
    if owner is None or not session_owner.key.startswith("session:"):
        return 0
    moved = session.execute(  # type: ignore[attr-defined]
        update(Assessment)
        .where(Assessment.owner_key == session_owner.key)
        .values(owner_key=owner.key)
        .execution_options(synchronize_session=False)
    ).rowcount
    session.execute(
        update(ApiToken)
        .where(ApiToken.owner_key == session_owner.key)
        .values(owner_key=Owner.user(user.id).key)
        .execution_options(synchronize_session=False)
    )
    session.flush()
    if moved:
        log.info("user %d claimed %d drafts", user.id, moved)
    return int(moved or 0)


def drafts_on_login(session: Session, *, session_owner: Owner | None, user: User) -> int:
    """What logging in does to the drafts this browser holds: a founder's organisation
    claims them; an advisor's or an admin's account holds no assessments, so they stay
    where they are (until `flask purge`). Returns how many stayed behind."""
    if session_owner is None:
        return 0
    if user.role in (AccountRole.ADVISOR, AccountRole.ADMIN):
        return drafts_of(session, session_owner)
    claim_drafts(session, session_owner=session_owner, user=user)
    return 0


def drafts_of(session: Session, owner: Owner | None) -> int:
    """How many assessments `owner` (a browser without an account) holds."""
    if owner is None:
        return 0
    count = session.scalar(
        select(func.count()).select_from(Assessment).where(Assessment.owner_key == owner.key)
    )
    return int(count or 0)


def logout_everywhere(session: Session, user: User) -> None:
    """End every signed-in session of the user and revoke their API tokens: whoever held a
    stolen cookie may have made one."""
    user.session_version += 1
    logins.end_all(session, user)
    tokens.revoke_all(session, owner=Owner.user(user.id))
    session.flush()
    log.info("user %d logged out everywhere", user.id)


# -- cohorts and invitations ----------------------------------------------------------------


def audit(
    session: Session,
    *,
    actor: User | None,
    action: str,
    detail: str = "",
    assessment_id: int | None = None,
    cohort_id: int | None = None,
) -> None:
    session.add(
        AuditEvent(
            actor_id=actor.id if actor is not None else None,
            action=action,
            detail=detail[:4000],
            assessment_id=assessment_id,
            cohort_id=cohort_id,
            created_at=utcnow(),
        )
    )


def create_cohort(session: Session, *, name: str, actor: User) -> Cohort:
    if actor.role != AccountRole.ADMIN:
        raise PermissionError("only an admin creates cohorts")
    cohort = Cohort(name=name.strip(), created_at=utcnow())
    session.add(cohort)
    session.flush()
    audit(session, actor=actor, action="cohort_created", detail=cohort.name, cohort_id=cohort.id)
    log.info("cohort %d created by user %d", cohort.id, actor.id)
    return cohort


def close_cohort(session: Session, cohort: Cohort, *, actor: User) -> None:
    if actor.role != AccountRole.ADMIN:
        raise PermissionError("only an admin closes cohorts")
    cohort.closed_at = utcnow()
    session.execute(
        update(Invitation)
        .where(Invitation.cohort_id == cohort.id, Invitation.used_at.is_(None))
        .values(used_at=cohort.closed_at)
        .execution_options(synchronize_session=False)
    )
    audit(session, actor=actor, action="cohort_closed", cohort_id=cohort.id)
    session.flush()


def advisor_cohort_ids(session: Session, user: User) -> list[int]:
    return list(
        session.scalars(select(CohortAdvisor.cohort_id).where(CohortAdvisor.user_id == user.id))
    )


# -- what the pages read --------------------------------------------------------------------


def user_by_email(session: Session, email: str) -> User | None:
    """The account with this address (normalised first), or None."""
    address = normalise_email(email)
    return session.scalars(select(User).where(User.email == address)).one_or_none()


def get_user(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def get_cohort(session: Session, cohort_id: int) -> Cohort | None:
    return session.get(Cohort, cohort_id)


def cohorts(session: Session) -> list[Cohort]:
    """Every cohort, the newest first (the admin's list)."""
    return list(session.scalars(select(Cohort).order_by(Cohort.created_at.desc())))


@dataclass(frozen=True)
class CohortMembers:
    organisations: list[Organisation]
    advisors: list[User]


def cohort_members(session: Session, cohort: Cohort) -> CohortMembers:
    """The organisations in a cohort and the advisors who review it (the cohort's page)."""
    organisations = session.scalars(select(Organisation).where(Organisation.cohort_id == cohort.id))
    advisors = session.scalars(
        select(User)
        .join(CohortAdvisor, CohortAdvisor.user_id == User.id)
        .where(CohortAdvisor.cohort_id == cohort.id)
    )
    return CohortMembers(list(organisations), list(advisors))


def organisation_of(session: Session, user: User) -> Organisation | None:
    """A founder's organisation (None for advisors and admins)."""
    if user.role != AccountRole.FOUNDER or user.organisation_id is None:
        return None
    return session.get(Organisation, user.organisation_id)


def members(session: Session, organisation: Organisation) -> list[User]:
    """The accounts of an organisation, by name."""
    return list(
        session.scalars(
            select(User).where(User.organisation_id == organisation.id).order_by(User.name, User.id)
        )
    )


def invitation_cohorts(
    session: Session, invitation: Invitation, moving: Organisation | None
) -> tuple[Cohort | None, Cohort | None]:
    """The cohort an organisation `moving` leaves, and the one the invitation is for."""
    old = session.get(Cohort, moving.cohort_id) if moving and moving.cohort_id else None
    new = session.get(Cohort, invitation.cohort_id) if invitation.cohort_id else None
    return old, new


def invite(
    session: Session,
    cohort: Cohort,
    *,
    role: str,
    actor: User,
    organisation_name: str | None = None,
    now: dt.datetime | None = None,
) -> str:
    """A new invitation; returns the token (shown once, in the link)."""
    if actor.role != AccountRole.ADMIN:
        raise PermissionError("only an admin invites")
    if role not in (AccountRole.FOUNDER, AccountRole.ADVISOR):
        raise ValueError(role)
    if cohort.closed_at is not None:
        raise PermissionError("the cohort is closed")
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    session.add(
        Invitation(
            token_hash=_token_hash(token),
            cohort_id=cohort.id,
            role=role,
            organisation_name=organisation_name,
            created_by=actor.id,
            created_at=now,
            expires_at=now + dt.timedelta(days=INVITATION_DAYS),
        )
    )
    audit(session, actor=actor, action="invited", detail=role, cohort_id=cohort.id)
    session.flush()
    return token


def _organisation_event(
    session: Session, organisation: Organisation, *, actor: User, action: str
) -> None:
    """Record what happened to an organisation, filed under its cohort (the advisors'
    history), and flush."""
    audit(
        session,
        actor=actor,
        action=action,
        detail=f"organisation {organisation.id}",
        cohort_id=organisation.cohort_id,
    )
    session.flush()


def invite_colleague(session: Session, *, actor: User, now: dt.datetime | None = None) -> str:
    """A new invitation into the founder's own organisation; returns the token (shown
    once, and mailed by the caller).

    The invitation names no address, and whether the colleague's address has an account is
    never checked: a founder must not learn who has one. Someone who has an account is told
    so when they use the link (one account, one organisation).

    Raises:
        PermissionError: the actor is not a founder member of an organisation.
    """
    if actor.role != AccountRole.FOUNDER or actor.organisation_id is None:
        raise PermissionError("only a founder invites into their organisation")
    organisation = session.get(Organisation, actor.organisation_id)
    assert organisation is not None  # noqa: S101 - the foreign key
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    session.add(
        Invitation(
            token_hash=_token_hash(token),
            cohort_id=None,
            organisation_id=organisation.id,
            role=AccountRole.FOUNDER,
            created_by=actor.id,
            created_at=now,
            expires_at=now + dt.timedelta(days=INVITATION_DAYS),
        )
    )
    _organisation_event(session, organisation, actor=actor, action="colleague_invited")
    log.info("user %d invited a colleague into organisation %d", actor.id, organisation.id)
    return token


def colleague_invitations(
    session: Session, organisation_id: int, *, now: dt.datetime | None = None
) -> list[Invitation]:
    """The organisation's colleague invitations still open (unused, unexpired), newest
    first, so that a founder can see and withdraw them."""
    now = now or utcnow()
    rows = session.scalars(
        select(Invitation)
        .where(Invitation.organisation_id == organisation_id, Invitation.used_at.is_(None))
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
    )
    return [row for row in rows if _aware(row.expires_at) > now]


def withdraw_colleague_invitation(session: Session, invitation_id: int, *, actor: User) -> None:
    """End an open colleague invitation of the actor's organisation at once (its link then
    says it is no longer valid).

    Raises:
        InvalidToken: no open invitation of the actor's organisation has this id.
    """
    invitation = session.get(Invitation, invitation_id)
    if (
        invitation is None
        or actor.organisation_id is None
        or invitation.organisation_id != actor.organisation_id
        or invitation.used_at is not None
        or _aware(invitation.expires_at) <= utcnow()
    ):
        raise InvalidToken
    invitation.expires_at = utcnow()
    audit(
        session,
        actor=actor,
        action="colleague_invitation_withdrawn",
        detail=f"organisation {actor.organisation_id}",
    )
    session.flush()


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite gives naive datetimes back; they were stored in UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def find_invitation(session: Session, token: str, *, now: dt.datetime | None = None) -> Invitation:
    """The open invitation of a link.

    Raises:
        InvalidToken: unknown, used, expired, or its cohort is closed.
    """
    invitation = session.scalars(
        select(Invitation).where(Invitation.token_hash == _token_hash(token))
    ).one_or_none()
    now = now or utcnow()
    if invitation is None or invitation.used_at is not None or _aware(invitation.expires_at) <= now:
        raise InvalidToken
    if invitation.organisation_id is not None:
        if session.get(Organisation, invitation.organisation_id) is None:
            raise InvalidToken
        return invitation
    cohort = session.get(Cohort, invitation.cohort_id) if invitation.cohort_id else None
    if cohort is None or cohort.closed_at is not None:
        raise InvalidToken
    return invitation


def invited_organisation(session: Session, invitation: Invitation) -> Organisation | None:
    """The organisation a colleague's invitation lets one join; None for an admin's."""
    if invitation.organisation_id is None:
        return None
    return session.get(Organisation, invitation.organisation_id)


class WouldMoveOrganisation(Exception):
    """Accepting would move the founder's existing organisation, with its assessments and
    their review history, out of the cohort it is in: the founder must say so
    (`move=True`)."""

    def __init__(self, organisation: Organisation, cohort: Cohort | None) -> None:
        super().__init__(f"organisation {organisation.id} is in cohort {cohort and cohort.id}")
        self.organisation = organisation
        self.cohort = cohort


def moves_organisation(session: Session, invitation: Invitation, user: User) -> Organisation | None:
    """The organisation accepting this invitation would take out of another cohort, if any."""
    if invitation.role != AccountRole.FOUNDER or invitation.organisation_id is not None:
        return None
    if user.role != AccountRole.FOUNDER or user.organisation_id is None:
        return None
    existing = session.get(Organisation, user.organisation_id)
    if existing is None or existing.cohort_id in (None, invitation.cohort_id):
        return None
    return existing


def accept_invitation(
    session: Session,
    invitation: Invitation,
    *,
    user: User,
    organisation_name: str | None = None,
    move: bool = False,
) -> None:
    """Use the invitation: the advisor joins the cohort, the founder's organisation joins it
    (a new organisation if the founder has none); a colleague (a new founder account, with
    no organisation yet) joins the inviting organisation.

    Raises:
        WouldMoveOrganisation: the founder's organisation is in another cohort and `move`
            is not set; nothing is changed.
    """
    moving = moves_organisation(session, invitation, user)
    if moving is not None and not move:
        cohort = session.get(Cohort, moving.cohort_id) if moving.cohort_id else None
        raise WouldMoveOrganisation(moving, cohort)
    if invitation.organisation_id is not None and (
        user.role != AccountRole.FOUNDER or user.organisation_id is not None
    ):
        raise InvalidToken
    now = utcnow()
    claimed = session.execute(  # type: ignore[attr-defined]
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:  # used by a concurrent request
        raise InvalidToken
    if invitation.organisation_id is not None:
        organisation = session.get(Organisation, invitation.organisation_id)
        if organisation is None:
            raise InvalidToken
        user.organisation_id = organisation.id
        _organisation_event(session, organisation, actor=user, action="colleague_joined")
        log.info("user %d joined organisation %d", user.id, organisation.id)
        return
    cohort = session.get(Cohort, invitation.cohort_id) if invitation.cohort_id else None
    assert cohort is not None  # noqa: S101 - find_invitation checked it
    if invitation.role == AccountRole.ADVISOR:
        if user.role != AccountRole.ADVISOR:
            raise InvalidToken
        if session.get(CohortAdvisor, (cohort.id, user.id)) is None:
            session.add(CohortAdvisor(cohort_id=cohort.id, user_id=user.id))
    else:
        if user.role != AccountRole.FOUNDER:
            raise InvalidToken
        if user.organisation_id is None:
            name = organisation_name or invitation.organisation_name or user.name
            organisation = create_organisation(session, name=name, cohort=cohort)
            user.organisation_id = organisation.id
        else:
            existing = session.get(Organisation, user.organisation_id)
            assert existing is not None  # noqa: S101
            existing.cohort_id = cohort.id
    audit(
        session,
        actor=user,
        action="invitation_accepted",
        detail=invitation.role,
        cohort_id=cohort.id,
    )
    session.flush()
    log.info("user %d joined cohort %d as %s", user.id, cohort.id, invitation.role)


# -- password reset -------------------------------------------------------------------------


def _reset_serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt="actcheck-password-reset")


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode("utf-8")).hexdigest()[:16]


def reset_token(user: User, *, secret: str) -> str:
    return _reset_serializer(secret).dumps({"u": user.id, "p": _fingerprint(user)})


def user_for_reset(
    session: Session, token: str, *, secret: str, max_age: int = RESET_SECONDS
) -> User:
    """The user of a reset link.

    Raises:
        InvalidToken: bad signature, expired, or already used (the password changed).
    """
    try:
        data = _reset_serializer(secret).loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired):
        raise InvalidToken from None
    user = session.get(User, data.get("u")) if isinstance(data, dict) else None
    if user is None or not secrets.compare_digest(str(data.get("p")), _fingerprint(user)):
        raise InvalidToken
    return user


def set_password(session: Session, user: User, password: str) -> None:
    """A new password; every login of the user ends, their API tokens are revoked, and a
    login pause after failed attempts is lifted (they proved they own the address)."""
    user.password_hash = hash_password(password)
    user.session_version += 1
    logins.end_all(session, user)
    tokens.revoke_all(session, owner=Owner.user(user.id))
    logins.record_success(session, user)
    session.flush()
    log.info("user %d changed their password", user.id)


# -- privacy --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deleted:
    assessments: int
    public_ids: tuple[str, ...] = ()
    """The assessments deleted with the account: their cached reports must go too."""


def delete_account(session: Session, user: User, *, evidence_store: EvidenceStore) -> Deleted:
    """Delete the account and, if they are its last member, their organisation and its
    assessments (with their submissions, comments, history, plans and evidence files)."""
    from actcheck.services.plan.evidence import discard_files

    count = 0
    deleted: list[str] = []
    if user.organisation_id is not None:
        others = session.scalars(
            select(User.id).where(User.organisation_id == user.organisation_id, User.id != user.id)
        ).first()
        if others is None:
            owner = Owner.organisation(user.organisation_id)
            doomed = list(
                session.scalars(select(Assessment).where(Assessment.owner_key == owner.key))
            )
            discard_files(session, evidence_store, [a.id for a in doomed])
            for assessment in doomed:
                session.delete(assessment)
                deleted.append(assessment.public_id)
                count += 1
            session.execute(delete(ApiToken).where(ApiToken.owner_key == owner.key))
            organisation = session.get(Organisation, user.organisation_id)
            if organisation is not None:
                _forget_name(session, organisation)
            user.organisation_id = None
            session.flush()
            if organisation is not None:
                session.delete(organisation)
    session.execute(delete(ApiToken).where(ApiToken.owner_key == Owner.user(user.id).key))
    logins.end_all(session, user)
    session.delete(user)
    session.flush()
    log.info("an account and %d assessments were deleted", count)
    return Deleted(assessments=count, public_ids=tuple(deleted))


def _forget_name(session: Session, organisation: Organisation) -> None:
    """The admin's invitation that created this organisation keeps its name: blank it."""
    session.execute(
        update(Invitation)
        .where(
            Invitation.organisation_name == organisation.name,
            Invitation.used_at.is_not(None),
            Invitation.cohort_id == organisation.cohort_id
            if organisation.cohort_id is not None
            else Invitation.cohort_id.is_(None),
        )
        .values(organisation_name=None)
    )
