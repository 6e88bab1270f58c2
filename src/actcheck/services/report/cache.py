"""Finished reports kept by `report_key`, and `get_report`, which serves a report from a
cache or renders it, one rendering at a time per process.

Every cache is a `ReportStore`: `ReportCache` keeps files in a directory (this module),
`DatabaseReportCache` keeps rows (`actcheck.services.report.store`); the app chooses one
(`actcheck.web.report_cache`)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from actcheck.rules.model import Result
from actcheck.services import report as package
from actcheck.services.report.meta import ReportMeta, answers_file
from actcheck.services.report.templates import template_version
from actcheck.version import __version__

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from actcheck.services.report.render import PackageAssetFetcher

# The package's name: the logger the report has always logged to.
log = logging.getLogger(__package__)


def owner_tag(public_id: str) -> str:
    """The tag an assessment's reports are cached with: a hash of its public id, so that
    file names and rows do not carry the id that opens the assessment."""
    return hashlib.sha256(f"report-owner:{public_id}".encode()).hexdigest()[:32]


def report_key(result: Result, meta: ReportMeta) -> str:
    """The cache key of a report: the answers, the rule-set hash, the language and the
    template version, and what the report prints about itself (date, reference, names);
    with a plan, the digest of what it prints of the plan, so a plan change is a new report
    (without one, the key is what it always was)."""
    parts = {
        "answers": answers_file(result),
        "ruleset": result.ruleset.sha256,
        "lang": meta.lang,
        "template": template_version(),
        "actcheck": __version__,
        "assessed_on": meta.assessed_on.isoformat(),
        "reference": meta.reference,
        "organisation": meta.organisation,
        "system": meta.system,
        "advisor_note": meta.advisor_note,
        "planned_launch": meta.planned_launch,
    }
    if meta.plan is not None:
        parts["plan"] = meta.plan.digest()
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


class ReportStore(Protocol):
    """Where finished PDFs are kept, by `report_key`; `tag` (`owner_tag`) names whose
    report it is, so that deleting an assessment deletes its reports."""

    @property
    def directory(self) -> object:
        """Where it keeps them, for the logs."""

    def get(self, key: str, tag: str = "") -> bytes | None: ...

    def has(self, key: str, tag: str = "") -> bool:
        """Whether the report is kept, without reading it (pages that say "ready")."""

    def put(self, key: str, data: bytes, tag: str = "") -> None: ...

    def forget(self, tag: str, session: Session | None = None) -> int: ...


@dataclass
class ReportCache:
    """Finished PDFs in a directory, keyed by `report_key`.

    Writes are atomic (a temporary file renamed into place), so several processes or
    instances can share one directory. Beyond `max_entries`, the oldest files go.
    """

    directory: Path
    max_entries: int = 1000
    hits: int = field(default=0, init=False)
    misses: int = field(default=0, init=False)

    ENV = "ACTCHECK_REPORT_CACHE_DIR"

    @classmethod
    def from_env(cls, default: Path | None = None) -> ReportCache:
        """The cache in `$ACTCHECK_REPORT_CACHE_DIR`, else in `default`, else in a per-user
        folder of the system's temporary directory."""
        configured = os.environ.get(cls.ENV)
        if configured:
            return cls(Path(configured))
        if default is not None:
            return cls(default)
        return cls(_private_temp_dir())

    def _path(self, key: str, tag: str = "") -> Path:
        if not re.fullmatch(r"[0-9a-f]{64}", key):
            raise ValueError(f"not a report key: {key!r}")
        if not re.fullmatch(r"[0-9a-f]{0,32}", tag):
            raise ValueError(f"not a report tag: {tag!r}")
        return self.directory / (f"{tag}-{key}.pdf" if tag else f"{key}.pdf")

    def get(self, key: str, tag: str = "") -> bytes | None:
        try:
            data = self._path(key, tag).read_bytes()
        except FileNotFoundError:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def has(self, key: str, tag: str = "") -> bool:
        return self._path(key, tag).is_file()

    def put(self, key: str, data: bytes, tag: str = "") -> None:
        """Keep a report; `tag` (see `owner_tag`) lets `forget` find it again."""
        path = self._path(key, tag)
        # Owner-only: reports hold what founders typed.
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".pdf")
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._prune()

    def forget(self, tag: str, session: object = None) -> int:
        """Delete every report kept with `tag`; how many there were (`session`: for the
        database cache's sake, unused here)."""
        self._path("0" * 64, tag)  # refuses anything but a tag
        if not tag or not self.directory.is_dir():
            return 0
        count = 0
        for path in self.directory.glob(f"{tag}-*.pdf"):
            path.unlink(missing_ok=True)
            count += 1
        return count

    def _prune(self) -> None:
        files = list(self.directory.glob("[0-9a-f]*.pdf"))
        if len(files) <= self.max_entries:
            return
        files.sort(key=lambda p: p.stat().st_mtime)
        for path in files[: len(files) - self.max_entries]:
            path.unlink(missing_ok=True)


def _private_temp_dir() -> Path:
    """`<tmp>/actcheck-<uid>/reports`, made owner-only; a fresh folder when someone else
    owns that path (a shared temporary directory must not let another user plant reports)."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: the temp folder is per user
        return Path(tempfile.gettempdir()) / "actcheck" / "reports"
    base = Path(tempfile.gettempdir()) / f"actcheck-{os.getuid()}"
    try:
        base.mkdir(mode=0o700, exist_ok=True)
        if base.lstat().st_uid == os.getuid() and not base.is_symlink():
            base.chmod(0o700)
            return base / "reports"
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix="actcheck-reports-"))


#: One rendering at a time per process. Rendering holds the GIL for seconds: two at once in
#: one gunicorn worker take as long as one after the other, and starve the pages its other
#: threads serve (bench/load.py: page p95 from seconds to under 0.3 s with 2 workers).
_RENDERING = threading.BoundedSemaphore(1)


def cached_report(
    result: Result, meta: ReportMeta, *, cache: ReportStore, tag: str = ""
) -> bytes | None:
    """The PDF report when `cache` holds it, else None: nothing is rendered."""
    return cache.get(report_key(result, meta), tag)


def get_report(
    result: Result,
    meta: ReportMeta,
    *,
    cache: ReportStore | None = None,
    url_fetcher: PackageAssetFetcher | None = None,
    tag: str = "",
) -> bytes:
    """The PDF report, from `cache` when it holds it, else rendered (and then cached).

    `tag` names whose report it is (`owner_tag`), so that deleting them deletes it.
    """
    # `render_pdf` is looked up on the package at call time, so that replacing
    # `actcheck.services.report.render_pdf` (as tests do) takes effect here.
    if cache is None:
        return package.render_pdf(result, meta, url_fetcher=url_fetcher)
    key = report_key(result, meta)
    data = cache.get(key, tag)
    if data is not None:
        return data
    with _RENDERING:
        data = package.render_pdf(result, meta, url_fetcher=url_fetcher)
    try:
        cache.put(key, data, tag)
    except OSError as exc:  # a full or read-only cache must not cost the founder the report
        log.warning("report cache %s: cannot write (%s)", cache.directory, exc)
    return data
