"""Which PDF report cache the app uses, chosen once when the app is built.

- `ACTCHECK_REPORT_CACHE=directory` (the default): files in `ACTCHECK_REPORT_CACHE_DIR`,
  else `<instance>/report-cache`. Instances share it when they mount the same folder.
- `ACTCHECK_REPORT_CACHE=database`: the `report_cache` table, shared by every instance that
  shares the database, wherever it runs.

The cache is put in `app.extensions["actcheck.report_cache"]`, where the report download
(`actcheck.web.report.views`) and the API look for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy.orm import Session

from actcheck.services.report.cache import ReportStore

EXTENSION = "actcheck.report_cache"
KINDS = ("directory", "database")


def build(app: Flask) -> ReportStore:
    """The cache the configuration asks for."""
    if app.config.get("REPORT_CACHE") == "database":
        from actcheck.services.report.store import DatabaseReportCache

        return DatabaseReportCache(app.extensions["actcheck.database"].sessions)
    from actcheck.services.report import ReportCache

    # REPORT_CACHE_DIR is ACTCHECK_REPORT_CACHE_DIR, read with the rest of the configuration.
    folder = app.config.get("REPORT_CACHE_DIR")
    return ReportCache(Path(folder) if folder else Path(app.instance_path) / "report-cache")


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = build(app)


def current() -> ReportStore:
    """The app's report cache (a `ReportCache` or a `DatabaseReportCache`)."""
    store: ReportStore = current_app.extensions[EXTENSION]
    return store


def forget(public_ids: Iterable[str], session: Session) -> int:
    """Delete the cached reports of these assessments (they are being deleted in
    `session`): a report holds the organisation's and the system's names. Called before
    the deletion commits, so that a cache that cannot be emptied leaves the assessment in
    place rather than a copy of it; the database cache deletes in `session` itself."""
    from actcheck.services.report import owner_tag

    cache = current()
    return sum(int(cache.forget(owner_tag(public_id), session)) for public_id in public_ids)
