"""The plan through the JSON API: read with the assessment's rule (the holder's own, or a
submitted one of a cohort they advise); anything else is not found."""

from __future__ import annotations

from typing import Any

import pytest
from plan_world import TODAY, Startup
from sqlalchemy import select

from founders import csrf_token
from people import make_person, plan_writer_headers


def _token(app: Any, person: Any) -> dict[str, str]:
    from actcheck.services import tokens
    from actcheck.services.owners import Owner

    with app.extensions["actcheck.database"].sessions() as session:
        secret = tokens.create(
            session, owner=Owner.user(person.id), name="t", scopes=tokens.scopes_for(person.role)
        ).secret
        session.commit()
    return {"Authorization": f"Bearer {secret}"}


def _start(startup: Startup) -> int:
    from actcheck.models import Assessment
    from actcheck.services.plan import evidence, items

    with startup.session() as session:
        assessment = session.scalars(
            select(Assessment).where(Assessment.public_id == startup.public_id)
        ).one()
        items.sync(session, assessment, ruleset=startup.ruleset, actor=None, today=TODAY)
        first = items.items_of(session, assessment)[0]
        evidence.add_link(session, assessment, first, url="https://docs.example.eu/a", actor=None)
        session.commit()
        return first.id


def test_the_founder_reads_the_plan_and_an_item(startup: Startup) -> None:
    item_id = _start(startup)
    headers = _token(startup.app, startup.founder)
    client = startup.app.test_client()
    plan = client.get(f"/api/v1/assessments/{startup.public_id}/plan", headers=headers)
    assert plan.status_code == 200
    body = plan.get_json()
    assert body["progress"]["applicable"] == len(body["items"]) > 5
    item = client.get(
        f"/api/v1/assessments/{startup.public_id}/plan/items/{item_id}", headers=headers
    ).get_json()
    assert item["evidence"] == [
        {
            "kind": "link",
            "name": None,
            "url": "https://docs.example.eu/a",
            "size": 0,
            "sha256": None,
            "added_at": item["evidence"][0]["added_at"],
        }
    ]
    missing = client.get(
        f"/api/v1/assessments/{startup.public_id}/plan/items/999999", headers=headers
    )
    assert missing.status_code == 404


@pytest.mark.parametrize("submitted", [False, True])
def test_others_read_a_plan_only_as_the_cohorts_advisor_after_submission(
    startup: Startup, submitted: bool
) -> None:
    from actcheck.models import Organisation

    _start(startup)
    if submitted:
        client = startup.founder.client
        assert startup.founder.login().status_code == 302
        result = client.get(f"/assessments/{startup.public_id}/result")
        client.post(
            f"/assessments/{startup.public_id}/submit", data={"csrf_token": csrf_token(result.text)}
        )
    with startup.session() as session:
        cohort = session.get(Organisation, startup.founder.organisation_id).cohort_id
    advisor = make_person(startup.app, "a@example.eu", "advisor", cohort=cohort, login=False)
    stranger = make_person(startup.app, "g@example.eu", "founder", login=False)
    other_advisor = make_person(startup.app, "b@example.eu", "advisor", login=False)
    url = f"/api/v1/assessments/{startup.public_id}/plan"
    client = startup.app.test_client()
    assert client.get(url, headers=_token(startup.app, advisor)).status_code == (
        200 if submitted else 404
    )
    assert client.get(url, headers=_token(startup.app, stranger)).status_code == 404
    assert client.get(url, headers=_token(startup.app, other_advisor)).status_code == 404
    assert client.get(url).status_code == 401


def _writer(app: Any, person: Any) -> dict[str, str]:
    """A token of `person` made asking for plan:write (only founders get it)."""
    return plan_writer_headers(app, person.id, person.role)


def _history(startup: Startup, item_id: int) -> list[tuple[str, str, int | None]]:
    from actcheck.models import PlanEvent

    with startup.session() as session:
        rows = session.scalars(
            select(PlanEvent).where(PlanEvent.item_id == item_id).order_by(PlanEvent.id)
        )
        return [(e.action, e.new, e.actor_id) for e in rows]


def test_a_founders_write_token_updates_an_item_with_its_version(startup: Startup) -> None:
    item_id = _start(startup)
    headers = _writer(startup.app, startup.founder)
    client = startup.app.test_client()
    url = f"/api/v1/assessments/{startup.public_id}/plan/items/{item_id}"
    version = client.get(url, headers=headers).get_json()["version"]

    saved = client.patch(
        url,
        headers=headers,
        json={
            "version": version,
            "status": "in_progress",
            "owner_email": "f@example.eu",
            "notes": "Drafting with our lawyer",
        },
    )
    assert saved.status_code == 200, saved.get_json()
    body = saved.get_json()
    assert body["status"] == "in_progress"
    assert body["owner"] == "f"
    assert body["notes"] == "Drafting with our lawyer"
    assert body["version"] == version + 1
    history = _history(startup, item_id)
    assert ("status", "in_progress", startup.founder.id) in history
    assert ("notes", "Drafting with our lawyer", startup.founder.id) in history

    # A second client still at the old version: refused, told what is saved now.
    stale = client.patch(url, headers=headers, json={"version": version, "notes": "Mine"})
    assert stale.status_code == 409
    conflict = stale.get_json()
    assert conflict["item"]["version"] == version + 1
    assert conflict["item"]["notes"] == "Drafting with our lawyer"
    assert "version" in conflict["errors"][0]
    assert client.get(url, headers=headers).get_json()["notes"] == "Drafting with our lawyer"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"status": "not_applicable"}, "not_applicable_reason"),
        ({"status": "finished"}, "status must be one of"),
        ({"owner_email": "stranger@example.eu"}, "not a member"),
        ({"target_date": "2099-01-01"}, "target_note"),
        ({"target_date": "soon"}, "YYYY-MM-DD"),
        ({"notes": "x" * 4001}, "at most 4,000"),
        ({"colour": "red"}, "Unknown field 'colour'"),
        ({}, None),  # the version alone changes nothing and is fine
    ],
)
def test_a_refused_change_says_why_and_stores_nothing(
    startup: Startup, change: dict[str, Any], problem: str | None
) -> None:
    item_id = _start(startup)
    headers = _writer(startup.app, startup.founder)
    client = startup.app.test_client()
    url = f"/api/v1/assessments/{startup.public_id}/plan/items/{item_id}"
    before = client.get(url, headers=headers).get_json()
    response = client.patch(url, headers=headers, json={"version": before["version"], **change})
    if problem is None:
        assert response.status_code == 200
        assert response.get_json() == before
        return
    assert response.status_code == 422
    assert any(problem in e for e in response.get_json()["errors"]), response.get_json()
    assert client.get(url, headers=headers).get_json() == before


def test_a_missing_version_or_a_non_json_body_is_refused(startup: Startup) -> None:
    item_id = _start(startup)
    headers = _writer(startup.app, startup.founder)
    client = startup.app.test_client()
    url = f"/api/v1/assessments/{startup.public_id}/plan/items/{item_id}"
    assert client.patch(url, headers=headers, json={"status": "done"}).status_code == 422
    form = client.patch(url, headers=headers, data={"version": "1", "status": "done"})
    assert form.status_code == 415  # a cross-site form cannot write


def test_a_link_is_attached_once_with_its_history(startup: Startup) -> None:
    item_id = _start(startup)
    headers = _writer(startup.app, startup.founder)
    client = startup.app.test_client()
    url = f"/api/v1/assessments/{startup.public_id}/plan/items/{item_id}/links"
    added = client.post(url, headers=headers, json={"url": "https://docs.example.eu/policy"})
    assert added.status_code == 201
    urls = [e["url"] for e in added.get_json()["evidence"]]
    assert urls == ["https://docs.example.eu/a", "https://docs.example.eu/policy"]
    again = client.post(url, headers=headers, json={"url": "https://docs.example.eu/policy"})
    assert again.status_code == 422
    assert "already attached" in again.get_json()["errors"][0]
    script = client.post(url, headers=headers, json={"url": "javascript:alert(1)"})
    assert script.status_code == 422
    assert client.post(url, headers=headers, json={}).status_code == 422


def test_who_may_write_a_plan(startup: Startup) -> None:
    """The access matrix of the writes: only the organisation's founders, with plan:write."""
    from actcheck.models import Organisation

    item_id = _start(startup)
    client = startup.app.test_client()
    assert startup.founder.login().status_code == 302
    result = startup.founder.client.get(f"/assessments/{startup.public_id}/result")
    startup.founder.client.post(
        f"/assessments/{startup.public_id}/submit", data={"csrf_token": csrf_token(result.text)}
    )
    with startup.session() as session:
        cohort = session.get(Organisation, startup.founder.organisation_id).cohort_id
    advisor = make_person(startup.app, "a@example.eu", "advisor", cohort=cohort, login=False)
    stranger = make_person(startup.app, "g@example.eu", "founder", login=False)
    base = f"/api/v1/assessments/{startup.public_id}/plan/items/{item_id}"
    change = {"version": 1, "notes": "x"}
    link = {"url": "https://example.eu/x"}
    expected = [
        (_token(startup.app, startup.founder), 403),  # read-only token of the owner
        (_writer(startup.app, advisor), 403),  # advisors never write, whatever they ask
        (_writer(startup.app, stranger), 404),  # another organisation's writer
        ({}, 401),
    ]
    for headers, status in expected:
        assert client.patch(base, headers=headers, json=change).status_code == status
        assert client.post(f"{base}/links", headers=headers, json=link).status_code == status
    # An item id of another assessment's plan is not found through this one.
    writer = _writer(startup.app, startup.founder)
    other = f"/api/v1/assessments/{startup.public_id}/plan/items/999999"
    assert client.patch(other, headers=writer, json=change).status_code == 404
    assert [action for action, _new, _actor in _history(startup, item_id)] == [
        "created",
        "evidence",
    ]  # nothing written by any of them
    token = client.get("/api/v1/token", headers=writer).get_json()
    assert token["scopes"] == ["assessments:read", "plan:write"]


def test_the_tokens_page_makes_a_plan_writer_only_for_a_founder_who_asks(
    startup: Startup,
) -> None:
    import re

    from actcheck.models import Organisation

    with startup.session() as session:
        cohort = session.get(Organisation, startup.founder.organisation_id).cohort_id
    advisor = make_person(startup.app, "a@example.eu", "advisor", cohort=cohort)

    def made(person: Any, **fields: str) -> list[str]:
        page = person.client.get("/tokens/")
        data = {"csrf_token": csrf_token(page.text), "name": "sync", **fields}
        response = person.client.post("/tokens/", data=data)
        assert response.status_code == 201
        secret = re.search(r"<code class=\"token\" data-token>([^<]+)</code>", response.text)
        assert secret
        token = startup.app.test_client().get(
            "/api/v1/token", headers={"Authorization": f"Bearer {secret.group(1)}"}
        )
        return list(token.get_json()["scopes"])

    assert startup.founder.login().status_code == 302
    page = startup.founder.client.get("/tokens/").text
    assert "Also edit the compliance plan" in page
    assert made(startup.founder) == ["assessments:read"]
    assert made(startup.founder, plan_write="y") == ["assessments:read", "plan:write"]
    listed = startup.founder.client.get("/tokens/").text
    assert listed.count("data-plan-write") == 1  # the list tells the writer apart
    assert "Also edit the compliance plan" not in advisor.client.get("/tokens/").text
    assert made(advisor, plan_write="y") == ["cohorts:read"]  # asked, not granted
