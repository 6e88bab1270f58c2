"""When reports are rendered ahead: after every committed change of an assessment's answers,
whichever page, import or API call made it (one hook on the database sessions, not a call
in each view), debounced, in the language of the request that made it.

The hook notes the assessments a flush made or whose answers it changed; after the commit
the ids are kept for the request, and when the response is ready each complete one is
scheduled (`scheduling.ahead`, with the app's debounce: a burst of saves renders once, the last).
A rollback forgets them. Outside a request (the worker, the command line) nothing is
scheduled. Scheduling never fails the request: a queue that is down costs a log line, and
the download then renders (or asks) as before.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, g, has_request_context
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from actcheck.models import Assessment
from actcheck.web.db import database

log = logging.getLogger(__name__)

PENDING = "actcheck.report_changes"


def _noted(session: Session) -> set[int]:
    found: set[int] = session.info.setdefault(PENDING, set())
    return found


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    for item in session.dirty:
        if isinstance(item, Assessment) and inspect(item).attrs.answers.history.has_changes():
            _noted(session).add(item.id)


def _after_flush(session: Session, _context: Any) -> None:
    # New assessments have their id only now (imports and copies arrive complete).
    for item in session.new:
        if isinstance(item, Assessment):
            _noted(session).add(item.id)


def _after_commit(session: Session) -> None:
    ids = session.info.pop(PENDING, None)
    if ids and has_request_context():
        g.setdefault("actcheck_report_changes", set()).update(ids)


def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING, None)


def _schedule_changed(response: Any) -> Any:
    ids: set[int] = g.pop("actcheck_report_changes", set())
    if not ids:
        return response
    from actcheck.web.i18n import lang
    from actcheck.web.report import scheduling

    try:
        with database().sessions() as session:
            for assessment_id in sorted(ids):
                assessment = session.get(Assessment, assessment_id)
                if assessment is not None:
                    scheduling.ahead(assessment, lang(), delay=None)
    except Exception:
        log.exception("reports of assessments %s: could not be queued", sorted(ids))
    return response


def init_app(app: Flask) -> None:
    sessions = app.extensions["actcheck.database"].sessions
    event.listen(sessions, "before_flush", _before_flush)
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "after_commit", _after_commit)
    event.listen(sessions, "after_soft_rollback", lambda session, _tx: _after_rollback(session))
    app.after_request(_schedule_changed)
