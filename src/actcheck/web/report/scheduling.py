"""Reports ready before they are asked for: `schedule` puts an assessment's report on the
queue (unless it is kept or on its way already), `readiness` says where it stands for the
result page and the waiting page. `ask` and `where` do the same for any file the queue
renders, by its `Wanted` (key, owner, assessment, what it is): the drafted documents use
them (`web/drafts/wanted.py`).

Both work in a short session of their own, so that a job row is committed (and visible to
the worker) whatever the request does with its own transaction, and a page that only
shows where a report stands writes nothing but that bookkeeping.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flask_babel import gettext as _

from actcheck.models import Assessment
from actcheck.rules.model import Result
from actcheck.services import report_jobs as jobs
from actcheck.services.report_jobs import JobStatus, Wanted
from actcheck.web import report_cache
from actcheck.web.db import database
from actcheck.web.report import queue
from actcheck.web.report.wanted import Found, want


class State(StrEnum):
    INCOMPLETE = "incomplete"  # questions left: there is no report to make
    READY = "ready"  # kept: "Download" serves it at once
    WAITING = "waiting"  # queued or rendering
    FAILED = "failed"  # retries spent: "Try again"
    NONE = "none"  # neither kept nor asked for (a download or a visit asks)


@dataclass(frozen=True)
class Readiness:
    state: State
    place: int = 0
    seconds: int = 0
    error: str = ""


def schedule(
    assessment: Assessment,
    lang: str,
    *,
    delay: float | None = 0.0,
    again: bool = False,
    outcome: Result | None = None,
) -> Readiness:
    """Ask for the report of `assessment` in `lang`; where it then stands.

    `delay` is the debounce (None: the app's `REPORT_DEBOUNCE_SECONDS`); `again` queues a
    failed job once more (the "try again" button). With the "immediate" queue the report is
    rendered here, before this returns.
    """
    found = want(assessment, lang, outcome)
    if found is None:
        return Readiness(State.INCOMPLETE)
    return ask(found.wanted, delay=delay, again=again)


def ask(wanted: Wanted, *, delay: float | None = 0.0, again: bool = False) -> Readiness:
    """Ask the queue for one file, a report or a draft (`wanted`), unless it is kept or on
    its way already; where it then stands. `delay` and `again` as for `schedule`."""
    if kept(wanted):
        return Readiness(State.READY)
    tasks = queue.current()
    with database().sessions() as session:
        job, fresh = jobs.request(session, wanted, again=again)
        job_id = job.id
        session.commit()
    if fresh:
        tasks.render_soon(
            job_id,
            tasks.debounce if delay is None else delay,
            # A draft rendered ahead (debounced after a change): behind every report.
            ahead=delay is None and wanted.document != "report",
        )
    return where(wanted)


def kept(wanted: Wanted) -> bool:
    """The file is in the store (the report cache, which keeps drafts too by their own
    keys): nothing to ask of the queue."""
    return report_cache.current().has(wanted.key, wanted.tag)


def ahead(
    assessment: Assessment, lang: str, *, delay: float | None = 0.0, outcome: Result | None = None
) -> Readiness:
    """Render ahead of a download, when a worker can: the result page, an advisor's visit, a
    submission, every saved change. With the "immediate" queue (no worker) nothing is
    rendered ahead, only said: the download renders it when asked."""
    if queue.current().immediate:
        return readiness(assessment, lang)
    return schedule(assessment, lang, delay=delay, outcome=outcome)


def readiness(assessment: Assessment, lang: str, *, found: Found | None = None) -> Readiness:
    """Where the report of `assessment` in `lang` stands; nothing is asked for."""
    found = found or want(assessment, lang)
    if found is None:
        return Readiness(State.INCOMPLETE)
    return where(found.wanted)


def where(wanted: Wanted) -> Readiness:
    """Where one file (a report or a draft) stands; nothing is asked for."""
    if kept(wanted):
        return Readiness(State.READY)
    tasks = queue.current()
    with database().sessions() as session:
        job = jobs.find(session, wanted.key)
        if job is None or job.status in (JobStatus.DONE, JobStatus.SUPERSEDED):
            return Readiness(State.NONE)
        if job.status == JobStatus.FAILED:
            return Readiness(State.FAILED, error=job.error)
        if job.status == JobStatus.RENDERING:
            # Someone is waiting for it: a worker that died with it in hand is noticed now,
            # not at the next minute's sweep.
            for job_id in jobs.expired(session, tasks.lease):
                session.commit()
                tasks.render_soon(job_id)
        wait = jobs.wait(session, job, tasks.workers)
        return Readiness(State.WAITING, place=wait.place, seconds=wait.seconds)


def wait_words(readiness: Readiness) -> str:
    """A waiting page's place and estimate, for the page and its polling alike (reports
    and drafts)."""
    words: str
    if readiness.place > 1:
        words = _(
            "Place in the queue: %(place)s. About %(seconds)s seconds left.",
            place=readiness.place,
            seconds=readiness.seconds,
        )
    else:
        words = _("It is next. About %(seconds)s seconds left.", seconds=readiness.seconds)
    return words
