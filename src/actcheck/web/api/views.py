"""The JSON API, version 1. Its contract is /work/shared/spec/answers-format.md, described
for machines in `/api/v1/openapi.json` (built by `actcheck.web.api.openapi`).

- `POST /assess`: an answers document in, the result object out (stateless, strict like
  `actcheck assess`); every problem at once in a 422.
- `POST /report`: an answers document in, the PDF report out.
- `GET /questions`, `GET /ruleset`: the questionnaire and the rule set, as data.
- `GET /assessments`, `GET /assessments/<id>`: one's own stored assessments, with a
  personal API token (`Authorization: Bearer act_...`).

Bodies are read as JSON (`application/json`) or YAML (`application/yaml`). Anything else is
refused with 415: a cross-site HTML form can only send form encodings or text/plain, so the
API needs no CSRF token, and it never reads the session cookie.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask import Blueprint, Response, current_app, request, url_for
from werkzeug.exceptions import HTTPException

from actcheck.models import Assessment
from actcheck.rules.answers import MAX_FILE_BYTES, AnswersError, read_answers
from actcheck.rules.engine import assess as run_assessment
from actcheck.rules.model import Result, Ruleset
from actcheck.services import assessments as service
from actcheck.services import tokens
from actcheck.services.owners import Owner
from actcheck.services.uploads import parse_upload
from actcheck.web import db, report_cache
from actcheck.web.api import documents
from actcheck.web.api.auth import require_token
from actcheck.web.api.errors import ApiError, from_api_error, from_http_exception, json_response

bp = Blueprint("api", __name__, url_prefix="/api/v1")

JSON_TYPES = frozenset({"application/json"})
YAML_TYPES = frozenset(
    {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/vnd.yaml"}
)
PDF_TYPES = frozenset({"application/pdf"})
BODY_TYPES = "application/json or application/yaml"

_BOM_AND_SPACE = b"\xef\xbb\xbf \t\r\n"


@bp.errorhandler(ApiError)
def _api_error(error: ApiError) -> Response:
    return from_api_error(error)


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response:
    # Raised inside an API view (413 while reading the body): JSON like every API error.
    return from_http_exception(error)


def _ruleset() -> Ruleset:
    rules: Ruleset = current_app.extensions["actcheck.ruleset"]
    return rules


def _language(rules: Ruleset) -> str:
    """The `lang` query parameter: one of the rule set's languages (default English)."""
    lang = request.args.get("lang", "en")
    if lang not in rules.languages:
        raise ApiError(
            422,
            [f"lang {lang!r} is not available: use one of {', '.join(rules.languages)}."],
        )
    return lang


def _body() -> tuple[bytes, str]:
    """The request body and its kind ("json" or "yaml").

    Raises:
        ApiError: 415 for another media type, 413 when larger than an answers file may be.
    """
    mimetype = request.mimetype
    if mimetype in JSON_TYPES or (
        mimetype.startswith("application/") and mimetype.endswith("+json")
    ):
        kind = "json"
    elif mimetype in YAML_TYPES or mimetype.endswith("+yaml"):
        kind = "yaml"
    elif mimetype in PDF_TYPES:
        # Reading a PDF from a stranger is not safe to bound: pypdf can spend minutes on a
        # damaged file. `actcheck assess report.pdf` reads one's own reports locally.
        raise ApiError(
            415,
            [
                "The API does not read PDF reports: send the answers file (attached to the "
                "report, or the export of the assessment) as application/json or "
                "application/yaml, or run 'actcheck assess report.pdf'."
            ],
        )
    else:
        given = f"'{mimetype}'" if mimetype else "no Content-Type"
        raise ApiError(415, [f"The body was sent with {given}: send it as {BODY_TYPES}."])
    data = request.get_data(cache=False)  # werkzeug raises 413 beyond MAX_CONTENT_LENGTH
    if len(data) > MAX_FILE_BYTES:
        raise ApiError(
            413,
            [
                f"The body is {len(data):,} bytes; an answers file is at most "
                f"{MAX_FILE_BYTES:,} bytes."
            ],
        )
    return data, kind


def _checked_result(rules: Ruleset) -> Result:
    """Read the body as an answers document and assess it, strictly (like the CLI).

    Raises:
        ApiError: 422 with every problem found.
    """
    data, kind = _body()
    name = "the request body"
    try:
        if kind == "json" and not data.lstrip(_BOM_AND_SPACE).startswith(b"{"):
            raise AnswersError(
                [
                    f"{name} is not a JSON object: an answers document is "
                    '{"actcheck": 1, "answers": {...}}.'
                ]
            )
        document = parse_upload(data, name=name)
        checked = read_answers(document, rules, strict=True, name=name)
    except AnswersError as exc:
        raise ApiError(422, exc.problems) from None
    return run_assessment(rules, checked.answers, warnings=checked.warnings)


@bp.post("/assess")
def assess() -> Response:
    """Assess an answers document: the result object of the answers format."""
    rules = _ruleset()
    lang = _language(rules)
    result = _checked_result(rules)
    return json_response(result.to_dict(lang))


def _report_date() -> dt.date:
    raw = request.args.get("date")
    if raw is None:
        return dt.date.today()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            raise ValueError(raw)
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ApiError(
            422, [f"date {raw!r} is not a date: write it as YYYY-MM-DD, e.g. 2027-01-31."]
        ) from None


@bp.post("/report")
def report() -> Response:
    """The PDF report of an answers document (the same report as the web app's download)."""
    from actcheck.services.report import ReportMeta, default_reference, get_report

    rules = _ruleset()
    lang = _language(rules)
    day = _report_date()
    result = _checked_result(rules)
    meta = ReportMeta(assessed_on=day, reference=default_reference(result, day), lang=lang)
    pdf = get_report(result, meta, cache=report_cache.current())
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": (
                f'attachment; filename="actcheck-report-{meta.reference.lower()}.pdf"'
            )
        },
    )


@bp.get("/questions")
def questions() -> Response:
    """The questionnaire: every question with its kind, values, wording in each language and
    the condition under which it is asked."""
    return json_response(documents.questionnaire(_ruleset()))


@bp.get("/ruleset")
def ruleset() -> Response:
    """The rule set this server assesses with."""
    return json_response(documents.ruleset_info(_ruleset()))


@bp.get("/openapi.json")
def openapi() -> Response:
    """This API, described in OpenAPI 3.1."""
    from actcheck.web.api.openapi import build

    cached = current_app.extensions.get("actcheck.openapi")
    if cached is None:
        cached = current_app.extensions["actcheck.openapi"] = build(_ruleset())
    return json_response(cached)


def _summary(assessment: Assessment, rules: Ruleset) -> dict[str, Any]:
    state = service.state(assessment, rules)
    stored = assessment.result
    return {
        "id": assessment.public_id,
        "name": documents.assessment_name(assessment.answers),
        "version": assessment.version,
        "created_at": documents.timestamp(assessment.created_at),
        "updated_at": documents.timestamp(assessment.updated_at),
        "complete": state.complete,
        "tier": stored.get("tier") if isinstance(stored, dict) else None,
        "ruleset": {
            "version": assessment.ruleset_version,
            "sha256": assessment.ruleset_sha256,
        },
        "url": url_for("api.assessment", public_id=assessment.public_id),
    }


@bp.get("/assessments")
@require_token(tokens.READ_ASSESSMENTS)
def assessments(*, owner: Owner) -> Response:
    """The token owner's assessments, most recently changed first."""
    rules = _ruleset()
    items = service.for_owner(db.session(), owner=owner)
    return json_response({"assessments": [_summary(a, rules) for a in items]})


@bp.get("/assessments/<public_id>")
@require_token(tokens.READ_ASSESSMENTS)
def assessment(public_id: str, *, owner: Owner) -> Response:
    """One of the token owner's assessments: its answers document, what is still missing,
    and the result stored at its last save. Another owner's assessment is not found (404):
    the API does not say whether it exists."""
    rules = _ruleset()
    try:
        found = service.get(db.session(), public_id, owner=owner)
    except (service.AssessmentNotFound, service.NotYourAssessment):
        raise ApiError(404, [f"You have no assessment with the id {public_id!r}."]) from None
    state = service.state(found, rules)
    body = _summary(found, rules)
    body["missing"] = list(state.missing)
    body["answers"] = documents.answers_document(state.reached_answers())
    body["result"] = found.result
    return json_response(body)
