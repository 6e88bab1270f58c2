"""Which assessments a request changed, for everything that must follow a change of answers
(the report rendered ahead, the compliance plan reconciled): one hook on the database
sessions, whichever page, import or API call made the change, and not a call in each view.

The hook notes the assessments a flush created or whose answers or rule set it changed (the
stored result follows both, `services.assessments.refresh`); after the commit the ids are
kept for the request, and when the response is ready each subscriber is called once with
them, in the order subscribed. A rollback forgets them; outside a request (the worker, the
command line) nothing is called. A subscriber that fails costs a log line, never the
request, and never the next subscriber.

A subscriber may also follow the compliance plans (`plan=True`: the report, which shows
the plan): it is then called with the assessments whose plan a commit changed as well, as
the plan's history shows every change (`services.plan.items.record_event`: a status, an
owner, a target, evidence, an item made, archived or restored; a comment changes nothing
the report prints and is not noted). Reconciling the plan does not follow plan changes: it
is what makes some of them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from flask import Flask, current_app, g, has_request_context
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from actcheck.models import Assessment, PlanEvent

log = logging.getLogger(__name__)

PENDING = "actcheck.assessment_changes"
PENDING_PLANS = "actcheck.assessment_changes.plans"
REQUEST_KEY = "actcheck_assessment_changes"
REQUEST_PLANS_KEY = "actcheck_assessment_changes_plans"
EXTENSION = "actcheck.assessment_changes"
PLAN_FOLLOWERS = "actcheck.assessment_changes.plan_followers"

Subscriber = Callable[[Sequence[int]], None]
"""Called after the response is built with the ids of the assessments the request changed."""

_WATCHED = ("answers", "ruleset_sha256")


def _noted(session: Session, key: str = PENDING) -> set[int]:
    found: set[int] = session.info.setdefault(key, set())
    return found


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    for item in session.dirty:
        if isinstance(item, Assessment):
            attrs = inspect(item).attrs
            if any(getattr(attrs, name).history.has_changes() for name in _WATCHED):
                _noted(session).add(item.id)


def _after_flush(session: Session, _context: Any) -> None:
    # New assessments have their id only now (imports and copies arrive complete).
    for item in session.new:
        if isinstance(item, Assessment):
            _noted(session).add(item.id)
        elif isinstance(item, PlanEvent) and item.action != "comment":
            _noted(session, PENDING_PLANS).add(item.assessment_id)


def _after_commit(session: Session) -> None:
    for pending, kept in ((PENDING, REQUEST_KEY), (PENDING_PLANS, REQUEST_PLANS_KEY)):
        ids = session.info.pop(pending, None)
        if ids and has_request_context():
            g.setdefault(kept, set()).update(ids)


def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING, None)
    session.info.pop(PENDING_PLANS, None)


def _dispatch(response: Any) -> Any:
    ids: set[int] = g.pop(REQUEST_KEY, set())
    plans: set[int] = g.pop(REQUEST_PLANS_KEY, set())
    if not ids and not plans:
        return response
    followers = current_app.extensions[PLAN_FOLLOWERS]
    for name, subscriber in current_app.extensions[EXTENSION]:
        changed = sorted(ids | plans if subscriber in followers else ids)
        if not changed:
            continue
        try:
            subscriber(changed)
        except Exception:
            log.exception("%s after changes of assessments %s failed", name, changed)
    return response


def subscribe(app: Flask, name: str, subscriber: Subscriber, *, plan: bool = False) -> None:
    """Call `subscriber` after every request that committed changes of assessments (with
    `plan`, of their compliance plans too).

    `name` only names it in the log when it fails.
    """
    app.extensions[EXTENSION].append((name, subscriber))
    if plan:
        app.extensions[PLAN_FOLLOWERS].append(subscriber)


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = []
    app.extensions[PLAN_FOLLOWERS] = []
    sessions = app.extensions["actcheck.database"].sessions
    event.listen(sessions, "before_flush", _before_flush)
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "after_commit", _after_commit)
    event.listen(sessions, "after_soft_rollback", lambda session, _tx: _after_rollback(session))
    app.after_request(_dispatch)
