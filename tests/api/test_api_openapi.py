"""The OpenAPI document matches the implementation: schemathesis generates requests from it
(valid and invalid), sends them to the app in-process (WSGI) and checks every response
against it: status codes, content types, headers, bodies, and never a 500."""

from __future__ import annotations

import re
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from actcheck.rules.loading import load_ruleset
from actcheck.services import assessments, report, tokens
from actcheck.services.owners import Owner
from actcheck.web.api.openapi import build
from actcheck.web.api.views import api, bp
from no_limits import NO_LIMITS

from .conftest import bearer, document

# Enough to reach every documented status of every operation, small enough for CI: the
# whole module runs in well under a minute.
MAX_EXAMPLES = 30
STRICT = ("/assess", "/report")
TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def app(app_factory: Any) -> Any:
    """No limit on reports: every generated request must reach the code (the limit and its
    429 are checked in tests/deploy/test_limits.py)."""
    return app_factory(**NO_LIMITS)


@pytest.fixture(params=["founder", "advisor"])
def api_token(app: Any, request: pytest.FixtureRequest) -> str:
    """A founder's token, whose organisation has one complete assessment submitted to a
    cohort; or the token of that cohort's advisor."""
    from actcheck.models import CohortAdvisor, Organisation
    from actcheck.rules.answers import read_answers
    from actcheck.services import accounts, reviews

    rules = app.extensions["actcheck.ruleset"]
    checked = read_answers(document("high_risk"), rules)
    with app.extensions["actcheck.database"].sessions() as session:
        admin = accounts.create_user(
            session, email="admin@example.eu", password="x" * 12, name="Admin", role="admin"
        )
        cohort = accounts.create_cohort(session, name="Spring", actor=admin)
        organisation = accounts.create_organisation(session, name="TalentCo", cohort=cohort)
        founder = accounts.create_user(
            session,
            email="ada@example.eu",
            password="x" * 12,
            name="Ada",
            role="founder",
            organisation=session.get(Organisation, organisation.id),
        )
        assessment = assessments.create(
            session,
            owner=Owner.organisation(organisation.id),
            ruleset=rules,
            answers=checked.answers,
        )
        reviews.submit(session, assessment, actor=founder)
        holder = founder
        if request.param == "advisor":
            holder = accounts.create_user(
                session, email="grace@example.eu", password="x" * 12, name="Grace", role="advisor"
            )
            session.add(CohortAdvisor(cohort_id=cohort.id, user_id=holder.id))
        new = tokens.create(
            session,
            owner=Owner.user(holder.id),
            name="schemathesis",
            scopes=tokens.scopes_for(holder.role),
        )
        session.commit()
    return new.secret


def api_routes() -> Flask:
    """A bare Flask app with the API's routes only: what the document is generated from."""
    routes = Flask(__name__)
    routes.register_blueprint(bp)
    return routes


def generated() -> dict[str, Any]:
    return build(load_ruleset(), api, api_routes().url_map)


# The document the app serves is this one (checked below); the schema is loaded at import so
# that pytest collects one test per operation.
schema = schemathesis.openapi.from_dict(generated())


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_does_what_its_openapi_document_says(
    case: Any, app: Any, api_token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The contract, not the typesetting: a report is a one-page PDF here (each real one takes
    # a second to render; tests/api/test_api_data.py checks real ones).
    monkeypatch.setattr(report, "render_pdf", lambda *_args, **_kwargs: TINY_PDF)
    # The auth checks send probes (without the token) through the schema's transport.
    case.operation.schema.app = app
    excluded = []
    if case.path in STRICT:
        # Strict validation depends on the path through the questionnaire (which questions
        # an answer brings in), which a JSON Schema cannot say: a schema-valid document
        # may rightly be refused with a 422 that lists the missing answers.
        excluded.append(positive_data_acceptance)
    case.call_and_validate(app=app, headers=bearer(api_token), excluded_checks=excluded)


def test_the_app_serves_that_document(client: Any) -> None:
    assert client.get("/api/v1/openapi.json").json == generated()


def test_the_document_is_valid_openapi_3_1(app: Any, client: Any) -> None:
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"] == "3.1.0"
    # Checked against the OpenAPI 3.1 meta-schema (schemathesis ships it).
    schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app).validate()


def test_the_document_describes_every_api_route(app: Any, client: Any) -> None:
    document = client.get("/api/v1/openapi.json").json
    described = {
        (path, method.upper())
        for path, operations in document["paths"].items()
        for method in operations
    }
    routes = {
        (
            re.sub(
                r"<(?:\w+:)?(\w+)>",
                lambda m: "{id}" if m[1] == "public_id" else "{" + m[1] + "}",
                rule.rule.removeprefix("/api/v1"),
            ),
            method,
        )
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert described == routes


def test_a_route_without_a_declared_operation_is_not_left_out_of_the_document() -> None:
    routes = api_routes()
    routes.add_url_rule("/api/v1/extra", endpoint="api.extra", view_func=lambda: "")
    with pytest.raises(LookupError, match="The API route /api/v1/extra has no declared operation"):
        build(load_ruleset(), api, routes.url_map)


def test_a_route_variable_without_a_declared_parameter_is_refused() -> None:
    routes = api_routes()
    view = routes.view_functions["api.assessment"]
    routes.add_url_rule("/api/v1/assessments/<public_id>/<part>", "api.assessment", view)
    with pytest.raises(LookupError, match="getAssessment declares no path parameter for <part>"):
        build(load_ruleset(), api, routes.url_map)


@pytest.mark.parametrize(
    ("setting", "path"),
    [("API_REPORT_RATE_LIMIT", "/report"), ("API_ASSESS_RATE_LIMIT", "/assess")],
)
def test_a_rate_limited_operation_documents_its_429(
    app_factory: Any, monkeypatch: pytest.MonkeyPatch, setting: str, path: str
) -> None:
    """The limits are not reached by schemathesis (it runs without them): their answer is
    checked here against what the document says of it."""
    import jsonschema

    monkeypatch.setattr(report, "render_pdf", lambda *_args, **_kwargs: TINY_PDF)
    client = app_factory(**{setting: "1 per minute"}).test_client()
    statuses = [client.post(f"/api/v1{path}", json=document("minimal_risk")) for _ in range(2)]
    assert [r.status_code for r in statuses] == [200, 429]
    refused = statuses[1]
    served = client.get("/api/v1/openapi.json").json
    declared = served["paths"][path]["post"]["responses"]["429"]
    assert all(name in refused.headers for name in declared["headers"])
    body_schema = {
        **declared["content"][refused.mimetype]["schema"],
        "components": served["components"],
    }
    jsonschema.Draft202012Validator(body_schema).validate(refused.json)
