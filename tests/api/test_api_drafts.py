"""The drafted documents through the API: listed for an assessment the token may read,
downloaded as DOCX or PDF; another account's token finds nothing. A plan:write token
attaches a draft that serves a plan item's obligation as its evidence. (While a draft is
being prepared on a real queue the API answers 202: tests/drafts/test_queue.py.)"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from sqlalchemy import select
from tests.api.conftest import bearer, create_token
from tests.report.test_web import imported

from founders import Founder, csrf_token
from people import plan_writer_headers


def test_a_token_lists_and_downloads_the_drafts_of_its_assessment(founder: Founder) -> None:
    public_id = imported(founder)
    headers = bearer(create_token(founder))
    listed = founder.client.get(f"/api/v1/assessments/{public_id}/drafts?lang=fr", headers=headers)
    assert listed.status_code == 200, listed.text
    kinds = {d["kind"]: d for d in listed.json["drafts"]}
    assert "technical-documentation" in kinds
    assert "fria" not in kinds
    assert kinds["technical-documentation"]["obligations"] == ["hr-technical-documentation"]
    assert kinds["technical-documentation"]["title"].startswith("Documentation technique")
    url = kinds["technical-documentation"]["downloads"]["docx"]
    file = founder.client.get(url, headers=headers)
    assert file.status_code == 200
    assert file.headers["Content-Disposition"].startswith("attachment; ")
    text = "\n".join(p.text for p in Document(io.BytesIO(file.data)).paragraphs)
    assert "Documentation technique (Art. 11, annexe IV)" in text
    missing = f"/api/v1/assessments/{public_id}/drafts/fria.docx"
    assert founder.client.get(missing, headers=headers).status_code == 404


def test_another_accounts_token_finds_no_drafts(founder: Founder, other_founder: Founder) -> None:
    public_id = imported(founder)
    headers = bearer(create_token(other_founder))
    for url in (
        f"/api/v1/assessments/{public_id}/drafts",
        f"/api/v1/assessments/{public_id}/drafts/classification.pdf",
    ):
        assert other_founder.client.get(url, headers=headers).status_code == 404


def _writer(app: Any, email: str) -> dict[str, str]:
    """A plan:write token of the account `email` (as the tokens page makes it)."""
    from actcheck.models import User

    with app.extensions["actcheck.database"].sessions() as session:
        user = session.scalars(select(User).where(User.email == email)).one()
        user_id, role = user.id, user.role
    return plan_writer_headers(app, user_id, role)


def _planned(app: Any, founder: Founder) -> dict[str, int]:
    """The founder's CV-screening assessment with its plan started: item id by obligation."""
    from actcheck.models import Assessment, PlanItem

    public_id = imported(founder)
    plan = f"/assessments/{public_id}/plan"
    page = founder.client.get(plan)
    founder.client.post(f"{plan}/sync", data={"csrf_token": csrf_token(page.text)})
    with app.extensions["actcheck.database"].sessions() as session:
        rows = session.execute(
            select(PlanItem.obligation_id, PlanItem.id)
            .join(Assessment, Assessment.id == PlanItem.assessment_id)
            .where(Assessment.public_id == public_id)
        ).all()
    return {obligation: item_id for obligation, item_id in rows}


def test_a_plan_write_token_attaches_a_draft_that_serves_the_item(
    app: Any, founder: Founder
) -> None:
    ids = _planned(app, founder)
    headers = _writer(app, "ana@talentmatch.example")
    url = (
        f"/api/v1/assessments/{founder.public_id}/plan/items/"
        f"{ids['hr-technical-documentation']}/drafts"
    )
    response = founder.client.post(
        url, headers=headers, json={"kind": "technical-documentation", "lang": "fr"}
    )
    assert response.status_code == 201, response.text
    [attached] = response.json["evidence"]
    assert attached["kind"] == "file"
    assert attached["name"].startswith("actcheck-technical-documentation-")
    assert attached["name"].endswith("-fr.docx")
    assert len(attached["sha256"]) == 64
    # The same draft again is the same file: refused, with the reason.
    again = founder.client.post(
        url, headers=headers, json={"kind": "technical-documentation", "lang": "fr"}
    )
    assert again.status_code == 422
    assert again.json["errors"] == ["This draft (the same file) is already attached to the item."]


def test_a_draft_that_does_not_serve_the_item_is_refused_with_the_reason(
    app: Any, founder: Founder
) -> None:
    ids = _planned(app, founder)
    headers = _writer(app, "ana@talentmatch.example")
    base = f"/api/v1/assessments/{founder.public_id}/plan/items"
    wrong = founder.client.post(
        f"{base}/{ids['hr-technical-documentation']}/drafts",
        headers=headers,
        json={"kind": "ai-literacy"},
    )
    assert wrong.status_code == 422
    [message] = wrong.json["errors"]
    assert "'ai-literacy' does not serve this item's obligation 'hr-technical-documentation'" in (
        message
    )
    assert "drafts that do: technical-documentation" in message
    bad = founder.client.post(
        f"{base}/{ids['hr-technical-documentation']}/drafts",
        headers=headers,
        json={"kind": "technical-documentation", "format": "pdf", "lang": "xx", "extra": 1},
    )
    assert bad.status_code == 422
    assert len(bad.json["errors"]) == 3  # the unknown field, the format, the language
    missing = founder.client.post(f"{base}/999999/drafts", headers=headers, json={"kind": "fria"})
    assert missing.status_code == 404


def test_attaching_needs_plan_write_and_the_organisations_own_plan(
    app: Any, founder: Founder, other_founder: Founder
) -> None:
    from actcheck.models import Evidence

    ids = _planned(app, founder)
    url = (
        f"/api/v1/assessments/{founder.public_id}/plan/items/"
        f"{ids['hr-technical-documentation']}/drafts"
    )
    body = {"kind": "technical-documentation"}
    read_only = bearer(create_token(founder))
    assert founder.client.post(url, headers=read_only, json=body).status_code == 403
    stranger = _writer(app, "bo@other.example")
    refused = other_founder.client.post(url, headers=stranger, json=body)
    assert refused.status_code == 404
    assert founder.client.post(url, json=body).status_code == 401
    with app.extensions["actcheck.database"].sessions() as session:
        assert session.scalars(select(Evidence.id)).all() == []
