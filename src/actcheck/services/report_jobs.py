"""Where each background report or drafted document stands: the `report_job` rows the
queue's workers and the web pages share (issues 16 and 18).

The task queue (Huey, `actcheck.web.report.queue`) carries only a job's id; everything a
page says about a report that is not ready yet comes from here, so every web worker on
every machine says the same. A job moves

    queued -> rendering -> done
                       \\-> queued (a retry, or its worker died: the lease ran out)
                       \\-> failed (retries spent; "try again" queues it once more)
    queued -> superseded (the assessment changed first: the newer version's job renders)

One row per key (`report_key`: answers, rule set, language, template, what the report
prints; `drafts.draft_key` for a draft: kind, format, language, assessment version, rule
set, content version), so a file never has two jobs and a job never renders another
version's file. `document` says what a job renders: `REPORT`, or `draft_document(kind,
format)`. No Flask here; the caller commits.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from actcheck.models import ReportJob, utcnow


class JobStatus(StrEnum):
    QUEUED = "queued"
    RENDERING = "rendering"
    DONE = "done"
    FAILED = "failed"
    SUPERSEDED = "superseded"


#: The `document` of a PDF report's job.
REPORT = "report"
#: How a drafted document's job names what it renders: "draft:<kind>.<format>".
DRAFT_PREFIX = "draft:"


def draft_document(kind: str, fmt: str) -> str:
    """The `document` of the job that renders the draft `kind` as `fmt`."""
    return f"{DRAFT_PREFIX}{kind}.{fmt}"


def drafted(document: str) -> tuple[str, str] | None:
    """The (kind, format) a job's `document` names, or None for a report."""
    if not document.startswith(DRAFT_PREFIX):
        return None
    kind, _dot, fmt = document.removeprefix(DRAFT_PREFIX).rpartition(".")
    return (kind, fmt) if kind and fmt else None


#: What a job waits in or runs in: counted for a newcomer's place in the queue.
ACTIVE = (JobStatus.QUEUED, JobStatus.RENDERING)
#: Seconds a render is assumed to take before any has finished (about one CPU second each,
#: bench/report_bench.py), for the first estimate of a wait.
DEFAULT_SECONDS = 1.5
#: How many finished jobs the estimate averages.
RECENT = 20


@dataclass(frozen=True)
class Wanted:
    """The file a page wants: its key, whose it is, the assessment it is made from, and
    what it is (`document`: the report, or a draft)."""

    key: str
    tag: str
    assessment_id: int
    version: int
    lang: str
    document: str = REPORT


def find(session: Session, key: str) -> ReportJob | None:
    return session.scalar(select(ReportJob).where(ReportJob.key == key))


def request(session: Session, wanted: Wanted, *, again: bool = False) -> tuple[ReportJob, bool]:
    """The job for `wanted`, made (queued) when there is none; and whether it must be put on
    the queue now. A failed job is queued again only with `again` (the "try again" button);
    a done or superseded one whose report is wanted again (the cache let it go, or the
    assessment went back to these answers) is queued again. Flushes; the caller commits."""
    job = find(session, wanted.key)
    if job is None:
        job = ReportJob(
            key=wanted.key,
            tag=wanted.tag,
            assessment_id=wanted.assessment_id,
            version=wanted.version,
            lang=wanted.lang,
            document=wanted.document,
            status=JobStatus.QUEUED,
            attempts=0,
            error="",
            enqueued_at=utcnow(),
        )
        try:
            with session.begin_nested():
                session.add(job)
        except IntegrityError:
            # Another worker made it between our read and our write: theirs is the job.
            existing = find(session, wanted.key)
            if existing is None:  # pragma: no cover - the unique key makes this unreachable
                raise
            return existing, False
        return job, True
    if job.status in ACTIVE or (job.status == JobStatus.FAILED and not again):
        return job, False
    job.status = JobStatus.QUEUED
    job.version = wanted.version
    job.error = ""
    job.attempts = 0
    job.enqueued_at = utcnow()
    job.started_at = job.finished_at = None
    session.flush()
    return job, True


def start(session: Session, job: ReportJob) -> None:
    """A worker takes the job: rendering from now, one attempt more."""
    job.status = JobStatus.RENDERING
    job.started_at = utcnow()
    job.attempts += 1
    session.flush()


def finish(session: Session, job: ReportJob, seconds: float) -> None:
    job.status = JobStatus.DONE
    job.finished_at = utcnow()
    job.seconds = seconds
    job.error = ""
    session.flush()


def retry(session: Session, job: ReportJob, error: str) -> None:
    """The render failed and will be tried again by the queue."""
    job.status = JobStatus.QUEUED
    job.error = error[:200]
    session.flush()


def fail(session: Session, job: ReportJob, error: str) -> None:
    """The render failed for the last time: the page offers "try again"."""
    job.status = JobStatus.FAILED
    job.error = error[:200]
    job.finished_at = utcnow()
    session.flush()


def supersede(session: Session, job: ReportJob) -> None:
    job.status = JobStatus.SUPERSEDED
    job.finished_at = utcnow()
    session.flush()


def expired(session: Session, lease: dt.timedelta, now: dt.datetime | None = None) -> list[int]:
    """Jobs "rendering" for longer than `lease`: their worker died (or was killed) with the
    job in hand. Each is set back to queued, and its id returned to be put on the queue
    again. The update is conditional, so two sweeps on two machines re-queue a job once."""
    cutoff = (now or utcnow()) - lease
    ids = list(
        session.scalars(
            select(ReportJob.id).where(
                ReportJob.status == JobStatus.RENDERING, ReportJob.started_at < cutoff
            )
        )
    )
    taken = []
    for job_id in ids:
        changed = session.execute(
            update(ReportJob)
            .where(ReportJob.id == job_id, ReportJob.status == JobStatus.RENDERING)
            .values(status=JobStatus.QUEUED, error="worker stopped during the render")
        )
        if getattr(changed, "rowcount", 0):
            taken.append(job_id)
    session.flush()
    return taken


@dataclass(frozen=True)
class Wait:
    """What the waiting page says: the job's place in the queue (1: next or rendering) and
    about how many seconds remain."""

    place: int
    seconds: int


def wait(session: Session, job: ReportJob, workers: int = 1) -> Wait:
    """The job's place among the jobs waiting or rendering, and an estimate of the wait:
    the jobs before it and itself, `workers` at a time, each as long as the recent ones of
    its own sort (a Word draft takes a tenth of a PDF: a PDF's estimate is never drawn
    down by them, and a Word file's not up by the PDFs)."""
    ahead = session.scalar(
        select(func.count())
        .select_from(ReportJob)
        .where(ReportJob.status.in_(ACTIVE), ReportJob.enqueued_at < job.enqueued_at)
    )
    place = int(ahead or 0) + 1
    word = ReportJob.document.like("%.docx")
    recent = list(
        session.scalars(
            select(ReportJob.seconds)
            .where(
                ReportJob.status == JobStatus.DONE,
                ReportJob.seconds.is_not(None),
                word if job.document.endswith(".docx") else ~word,
            )
            .order_by(ReportJob.finished_at.desc())
            .limit(RECENT)
        )
    )
    each = sum(s for s in recent if s is not None) / len(recent) if recent else DEFAULT_SECONDS
    rounds = math.ceil(place / max(workers, 1))
    return Wait(place=place, seconds=max(1, math.ceil(rounds * each)))
