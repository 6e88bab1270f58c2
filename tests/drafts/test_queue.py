"""Drafted documents on the report's background queue (issue 18), end to end on the
immediate default, the SQLite queue file and Redis: a draft not ready waits on the report's
waiting page, which moves on by itself; its Word file is rendered ahead after a change; a
failed render is retried, then shown as failed with "Try again"; a draft of an old version
is never served for a new one; "Attach the draft" on a plan item never renders in the
request; the API answers 202 while a draft is being prepared."""

from __future__ import annotations

import io
import re
import time
from typing import Any

import pytest
from docx import Document
from sqlalchemy import select
from tests.web.test_report_queue import complete, jobs_of

from founders import FOUNDERS, csrf_token
from people import make_person
from queues import until

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def draft_jobs(app: Any, public_id: str) -> list[Any]:
    return [j for j in jobs_of(app, public_id, every=True) if j.document != "report"]


def status(client: Any, url: str) -> dict[str, Any]:
    response = client.get(f"{url}/wait?lang=en&format=json")
    assert response.status_code == 200
    data: dict[str, Any] = response.get_json()
    return data


def docx_words(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    return "\n".join(
        [p.text for p in doc.paragraphs]
        + [c.text for t in doc.tables for row in t.rows for c in row.cells]
    )


def test_on_the_immediate_queue_a_draft_is_rendered_once_then_served_from_the_store(
    founder: Any, app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actcheck.services import drafts

    founder.fill(FOUNDERS["limited_risk"])
    url = f"{founder.base}/drafts/classification.docx"
    first = founder.client.get(url)
    assert first.status_code == 200
    assert first.mimetype == DOCX
    [job] = draft_jobs(app, founder.public_id)
    assert (job.document, job.status, job.lang) == ("draft:classification.docx", "done", "en")

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a kept draft is not rendered again")

    monkeypatch.setattr(drafts, "render_file", broken)
    again = founder.client.get(url)
    assert again.status_code == 200
    assert again.data == first.data
    assert again.headers["Content-Disposition"] == first.headers["Content-Disposition"]


def test_a_draft_download_waits_then_moves_on_to_the_file(
    queued_app: Any, start_worker: Any
) -> None:
    founder = complete(queued_app.test_client())
    url = f"{founder.base}/drafts/classification.pdf"
    response = founder.client.get(url)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/drafts/classification.pdf/wait?lang=en")
    page = founder.client.get(response.headers["Location"])
    assert page.status_code == 200
    assert "Your draft is being prepared" in page.text
    assert "<h1>Classification decision record</h1>" in page.text
    assert 'http-equiv="refresh"' in page.text  # moves on without JavaScript
    assert 'data-module="report-wait"' in page.text  # and with it, by polling
    assert re.search(r"(It is next|Place in the queue: \d+)\. About \d+ seconds left\.", page.text)
    waiting = status(founder.client, url)
    assert waiting["state"] == "waiting"
    assert waiting["download"] is None

    start_worker(queued_app)
    ready = until(lambda: (s := status(founder.client, url))["state"] == "ready" and s)
    assert ready["download"].endswith("/drafts/classification.pdf?lang=en")
    page = founder.client.get(f"{url}/wait?lang=en")
    assert "Your draft is ready" in page.text
    assert "Download the draft (PDF)" in page.text
    assert 'content="0; url=/assessments/' in page.text  # the file opens by itself
    started = time.perf_counter()
    pdf = founder.client.get(url)
    assert pdf.status_code == 200
    assert pdf.data.startswith(b"%PDF")
    assert time.perf_counter() - started < 0.4  # served, not rendered
    jobs = {j.document: j.status for j in draft_jobs(queued_app, founder.public_id)}
    assert jobs["draft:classification.pdf"] == "done"


def test_the_word_files_are_rendered_ahead_after_a_change(
    queued_app: Any, start_worker: Any
) -> None:
    from actcheck.services import assessments, drafts

    start_worker(queued_app)
    # An organisation's assessment, the one a plan's "Attach the draft" serves.
    member = make_person(queued_app, "ahead@example.eu", "founder", organisation="Ahead SAS")
    founder = complete(member.client)
    with queued_app.extensions["actcheck.database"].sessions() as session:
        item = assessments.find(session, founder.public_id)
        result = assessments.evaluate(item, queued_app.extensions["actcheck.ruleset"])
        assert result is not None
        wanted = {f"draft:{k.id}.docx" for k in drafts.applicable(result)}
    assert len(wanted) >= 2
    until(
        lambda: (
            {j.document for j in draft_jobs(queued_app, founder.public_id)} == wanted
            and all(j.status == "done" for j in draft_jobs(queued_app, founder.public_id))
        )
    )
    for document in wanted:
        kind = document.removeprefix("draft:")
        response = founder.client.get(f"{founder.base}/drafts/{kind}")
        assert response.status_code == 200, kind  # ready: no waiting page
    # Only the Word files, in the page's language: a PDF is rendered when asked for.
    assert all(j.lang == "en" for j in draft_jobs(queued_app, founder.public_id))


def test_an_anonymous_assessments_drafts_are_not_rendered_ahead(
    queued_app: Any, start_worker: Any
) -> None:
    """No plan can attach them: they render when first asked for, never at the workers'
    expense for nobody."""
    start_worker(queued_app)
    founder = complete(queued_app.test_client())
    until(
        lambda: (
            (report := jobs_of(queued_app, founder.public_id))  # rendered ahead
            and all(j.status == "done" for j in report)
        )
    )
    assert draft_jobs(queued_app, founder.public_id) == []


def test_a_draft_for_an_old_version_is_never_served(queued_app: Any, start_worker: Any) -> None:
    start_worker(queued_app)
    founder = complete(queued_app.test_client())
    url = f"{founder.base}/drafts/classification.docx"
    until(lambda: status(founder.client, url)["state"] == "ready")
    before = founder.client.get(url)
    assert before.status_code == 200
    assert "Large" not in docx_words(before.data)
    founder.post_answer("org.size", "large")
    response = founder.client.get(url)
    if response.status_code == 303:  # the new version's draft is not rendered yet
        until(lambda: status(founder.client, url)["state"] == "ready")
        response = founder.client.get(url)
    assert response.status_code == 200
    assert "Large" in docx_words(response.data)
    versions = {j.version for j in draft_jobs(queued_app, founder.public_id)}
    assert len(versions) == 2


def test_a_failed_draft_is_retried_then_shown_as_failed(
    queued_app: Any, start_worker: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actcheck.services import drafts

    calls: list[str] = []

    def broken(draft: Any, fmt: str) -> Any:
        calls.append(fmt)
        raise RuntimeError("the printer is on fire")

    monkeypatch.setattr(drafts, "render_file", broken)
    founder = complete(queued_app.test_client())
    url = f"{founder.base}/drafts/classification.pdf"
    assert founder.client.get(url).status_code == 303
    start_worker(queued_app)
    until(lambda: status(founder.client, url)["state"] == "failed")
    assert calls.count("pdf") == 2  # the first try and its one retry (REPORT_RETRIES=1)
    [job] = [j for j in draft_jobs(queued_app, founder.public_id) if j.document.endswith("pdf")]
    assert (job.status, job.error, job.attempts) == ("failed", "RuntimeError", 2)
    page = founder.client.get(f"{url}/wait?lang=en")
    assert "Your draft could not be prepared" in page.text
    assert "Try again" in page.text
    assert "on fire" not in page.text
    assert 'http-equiv="refresh"' not in page.text
    assert founder.client.get(url).status_code == 303  # still not served
    # "Try again" needs the form's CSRF token.
    assert founder.client.post(f"{url}/retry?lang=en").status_code == 400
    monkeypatch.undo()
    response = founder.client.post(
        f"{url}/retry?lang=en", data={"csrf_token": csrf_token(page.text)}
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/drafts/classification.pdf/wait?lang=en")
    until(lambda: status(founder.client, url)["state"] == "ready")
    assert founder.client.get(url).data.startswith(b"%PDF")


def _plan_item(app: Any) -> tuple[Any, str, str]:
    """A logged-in founder with a high-risk assessment and its plan started: the client,
    the item page of the technical documentation's obligation, and the assessment's id."""
    from actcheck.models import Assessment, PlanItem
    from actcheck.services import assessments
    from actcheck.services.owners import Owner

    person = make_person(app, "f@example.eu", "founder", login=True)
    answers = {k: tuple(v) if isinstance(v, list) else v for k, v in FOUNDERS["high_risk"].items()}
    with app.extensions["actcheck.database"].sessions() as session:
        made = assessments.create(
            session,
            owner=Owner.organisation(person.organisation_id),
            ruleset=app.extensions["actcheck.ruleset"],
            answers=answers,
        )
        session.commit()
        public_id = made.public_id
    plan = f"/assessments/{public_id}/plan"
    page = person.client.get(plan)
    person.client.post(f"{plan}/sync", data={"csrf_token": csrf_token(page.text)})
    with app.extensions["actcheck.database"].sessions() as session:
        item_id = session.scalar(
            select(PlanItem.id)
            .join(Assessment, Assessment.id == PlanItem.assessment_id)
            .where(
                Assessment.public_id == public_id,
                PlanItem.obligation_id == "hr-technical-documentation",
            )
        )
    return person.client, f"{plan}/items/{item_id}", public_id


def _evidence(app: Any) -> list[str]:
    from actcheck.models import Evidence

    with app.extensions["actcheck.database"].sessions() as session:
        return list(session.scalars(select(Evidence.file_name)))


def test_attaching_a_draft_not_ready_says_so_and_attaches_once_it_is(
    queued_app: Any, start_worker: Any
) -> None:
    client, item_url, public_id = _plan_item(queued_app)
    page = client.get(item_url).text
    started = time.perf_counter()
    response = client.post(
        f"{item_url}/drafts/technical-documentation", data={"csrf_token": csrf_token(page)}
    )
    assert time.perf_counter() - started < 1  # nothing rendered in the request
    assert response.status_code == 302
    shown = client.get(response.headers["Location"]).text
    assert "The draft is being prepared." in shown
    assert "Press the button again in a moment" in shown
    assert _evidence(queued_app) == []

    start_worker(queued_app)
    url = f"/assessments/{public_id}/drafts/technical-documentation.docx"
    until(lambda: status(client, url)["state"] == "ready")
    response = client.post(
        f"{item_url}/drafts/technical-documentation", data={"csrf_token": csrf_token(shown)}
    )
    shown = client.get(response.headers["Location"]).text
    assert re.search(r"actcheck-technical-documentation-[\w-]+\.docx was added", shown)
    [name] = _evidence(queued_app)
    assert name.endswith(".docx")


def test_the_api_answers_202_while_a_draft_is_being_prepared(
    queued_app: Any, start_worker: Any
) -> None:
    from tests.api.conftest import bearer, create_token

    founder = make_person(queued_app, "ana@example.eu", "founder", organisation="Ana").founder
    founder.fill(FOUNDERS["limited_risk"])
    headers = bearer(create_token(founder))
    url = f"/api/v1/assessments/{founder.public_id}/drafts/classification.pdf?lang=en"
    waiting = founder.client.get(url, headers=headers)
    assert waiting.status_code == 202
    assert waiting.json["status"] == "preparing"
    assert int(waiting.headers["Retry-After"]) >= 1
    assert waiting.headers["Location"] == url
    assert waiting.json["location"] == url
    start_worker(queued_app)
    file = until(lambda: (r := founder.client.get(url, headers=headers)).status_code == 200 and r)
    assert file.data.startswith(b"%PDF")
    assert file.headers["Content-Disposition"].startswith("attachment; ")


def test_the_estimate_of_a_pdf_is_not_drawn_down_by_word_files(app: Any) -> None:
    from actcheck.models import Assessment, ReportJob, utcnow
    from actcheck.services import report_jobs as jobs
    from actcheck.services.owners import Owner

    with app.extensions["actcheck.database"].sessions() as session:
        from actcheck.services import assessments

        made = assessments.create(
            session,
            owner=Owner.from_session_token("x" * 32),
            ruleset=app.extensions["actcheck.ruleset"],
        )
        session.flush()
        assert isinstance(made, Assessment)

        def job(key: str, document: str, status: str, seconds: float | None) -> ReportJob:
            row = ReportJob(
                key=key * 64,
                tag="",
                assessment_id=made.id,
                version=1,
                lang="en",
                document=document,
                status=status,
                attempts=1,
                error="",
                enqueued_at=utcnow(),
                finished_at=utcnow(),
                seconds=seconds,
            )
            session.add(row)
            session.flush()
            return row

        for key in "abcd":
            job(key, "draft:classification.docx", "done", 0.05)
        job("e", "report", "done", 3.0)
        pdf = job("f", "draft:classification.pdf", "queued", None)
        word = job("1", "draft:fria.docx", "queued", None)
        assert jobs.wait(session, pdf).seconds == 3  # the PDFs' pace, not the Word files'
        assert jobs.wait(session, word).seconds == 1  # two short Word renders, rounded up
        session.rollback()
