"""Engine, sessions and migrations, without Flask: the web app, the tests and the benchmark
all open the database the same way.

Migrations live inside the package (`actcheck/migrations`) so a wheel carries them; Alembic
is configured in code, no `alembic.ini` needed (one at the repository root only serves
`alembic revision --autogenerate` in a checkout).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

log = logging.getLogger(__name__)


def make_engine(url: str, *, echo: bool = False, schema: str | None = None) -> Engine:
    """An engine for `url`, tuned for the web app.

    SQLite: write-ahead logging (readers never wait for the writer), foreign keys on, and
    a busy timeout so that two gunicorn workers saving at once wait instead of failing.
    PostgreSQL: an optional `schema` (the tests give each run its own).
    """
    kwargs: dict[str, Any] = {"echo": echo}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"timeout": 15, "check_same_thread": False}
    else:
        kwargs["pool_pre_ping"] = True
        if schema:
            kwargs["connect_args"] = {"options": f"-csearch_path={schema}"}
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


@dataclass
class Database:
    """One engine and its session factory (one per app)."""

    engine: Engine
    sessions: sessionmaker[Session]

    @classmethod
    def open(cls, url: str, *, echo: bool = False, schema: str | None = None) -> Database:
        engine = make_engine(url, echo=echo, schema=schema)
        return cls(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))

    def close(self) -> None:
        self.engine.dispose()


def alembic_config(engine: Engine) -> Any:
    """An Alembic configuration bound to `engine` (imported here: the CLI never needs it)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to `revision` (creating it from nothing if need be)."""
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None when it was never migrated."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(None))  # type: ignore[arg-type]
    head = script.get_current_head()
    assert head is not None  # noqa: S101 - there is always a first migration
    return head


def has_schema(engine: Engine) -> bool:
    return inspect(engine).has_table("assessment")
