"""`flask --app actcheck db ...`: migrate the database the app is configured with."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from actcheck import database
from actcheck.web.db import database as app_database

db_cli = AppGroup("db", help="Create and migrate the actcheck database.")


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """Migrate the database to REVISION (default: the latest)."""
    engine = app_database().engine
    database.upgrade(engine, revision)
    click.echo(
        f"database {engine.url.render_as_string(hide_password=True)} is at "
        f"revision {database.current_revision(engine)}"
    )


@db_cli.command("downgrade")
@click.argument("revision")
def downgrade(revision: str) -> None:
    """Migrate the database down to REVISION ('base' empties it)."""
    engine = app_database().engine
    database.downgrade(engine, revision)
    click.echo(f"database is at revision {database.current_revision(engine)}")


@db_cli.command("current")
def current() -> None:
    """Print the revision the database is at, and the latest one."""
    engine = app_database().engine
    click.echo(f"current: {database.current_revision(engine)}; latest: {database.head_revision()}")


def init_app(app: Flask) -> None:
    app.cli.add_command(db_cli)
