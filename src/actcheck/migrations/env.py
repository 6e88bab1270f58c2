"""Alembic environment: runs against the engine actcheck hands over, or ACTCHECK_DATABASE_URL.

`actcheck.database.upgrade(engine)` passes its engine in `config.attributes["engine"]`; the
`alembic` command line (see `alembic.ini` at the repository root) falls back to the
`ACTCHECK_DATABASE_URL` environment variable.
"""

from __future__ import annotations

import os

from alembic import context

from actcheck.database import make_engine
from actcheck.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    context.configure(
        url=os.environ["ACTCHECK_DATABASE_URL"],
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        engine = make_engine(os.environ["ACTCHECK_DATABASE_URL"])
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a SQLite table by copying it and dropping the original:
            # with foreign keys enforced, that drop would cascade to every referring row.
            # The pragma only takes effect outside a transaction, hence before configure.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        # Batch mode lets later migrations alter tables on SQLite too.
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"the migration broke foreign keys: {broken[:5]}")
        connection.commit()
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
