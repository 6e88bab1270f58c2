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
        # Batch mode lets later migrations alter tables on SQLite too.
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
