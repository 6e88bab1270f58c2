"""POST /api/v1/report on the report queue (issue 16): the workers render it, never the web
worker; the request waits for the file, or answers 202 with the address of the file, which
serves it once it is rendered and says when its render failed. On the SQLite queue file
and on Redis, as tests/web/test_report_queue.py does for the web app's reports."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from queues import queued, until, workers

from .conftest import CV_SCREENING

REPORT = "/api/v1/report?date=2027-03-01"
YAML = "application/yaml"


@pytest.fixture(params=["sqlite", "redis"])
def queued_app(request: pytest.FixtureRequest, app_factory: Any, tmp_path: Path) -> Iterator[Any]:
    """An app whose API reports go through a real queue, with no worker yet."""
    with queued(
        app_factory,
        request.param,
        tmp_path,
        REPORT_RETRIES=0,
        REPORT_LEASE_SECONDS=2,
        API_REPORT_WAIT_SECONDS=30,
    ) as app:
        yield app


@pytest.fixture
def worker() -> Iterator[Callable[[Any], Any]]:
    with workers() as start:
        yield start


def _post(client: Any, prefer: str | None = None, url: str = REPORT) -> Any:
    headers = {"Prefer": prefer} if prefer else {}
    return client.post(url, data=CV_SCREENING, content_type=YAML, headers=headers)


def _is_report(data: bytes) -> bool:
    return (
        data.startswith(b"%PDF")
        and "Talentia" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    )


def test_a_client_that_does_not_wait_gets_202_then_the_file(queued_app: Any, worker: Any) -> None:
    client = queued_app.test_client()
    accepted = _post(client, prefer="respond-async")
    assert accepted.status_code == 202
    body = accepted.get_json()
    assert body["state"] == "rendering"
    location = accepted.headers["Location"]
    assert body["location"] == location
    assert location.startswith("/api/v1/reports/")
    assert body["retry_after"] == 2
    # The route's rate limit may ask for longer in the header (flask-limiter's window).
    assert int(accepted.headers["Retry-After"]) >= 2
    # No worker yet: nothing renders in the web app.
    polled = client.get(location)
    assert polled.status_code == 202
    assert polled.headers["Retry-After"] == "2"

    worker(queued_app)
    done = until(lambda: (r := client.get(location)).status_code == 200 and r)
    assert done.mimetype == "application/pdf"
    assert _is_report(done.data)
    # The same answers again: the cached report at once, even for a client that won't wait.
    again = _post(client, prefer="respond-async")
    assert again.status_code == 200
    assert again.data == done.data


def test_a_client_that_waits_gets_the_file_the_worker_rendered(
    queued_app: Any, worker: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from actcheck.services import report

    rendered_in: list[str] = []
    real = report.render_pdf

    def spy(*args: Any, **kwargs: Any) -> bytes:
        rendered_in.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(report, "render_pdf", spy)
    worker(queued_app)
    response = _post(queued_app.test_client(), url="/api/v1/report?date=2027-03-02")
    assert response.status_code == 200
    assert _is_report(response.data)
    assert len(rendered_in) == 1
    assert rendered_in[0] != threading.current_thread().name  # a worker's thread, not ours


def test_a_wait_that_runs_out_answers_202(queued_app: Any) -> None:
    started = time.monotonic()
    response = _post(queued_app.test_client(), prefer="wait=1")
    assert response.status_code == 202
    assert 0.9 < time.monotonic() - started < 10


def test_a_failed_render_is_said_failed(
    queued_app: Any, worker: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actcheck.services import report

    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise RuntimeError("layout failed")

    monkeypatch.setattr(report, "render_pdf", broken)
    client = queued_app.test_client()
    location = _post(client, prefer="respond-async").headers["Location"]
    worker(queued_app)
    failed = until(lambda: (r := client.get(location)).status_code != 202 and r)
    assert failed.status_code == 500
    assert "could not be rendered" in failed.get_json()["errors"][0]
    assert "layout failed" not in failed.text  # no internals


def test_a_render_lost_with_its_worker_is_said_failed_in_time(queued_app: Any) -> None:
    """Nothing consumes the job (as when the worker under it was killed): once the tries'
    time is over (REPORT_RETRIES 0, lease 2 s, plus a minute), the address says so."""
    client = queued_app.test_client()
    location = _post(client, prefer="respond-async").headers["Location"]
    assert client.get(location).status_code == 202
    path, _, query = location.partition("?")
    stale = "&".join(
        "asked=" + str(int(time.time()) - 120) if part.startswith("asked=") else part
        for part in query.split("&")
    )
    assert client.get(f"{path}?{stale}").status_code == 500


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/reports/" + "0" * 64 + ".pdf",
        "/api/v1/reports/" + "0" * 64 + ".pdf?job=abc",
        "/api/v1/reports/nothex.pdf?job=abc&asked=1",
        "/api/v1/reports/" + "0" * 64 + ".pdf?job=../x&asked=1",
    ],
)
def test_a_report_address_that_is_not_one_is_404(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "POST /api/v1/report" in response.get_json()["errors"][0]


def test_the_immediate_queue_renders_at_once(client: Any) -> None:
    """The tests' default queue runs the task in the request: 200 with the file."""
    response = _post(client, prefer="respond-async")
    assert response.status_code == 200
    assert _is_report(response.data)
