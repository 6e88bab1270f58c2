"""Shared fixtures: the database (SQLite, or PostgreSQL when ACTCHECK_TEST_DATABASE_URL is
set), the app factory, clients, and founders who fill in the questionnaire."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from founders import SECRET, Founder


@dataclass(frozen=True)
class TestDatabase:
    url: str
    schema: str | None

    @property
    def kind(self) -> str:
        return "postgresql" if self.url.startswith("postgresql") else "sqlite"


@pytest.fixture(scope="session")
def test_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestDatabase]:
    """A migrated database for this test run: a fresh PostgreSQL schema when
    ACTCHECK_TEST_DATABASE_URL is set (dropped at the end), else a SQLite file."""
    from actcheck.database import make_engine, upgrade

    url = os.environ.get("ACTCHECK_TEST_DATABASE_URL")
    if url:
        schema = f"actcheck_test_{uuid.uuid4().hex[:12]}"
        admin = make_engine(url)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        database = TestDatabase(url=url, schema=schema)
    else:
        admin = None
        path = tmp_path_factory.mktemp("db") / "actcheck.db"
        database = TestDatabase(url=f"sqlite:///{path}", schema=None)
    engine = make_engine(database.url, schema=database.schema)
    upgrade(engine)
    engine.dispose()
    yield database
    if admin is not None:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{database.schema}" CASCADE'))
        admin.dispose()


def _empty(database: TestDatabase) -> None:
    """Delete every row of every table, children first."""
    from actcheck.database import make_engine
    from actcheck.models import Base

    engine = make_engine(database.url, schema=database.schema)
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    engine.dispose()


@pytest.fixture
def app_factory(test_database: TestDatabase, tmp_path: Path) -> Iterator[Any]:
    """Build apps on the test database (several share it, as after a restart); every
    table is emptied after the test."""
    from actcheck import create_app

    apps: list[Any] = []

    def make(**overrides: Any) -> Any:
        config = {
            "ENV": "testing",
            "SECRET_KEY": SECRET,
            "DATABASE_URL": test_database.url,
            "DATABASE_SCHEMA": test_database.schema,
            "INSTANCE_PATH": str(tmp_path / "instance"),
        }
        config.update(overrides)
        app = create_app(config)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.extensions["actcheck.database"].close()
    _empty(test_database)


@pytest.fixture
def app(app_factory: Any) -> Any:
    return app_factory()


@pytest.fixture
def client(app: Any) -> Any:
    return app.test_client()


# -- founders ------------------------------------------------------------------------------


@pytest.fixture
def founder(client: Any) -> Founder:
    return Founder(client)


@pytest.fixture
def other_founder(app: Any) -> Founder:
    """Someone else, with their own browser, on the same site."""
    return Founder(app.test_client())
