"""What the queue's workers do, inside an app context (`actcheck.web.report.queue` runs
these for its tasks): render one job (a PDF report, or a drafted document:
`web/drafts/wanted.py`), find the jobs whose worker died, build a cohort's reports as one
ZIP.

A job renders only the file it was made for: the assessment is loaded again and its key
computed again, and a job whose assessment has moved on (a newer version, another note)
is superseded, not rendered: a burst of edits renders once, the last, and a report for an
old version is never kept under a new one's key. A failure is logged with the job and the
assessment ids, retried by the queue, and after the last retry shown as failed; the
assessment itself is never touched.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import time
import zipfile
from collections.abc import Callable

from sqlalchemy.orm import Session

from actcheck.models import Assessment, ReportBundle, ReportJob, User, utcnow
from actcheck.presentation import file_slug
from actcheck.services import assessments, drafts, report, reviews
from actcheck.services import report_jobs as jobs
from actcheck.services.report_jobs import JobStatus
from actcheck.web import db, report_cache
from actcheck.web.assessment_pages import display_name
from actcheck.web.drafts.wanted import render as render_draft
from actcheck.web.drafts.wanted import want_draft
from actcheck.web.report.wanted import want

log = logging.getLogger(__name__)


def render_job(job_id: int, retries_left: int, lease: dt.timedelta) -> None:
    """Render the report or draft of job `job_id`, unless it is done, taken or out of date.

    Raises the render's error while `retries_left` (the queue then tries again); after the
    last try the job is marked failed and nothing is raised.
    """
    session = db.session()
    job = session.get(ReportJob, job_id)
    if job is None or job.status not in (JobStatus.QUEUED, JobStatus.RENDERING):
        return
    if job.status == JobStatus.RENDERING and _holds_lease(job, lease):
        return  # another worker has it; the sweep gives it back if that worker dies
    assessment = session.get(Assessment, job.assessment_id)
    current = _current(assessment, job) if assessment is not None else None
    if current is None or current[0] != job.key:
        jobs.supersede(session, job)
        session.commit()
        return
    _key, render = current
    cache = report_cache.current()
    if cache.has(job.key, job.tag):
        jobs.finish(session, job, 0.0)
        session.commit()
        return
    jobs.start(session, job)
    session.commit()
    started = time.perf_counter()
    try:
        cache.put(job.key, render(), job.tag)
    except Exception as exc:
        session.rollback()
        log.exception(
            "report job %s (assessment %s, version %s, %s) failed on attempt %s",
            job.id,
            job.assessment_id,
            job.version,
            job.lang,
            job.attempts,
        )
        if retries_left > 0:
            jobs.retry(session, job, type(exc).__name__)
            session.commit()
            raise
        jobs.fail(session, job, type(exc).__name__)
        session.commit()
        return
    jobs.finish(session, job, time.perf_counter() - started)
    session.commit()


def _current(assessment: Assessment, job: ReportJob) -> tuple[str, Callable[[], bytes]] | None:
    """The key of what the job's document is today for its assessment, and how to render
    it; None when there is nothing to render any more (incomplete, or a draft the result
    no longer calls for)."""
    named = jobs.drafted(job.document)
    if named is None:
        found = want(assessment, job.lang)
        if found is None:
            return None
        return found.wanted.key, lambda: report.render_pdf(found.result, found.meta)
    try:
        draft = want_draft(assessment, named[0], named[1], job.lang)
    except drafts.UnknownDraft:
        return None
    if draft is None:
        return None
    return draft.wanted.key, lambda: render_draft(draft)


def _holds_lease(job: ReportJob, lease: dt.timedelta) -> bool:
    started = job.started_at
    if started is None:
        return False
    if started.tzinfo is None:  # SQLite returns naive UTC datetimes
        started = started.replace(tzinfo=dt.UTC)
    return utcnow() - started < lease


def expired_jobs(lease: dt.timedelta) -> list[int]:
    """The jobs whose worker stopped mid-render, set back to queued (to enqueue again)."""
    session = db.session()
    ids = jobs.expired(session, lease)
    session.commit()
    if ids:
        log.warning("report jobs %s: their worker stopped; queued again", ids)
    return ids


def build_bundle(bundle_id: int) -> None:
    """Put the reports of a bundle's assessments into one ZIP, counting them as they come
    (the progress page reads `done`). Reports the cache holds are taken from it; the rest
    are rendered here. An assessment deleted or left incomplete since is named in the
    ZIP's list of what is missing, never silently dropped."""
    session = db.session()
    bundle = session.get(ReportBundle, bundle_id)
    if bundle is None or bundle.status != "queued":
        return
    bundle.status = "building"
    session.commit()
    cache = report_cache.current()
    buffer = io.BytesIO()
    missing: list[str] = []
    names: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        requester = session.get(User, bundle.requester_id)
        for public_id in bundle.assessments:
            name, pdf = _bundle_entry(session, public_id, bundle.lang, cache, requester)
            if pdf is None:
                missing.append(name)
            else:
                archive.writestr(_unique(name, names), pdf)
            bundle.done += 1
            session.commit()
        if missing:
            archive.writestr("MISSING.txt", "\n".join(missing) + "\n")
    bundle.data = buffer.getvalue()
    bundle.status = "done"
    bundle.finished_at = utcnow()
    session.commit()


def _bundle_entry(
    session: Session,
    public_id: str,
    lang: str,
    cache: report.ReportStore,
    requester: User | None,
) -> tuple[str, bytes | None]:
    """One report of a bundle and its file name, or None and the reason it is missing.
    Access is checked again here: an advisor who left the cohort since gets nothing."""
    try:
        item = assessments.find(session, public_id)
    except assessments.AssessmentNotFound:
        return f"{public_id[:8]}: deleted since the bundle was asked for", None
    if requester is None or not reviews.may_review(session, item, requester):
        return f"{public_id[:8]}: no longer yours to review", None
    found = want(item, lang)
    name = f"actcheck-report-{file_slug(display_name(item))}-{public_id[:8]}-{lang}.pdf"
    if found is None:
        return f"{name}: incomplete (questions left to answer)", None
    pdf = report.get_report(found.result, found.meta, cache=cache, tag=found.wanted.tag)
    return name, pdf


def fail_bundle(bundle_id: int, error: str) -> None:
    session = db.session()
    bundle = session.get(ReportBundle, bundle_id)
    if bundle is not None:
        bundle.status = "failed"
        bundle.error = error[:200]
        bundle.finished_at = utcnow()
        session.commit()


def _unique(name: str, taken: set[str]) -> str:
    """`name`, or `name` with a number when two systems have the same name and id prefix."""
    candidate, number = name, 2
    while candidate in taken:
        candidate = name.replace(".pdf", f"-{number}.pdf")
        number += 1
    taken.add(candidate)
    return candidate
