"""The task queue that renders reports in the background: Huey, built from the app's
configuration, with its four tasks (render a report job, render the report of answers sent
to the API, give back the jobs of a dead worker, build a cohort's ZIP).

Why Huey: a small, well-kept queue whose storage can be a SQLite file (nothing to install:
`./dev run` and a one-machine deployment), Redis (several machines) or, in tests, the
calling thread itself ("immediate"); delayed tasks (a burst of edits renders once),
retries and periodic tasks are built in, and one consumer command runs it all.

`QUEUE_URL` chooses the storage:
- unset: a SQLite file, `<instance>/queue.db`, shared by the web app and the worker on one
  machine;
- `sqlite:////path/to/queue.db`: the same, elsewhere;
- `redis://host:6379/1`: Redis, for workers and web servers on several machines;
- `immediate`: no queue; a task runs in the thread that asks for it (the tests' default:
  a download renders in the request, as before; a delayed task never runs).

`QUEUE_WORKER` says who consumes it: "embedded" (a consumer thread inside
`python -m actcheck.web`, the default in development, so `./dev run` needs nothing else) or
"external" (`actcheck worker`, beside gunicorn: the default in production).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from huey import Huey, MemoryHuey, PriorityRedisHuey, SqliteHuey, crontab
from huey.api import TaskWrapper
from huey.consumer import Consumer

from actcheck.config import ConfigError
from actcheck.web.report import background

log = logging.getLogger(__name__)

EXTENSION = "actcheck.report_queue"
#: Huey runs higher priorities first (SQLite and Redis storages alike).
ASKED_PRIORITY = 10
AHEAD_PRIORITY = 0


@dataclass
class ReportQueue:
    """The app's queue and its tasks, in `app.extensions[EXTENSION]`."""

    huey: Huey
    render: TaskWrapper
    render_answers: TaskWrapper
    """The report of answers sent to the API (`actcheck.web.report.api_reports`)."""
    bundle: TaskWrapper
    debounce: float
    lease: dt.timedelta
    workers: int

    @property
    def immediate(self) -> bool:
        """Tasks run in the caller's thread (tests): nothing is ever "being prepared"."""
        return bool(self.huey.immediate)

    def render_soon(self, job_id: int, delay: float = 0.0, *, ahead: bool = False) -> None:
        """Put job `job_id` on the queue, to run after `delay` seconds (debounce).

        `ahead`: a file nobody asked for yet (a draft rendered ahead of its first
        download) waits behind every job someone may be waiting for (`AHEAD_PRIORITY`),
        so a report is never delayed by the drafts of other assessments.
        """
        priority = AHEAD_PRIORITY if ahead else ASKED_PRIORITY
        if delay > 0 or ahead:
            self.render.schedule((job_id,), delay=delay or None, priority=priority)
        else:
            self.render(job_id)

    def consumer(self, workers: int = 1, *, periodic: bool = True) -> Consumer:
        """A consumer of this queue: `workers` threads, and the minute's sweep for jobs whose
        worker died when `periodic`."""
        return self.huey.create_consumer(
            workers=workers, worker_type="thread", periodic=periodic, check_worker_health=True
        )


def storage(app: Flask) -> Huey:
    """The Huey instance `QUEUE_URL` asks for (see the module's docstring)."""
    url = app.config.get("QUEUE_URL")
    name = "actcheck-reports"
    if url == "immediate":
        return MemoryHuey(name, immediate=True)
    if url is None or url == "":
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        return SqliteHuey(name, filename=str(Path(app.instance_path) / "queue.db"))
    if isinstance(url, str) and url.startswith("sqlite:///"):
        return SqliteHuey(name, filename=url.removeprefix("sqlite:///"))
    if isinstance(url, str) and url.startswith(("redis://", "rediss://", "unix://")):
        return PriorityRedisHuey(name, url=url)  # priorities, as SqliteHuey has them
    raise ConfigError(
        f"ACTCHECK_QUEUE_URL={url!r} is not a queue actcheck knows: leave it unset (a SQLite "
        "file in the instance folder), or set sqlite:////path/queue.db, redis://host:6379/1 "
        "or immediate."
    )


def init_app(app: Flask) -> None:
    huey = storage(app)
    lease = dt.timedelta(seconds=float(app.config["REPORT_LEASE_SECONDS"]))
    retries = int(app.config["REPORT_RETRIES"])

    def render_report(job_id: int, task: Any = None) -> None:
        with app.app_context():
            background.render_job(job_id, task.retries if task is not None else 0, lease)

    def render_api_report(answers_file: str, lang: str, day: str) -> None:
        from actcheck.web.report import api_reports

        with app.app_context():
            api_reports.render_answers(answers_file, lang, day)

    def bundle_reports(bundle_id: int, task: Any = None) -> None:
        with app.app_context():
            try:
                background.build_bundle(bundle_id)
            except Exception as exc:
                log.exception("report bundle %s failed", bundle_id)
                if task is None or not task.retries:
                    background.fail_bundle(bundle_id, type(exc).__name__)
                    return
                raise

    def requeue_expired() -> None:
        with app.app_context():
            for job_id in background.expired_jobs(lease):
                render(job_id)

    # Registered by name: a worker and the web app that enqueue build the same names.
    render = huey.task(retries=retries, retry_delay=2, context=True, name="render_report")(
        render_report
    )
    render_answers = huey.task(retries=retries, retry_delay=2, name="render_api_report")(
        render_api_report
    )
    bundle = huey.task(retries=1, retry_delay=5, context=True, name="bundle_reports")(
        bundle_reports
    )
    huey.periodic_task(crontab(minute="*"), name="requeue_expired_reports")(requeue_expired)
    app.extensions[EXTENSION] = ReportQueue(
        huey=huey,
        render=render,
        render_answers=render_answers,
        bundle=bundle,
        debounce=float(app.config["REPORT_DEBOUNCE_SECONDS"]),
        lease=lease,
        workers=int(app.config["REPORT_WORKERS"]),
    )


def current() -> ReportQueue:
    queue: ReportQueue = current_app.extensions[EXTENSION]
    return queue


class EmbeddedConsumer(Consumer):  # type: ignore[misc]
    """A consumer that runs in threads of the web process (`python -m actcheck.web`).

    Huey's own `run()` blocks and takes over the process's signals, which belong to the web
    server here: `start()` starts the worker and scheduler threads (daemons, so they end
    with the server) and the signal handlers are left alone.
    """

    def _set_signal_handlers(self) -> None:
        return None


def start_embedded(app: Flask, workers: int = 1) -> EmbeddedConsumer | None:
    """Start a consumer inside this process when the queue is not immediate; it is
    returned, so a caller (a test) can stop it."""
    queue: ReportQueue = app.extensions[EXTENSION]
    if queue.immediate:
        return None
    consumer = EmbeddedConsumer(
        queue.huey, workers=workers, worker_type="thread", periodic=True, check_worker_health=False
    )
    consumer.start()
    return consumer
