"""What the tests of the background queue share: waiting for a condition, the queue a
test runs on (a SQLite file or Redis), an app on that queue, and workers inside the test
process."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest


def until(check: Callable[[], Any], timeout: float = 90.0, every: float = 0.1) -> Any:
    """`check()` once it is truthy; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"not true after {timeout} s")


def queue_url(kind: str, tmp_path: Path) -> str:
    """A SQLite queue file in `tmp_path`, or the Redis of ACTCHECK_TEST_REDIS_URL."""
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'queue.db'}"
    url = os.environ.get("ACTCHECK_TEST_REDIS_URL")
    if not url:
        pytest.skip("set ACTCHECK_TEST_REDIS_URL (as .ci/run does) to test the Redis queue")
    return url


@contextmanager
def queued(app_factory: Any, kind: str, tmp_path: Path, **config: Any) -> Iterator[Any]:
    """An app whose files go through a real queue of `kind`, with no worker yet, emptied
    before and after (Redis outlives the test)."""
    app = app_factory(QUEUE_URL=queue_url(kind, tmp_path), **config)
    huey = app.extensions["actcheck.report_queue"].huey
    huey.flush()
    try:
        yield app
    finally:
        huey.flush()


@contextmanager
def workers() -> Iterator[Callable[[Any], Any]]:
    """`start(app)` starts a worker of the app's queue in this process; all stop after."""
    from actcheck.web.report.queue import start_embedded

    started: list[Any] = []

    def start(app: Any) -> Any:
        consumer = start_embedded(app)
        assert consumer is not None
        started.append(consumer)
        return consumer

    try:
        yield start
    finally:
        for consumer in started:
            consumer.stop(graceful=True)
