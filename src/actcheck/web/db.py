"""One database session per request, closed (and so rolled back if not committed) at the
end of the request. Views commit once, after the service calls."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.orm import Session

from actcheck.database import Database


def database() -> Database:
    db: Database = current_app.extensions["actcheck.database"]
    return db


def session() -> Session:
    """The request's session, opened on first use."""
    if "db_session" not in g:
        g.db_session = database().sessions()
    current: Session = g.db_session
    return current


def release() -> None:
    """Close the request's session now, before long work that needs no database (rendering
    a PDF report takes about a second): its connection goes back to the pool for other
    requests. Objects already loaded stay readable; a later `session()` opens a new one."""
    current = g.pop("db_session", None)
    if current is not None:
        current.close()


def _close(_exc: BaseException | None) -> None:
    current = g.pop("db_session", None)
    if current is not None:
        current.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(_close)
