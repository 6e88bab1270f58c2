"""gunicorn workers killed (SIGKILL, as the OOM killer or a crash would) while founders are
answering and a report is rendering: requests in flight fail, gunicorn starts new workers,
and every answer that was confirmed to a founder (a redirect to the next page) is stored."""

from __future__ import annotations

import http.client
import os
import signal
import threading
import time
import urllib.parse
from typing import Any

import pytest

from founders import FOUNDERS, answers_of

from .conftest import QUESTION, ROOT, HttpBrowser, public_id_of

pytestmark = pytest.mark.faults

PROFILES = ["high_risk", "limited_risk", "minimal_risk", "prohibited"]
KILLS = 2
CV_SCREENING = (ROOT / "examples/cv-screening.yaml").read_bytes()


def answer_questionnaire(
    port: int, answers: dict[str, Any], confirmed: dict[str, Any], stop: threading.Event
) -> str | None:
    """Fill in one questionnaire; record each answer the app confirmed. A failed request
    (the worker died) is retried from a fresh page, as a founder would reload."""
    browser = HttpBrowser(port, timeout=20)
    path = None
    while path is None and not stop.is_set():
        try:
            path = browser.start()
        except (OSError, http.client.HTTPException, AssertionError):
            time.sleep(0.1)
    if path is None:
        return None
    public_id = public_id_of(path)
    while not stop.is_set():
        try:
            page = browser.get(path)
            if page.status >= 500:
                time.sleep(0.1)
                continue
            match = QUESTION.search(page.text)
            if match is None:
                return public_id  # check your answers: done
            qid = match.group(1)
            value = answers.get(qid, "Acme" if qid.endswith((".name", ".description")) else None)
            reply = browser.request("POST", path, browser.answer_form(page.text, value))
        except (OSError, http.client.HTTPException):
            time.sleep(0.1)  # the worker died under the request: not confirmed
            continue
        if reply.status == 302:
            confirmed[qid] = value  # the app told the founder it is saved
            path = urllib.parse.urlsplit(reply.location).path
        else:
            time.sleep(0.1)  # 409 after an unconfirmed save that did land, or a 5xx: reload
    return public_id


def render_report(port: int, day: int, outcome: dict[str, Any]) -> None:
    """A report download, slow enough (seconds of rendering) to be killed mid-way."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        # A date of its own: never in the report cache, always rendered.
        connection.request(
            "POST",
            f"/api/v1/report?date=2030-01-{day:02d}",
            body=CV_SCREENING,
            headers={"Content-Type": "application/yaml"},
        )
        outcome["status"] = connection.getresponse().status
    except (OSError, http.client.HTTPException) as exc:
        outcome["error"] = type(exc).__name__
    finally:
        connection.close()


def test_a_killed_worker_loses_nothing_that_was_confirmed(gunicorn: Any, app_factory: Any) -> None:
    server = gunicorn(workers=2, ACTCHECK_THREADS="4", ACTCHECK_REPORT_CACHE="database")
    stop = threading.Event()
    confirmed: list[dict[str, Any]] = [{} for _ in PROFILES]
    finished: list[str | None] = [None for _ in PROFILES]

    def run(index: int) -> None:
        finished[index] = answer_questionnaire(
            server.port, FOUNDERS[PROFILES[index]], confirmed[index], stop
        )

    founders = [threading.Thread(target=run, args=(i,)) for i in range(len(PROFILES))]
    for thread in founders:
        thread.start()
    interrupted = []
    try:
        for kill in range(KILLS):
            time.sleep(0.4)
            report: dict[str, Any] = {}
            download = threading.Thread(target=render_report, args=(server.port, kill + 1, report))
            download.start()
            time.sleep(0.3)  # the report is rendering, founders' saves are in flight
            workers = server.workers()
            assert workers, "gunicorn has no workers"
            for pid in workers:
                os.kill(pid, signal.SIGKILL)
            download.join(timeout=30)
            interrupted.append(report)
            server.wait_healthy()  # the master starts new workers
    finally:
        for thread in founders:
            thread.join(timeout=60)
        stop.set()

    # The kills hit requests in flight: at least the report downloads failed.
    assert any("error" in r for r in interrupted), interrupted
    app = app_factory()
    for index, profile in enumerate(PROFILES):
        public_id = finished[index]
        assert public_id is not None, f"{profile}: the founder never got going"
        stored, _version = answers_of(app, public_id)
        lost = {q: v for q, v in confirmed[index].items() if stored.get(q) != v}
        assert lost == {}, f"{profile}: confirmed answers missing from the database"
        assert confirmed[index], profile
