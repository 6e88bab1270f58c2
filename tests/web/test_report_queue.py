"""Reports rendered in the background (issue 16), end to end on the embedded default (a
SQLite queue file) and on Redis: a download that is not ready waits on a page that moves on
by itself; a burst of edits renders once; a failed render is retried, then shown as failed
with "try again"; a killed worker's job is run again; a report for an old version is
never served for a new one; an advisor's cohort ZIP is built in the background."""

from __future__ import annotations

import io
import logging
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from founders import FOUNDERS, Founder, csrf_token, stored
from people import make_cohort, make_person
from queues import queued, until, workers

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = FOUNDERS["limited_risk"]


def jobs_of(app: Any, public_id: str, *, every: bool = False) -> list[Any]:
    """The report's jobs of an assessment (`every`: its drafts' too, tests/drafts)."""
    from actcheck.models import Assessment, ReportJob

    with app.extensions["actcheck.database"].sessions() as session:
        assessment_id = session.scalar(
            select(Assessment.id).where(Assessment.public_id == public_id)
        )
        rows = session.scalars(
            select(ReportJob).where(ReportJob.assessment_id == assessment_id).order_by(ReportJob.id)
        )
        return [job for job in rows if every or job.document == "report"]


def size_in(answers_file: bytes) -> str:
    """The company size an answers file (the one a PDF carries) records."""
    from actcheck.rules import parse_document

    document = parse_document(answers_file.decode("utf-8"))
    size: str = document["answers"]["org.size"]
    return size


@pytest.fixture(params=["sqlite", "redis"])
def queued_app(request: pytest.FixtureRequest, app_factory: Any, tmp_path: Path) -> Iterator[Any]:
    """An app whose reports go through a real queue (not rendered in the request), with no
    worker yet: `start_worker(app)` starts one inside the test process."""
    with queued(
        app_factory,
        request.param,
        tmp_path,
        REPORT_DEBOUNCE_SECONDS=0.5,
        REPORT_LEASE_SECONDS=3,
        REPORT_RETRIES=1,
    ) as app:
        yield app


@pytest.fixture
def start_worker() -> Iterator[Callable[[Any], Any]]:
    with workers() as start:
        yield start


def complete(client: Any) -> Founder:
    founder = Founder(client)
    founder.fill(ANSWERS)
    return founder


def status(founder: Founder, lang: str = "en") -> dict[str, Any]:
    response = founder.client.get(f"{founder.base}/report/wait?lang={lang}&format=json")
    assert response.status_code == 200
    data: dict[str, Any] = response.get_json()
    return data


def test_a_download_waits_then_moves_on_to_the_file(queued_app: Any, start_worker: Any) -> None:
    founder = complete(queued_app.test_client())
    # No worker yet: the result page says the report is being prepared.
    result = founder.client.get(f"{founder.base}/result")
    assert 'data-report-ready="waiting"' in result.text

    response = founder.client.get(f"{founder.base}/report.pdf")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/report/wait?lang=en")
    page = founder.client.get(response.headers["Location"])
    assert page.status_code == 200
    assert "Your report is being prepared" in page.text
    assert 'http-equiv="refresh"' in page.text  # moves on without JavaScript
    assert re.search(r"It is next\. About \d+ seconds left\.", page.text)
    waiting = status(founder)
    assert waiting["state"] == "waiting"
    assert waiting["place"] == 1
    assert waiting["download"] is None

    start_worker(queued_app)
    ready = until(lambda: (s := status(founder))["state"] == "ready" and s)
    assert ready["download"].endswith("/report.pdf?lang=en")
    page = founder.client.get(f"{founder.base}/report/wait?lang=en")
    assert "Your report is ready" in page.text
    assert 'content="0; url=/assessments/' in page.text  # the file opens by itself
    started = time.perf_counter()
    pdf = founder.client.get(f"{founder.base}/report.pdf")
    assert pdf.status_code == 200
    assert pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF")
    assert time.perf_counter() - started < 2  # served, not rendered
    assert 'data-report-ready="ready"' in founder.client.get(f"{founder.base}/result").text
    assert [job.status for job in jobs_of(queued_app, founder.public_id)] == ["done"]


def test_the_other_language_is_rendered_on_demand(queued_app: Any, start_worker: Any) -> None:
    start_worker(queued_app)
    founder = complete(queued_app.test_client())
    response = founder.client.get(f"{founder.base}/report.pdf?lang=fr")
    if response.status_code == 303:
        until(lambda: status(founder, "fr")["state"] == "ready")
        response = founder.client.get(f"{founder.base}/report.pdf?lang=fr")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith('-fr.pdf"')
    assert {job.lang for job in jobs_of(queued_app, founder.public_id)} >= {"fr"}


def test_a_burst_of_edits_renders_once_and_never_an_old_version(
    queued_app: Any, start_worker: Any
) -> None:
    from actcheck.services.report import answers_from_pdf

    start_worker(queued_app)
    founder = complete(queued_app.test_client())
    # Completing it asked for its report ahead of any download (debounced).
    until(lambda: [j.status for j in jobs_of(queued_app, founder.public_id)] == ["done"])
    for size in ("micro", "medium", "large"):  # each differs from the last
        response = founder.post_answer("org.size", size)
        assert response.status_code == 302
    item = stored(queued_app, founder.public_id)
    until(
        lambda: all(
            j.status in ("done", "superseded") for j in jobs_of(queued_app, founder.public_id)
        )
    )
    time.sleep(1.0)  # past the debounce: no job still to come
    jobs = jobs_of(queued_app, founder.public_id)
    # Three saves, one render for them: the last version's.
    assert [j.status for j in jobs].count("done") == 2, [(j.version, j.status) for j in jobs]
    assert [j.version for j in jobs if j.status == "done"][-1] == item.version
    assert [j.status for j in jobs].count("superseded") == 2
    pdf = founder.client.get(f"{founder.base}/report.pdf")
    assert pdf.status_code == 200
    assert size_in(answers_from_pdf(pdf.data)) == "large"


def test_a_report_for_an_old_version_is_never_served(queued_app: Any, start_worker: Any) -> None:
    from actcheck.services.report import answers_from_pdf

    founder = complete(queued_app.test_client())
    start_worker(queued_app)
    until(lambda: status(founder)["state"] == "ready")
    founder.post_answer("org.size", "large")
    response = founder.client.get(f"{founder.base}/report.pdf")
    if response.status_code == 303:  # the new version's report is not rendered yet
        until(lambda: status(founder)["state"] == "ready")
        response = founder.client.get(f"{founder.base}/report.pdf")
    assert size_in(answers_from_pdf(response.data)) == "large"


def test_a_failed_render_is_retried_then_shown_as_failed(
    queued_app: Any,
    start_worker: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from actcheck.services import report

    calls: list[int] = []

    def broken(*args: Any, **kwargs: Any) -> bytes:
        calls.append(1)
        raise RuntimeError("the font server is on fire")

    monkeypatch.setattr(report, "render_pdf", broken)
    founder = complete(queued_app.test_client())
    before = stored(queued_app, founder.public_id)
    start_worker(queued_app)
    with caplog.at_level(logging.ERROR, logger="actcheck.web.report.background"):
        founder.client.get(f"{founder.base}/report.pdf")
        until(lambda: status(founder)["state"] == "failed")
    assert len(calls) == 2  # the first try and its one retry (REPORT_RETRIES=1)
    [job] = [j for j in jobs_of(queued_app, founder.public_id) if j.status == "failed"]
    assert job.error == "RuntimeError"
    assert job.attempts == 2
    assert f"assessment {job.assessment_id}" in caplog.text
    page = founder.client.get(f"{founder.base}/report/wait")
    assert "could not be prepared" in page.text
    assert "Try again" in page.text
    assert "Traceback" not in page.text
    assert "on fire" not in page.text
    assert 'http-equiv="refresh"' not in page.text
    assert 'data-report-ready="failed"' in founder.client.get(f"{founder.base}/result").text
    after = stored(queued_app, founder.public_id)
    assert (after.answers, after.version) == (before.answers, before.version)

    # Fixed: "Try again" queues it once more, and the file comes.
    monkeypatch.undo()
    response = founder.client.post(
        f"{founder.base}/report/retry?lang=en", data={"csrf_token": csrf_token(page.text)}
    )
    assert response.status_code == 303
    until(lambda: status(founder)["state"] == "ready")
    assert founder.client.get(f"{founder.base}/report.pdf").data.startswith(b"%PDF")


def test_try_again_needs_the_form(queued_app: Any) -> None:
    founder = complete(queued_app.test_client())
    assert founder.client.post(f"{founder.base}/report/retry").status_code == 400


def _worker_env(app: Any, queue: str) -> dict[str, str]:
    config = app.config
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACTCHECK_")}
    env.update(
        ACTCHECK_ENV="testing",
        ACTCHECK_SECRET_KEY=config["SECRET_KEY"],
        ACTCHECK_DATABASE_URL=config["DATABASE_URL"],
        ACTCHECK_INSTANCE_PATH=app.instance_path,
        ACTCHECK_QUEUE_URL=queue,
        ACTCHECK_REPORT_LEASE_SECONDS="3",
        ACTCHECK_REPORT_CACHE_DIR=str(app.extensions["actcheck.report_cache"].directory),
    )
    if config.get("DATABASE_SCHEMA"):
        env["ACTCHECK_DATABASE_SCHEMA"] = config["DATABASE_SCHEMA"]
    return env


def test_a_killed_workers_job_is_run_again(queued_app: Any, start_worker: Any) -> None:
    founder = complete(queued_app.test_client())
    assert founder.client.get(f"{founder.base}/report.pdf").status_code == 303
    worker = subprocess.Popen(  # the production worker command
        [sys.executable, "-m", "actcheck", "worker"],
        env=_worker_env(queued_app, queued_app.config["QUEUE_URL"]),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        until(
            lambda: [j.status for j in jobs_of(queued_app, founder.public_id)] == ["rendering"],
            every=0.01,
        )
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
    [job] = jobs_of(queued_app, founder.public_id)
    assert job.status == "rendering"  # the dead worker's: nobody will finish it
    start_worker(queued_app)
    # Past the lease, the waiting page (or the minute's sweep) gives the job back.
    ready = until(lambda: status(founder)["state"] == "ready", timeout=120, every=0.5)
    assert ready
    [job] = jobs_of(queued_app, founder.public_id)
    assert job.status == "done"
    assert job.attempts == 2


def test_the_worker_command_refuses_the_immediate_queue(app: Any) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "actcheck", "worker"],
        env=_worker_env(app, "immediate"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "no queue to work on" in result.stderr


def test_a_bad_queue_url_says_what_to_set(app_factory: Any) -> None:
    from actcheck.config import ConfigError

    with pytest.raises(ConfigError, match=r"ACTCHECK_QUEUE_URL='amqp://x'.*redis://"):
        app_factory(QUEUE_URL="amqp://x")


# -- an advisor's cohort as one ZIP ---------------------------------------------------------


def _cohort_with_submissions(app: Any, count: int) -> tuple[Any, Any, list[str]]:
    cohort = make_cohort(app, "Autumn")
    advisor = make_person(app, "adv@example.eu", "advisor", cohort=cohort)
    other = make_person(app, "other@example.eu", "advisor", cohort=make_cohort(app, "Other"))
    ids = []
    for number in range(count):
        person = make_person(
            app, f"f{number}@example.eu", "founder", cohort=cohort, organisation=f"Org {number}"
        )
        founder = person.founder
        founder.fill(ANSWERS)
        page = founder.client.get(f"{founder.base}/result")
        response = founder.client.post(
            f"{founder.base}/submit", data={"csrf_token": csrf_token(page.text)}
        )
        assert response.status_code == 302
        ids.append(founder.public_id)
    return advisor, other, ids


def _ask_for_zip(person: Any, query: str = "") -> Any:
    return person.post(f"/review/reports.zip{query}", page="/review/")


def test_an_advisor_downloads_the_cohorts_reports_as_one_zip(
    queued_app: Any, start_worker: Any
) -> None:
    advisor, other, ids = _cohort_with_submissions(queued_app, 2)
    response = _ask_for_zip(advisor)
    assert response.status_code == 303
    progress_url = response.headers["Location"]
    page = advisor.client.get(progress_url)
    assert "The ZIP is being built: 0 of 2 reports so far" in page.text
    assert 'http-equiv="refresh"' in page.text
    # Another advisor cannot open it, nor fetch the file.
    assert other.client.get(progress_url).status_code == 404
    assert other.client.get(progress_url + ".zip").status_code == 404

    start_worker(queued_app)
    until(lambda: "is ready" in advisor.client.get(progress_url).text)
    data = advisor.client.get(progress_url + ".zip")
    assert data.status_code == 200
    assert data.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(data.data))
    names = archive.namelist()
    assert len(names) == 2
    assert all(n.endswith("-en.pdf") for n in names)
    assert {n.split("-")[-2] for n in names} == {i[:8] for i in ids}
    assert all(archive.read(n).startswith(b"%PDF") for n in names)
    assert other.client.get(progress_url + ".zip").status_code == 404


def test_the_zip_follows_the_dashboards_filters(app: Any) -> None:
    advisor, other, _ids = _cohort_with_submissions(app, 1)
    # The immediate queue builds it in the request: filters that match nothing say so.
    response = _ask_for_zip(advisor, "?tier=prohibited")
    assert response.status_code == 302
    assert (
        "No assessment matches these filters"
        in advisor.client.get(response.headers["Location"]).text
    )
    # An advisor of another cohort has nothing to bundle.
    assert _ask_for_zip(other).status_code == 302
    response = _ask_for_zip(advisor, "?tier=limited_risk")
    assert response.status_code == 303
    archive = zipfile.ZipFile(
        io.BytesIO(advisor.client.get(response.headers["Location"] + ".zip").data)
    )
    assert len(archive.namelist()) == 1
    assert _ask_for_zip(advisor).status_code == 303
    founder_page = advisor.client.post("/review/reports.zip")
    assert founder_page.status_code == 400  # no CSRF token, nothing made
