"""No state changes on GET (issue 12, finding 12, the class test): every GET route of the
app, opened by each kind of visitor on a database with a cohort, a submitted assessment, a
draft, comments, tokens and an unused invitation, leaves every table as it was.

Every page and API answer of the crawl is also checked for rule-text date placeholders
left unworded. Two columns are bookkeeping a GET is meant to write, and are left out of the comparison:
`login_session.last_seen_at` (the idle limit of a signed-in session) and
`api_token.last_used_at` (shown on the tokens page); and one table, `report_job`, where a
download records the report it renders (the queue's state, beside the report cache: no
one's data). Nothing else may change.
"""

from __future__ import annotations

import io
import re
from typing import Any

from sqlalchemy import text, update

from actcheck.models import Base
from api.conftest import bearer, create_token
from founders import FOUNDERS, Founder, csrf_token
from people import make_cohort, make_person

#: Written by a GET on purpose (see the module's docstring).
BOOKKEEPING = {("login_session", "last_seen_at"), ("api_token", "last_used_at")}
#: Tables a GET may write (see the module's docstring).
BOOKKEEPING_TABLES = {"report_job"}
#: GET routes not crawled, and why.
NOT_CRAWLED = {"static": "files from the package's static folder, served by Flask"}


def _dump(app: Any) -> dict[str, list[tuple[Any, ...]]]:
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with app.extensions["actcheck.database"].sessions() as session:
        for table in Base.metadata.sorted_tables:
            if table.name in BOOKKEEPING_TABLES:
                continue
            columns = [c.name for c in table.columns if (table.name, c.name) not in BOOKKEEPING]
            rows = session.execute(
                text(f"SELECT {', '.join(columns)} FROM {table.name}")  # noqa: S608
            )
            tables[table.name] = sorted((tuple(map(repr, row)) for row in rows), key=repr)
    return tables


def _world(app: Any) -> dict[str, Any]:
    cohort = make_cohort(app)
    admin = make_person(app, "admin@example.eu", "admin")
    advisor = make_person(app, "grace@example.eu", "advisor", cohort=cohort)
    founder = make_person(app, "ada@example.eu", "founder", cohort=cohort)
    submitted = Founder(founder.client)
    submitted.fill(FOUNDERS["limited_risk"])
    result = f"{submitted.base}/result"
    assert founder.post(f"{submitted.base}/submit", page=result).status_code == 302
    review = f"/review/{submitted.public_id}"
    advisor.post(f"{review}/comments", {"question": "", "body": "Looks fine."}, page=review)
    draft = Founder(founder.client)
    draft.fill(FOUNDERS["high_risk"])
    invited = admin.post(
        f"/admin/cohorts/{cohort}",
        {"role": "founder", "organisation": "New SAS"},
        page=f"/admin/cohorts/{cohort}",
    )
    link = re.search(r"data-invitation-link>[^<]*/invitations/([^<]+)<", invited.text)
    assert link, "no invitation link on the page"
    tokens = {"founder": create_token(founder), "advisor": create_token(advisor)}
    # The submitted assessment's plan, started, with a file on its first item (issue 17).
    plan = f"{submitted.base}/plan"
    assert founder.post(f"{plan}/sync", page=plan).status_code == 302
    item = re.search(r'/plan/items/(\d+)"', founder.client.get(plan).text)
    assert item, "no plan item on the plan page"
    founder.client.post(
        f"{plan}/items/{item.group(1)}/files",
        data={
            "csrf_token": csrf_token(founder.client.get(plan).text),
            "file": (io.BytesIO(b"Our policy"), "policy.txt"),
        },
        content_type="multipart/form-data",
    )
    file = re.search(
        r"/plan/evidence/([0-9a-f]+)", founder.client.get(f"{plan}/items/{item.group(1)}").text
    )
    assert file, "no evidence file on the item page"
    # A stored result older than the rule set, and one missing: the pages that re-assess
    # must show the new result without storing it.
    from actcheck.models import Assessment

    with app.extensions["actcheck.database"].sessions() as session:
        session.execute(
            update(Assessment)
            .where(Assessment.public_id == submitted.public_id)
            .values(ruleset_sha256="0" * 64)
        )
        session.execute(
            update(Assessment).where(Assessment.public_id == draft.public_id).values(result=None)
        )
        session.commit()
    return {
        "cohort": cohort,
        "people": {"admin": admin, "advisor": advisor, "founder": founder},
        "submitted": submitted.public_id,
        "draft": draft.public_id,
        "invitation": link.group(1),
        "item": int(item.group(1)),
        "evidence": file.group(1),
        "tokens": tokens,
    }


def _urls(app: Any, world: dict[str, Any]) -> dict[str, list[str]]:
    """Every GET route, with each value it takes in this world (and a few queries)."""
    values = {
        "public_id": [world["submitted"], world["draft"], "0" * 32],
        "cohort_id": [world["cohort"], 999_999],
        "token": [world["invitation"], "not-a-token"],
        "name": ["DejaVuSans.ttf", "nope.ttf"],
        "qid": ["system.name", "prohibited.social_scoring", "no.such_question"],
        # The drafted documents (web/drafts, api): one that always applies, one unknown.
        "kind": ["classification", "no-such-draft"],
        "fmt": ["docx", "pdf"],
        "format": ["docx"],
        "item_id": [world["item"], 999_999],
        "evidence_id": [world["evidence"], "0" * 32],
        # An API report's address (POST /api/v1/report's 202): a key no report has.
        "key": ["0" * 64],
    }
    queries = {
        "reviews.dashboard": ["", "?status=in_review&tier=limited_risk&sort=tier"],
        "report.download": ["", "?lang=fr"],
        "questionnaire.result": ["", "?lang=fr"],
        "api.cohort_assessments": ["", "?status=submitted"],
    }
    urls: dict[str, list[str]] = {}
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or ()) or rule.endpoint in NOT_CRAWLED:
            continue
        built = [rule.rule]
        for argument in rule.arguments:
            pattern = re.compile(rf"<(?:[a-z]+:)?{argument}>")
            built = [pattern.sub(str(v), url) for url in built for v in values[argument]]
        urls[rule.endpoint] = [u + q for u in built for q in queries.get(rule.endpoint, [""])]
    return urls


def test_no_get_route_changes_the_database(app: Any) -> None:
    world = _world(app)
    urls = _urls(app, world)
    get_routes = {r.endpoint for r in app.url_map.iter_rules() if "GET" in (r.methods or ())} - set(
        NOT_CRAWLED
    )
    assert set(urls) == get_routes
    before = _dump(app)
    visitors = {"anonymous": app.test_client(), **{k: p.client for k, p in world["people"].items()}}
    statuses: dict[int, int] = {}
    for who, client in visitors.items():
        token = world["tokens"].get(who)
        for endpoint, addresses in urls.items():
            headers = bearer(token) if token and endpoint.startswith("api.") else {}
            for url in addresses:
                response = client.get(url, headers=headers)
                if response.mimetype.startswith(("text/", "application/json")):
                    # Rule texts keep their dates as placeholders until a page words them.
                    body = response.get_data(as_text=True)
                    assert "{when:" not in body, url
                    assert "{date:" not in body, url
                response.close()  # a streamed file (the fonts) holds its handle until then
                assert response.status_code < 500, (who, url, response.status_code)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                after = _dump(app)
                changed = [t for t in before if before[t] != after[t]]
                assert changed == [], f"GET {url} as {who} changed {changed}"
    assert statuses.get(200, 0) > 50, statuses  # the crawl reached the pages, not only errors
