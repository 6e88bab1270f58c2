"""The access matrix of accounts and cohorts: every route x every role x someone else's
object, for a submitted assessment and for a draft never submitted. A founder never reaches
another organisation's assessment (by id, by URL, by export); an advisor never reaches a
cohort not theirs, nor a draft of their own cohort's founders before it is submitted (on
the web as through the API: one rule, `reviews.may_review`). Denied means 403, 404 or the
login page, and nothing stored changes."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

import pytest

from founders import FOUNDERS, csrf_token, stored
from people import Person, make_cohort, make_person, plan_writer_headers

FOUNDER, ADVISOR, ADMIN = "founder", "advisor", "admin"
READERS = {FOUNDER, ADVISOR, ADMIN}

# (method, url, who may: roles among founder (the owner), advisor (of the cohort), admin)
ROUTES: list[tuple[str, str, set[str]]] = [
    ("GET", "/assessments/{id}/", {FOUNDER}),
    ("GET", "/assessments/{id}/continue", {FOUNDER}),
    ("GET", "/assessments/{id}/questions/org.size", {FOUNDER}),
    ("POST", "/assessments/{id}/questions/org.size", {FOUNDER}),
    ("GET", "/assessments/{id}/check", READERS),
    ("GET", "/assessments/{id}/result", READERS),
    ("GET", "/assessments/{id}/export", READERS),
    ("GET", "/assessments/{id}/report.pdf", READERS),
    ("GET", "/assessments/{id}/report", READERS),
    ("GET", "/assessments/{id}/report/wait", READERS),
    ("POST", "/assessments/{id}/report/retry", READERS),
    # The drafted documents (issue 18): the report's rule, the report's queue and waiting page.
    ("GET", "/assessments/{id}/drafts/{kind}.docx", READERS),
    ("GET", "/assessments/{id}/drafts/{kind}.pdf/wait", READERS),
    ("POST", "/assessments/{id}/drafts/{kind}.pdf/retry", READERS),
    ("POST", "/assessments/{id}/copy", {FOUNDER}),
    ("POST", "/assessments/{id}/preview", {FOUNDER}),
    ("GET", "/assessments/{id}/delete", {FOUNDER}),
    ("POST", "/assessments/{id}/delete", {FOUNDER}),
    ("POST", "/assessments/{id}/submit", {FOUNDER}),
    ("POST", "/assessments/{id}/reply", {FOUNDER}),
    ("GET", "/review/{id}", {ADVISOR, ADMIN}),
    ("POST", "/review/{id}/comments", {ADVISOR, ADMIN}),
    ("POST", "/review/{id}/decision", {ADVISOR, ADMIN}),
    ("POST", "/review/{id}/note", {ADVISOR, ADMIN}),
    # The compliance plan (issue 17): the assessment's rule; advisors read and comment.
    ("GET", "/assessments/{id}/plan", READERS),
    ("POST", "/assessments/{id}/plan/sync", {FOUNDER}),
    ("GET", "/assessments/{id}/plan/items/{item}", READERS),
    ("POST", "/assessments/{id}/plan/items/{item}", {FOUNDER}),
    ("POST", "/assessments/{id}/plan/items/{item}/comments", READERS),
    ("POST", "/assessments/{id}/plan/items/{item}/files", {FOUNDER}),
    ("POST", "/assessments/{id}/plan/items/{item}/links", {FOUNDER}),
    ("POST", "/assessments/{id}/plan/items/{draft_item}/drafts/{kind}", {FOUNDER}),
    ("GET", "/assessments/{id}/plan/evidence/{evidence}", READERS),
    ("GET", "/assessments/{id}/plan/bundle.zip", READERS),
    ("POST", "/assessments/{id}/plan/components", {FOUNDER}),
    ("POST", "/assessments/{id}/plan/components/{component}/delete", {FOUNDER}),
    ("GET", "/admin/cohorts", {ADMIN}),
    ("GET", "/admin/cohorts/{cohort}", {ADMIN}),
    ("POST", "/admin/cohorts/{cohort}", {ADMIN}),
    ("POST", "/admin/cohorts/{cohort}/close", {ADMIN}),
]
# Lists that everyone logged in may open, but that show the object only to some.
LISTS: list[tuple[str, set[str]]] = [
    ("/", {FOUNDER}),
    ("/review/", {ADVISOR, ADMIN}),
    ("/review/export.csv", {ADVISOR, ADMIN}),
    ("/inventory", {FOUNDER}),
    ("/inventory.csv", {FOUNDER}),
]
ROLES = ["anonymous", "founder", "other founder", "advisor", "other advisor", "admin"]
AS = {"founder": FOUNDER, "advisor": ADVISOR, "admin": ADMIN}


#: The two states of the founder's assessment every route is tried on.
STATES = ["submitted", "draft"]


@dataclass
class World:
    public_id: str
    cohort: int
    people: dict[str, Person]
    draft_id: str = ""
    # Per state: the ids of a plan item, a file of its evidence and an AI component.
    plan: dict[str, dict[str, Any]] = field(default_factory=dict)

    def target(self, state: str) -> str:
        return self.public_id if state == "submitted" else self.draft_id


def _with_plan(session: Any, assessment: Any, rules: Any, actor: Any) -> dict[str, Any]:
    """Start the assessment's plan, attach a file to its first item, record a component."""
    import datetime as dt

    from actcheck.services.plan import components, evidence, items
    from actcheck.services.plan.storage import DatabaseStore

    items.sync(session, assessment, ruleset=rules, actor=actor, today=dt.date(2026, 12, 7))
    item = items.items_of(session, assessment)[0]
    file = evidence.add_file(
        session,
        DatabaseStore(session),
        assessment,
        item,
        name="p.txt",
        data=b"policy",
        actor=actor,
    )
    component = components.add(
        session,
        assessment,
        name="Model",
        provider="Lab",
        model_version="1",
        documentation_received=False,
    )
    from actcheck.services import assessments
    from actcheck.services.plan import drafted

    result = assessments.evaluate(assessment, rules)
    assert result is not None
    draft_item, kind = next(
        (i, k) for i in items.items_of(session, assessment) for k in drafted.kinds_for(result, i)
    )
    return {
        "item": item.id,
        "evidence": file.public_id,
        "component": component.id,
        "draft_item": draft_item.id,
        "kind": kind.id,
    }


def _plan_rows(app: Any) -> tuple[Any, ...]:
    """Everything of the plans, to check a refused request changed none of it."""
    from sqlalchemy import select

    from actcheck.models import AiComponent, Evidence, PlanEvent, PlanItem

    with app.extensions["actcheck.database"].sessions() as session:
        return (
            sorted(
                session.execute(
                    select(PlanItem.id, PlanItem.version, PlanItem.status, PlanItem.notes)
                ).all()
            ),
            len(session.scalars(select(Evidence.id)).all()),
            len(session.scalars(select(PlanEvent.id)).all()),
            len(session.scalars(select(AiComponent.id)).all()),
        )


@pytest.fixture
def world(app: Any) -> World:
    """Cohort A (an advisor, a founder with one submitted assessment and one complete
    draft never submitted, another founder), cohort B (another advisor), and an admin;
    nobody logged in yet."""
    from actcheck.models import Organisation, User
    from actcheck.services import assessments, reviews
    from actcheck.services.owners import Owner
    from actcheck.web.i18n import ruleset as _unused  # noqa: F401 - the app's rule set

    cohort_a, cohort_b = make_cohort(app, "A"), make_cohort(app, "B")
    people = {
        "founder": make_person(app, "f@example.eu", "founder", cohort=cohort_a, login=False),
        "other founder": make_person(app, "g@example.eu", "founder", cohort=cohort_a, login=False),
        "advisor": make_person(app, "a@example.eu", "advisor", cohort=cohort_a, login=False),
        "other advisor": make_person(app, "b@example.eu", "advisor", cohort=cohort_b, login=False),
        "admin": make_person(app, "admin@example.eu", "admin", login=False),
    }
    rules = app.extensions["actcheck.ruleset"]
    owner = people["founder"]
    with app.extensions["actcheck.database"].sessions() as session:
        answers = {
            k: tuple(v) if isinstance(v, list) else v for k, v in FOUNDERS["high_risk"].items()
        }
        item = assessments.create(
            session, owner=Owner.organisation(owner.organisation_id), ruleset=rules, answers=answers
        )
        draft = assessments.create(
            session, owner=Owner.organisation(owner.organisation_id), ruleset=rules, answers=answers
        )
        other = people["other founder"]
        assessments.create(session, owner=Owner.organisation(other.organisation_id), ruleset=rules)
        assert session.get(Organisation, owner.organisation_id)
        reviews.submit(session, item, actor=session.get(User, owner.id))
        actor = session.get(User, owner.id)
        plan = {
            "submitted": _with_plan(session, item, rules, actor),
            "draft": _with_plan(session, draft, rules, actor),
        }
        session.commit()
        public_id, draft_id = item.public_id, draft.public_id
    return World(public_id=public_id, cohort=cohort_a, people=people, draft_id=draft_id, plan=plan)


def _client(app: Any, world: World, role: str) -> Any:
    if role == "anonymous":
        client = app.test_client()
        client.get("/")
        return client
    person = world.people[role]
    assert person.login().status_code == 302
    return person.client


def _send(client: Any, method: str, url: str) -> Any:
    if method == "GET":
        return client.get(url)
    token = csrf_token(client.get("/", follow_redirects=True).text)
    return client.post(
        url,
        data={
            "csrf_token": token,
            "answer": "large",
            "version": "1",
            "body": "x",
            "question": "",
            "decision": "reviewed",
            "tier": "minimal_risk",
            "justification": "x",
            "role": "founder",
            "organisation": "",
            "name": "x",
        },
    )


def _allowed(role: str, who: set[str], state: str = "submitted", url: str = "{id}") -> bool:
    """Whether `role` may use a route open to `who`: on an assessment's routes, reviewers
    (advisors, admins) only once it was submitted; a draft is its founders' alone."""
    if state == "draft" and "{id}" in url:
        who = who & {FOUNDER}
    return role in AS and AS[role] in who


def _denied(response: Any) -> bool:
    if response.status_code == 403 and response.mimetype == "text/html":
        # The page says why, in the words of the one asking (logged in or not).
        assert "You cannot open this page" in response.text
        assert ("Your account cannot open this page" in response.text) or (
            "If it is yours, log in" in response.text
        )
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and "/login" in response.headers.get("Location", "")


@pytest.mark.parametrize(("method", "url", "who"), ROUTES, ids=[f"{m} {u}" for m, u, _ in ROUTES])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
def test_access_matrix(
    app: Any, world: World, state: str, role: str, method: str, url: str, who: set[str]
) -> None:
    client = _client(app, world, role)
    public_id = world.target(state)
    before = stored(app, public_id)
    plan_before = _plan_rows(app)
    target = url.format(id=public_id, cohort=world.cohort, **world.plan[state])

    response = _send(client, method, target)

    if _allowed(role, who, state, url):
        assert not _denied(response), (response.status_code, response.headers.get("Location"))
        return
    assert _denied(response), (role, target, response.status_code)
    assert _plan_rows(app) == plan_before
    after = stored(app, public_id)
    assert (after.answers, after.version, after.result, after.owner_key) == (
        before.answers,
        before.version,
        before.result,
        before.owner_key,
    )


@pytest.mark.parametrize("role", ROLES)
def test_an_unknown_assessment_is_not_found_for_everyone(app: Any, world: World, role: str) -> None:
    client = _client(app, world, role)
    for url in (
        "/assessments/no-such-id/result",
        "/review/no-such-id",
        "/assessments/no-such-id/export",
    ):
        response = client.get(url)
        assert response.status_code in ((302, 404) if role == "anonymous" else (404,)), url


@pytest.mark.parametrize(("url", "who"), LISTS)
@pytest.mark.parametrize("role", ROLES)
def test_lists_show_the_object_only_to_whom_it_concerns(
    app: Any, world: World, role: str, url: str, who: set[str]
) -> None:
    client = _client(app, world, role)
    response = client.get(url)
    shown = response.status_code == 200 and world.public_id in response.get_data(as_text=True)
    if url.endswith(".csv") and response.status_code == 200:
        shown = "f@example.eu SAS" in response.get_data(as_text=True)
    assert shown == _allowed(role, who), (role, url, response.status_code)


@pytest.mark.parametrize("role", ["founder", "other founder"])
def test_the_data_download_holds_only_your_organisation(app: Any, world: World, role: str) -> None:
    client = _client(app, world, role)
    archive = zipfile.ZipFile(io.BytesIO(client.get("/account/export").data))
    mine = any(world.public_id in name for name in archive.namelist())
    assert mine == (role == "founder")


# The API's read of one assessment, with each account's own token (the scope its role gets).
API_READERS = {FOUNDER, ADVISOR, ADMIN}


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
@pytest.mark.parametrize("state", STATES)
def test_the_api_follows_the_same_rule(app: Any, world: World, state: str, role: str) -> None:

    person = world.people[role]
    headers = plan_writer_headers(app, person.id, person.role, name="matrix")
    base = f"/api/v1/assessments/{world.target(state)}"
    plan = world.plan[state]
    client = app.test_client()
    file = client.get(f"{base}/drafts/{plan['kind']}.docx", headers=headers)
    if _allowed(role, API_READERS, state):
        assert file.status_code == 200, (role, state, file.status_code)
    else:
        assert file.status_code == 404, (role, state, file.status_code)
    before = _plan_rows(app)
    attach = client.post(
        f"{base}/plan/items/{plan['draft_item']}/drafts",
        headers=headers,
        json={"kind": plan["kind"]},
    )
    if _allowed(role, {FOUNDER}, state):
        assert attach.status_code == 201, (role, state, attach.status_code, attach.text)
        return
    # Advisors' tokens never write (403); another organisation's assessment is not found.
    assert attach.status_code == (403 if person.role in ("advisor", "admin") else 404), (
        role,
        state,
        attach.status_code,
    )
    assert _plan_rows(app) == before
