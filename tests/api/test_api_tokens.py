"""Personal API tokens: created and revoked on the tokens page (or the command line), stored
hashed, and the only way to read one's own assessments through the API."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

import pytest
from sqlalchemy import select

from actcheck.models import ApiToken
from founders import FOUNDERS, Founder, csrf_token

from .conftest import bearer, create_token


def tokens_in_db(app: Any) -> list[ApiToken]:
    with app.extensions["actcheck.database"].sessions() as session:
        return list(session.scalars(select(ApiToken)))


def test_a_token_is_shown_once_and_only_its_hash_is_stored(app: Any, founder: Founder) -> None:
    founder.start()
    token = create_token(founder, "Board reporting")
    assert token.startswith("act_")
    assert len(token) == 47
    [row] = tokens_in_db(app)
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in (row.prefix, row.public_id, row.name)
    assert row.prefix == token[:10]
    page = founder.client.get("/tokens/")
    assert "Board reporting" in page.text
    assert token not in page.text  # shown once
    assert f"{row.prefix}…" in page.text


def test_a_token_reads_its_owners_assessments_and_nobody_elses(
    app: Any, founder: Founder, other_founder: Founder
) -> None:
    founder.fill(FOUNDERS["high_risk"])
    mine = founder.public_id
    other_founder.fill(FOUNDERS["minimal_risk"])
    theirs = other_founder.public_id
    token = create_token(founder)
    client = app.test_client()  # no cookie: the token alone

    listed = client.get("/api/v1/assessments", headers=bearer(token))
    assert listed.status_code == 200
    [item] = listed.json["assessments"]
    assert item["id"] == mine
    assert item["name"] == "TalentMatch"
    assert item["tier"] == "high_risk"
    assert item["complete"] is True
    assert item["url"] == f"/api/v1/assessments/{mine}"

    one = client.get(f"/api/v1/assessments/{mine}", headers=bearer(token))
    assert one.status_code == 200
    assert one.json["answers"]["actcheck"] == 1
    assert one.json["answers"]["answers"]["annex_iii.areas"] == ["employment.recruitment"]
    assert one.json["missing"] == []
    assert one.json["result"]["tier"] == "high_risk"
    # Reassessing the stored answers gives the stored result.
    again = client.post("/api/v1/assess", json=one.json["answers"])
    assert again.json == one.json["result"]

    other = client.get(f"/api/v1/assessments/{theirs}", headers=bearer(token))
    assert other.status_code == 404
    missing = client.get("/api/v1/assessments/nope", headers=bearer(token))
    assert missing.status_code == 404
    assert other.json == {"errors": [f"This token can read no assessment with the id {theirs!r}."]}


def test_an_incomplete_assessment_has_no_result_and_lists_what_is_missing(
    app: Any, founder: Founder
) -> None:
    founder.start()
    founder.post_answer("org.size", "small")
    token = create_token(founder)
    body = (
        app.test_client()
        .get(f"/api/v1/assessments/{founder.public_id}", headers=bearer(token))
        .json
    )
    assert body["complete"] is False
    assert body["result"] is None
    assert body["tier"] is None
    assert body["answers"] == {"actcheck": 1, "answers": {"org.size": "small"}}
    assert body["missing"][0] == "org.established_in_eu"


@pytest.mark.parametrize(
    ("headers", "challenge"),
    [
        ({}, 'Bearer realm="actcheck"'),
        ({"Authorization": "Bearer act_wrongwrongwrongwrongwrong"}, "invalid_token"),
        ({"Authorization": "Bearer "}, "invalid_token"),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, "invalid_token"),
        ({"Authorization": "Bearer " + "x" * 5000}, "invalid_token"),
    ],
)
def test_without_a_valid_token_the_answer_is_401(
    client: Any, headers: dict[str, str], challenge: str
) -> None:
    response = client.get("/api/v1/assessments", headers=headers)
    assert response.status_code == 401
    assert challenge in response.headers["WWW-Authenticate"]
    assert response.json["errors"][0]


def test_the_session_cookie_is_not_a_credential_for_the_api(founder: Founder) -> None:
    founder.fill(FOUNDERS["minimal_risk"])
    # The founder's own browser, with its session cookie, but no token.
    response = founder.client.get("/api/v1/assessments")
    assert response.status_code == 401
    response = founder.client.get(f"/api/v1/assessments/{founder.public_id}")
    assert response.status_code == 401


def test_a_revoked_token_stops_working_at_once(app: Any, founder: Founder) -> None:
    founder.start()
    token = create_token(founder)
    client = app.test_client()
    assert client.get("/api/v1/assessments", headers=bearer(token)).status_code == 200
    [row] = tokens_in_db(app)
    page = founder.client.get("/tokens/")
    response = founder.client.post(
        f"/tokens/{row.public_id}/revoke", data={"csrf_token": csrf_token(page.text)}
    )
    assert response.status_code == 302
    assert "was revoked" in founder.client.get("/tokens/").text
    assert client.get("/api/v1/assessments", headers=bearer(token)).status_code == 401


def test_nobody_else_can_revoke_a_token(app: Any, founder: Founder, other_founder: Founder) -> None:
    founder.start()
    create_token(founder)
    [row] = tokens_in_db(app)
    other_founder.start()
    page = other_founder.client.get("/tokens/")
    response = other_founder.client.post(
        f"/tokens/{row.public_id}/revoke", data={"csrf_token": csrf_token(page.text)}
    )
    assert response.status_code == 404
    assert tokens_in_db(app)[0].revoked_at is None
    # Without the CSRF token, not even the owner can.
    response = founder.client.post(f"/tokens/{row.public_id}/revoke")
    assert response.status_code == 400


def test_an_expired_token_is_refused(app: Any, founder: Founder) -> None:
    founder.start()
    token = create_token(founder)
    database = app.extensions["actcheck.database"]
    with database.sessions() as session:
        row = session.scalars(select(ApiToken)).one()
        row.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        session.commit()
    response = app.test_client().get("/api/v1/assessments", headers=bearer(token))
    assert response.status_code == 401
    assert "revoked or expired" in response.json["errors"][0]
    assert "Expired" in founder.client.get("/tokens/").text


def test_a_token_needs_a_name(founder: Founder) -> None:
    page = founder.client.get("/tokens/")
    response = founder.client.post(
        "/tokens/", data={"csrf_token": csrf_token(page.text), "name": "  "}
    )
    assert response.status_code == 422
    assert "Enter a name for the token" in response.text
    too_long = founder.client.post(
        "/tokens/", data={"csrf_token": csrf_token(page.text), "name": "x" * 101}
    )
    assert too_long.status_code == 422
    assert "100 characters or fewer" in too_long.text


def test_a_token_without_the_scope_is_forbidden(app: Any, founder: Founder) -> None:
    founder.start()
    token = create_token(founder)
    with app.extensions["actcheck.database"].sessions() as session:
        session.scalars(select(ApiToken)).one().scopes = "cohort:read"
        session.commit()
    response = app.test_client().get("/api/v1/assessments", headers=bearer(token))
    assert response.status_code == 403
    assert 'error="insufficient_scope"' in response.headers["WWW-Authenticate"]


def test_the_command_line_creates_lists_and_revokes_tokens(app: Any, founder: Founder) -> None:
    founder.fill(FOUNDERS["minimal_risk"])
    with app.extensions["actcheck.database"].sessions() as session:
        from actcheck.models import Assessment

        owner_key = session.scalars(select(Assessment.owner_key)).one()
    runner = app.test_cli_runner()
    created = runner.invoke(args=["tokens", "create", "--owner", owner_key, "--name", "ops"])
    assert created.exit_code == 0, created.output
    # The output may hold log lines too: find the token and its id by their shape.
    token = re.search(r"^(act_[A-Za-z0-9_-]+)$", created.output, re.M).group(1)  # type: ignore[union-attr]
    listed = app.test_client().get("/api/v1/assessments", headers=bearer(token))
    assert [a["id"] for a in listed.json["assessments"]] == [founder.public_id]
    public_id = re.search(r"token (\S+) created for", created.output).group(1)  # type: ignore[union-attr]
    assert "(active)" in runner.invoke(args=["tokens", "list", "--owner", owner_key]).output
    revoked = runner.invoke(args=["tokens", "revoke", public_id])
    assert revoked.exit_code == 0, revoked.output
    assert app.test_client().get("/api/v1/assessments", headers=bearer(token)).status_code == 401
    bad = runner.invoke(args=["tokens", "create", "--owner", "nobody", "--name", "x"])
    assert bad.exit_code == 2
    assert "an owner key is 'session:<hash>', 'org:<id>' or 'user:<id>'" in bad.output
