"""What an API token may read: the same as its account reads on the web, checked per object.

A token is held by an account (or, for tokens made before accounts, by a browser session).
Its `Grant` is worked out again on every request from the account as it is now, not as it
was when the token was made: a founder who leaves an organisation, or an advisor removed
from a cohort, loses the API access with the web access, at once.

- A founder's token (`assessments:read`) reads the assessments of their organisation.
- An advisor's token (`cohorts:read`) reads the cohorts they advise and the submitted
  assessments of those cohorts' organisations; an admin's, every cohort. The check is the
  web review pages' own (`reviews.may_review`, which admits submitted assessments only), so
  the API can never show an advisor more, or less, than the web.

Something the token may not read is "not found", as on the web API's other routes: the
answer does not tell whether it exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from actcheck.models import AccountRole, ApiToken, Assessment, Cohort, User
from actcheck.services import accounts, reviews, tokens
from actcheck.services import assessments as assessments_service
from actcheck.services.owners import Owner

#: An account's tokens are kept under `Owner.user(id)`.
USER_PREFIX = Owner.user(0).key.removesuffix("0")


class NotFound(LookupError):
    """Nothing this token may read has this id."""


@dataclass(frozen=True)
class Grant:
    """A valid token and whom it reads for.

    Attributes:
        token: the token row.
        user: the account holding it; None for a browser session's token.
        owner: whose assessments are the holder's own (a founder's organisation, or the
            browser session); None for advisors and admins, who own none.
    """

    token: ApiToken
    user: User | None
    owner: Owner | None

    def has_scope(self, scope: str) -> bool:
        """Whether the token carries `scope` and its holder can use it now."""
        if not tokens.has_scope(self.token, scope):
            return False
        if scope == tokens.READ_ASSESSMENTS:
            return self.owner is not None
        if scope == tokens.READ_COHORTS:
            return self.user is not None and self.user.role in (
                AccountRole.ADVISOR,
                AccountRole.ADMIN,
            )
        if scope == tokens.WRITE_PLAN:
            # A founder's own organisation only: a browser session's token never writes.
            return (
                self.user is not None
                and self.user.role == AccountRole.FOUNDER
                and self.owner is not None
            )
        return False


def grant_for(session: Session, token: ApiToken) -> Grant | None:
    """The grant of a valid token, or None when its account no longer exists."""
    if not token.owner_key.startswith(USER_PREFIX):
        return Grant(token=token, user=None, owner=tokens.owner_of(token))
    user_id = token.owner_key.removeprefix(USER_PREFIX)
    user = session.get(User, int(user_id)) if user_id.isdigit() else None
    if user is None:
        return None
    return Grant(token=token, user=user, owner=accounts.owner_of(user))


def own_assessments(session: Session, grant: Grant) -> list[Assessment]:
    """The holder's own assessments, most recently changed first."""
    if grant.owner is None:
        return []
    return assessments_service.for_owner(session, owner=grant.owner)


def assessment(session: Session, grant: Grant, public_id: str) -> Assessment:
    """An assessment the token may read: the holder's own, or one submitted to a cohort the
    holder advises (any cohort, for an admin).

    Raises:
        NotFound: no such assessment, or one the token may not read.
    """
    try:
        found = assessments_service.find(session, public_id)
    except assessments_service.AssessmentNotFound:
        raise NotFound(public_id) from None
    if (
        grant.has_scope(tokens.READ_ASSESSMENTS)
        and grant.owner is not None
        and found.owner_key == grant.owner.key
    ):
        return found
    if (
        grant.has_scope(tokens.READ_COHORTS)
        and grant.user is not None
        and reviews.may_review(session, found, grant.user)  # the web's rule: submitted only
    ):
        return found
    raise NotFound(public_id)


def writable_assessment(session: Session, grant: Grant, public_id: str) -> Assessment:
    """An assessment whose plan the token may edit: the holder's own, with `plan:write`
    (a cohort's advisors read plans, they never edit them).

    Raises:
        NotFound: no such assessment, or one the token may not edit (nothing said about
            whether it exists).
    """
    try:
        found = assessments_service.find(session, public_id)
    except assessments_service.AssessmentNotFound:
        raise NotFound(public_id) from None
    if (
        grant.has_scope(tokens.WRITE_PLAN)
        and grant.owner is not None
        and found.owner_key == grant.owner.key
    ):
        return found
    raise NotFound(public_id)


def cohorts(session: Session, grant: Grant) -> list[Cohort]:
    """The cohorts the holder advises (every cohort, for an admin), by name."""
    if grant.user is None or not grant.has_scope(tokens.READ_COHORTS):
        return []
    return reviews.visible_cohorts(session, grant.user)


def cohort(session: Session, grant: Grant, cohort_id: int) -> Cohort:
    """One of the holder's cohorts.

    Raises:
        NotFound: no such cohort, or not one of the holder's.
    """
    for item in cohorts(session, grant):
        if item.id == cohort_id:
            return item
    raise NotFound(str(cohort_id))


def cohort_submissions(
    session: Session,
    grant: Grant,
    cohort_id: int,
    *,
    status: str | None = None,
    tier: str | None = None,
) -> list[reviews.Row]:
    """The submitted assessments of one of the holder's cohorts, newest submission first,
    as the advisors' dashboard lists them.

    Raises:
        NotFound: no such cohort, or not one of the holder's.
    """
    chosen = cohort(session, grant, cohort_id)
    assert grant.user is not None  # noqa: S101 - cohort() found one, so there is a user
    rows = reviews.dashboard(session, grant.user, status=status, tier=tier)
    return [row for row in rows if row.cohort.id == chosen.id]
