"""The plan in the downloaded report (issue 17): a founder's plan (a done item with an
uploaded file and a link, a not-applicable one with its reason) is in the PDF as of its
latest change, founders' text as plain text; a plan change names a new report (the
download never serves the old one), is scheduled ahead like an answer change, and a
comment is not a change; a worker renders the same report the download asks for."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from plan_world import Startup, as_answers
from pypdf import PdfReader
from sqlalchemy import select
from test_plan_pages import _edit

from founders import FOUNDERS, csrf_token
from people import make_cohort, make_person
from queues import until

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
HOSTILE = "<script>alert(1)</script>{{ 7*7 }}"
FILE_NAME = "Policy {{ 7+7 }} & co.pdf"
LINK = "https://example.eu/evidence?a=1&b=2"


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def _flat(text: str) -> str:
    """Without spaces: a line may break anywhere in a founder's text."""
    return text.replace(" ", "")


class PlanDriver:
    """A logged-in founder working on the plan through its pages."""

    def __init__(self, startup: Startup) -> None:
        self.startup = startup
        self.client = startup.founder.client
        self.base = f"/assessments/{startup.public_id}"
        assert startup.founder.login().status_code == 302

    def start(self) -> None:
        page = self.client.get(f"{self.base}/plan")
        response = self.client.post(
            f"{self.base}/plan/sync", data={"csrf_token": csrf_token(page.text)}
        )
        assert response.status_code == 302

    def items(self) -> list[Any]:
        from actcheck.models import Assessment
        from actcheck.services.plan.items import items_of

        with self.startup.session() as session:
            assessment = session.scalars(
                select(Assessment).where(Assessment.public_id == self.startup.public_id)
            ).one()
            return items_of(session, assessment)

    def url(self, item: Any) -> str:
        return f"{self.base}/plan/items/{item.id}"

    def edit(self, item: Any, **values: Any) -> None:
        assert _edit(self.client, self.url(item), **values).status_code == 302

    def upload(self, item: Any, name: str, data: bytes) -> None:
        from werkzeug.datastructures import FileStorage
        from werkzeug.test import encode_multipart

        page = self.client.get(self.url(item))
        boundary, body = encode_multipart(
            {"csrf_token": csrf_token(page.text), "file": FileStorage(io.BytesIO(data), name)}
        )
        response = self.client.post(
            f"{self.url(item)}/files",
            data=body,
            content_type=f"multipart/form-data; boundary={boundary}",
        )
        assert response.status_code == 302

    def link(self, item: Any, url: str) -> None:
        page = self.client.get(self.url(item))
        response = self.client.post(
            f"{self.url(item)}/links", data={"csrf_token": csrf_token(page.text), "url": url}
        )
        assert response.status_code == 302

    def comment(self, item: Any, body: str) -> None:
        page = self.client.get(self.url(item))
        response = self.client.post(
            f"{self.url(item)}/comments", data={"csrf_token": csrf_token(page.text), "body": body}
        )
        assert response.status_code == 302

    def download(self) -> Any:
        return self.client.get(f"{self.base}/report.pdf")

    def worked(self) -> tuple[Any, Any]:
        """The founder (named with markup) owns a done item with a file and a link; another
        item does not apply, with a reason. Returns the two items."""
        from actcheck.models import User

        with self.startup.session() as session:
            session.get(User, self.startup.founder.id).name = f"Ann {HOSTILE}"
            session.commit()
        self.start()
        done, not_applicable = self.items()[:2]
        self.edit(done, status="done", owner=str(self.startup.founder.id))
        self.upload(done, FILE_NAME, PDF)
        self.link(done, LINK)
        self.edit(not_applicable, status="not_applicable", not_applicable_reason=f"No {HOSTILE}")
        return done, not_applicable


@pytest.fixture
def driver(startup: Startup) -> PlanDriver:
    return PlanDriver(startup)


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The real renders, counted."""
    from actcheck.services import report

    calls: list[Any] = []
    real = report.render_pdf

    def counting(*args: Any, **kwargs: Any) -> bytes:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(report, "render_pdf", counting)
    return calls


def test_the_downloaded_report_shows_the_plan_and_its_evidence_index(driver: PlanDriver) -> None:
    import hashlib

    driver.worked()
    response = driver.download()
    assert response.status_code == 200
    text = _text(response.data)
    assert "Plan status as of " in text
    assert _flat(f"Done · Owner: Ann {HOSTILE} · 2 pieces of evidence") in _flat(text)
    not_applicable = "Not applicable · Owner: no owner yet · 0 pieces of evidence"
    assert _flat(f"{not_applicable} WHY IT DOES NOT APPLY: No {HOSTILE}") in _flat(text)
    index = text[text.rindex("B Evidence index") :]
    flat = _flat(index)
    assert FILE_NAME.replace(" ", "") in flat
    assert hashlib.sha256(PDF).hexdigest() in flat
    assert f"File {len(PDF)} B" in index
    assert LINK in flat
    assert "Link \u2013" in index
    assert flat.count(_flat(f"Ann {HOSTILE}")) == 2  # who added each, as typed


def test_the_preview_escapes_what_founders_typed(driver: PlanDriver) -> None:
    driver.worked()
    html = driver.client.get(f"{driver.base}/report").text
    assert "<script>alert(1)" not in html
    assert "Ann &lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}" in html
    assert "Policy {{ 7+7 }} &amp; co.pdf" in html
    assert f'href="{LINK}' not in html


def test_a_plan_change_names_a_new_report_and_a_comment_does_not(
    driver: PlanDriver, renders: list[Any]
) -> None:
    done, _not_applicable = driver.worked()
    first = driver.download()
    assert driver.download().data == first.data  # from the cache
    assert len(renders) == 1
    driver.comment(done, "Looks good")
    assert driver.download().data == first.data
    assert len(renders) == 1
    driver.edit(done, status="in_progress", owner=str(driver.startup.founder.id))
    changed = driver.download()
    assert len(renders) == 2
    text = _text(changed.data)
    assert _flat(f"In progress · Owner: Ann {HOSTILE} · 2 pieces of evidence") in _flat(text)
    assert "Done · Owner" not in text


def test_a_plan_without_items_or_never_started_leaves_the_report_as_it_was(
    driver: PlanDriver,
) -> None:
    text = _text(driver.download().data)
    assert "Plan status as of" not in text
    assert "Evidence index" not in text


def test_a_plan_change_schedules_the_report_ahead_and_a_comment_does_not(
    driver: PlanDriver, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actcheck.web import assessment_changes
    from actcheck.web.report import scheduling

    driver.start()
    item = driver.items()[0]
    ahead: list[int] = []
    monkeypatch.setattr(
        scheduling, "ahead", lambda assessment, *_a, **_k: ahead.append(assessment.id)
    )
    answers_only: list[Sequence[int]] = []
    assessment_changes.subscribe(driver.startup.app, "answers only", answers_only.append)

    driver.edit(item, status="in_progress")
    assert ahead == [item.assessment_id]
    driver.link(item, LINK)
    assert ahead == [item.assessment_id] * 2
    driver.comment(item, "A comment changes nothing the report prints")
    assert ahead == [item.assessment_id] * 2
    assert answers_only == []  # reconciling the plan does not follow the plan's own changes


def test_a_worker_renders_the_plan_change_ahead_of_the_download(
    app_factory: Any, tmp_path: Path
) -> None:
    """On a real queue: the plan change is rendered by the worker (which reads the plan
    in its own session), and the download then serves it at once."""
    from actcheck.models import ReportJob
    from actcheck.services import assessments
    from actcheck.services.owners import Owner
    from actcheck.web.report.queue import start_embedded

    app = app_factory(QUEUE_URL=f"sqlite:///{tmp_path / 'queue.db'}", REPORT_DEBOUNCE_SECONDS=0.2)
    cohort = make_cohort(app, "Q")
    founder = make_person(app, "q@example.eu", "founder", cohort=cohort, login=False)
    with app.extensions["actcheck.database"].sessions() as session:
        public_id = assessments.create(
            session,
            owner=Owner.organisation(founder.organisation_id),
            ruleset=app.extensions["actcheck.ruleset"],
            answers=as_answers(FOUNDERS["high_risk"]),
        ).public_id
        session.commit()
    driver = PlanDriver(Startup(app=app, founder=founder, public_id=public_id))
    consumer = start_embedded(app)
    assert consumer is not None
    try:
        driver.start()
        item = driver.items()[0]

        def statuses() -> list[str]:
            with app.extensions["actcheck.database"].sessions() as session:
                return [job.status for job in session.scalars(select(ReportJob))]

        def done_jobs() -> int:
            return statuses().count("done")

        # Starting the plan is a plan change too: its report is rendered first.
        until(lambda: statuses() and all(s in ("done", "superseded") for s in statuses()))
        before = done_jobs()
        driver.edit(item, status="done")
        until(lambda: done_jobs() > before)
        response = driver.download()
        assert response.status_code == 200  # ready: rendered ahead, not waited for
        assert "Done · Owner: no owner yet" in _text(response.data)
    finally:
        consumer.stop(graceful=True)
        app.extensions["actcheck.report_queue"].huey.flush()
