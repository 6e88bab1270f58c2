"""Reports of answers sent to the API (`POST /api/v1/report`), rendered by the report
workers like every other report, so that no web worker spends its CPU laying out a PDF.

The request checks and assesses the answers (a bad document is refused at once, as
before), then looks for the report in the report cache under its key. When it is not
there, the answers themselves go on the queue (`render_answers`: the answers file the
report embeds, its language and date; stored nowhere else) and the request waits for the
file, polling the cache, for at most `API_REPORT_WAIT_SECONDS`. A report that is not ready
by then, or a client that asked not to wait (`Prefer: respond-async`, RFC 7240), gets
`202 Accepted` and the address of the file (`/api/v1/reports/<key>.pdf?job=<task id>&
asked=<time>`), which answers 202 while the report is being rendered, the PDF once it is,
and says so when the render failed, or did not finish in the time a job's tries can take
(a worker killed under it). The address holds the report's key, a SHA-256 of the answers among
others: only someone who sent those answers knows it.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass

from flask import current_app
from huey.exceptions import TaskException

from actcheck.rules.model import Result
from actcheck.services import report
from actcheck.web import report_cache
from actcheck.web.i18n import ruleset
from actcheck.web.report import queue

log = logging.getLogger(__name__)

#: Seconds between two looks at the cache while a request waits for its report.
POLL = 0.1


@dataclass(frozen=True)
class Pending:
    """A report being rendered: its key, the queue's task that renders it, and when it was
    asked for (seconds since the epoch)."""

    key: str
    job: str
    asked: int


def report_meta(result: Result, day: dt.date, lang: str) -> report.ReportMeta:
    """What the report prints about itself: the day it is dated, a reference made from the
    answers and that day, the language."""
    return report.ReportMeta(
        assessed_on=day, reference=report.default_reference(result, day), lang=lang
    )


def request_report(result: Result, meta: report.ReportMeta, *, wait: float) -> bytes | Pending:
    """The PDF when the cache has it or a worker renders it within `wait` seconds; else
    what to poll for it."""
    key = report.report_key(result, meta)
    cache = report_cache.current()
    found = cache.get(key, "")
    if found is not None:
        return found
    asked = int(time.time())
    task = queue.current().render_answers(
        report.answers_file(result), meta.lang, meta.assessed_on.isoformat()
    )
    deadline = time.monotonic() + wait
    while True:
        found = cache.get(key, "")
        if found is not None:
            return found
        if time.monotonic() >= deadline:
            return Pending(key, str(task.id), asked)
        time.sleep(POLL)


def state(key: str, job: str, asked: int) -> bytes | str:
    """The PDF of a report asked for at `asked`, or its state: "rendering" (queued or being
    rendered) or "failed" (every try failed, or the tries' time is over: a worker died
    under the last one)."""
    found = report_cache.current().get(key, "")
    if found is not None:
        return found
    try:
        queue.current().huey.result(job, preserve=True)
    except TaskException:
        return "failed"
    return "failed" if time.time() - asked > _longest() else "rendering"


def _longest() -> float:
    """The most a render can take with its tries, each within a worker's lease."""
    config = current_app.config
    tries = int(config["REPORT_RETRIES"]) + 1
    return tries * float(config["REPORT_LEASE_SECONDS"]) + 60


def render_answers(answers_file: str, lang: str, day: str) -> None:
    """The worker's side: assess the answers the request checked and render their report
    into the cache. Nothing is returned, so the queue keeps no result of a render that
    worked (only the error of one that failed, which `state` reads)."""
    from actcheck.rules import assess_document, parse_document

    result = assess_document(parse_document(answers_file), ruleset())
    meta = report_meta(result, dt.date.fromisoformat(day), lang)
    report.get_report(result, meta, cache=report_cache.current())
    key = report.report_key(result, meta)
    log.info("API report %s rendered", key[:12])
