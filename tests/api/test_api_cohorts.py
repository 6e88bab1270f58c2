"""Tokens held by accounts: an advisor's token reads the cohorts they advise and their
submitted assessments, and nothing else; a founder's reads their organisation's; what a
token may read follows the account at once; logging out everywhere, a new password and
deleting the account end its tokens."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import delete, select

from actcheck.models import ApiToken, CohortAdvisor
from founders import FOUNDERS, Founder, csrf_token
from people import PASSWORD, Person, make_cohort, make_person

from .conftest import bearer, create_token


def _post(person: Person, page: str, url: str, data: dict[str, Any] | None = None) -> Any:
    html = person.client.get(page).text
    return person.client.post(url, data={"csrf_token": csrf_token(html), **(data or {})})


def _submitted(app: Any, cohort: int, name: str, answers: str, *, submit: bool = True) -> str:
    """A founder of `cohort` who filled `answers` and (by default) submitted them."""
    person = make_person(app, f"{name}@example.eu", "founder", cohort=cohort, organisation=name)
    founder = Founder(person.client)
    founder.fill(FOUNDERS[answers])
    if submit:
        response = _post(person, f"{founder.base}/result", f"{founder.base}/submit")
        assert response.status_code == 302
    return founder.public_id


class Programme:
    """Two cohorts: Spring, advised by Grace, with two submissions and one draft; Autumn,
    advised by someone else, with one submission."""

    def __init__(self, app: Any) -> None:
        self.spring = make_cohort(app, "Spring 2027")
        self.autumn = make_cohort(app, "Autumn 2027")
        self.grace = make_person(app, "grace@example.eu", "advisor", cohort=self.spring)
        self.high = _submitted(app, self.spring, "TalentCo", "high_risk")
        self.limited = _submitted(app, self.spring, "ChatCo", "limited_risk")
        self.draft = _submitted(app, self.spring, "DraftCo", "minimal_risk", submit=False)
        self.elsewhere = _submitted(app, self.autumn, "FarCo", "minimal_risk")
        self.token = create_token(self.grace, "Cohort sync")


def test_an_advisors_token_reads_their_cohorts_submissions_and_nothing_else(app: Any) -> None:
    programme = Programme(app)
    api = app.test_client()  # no cookie: the token alone
    headers = bearer(programme.token)

    cohorts = api.get("/api/v1/cohorts", headers=headers)
    assert cohorts.status_code == 200
    assert cohorts.json == {
        "cohorts": [
            {
                "id": programme.spring,
                "name": "Spring 2027",
                "closed": False,
                "assessments_url": f"/api/v1/cohorts/{programme.spring}/assessments",
            }
        ]
    }

    listed = api.get(f"/api/v1/cohorts/{programme.spring}/assessments", headers=headers)
    assert listed.status_code == 200
    rows = {row["id"]: row for row in listed.json["assessments"]}
    assert set(rows) == {programme.high, programme.limited}  # not the draft
    assert rows[programme.high]["organisation"]["name"] == "TalentCo"
    assert rows[programme.high]["tier"] == "high_risk"
    assert rows[programme.high]["status"] == "submitted"
    assert rows[programme.high]["submission"] == 1
    assert rows[programme.high]["url"] == f"/api/v1/assessments/{programme.high}"

    only_high = api.get(
        f"/api/v1/cohorts/{programme.spring}/assessments?tier=high_risk", headers=headers
    )
    assert [row["id"] for row in only_high.json["assessments"]] == [programme.high]
    bad_filter = api.get(
        f"/api/v1/cohorts/{programme.spring}/assessments?status=done", headers=headers
    )
    assert bad_filter.status_code == 422
    assert "status 'done' is not known" in bad_filter.json["errors"][0]

    one = api.get(f"/api/v1/assessments/{programme.high}", headers=headers)
    assert one.status_code == 200
    assert one.json["result"]["tier"] == "high_risk"
    review = one.json["review"]
    assert review["status"] == "submitted"
    [submission] = review["submissions"]
    assert submission["number"] == 1
    assert submission["tier"] == "high_risk"
    assert submission["answers"]["answers"]["annex_iii.areas"] == ["employment.recruitment"]

    # Another cohort, its assessments, and a draft never submitted: not found.
    assert (
        api.get(f"/api/v1/cohorts/{programme.autumn}/assessments", headers=headers).status_code
        == 404
    )
    assert api.get("/api/v1/cohorts/999999/assessments", headers=headers).status_code == 404
    for hidden in (programme.elsewhere, programme.draft):
        response = api.get(f"/api/v1/assessments/{hidden}", headers=headers)
        assert response.status_code == 404
        assert response.json == {
            "errors": [f"This token can read no assessment with the id {hidden!r}."]
        }

    # An advisor owns no assessments: the founders' list is not theirs.
    own = api.get("/api/v1/assessments", headers=headers)
    assert own.status_code == 403
    assert "/api/v1/cohorts" in own.json["errors"][0]


def test_the_review_the_api_shows_is_the_one_on_the_web(app: Any) -> None:
    programme = Programme(app)
    review_url = f"/review/{programme.high}"
    _post(
        programme.grace,
        review_url,
        f"{review_url}/comments",
        {"question": "", "body": "<b>Why?</b>"},
    )
    _post(
        programme.grace,
        review_url,
        f"{review_url}/note",
        {"tier": "limited_risk", "justification": "Art. 6(3) may apply."},
    )
    body = (
        app.test_client()
        .get(f"/api/v1/assessments/{programme.high}", headers=bearer(programme.token))
        .json
    )
    assert body["review"]["status"] == "in_review"
    [comment] = body["review"]["comments"]
    assert comment["body"] == "<b>Why?</b>"  # data, as written; JSON needs no escaping
    assert comment["author"] == "grace"
    assert comment["question"] is None
    assert body["review"]["advisor_note"] == {
        "tier": "limited_risk",
        "justification": "Art. 6(3) may apply.",
    }
    assert body["tier"] == "high_risk"  # the note never replaces the computed tier


def test_a_founders_token_reads_their_review_but_no_cohort(app: Any) -> None:
    cohort = make_cohort(app)
    person = make_person(app, "ada@example.eu", "founder", cohort=cohort, organisation="Ada SAS")
    founder = Founder(person.client)
    founder.fill(FOUNDERS["limited_risk"])
    _post(person, f"{founder.base}/result", f"{founder.base}/submit")
    token = create_token(person)
    api = app.test_client()
    body = api.get(f"/api/v1/assessments/{founder.public_id}", headers=bearer(token)).json
    assert body["review"]["status"] == "submitted"
    response = api.get("/api/v1/cohorts", headers=bearer(token))
    assert response.status_code == 403
    assert 'error="insufficient_scope"' in response.headers["WWW-Authenticate"]
    assert "does not read cohorts" in response.json["errors"][0]


def test_an_admins_token_reads_every_cohort(app: Any) -> None:
    programme = Programme(app)
    admin = make_person(app, "admin@example.eu", "admin")
    token = create_token(admin)
    api = app.test_client()
    names = [c["name"] for c in api.get("/api/v1/cohorts", headers=bearer(token)).json["cohorts"]]
    assert names == ["Autumn 2027", "Spring 2027"]
    assert (
        api.get(f"/api/v1/assessments/{programme.elsewhere}", headers=bearer(token)).json["review"][
            "status"
        ]
        == "submitted"
    )


def test_an_advisor_removed_from_a_cohort_loses_its_api_access_at_once(app: Any) -> None:
    programme = Programme(app)
    api = app.test_client()
    headers = bearer(programme.token)
    assert api.get(f"/api/v1/assessments/{programme.high}", headers=headers).status_code == 200
    with app.extensions["actcheck.database"].sessions() as session:
        session.execute(delete(CohortAdvisor).where(CohortAdvisor.user_id == programme.grace.id))
        session.commit()
    assert api.get("/api/v1/cohorts", headers=headers).json == {"cohorts": []}
    assert api.get(f"/api/v1/assessments/{programme.high}", headers=headers).status_code == 404
    assert (
        api.get(f"/api/v1/cohorts/{programme.spring}/assessments", headers=headers).status_code
        == 404
    )


def test_the_token_endpoint_says_what_the_token_is(app: Any) -> None:
    programme = Programme(app)
    body = app.test_client().get("/api/v1/token", headers=bearer(programme.token)).json
    assert body["name"] == "Cohort sync"
    assert body["scopes"] == ["cohorts:read"]
    assert body["holder"] == {"kind": "advisor", "name": "grace"}
    assert body["prefix"] == programme.token[:10]
    assert body["expires_at"] > body["created_at"]


def _works(app: Any, token: str) -> bool:
    status = app.test_client().get("/api/v1/token", headers=bearer(token)).status_code
    assert status in (200, 401)
    return status == 200


def test_logging_out_everywhere_revokes_the_accounts_tokens(app: Any) -> None:
    person = make_person(app, "ada@example.eu", "founder")
    other = make_person(app, "bo@example.eu", "founder")
    token, kept = create_token(person), create_token(other)
    assert _works(app, token)
    page = person.client.get("/account")
    assert "also revokes your API tokens" in page.text
    response = person.client.post("/logout-everywhere", data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 302
    assert not _works(app, token)
    assert _works(app, kept)  # someone else's tokens are theirs


def test_a_new_password_revokes_the_accounts_tokens(app: Any, caplog: Any) -> None:
    from people import quiet, reset_password

    quiet(caplog)
    person = make_person(app, "ada@example.eu", "founder")
    token = create_token(person)
    response = reset_password(app, caplog, person.email, PASSWORD + " new")
    assert response.status_code == 302, response.text[:500]
    assert not _works(app, token)


def test_deleting_the_account_deletes_its_tokens(app: Any) -> None:
    person = make_person(app, "ada@example.eu", "founder")
    token = create_token(person)
    page = person.client.get("/account/delete")
    response = person.client.post(
        "/account/delete",
        data={"csrf_token": csrf_token(page.text), "password": PASSWORD, "confirm": "y"},
    )
    assert response.status_code == 302, response.text[:800]
    assert not _works(app, token)
    with app.extensions["actcheck.database"].sessions() as session:
        assert session.scalars(select(ApiToken)).all() == []


def test_a_browser_sessions_token_moves_to_the_account_that_claims_its_drafts(app: Any) -> None:
    """Tokens made before accounts existed: signing up or logging in in that browser
    hands its drafts and its tokens to the account."""
    from actcheck.services import tokens
    from actcheck.services.owners import Owner

    person = make_person(app, "ada@example.eu", "founder", login=False)
    founder = Founder(person.client)
    founder.fill(FOUNDERS["minimal_risk"])  # a draft of this browser, before logging in
    with person.client.session_transaction() as cookie:
        owner = Owner.from_session_token(cookie["owner_token"])
    with app.extensions["actcheck.database"].sessions() as session:
        secret = tokens.create(session, owner=owner, name="old").secret
        session.commit()
    api = app.test_client()
    assert [
        a["id"] for a in api.get("/api/v1/assessments", headers=bearer(secret)).json["assessments"]
    ] == [founder.public_id]
    assert person.login().status_code == 302
    with app.extensions["actcheck.database"].sessions() as session:
        assert session.scalars(select(ApiToken.owner_key)).one() == f"user:{person.id}"
    body = api.get("/api/v1/assessments", headers=bearer(secret)).json
    assert [a["id"] for a in body["assessments"]] == [founder.public_id]
    assert api.get("/api/v1/token", headers=bearer(secret)).json["holder"]["kind"] == "founder"


def test_the_tokens_page_asks_a_visitor_to_log_in(client: Any) -> None:
    page = client.get("/tokens/")
    assert page.status_code == 200
    assert "Log in to create one" in page.text
    assert 'name="name"' not in page.text
    response = client.post("/tokens/", data={"csrf_token": csrf_token(page.text), "name": "x"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/login?next=/tokens/")


def test_logging_in_returns_to_the_tokens_page_and_only_to_this_site(app: Any) -> None:
    person = make_person(app, "grace@example.eu", "advisor", login=False)
    for target, expected in (
        ("/tokens/", "/tokens/"),
        ("//evil.example/x", "/review/"),
        ("https://evil.example/", "/review/"),
        ("/\\evil.example", "/review/"),
    ):
        client = app.test_client()
        page = client.get("/login", query_string={"next": target})
        response = client.post(
            "/login",
            query_string={"next": target},
            data={
                "csrf_token": csrf_token(page.text),
                "email": person.email,
                "password": PASSWORD,
            },
        )
        assert response.status_code == 302
        assert response.headers["Location"] == expected, target


def test_the_menu_links_to_the_tokens_page_and_an_advisor_may_make_one(app: Any) -> None:
    grace = make_person(app, "grace@example.eu", "advisor")
    page = grace.client.get("/review/")
    assert 'href="/tokens/"' in page.text
    tokens_page = grace.client.get("/tokens/")
    assert "your cohorts and the assessments their startups submitted" in tokens_page.text
    token = create_token(grace)
    assert token.startswith("act_")


def test_every_answer_of_an_advisors_token_matches_the_openapi_document(app: Any) -> None:
    """Schemathesis cannot guess a real cohort id; these answers are checked here against
    the schemas the document gives them."""
    import jsonschema

    programme = Programme(app)
    review_url = f"/review/{programme.high}"
    _post(programme.grace, review_url, f"{review_url}/comments", {"question": "", "body": "ok"})
    _post(
        programme.grace,
        review_url,
        f"{review_url}/note",
        {"tier": "limited_risk", "justification": "why"},
    )
    api = app.test_client()
    document = api.get("/api/v1/openapi.json").json

    def check(url: str, name: str) -> None:
        response = api.get(url, headers=bearer(programme.token))
        assert response.status_code == 200, url
        schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
        jsonschema.Draft202012Validator(schema).validate(response.json)

    check("/api/v1/cohorts", "CohortList")
    check(f"/api/v1/cohorts/{programme.spring}/assessments", "CohortAssessments")
    check(f"/api/v1/assessments/{programme.high}", "Assessment")
    check("/api/v1/token", "Token")


def test_operators_make_an_accounts_token_on_the_command_line(app: Any) -> None:
    programme = Programme(app)
    runner = app.test_cli_runner()
    created = runner.invoke(
        args=["tokens", "create", "--user", "GRACE@example.eu", "--name", "nightly export"]
    )
    assert created.exit_code == 0, created.output
    assert "grace@example.eu (advisor) (cohorts:read)" in created.output
    token = re.search(r"^(act_[A-Za-z0-9_-]+)$", created.output, re.M).group(1)  # type: ignore[union-attr]
    cohorts = app.test_client().get("/api/v1/cohorts", headers=bearer(token))
    assert [c["id"] for c in cohorts.json["cohorts"]] == [programme.spring]
    listed = runner.invoke(args=["tokens", "list", "--user", "grace@example.eu"])
    assert "nightly export" in listed.output
    assert "Cohort sync" in listed.output
    unknown = runner.invoke(args=["tokens", "create", "--user", "no@example.eu", "--name", "x"])
    assert unknown.exit_code == 1
    assert "no account is 'no@example.eu'" in unknown.output
    both = runner.invoke(
        args=["tokens", "create", "--user", "grace@example.eu", "--owner", "org:1", "--name", "x"]
    )
    assert both.exit_code == 2
    assert "give either --user EMAIL or --owner KEY" in both.output
