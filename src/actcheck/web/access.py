"""Who is asking, and what they may see.

Until accounts exist (issue 5) the owner is the browser session: a random token kept in
the signed, HttpOnly session cookie, created when the founder starts or imports their
first assessment. Assessment links carry a second unguessable id; a link opened in another
browser is refused (403), because the session there is not its owner.
"""

from __future__ import annotations

from flask import abort, session

from actcheck.models import Assessment
from actcheck.services import assessments as service
from actcheck.services.owners import Owner, new_session_token
from actcheck.web import db

SESSION_KEY = "owner_token"


def current_owner() -> Owner | None:
    """The owner of this browser session, or None if it never created anything."""
    token = session.get(SESSION_KEY)
    if not isinstance(token, str) or not token:
        return None
    return Owner.from_session_token(token)


def owner_for_writing() -> Owner:
    """The owner of this browser session, created (and the session made permanent) if new."""
    owner = current_owner()
    if owner is not None:
        return owner
    token = new_session_token()
    session[SESSION_KEY] = token
    session.permanent = True
    return Owner.from_session_token(token)


def load_assessment(public_id: str) -> Assessment:
    """The assessment of a link for the current owner: 404 if there is none, 403 if it
    belongs to someone else."""
    owner = current_owner() or Owner(key="")
    try:
        return service.get(db.session(), public_id, owner=owner)
    except service.AssessmentNotFound:
        abort(404)
    except service.NotYourAssessment:
        abort(403)
