"""The plan through the JSON API: read with the assessment's rule (the holder's own, or a
submitted one of a cohort they advise); anything else is not found."""

from __future__ import annotations

from typing import Any

import pytest
from plan_world import TODAY, Startup
from sqlalchemy import select

from founders import csrf_token
from people import make_person


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
