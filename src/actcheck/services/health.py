"""Whether the database answers, and at which migration: what `/healthz` reports.

A pending migration is reported, not failed: during a rolling deployment the old instances
must keep serving while the new code migrates.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Health:
    reachable: bool
    migrations_current: bool


def database_health(engine: Engine) -> Health:
    """Ask the database one query and its migration; never raises for a database away."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            try:
                revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
            except SQLAlchemyError:
                revision = None  # never migrated
    except SQLAlchemyError as exc:
        log.warning("health check: database unreachable (%s)", type(exc).__name__)
        return Health(reachable=False, migrations_current=False)
    return Health(reachable=True, migrations_current=revision == _head())


@lru_cache(maxsize=1)
def _head() -> str:
    from actcheck.database import head_revision

    return head_revision()
