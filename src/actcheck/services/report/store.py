"""The PDF report cache in the database, shared by every app instance.

`actcheck.services.report.ReportCache` keeps finished reports in a directory, which several
instances share only if they mount the same folder. `DatabaseReportCache` keeps them in the
`report_cache` table instead (`ACTCHECK_REPORT_CACHE=database`), so instances on different
machines that share the database share the cache too. Same interface (`get`, `put`).

A cache must never cost a founder their report: a failed read is a miss and a failed write
is logged, whatever the database says.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from actcheck.models import StoredReport, utcnow

log = logging.getLogger(__name__)

KEY = re.compile(r"[0-9a-f]{64}")


@dataclass
class DatabaseReportCache:
    """Finished PDFs in the `report_cache` table, keyed by `report.report_key`.

    Beyond `max_entries` rows, the oldest go (a report is rendered again when asked for).
    """

    sessions: sessionmaker[Session]
    max_entries: int = 2000
    hits: int = field(default=0, init=False)
    misses: int = field(default=0, init=False)

    @property
    def directory(self) -> str:
        """Where the reports are, for log messages (the file cache names its folder)."""
        return "database table report_cache"

    @staticmethod
    def _check(key: str) -> None:
        if not KEY.fullmatch(key):
            raise ValueError(f"not a report key: {key!r}")

    def get(self, key: str, tag: str = "") -> bytes | None:
        self._check(key)
        try:
            with self.sessions() as session:
                data = session.scalar(
                    select(StoredReport.pdf).where(StoredReport.key == key, StoredReport.tag == tag)
                )
        except SQLAlchemyError as exc:
            log.warning("report cache: cannot read (%s)", type(exc).__name__)
            data = None
        if data is None:
            self.misses += 1
            return None
        self.hits += 1
        return bytes(data)

    def has(self, key: str, tag: str = "") -> bool:
        self._check(key)
        try:
            with self.sessions() as session:
                found = session.scalar(
                    select(StoredReport.key).where(StoredReport.key == key, StoredReport.tag == tag)
                )
        except SQLAlchemyError as exc:
            log.warning("report cache: cannot read (%s)", type(exc).__name__)
            return False
        return found is not None

    def put(self, key: str, data: bytes, tag: str = "") -> None:
        self._check(key)
        try:
            with self.sessions() as session:
                session.add(StoredReport(key=key, pdf=data, created_at=utcnow(), tag=tag))
                session.commit()
        except IntegrityError:
            return  # another worker stored the same report first: same key, same bytes
        except SQLAlchemyError as exc:
            log.warning("report cache: cannot write (%s)", type(exc).__name__)
            return
        self._prune()

    def forget(self, tag: str, session: Session | None = None) -> int:
        """Delete every report kept with `tag`; how many there were.

        In `session` when given, so that the reports go in the same transaction as the
        assessment they belong to (and SQLite's single writer is not waited for). Unlike a
        read or a write, a failure here is raised: a deletion the person asked for must not
        be reported as done when it was not.
        """
        if not tag:
            return 0
        statement = delete(StoredReport).where(StoredReport.tag == tag)
        if session is not None:
            return int(getattr(session.execute(statement), "rowcount", 0) or 0)
        with self.sessions() as own:
            result = own.execute(statement)
            own.commit()
        return int(getattr(result, "rowcount", 0) or 0)

    def _prune(self) -> None:
        try:
            with self.sessions() as session:
                oldest_kept = session.scalar(
                    select(StoredReport.created_at)
                    .order_by(StoredReport.created_at.desc())
                    .offset(self.max_entries - 1)
                    .limit(1)
                )
                if oldest_kept is not None:
                    session.execute(
                        delete(StoredReport).where(StoredReport.created_at < oldest_kept)
                    )
                    session.commit()
        except SQLAlchemyError as exc:
            log.warning("report cache: cannot prune (%s)", type(exc).__name__)
