"""Who is asking, and what they may see.

A signed-in founder acts for their organisation; someone without an account acts as their
browser: a random token kept in the signed, HttpOnly session cookie, created when they
start or import their first assessment (the drafts join the organisation at sign-up or
login). Advisors and admins own no assessments: they read the submitted ones of the cohorts
they review (`services.reviews.may_review`). Assessment links carry an unguessable id; a
link opened by anyone else is refused (403).
"""

from __future__ import annotations

from flask import abort, session

from actcheck.models import Assessment
from actcheck.services import accounts, reviews
from actcheck.services import assessments as service
from actcheck.services.owners import Owner, new_session_token
from actcheck.web import db
from actcheck.web.auth import current_account

SESSION_KEY = "owner_token"


def current_owner() -> Owner | None:
    """The owner acting now: a logged-in founder's organisation, else the browser session
    (None if it never created anything). Advisors and admins own no assessments."""
    user = current_account()
    if user is not None:
        return accounts.owner_of(user)
    token = session.get(SESSION_KEY)
    if not isinstance(token, str) or not token:
        return None
    return Owner.from_session_token(token)


def owner_for_writing() -> Owner:
    """The owner of this browser session, created (and the session made permanent) if new."""
    owner = current_owner()
    if owner is not None:
        return owner
    if current_account() is not None:
        abort(403)  # an advisor or an admin: assessments are the founders'
    token = new_session_token()
    session[SESSION_KEY] = token
    session.permanent = True
    return Owner.from_session_token(token)


def session_owner() -> Owner | None:
    """The anonymous owner of this browser session, whoever is logged in."""
    token = session.get(SESSION_KEY)
    if not isinstance(token, str) or not token:
        return None
    return Owner.from_session_token(token)


def forget_session_owner() -> None:
    session.pop(SESSION_KEY, None)


def load_assessment(public_id: str, *, review: bool = False) -> Assessment:
    """THE loader of assessments: 404 if there is none, 403 if the current user may not.

    The owner (a founder's organisation, or the anonymous browser session) may do
    everything; with `review=True` (read-only pages, the review pages), an advisor of the
    organisation's cohort and an admin may too.
    """
    owner = current_owner() or Owner(key="")
    try:
        return service.get(db.session(), public_id, owner=owner)
    except service.AssessmentNotFound:
        abort(404)
    except service.NotYourAssessment:
        user = current_account()
        if review and user is not None:
            assessment = service.find(db.session(), public_id)
            if reviews.may_review(db.session(), assessment, user):
                return assessment
        abort(403)
