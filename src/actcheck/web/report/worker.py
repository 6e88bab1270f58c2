"""`actcheck worker`: the process that renders reports in the background, beside the web
server (gunicorn). Run as many as the reports need, on as many machines, all with the same
`ACTCHECK_*` settings as the web app: the same database and, across machines, the same
`ACTCHECK_QUEUE_URL=redis://...` (README, "Background reports").

Each worker runs `threads` renders at a time; a render holds Python's lock for about a
second, so one thread per core, in as many processes as cores, is the useful size.
Stopping it (SIGINT or SIGTERM) finishes the render in hand; a worker killed mid-render
leaves its job "rendering", and the minute's sweep (`REPORT_LEASE_SECONDS`) queues it again.
"""

from __future__ import annotations

import logging
import sys

from actcheck.config import ConfigError


def main(threads: int = 1) -> int:
    from actcheck.web.app import create_app
    from actcheck.web.report import queue

    try:
        app = create_app()
    except ConfigError as exc:
        print(f"actcheck worker: {exc}", file=sys.stderr)
        return 2
    tasks: queue.ReportQueue = app.extensions[queue.EXTENSION]
    if tasks.immediate:
        print(
            "actcheck worker: ACTCHECK_QUEUE_URL=immediate renders in the web process; "
            "there is no queue to work on.",
            file=sys.stderr,
        )
        return 2
    logging.getLogger("huey").setLevel(logging.INFO)
    print(
        f"actcheck worker: rendering reports from {_where(app.config.get('QUEUE_URL'))} "
        f"with {threads} thread(s). Press Ctrl+C to stop.",
        flush=True,
    )
    tasks.consumer(workers=threads).run()
    return 0


def _where(url: object) -> str:
    """The queue's address for the start-up line, without a password."""
    if not url:
        return "the SQLite queue in the instance folder"
    text = str(url)
    if "@" in text and "://" in text:
        scheme, rest = text.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return text
