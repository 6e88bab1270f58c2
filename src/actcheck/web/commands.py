"""`flask --app actcheck db ...`: migrate the database the app is configured with."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

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


@click.command("purge")
@with_appcontext
@click.option(
    "--days",
    type=click.IntRange(min=1),
    default=None,
    help="Delete anonymous drafts untouched for this many days "
    "(default: ACTCHECK_ANONYMOUS_DRAFT_DAYS, 90).",
)
def purge(days: int | None) -> None:
    """Housekeeping, to run daily (cron): delete abandoned anonymous drafts with their cached
    reports, login sessions past their limits, and evidence files no plan names any more
    (an upload whose process died before it was saved)."""
    import datetime as dt

    from actcheck.models import utcnow
    from actcheck.services import assessments, logins
    from actcheck.services.plan.storage import open_store
    from actcheck.web import report_cache
    from actcheck.web.auth import login_limits

    keep = days if days is not None else int(current_app.config["ANONYMOUS_DRAFT_DAYS"])
    with app_database().sessions() as session:
        gone = assessments.purge_anonymous(
            session, untouched_since=utcnow() - dt.timedelta(days=keep)
        )
        reports = report_cache.forget(gone, session)
        ended = logins.purge_expired(session, limits=login_limits())
        store = open_store(str(current_app.config["EVIDENCE_STORE"]), session)
        # A day's grace: a younger file may be an upload whose row is not committed yet.
        orphans = store.sweep(older_than=utcnow() - dt.timedelta(days=1))
        session.commit()
    click.echo(
        f"deleted {len(gone)} anonymous drafts untouched for {keep} days "
        f"({reports} cached reports), {ended} expired login sessions and {orphans} evidence "
        "files no plan names"
    )


def init_app(app: Flask) -> None:
    app.cli.add_command(db_cli)
    app.cli.add_command(purge)
