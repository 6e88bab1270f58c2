"""Which assessments a request changed, for everything that must follow a change of answers
(the report rendered ahead, the compliance plan reconciled): one hook on the database
sessions, whichever page, import or API call made the change, and not a call in each view.

The hook notes the assessments a flush created or whose answers or rule set it changed (the
stored result follows both, `services.assessments.refresh`); after the commit the ids are
kept for the request, and when the response is ready each subscriber is called once with
them, in the order subscribed. A rollback forgets them; outside a request (the worker, the
command line) nothing is called. A subscriber that fails costs a log line, never the
request, and never the next subscriber.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from flask import Flask, current_app, g, has_request_context
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from actcheck.models import Assessment

log = logging.getLogger(__name__)

PENDING = "actcheck.assessment_changes"
REQUEST_KEY = "actcheck_assessment_changes"
EXTENSION = "actcheck.assessment_changes"

Subscriber = Callable[[Sequence[int]], None]
"""Called after the response is built with the ids of the assessments the request changed."""

_WATCHED = ("answers", "ruleset_sha256")


def _noted(session: Session) -> set[int]:
    found: set[int] = session.info.setdefault(PENDING, set())
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


def _after_commit(session: Session) -> None:
    ids = session.info.pop(PENDING, None)
    if ids and has_request_context():
        g.setdefault(REQUEST_KEY, set()).update(ids)


def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING, None)


def _dispatch(response: Any) -> Any:
    ids: set[int] = g.pop(REQUEST_KEY, set())
    if not ids:
        return response
    changed = sorted(ids)
    for name, subscriber in current_app.extensions[EXTENSION]:
        try:
            subscriber(changed)
        except Exception:
            log.exception("%s after changes of assessments %s failed", name, changed)
    return response


def subscribe(app: Flask, name: str, subscriber: Subscriber) -> None:
    """Call `subscriber` after every request that committed changes of assessments.

    `name` only names it in the log when it fails.
    """
    app.extensions[EXTENSION].append((name, subscriber))


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = []
    sessions = app.extensions["actcheck.database"].sessions
    event.listen(sessions, "before_flush", _before_flush)
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "after_commit", _after_commit)
    event.listen(sessions, "after_soft_rollback", lambda session, _tx: _after_rollback(session))
    app.after_request(_dispatch)
