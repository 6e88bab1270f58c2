"""The JSON API, version 1. Its contract is the answers format (question ids, values and the
result object), described for machines in `/api/v1/openapi.json`, which is generated from
the operation each view declares (`api(...)`, see `actcheck.web.api.spec`).

- `POST /assess`: an answers document in, the result object out (stateless, strict like
  `actcheck assess`); every problem at once in a 422.
- `POST /report`: an answers document in, the PDF report out.
- `GET /questions`, `GET /ruleset`: the questionnaire and the rule set, as data.
- `GET /assessments`, `GET /assessments/<id>`: a founder's stored assessments, with a
  personal API token (`Authorization: Bearer act_...`).
- `GET /cohorts`, `GET /cohorts/<id>/assessments`: an advisor's cohorts and their submitted
  assessments (which `GET /assessments/<id>` then reads), with the advisor's token.
- `GET /token`: what the token in use is and may read.

What a token may read is `actcheck.services.api_access`'s business: the same as its account
on the web, checked on every object.

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

from actcheck.models import Assessment, Cohort
from actcheck.presentation import assessment_name
from actcheck.rules.answers import MAX_FILE_BYTES, AnswersError, assess_document, parse_document
from actcheck.rules.model import Result, Ruleset
from actcheck.services import api_access, reviews, tokens
from actcheck.services import assessments as service
from actcheck.services.api_access import Grant
from actcheck.web import db, limits
from actcheck.web.api import documents
from actcheck.web.api.errors import ApiError, from_api_error, from_http_exception, json_response
from actcheck.web.api.schemas import ref
from actcheck.web.api.spec import ANY_TOKEN, Operations, Parameter, errors, json_body
from actcheck.web.auth import limiter
from actcheck.web.drafts.files import draft_response

bp = Blueprint("api", __name__, url_prefix="/api/v1")
#: The operation of each view, declared under its route: the OpenAPI document is made of them.
api = Operations(bp)

JSON_TYPES = frozenset({"application/json"})
YAML_TYPES = frozenset(
    {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/vnd.yaml"}
)
PDF_TYPES = frozenset({"application/pdf"})
BODY_TYPES = "application/json or application/yaml"

_BOM_AND_SPACE = b"\xef\xbb\xbf \t\r\n"


@bp.before_request
def _known_parameters_only() -> None:
    """Only the query parameters an operation declares are accepted (422 for any other), so
    that a typo (`?lnag=fr`, `?stauts=reviewed`) is not silently ignored."""
    allowed = api.query_parameters(request.endpoint)
    unknown = sorted(set(request.args) - allowed)
    if unknown:
        known = ", ".join(sorted(allowed)) if allowed else "none"
        raise ApiError(
            422,
            [
                f"Unknown query parameter {name!r}: this operation takes {known} "
                "(see /api/v1/openapi.json)."
                for name in unknown[:10]
            ],
        )


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


DEFAULT_LANGUAGE = "en"
LANG = Parameter(
    "lang",
    "query",
    lambda rules: {"enum": list(rules.languages), "default": DEFAULT_LANGUAGE},
    "The language of titles, trace sentences and warnings (or the report).",
)


def _language(rules: Ruleset) -> str:
    """The `lang` query parameter (`LANG`): one of the rule set's languages."""
    lang = request.args.get(LANG.name, DEFAULT_LANGUAGE)
    if lang not in rules.languages:
        raise ApiError(
            422,
            [f"lang {lang!r} is not available: use one of {', '.join(rules.languages)}."],
        )
    return lang


ANSWERS_BODY = {
    "required": True,
    "description": f"An answers document, as JSON or YAML, at most {MAX_FILE_BYTES:,} bytes.",
    "content": {
        "application/json": {"schema": ref("AnswersDocument")},
        "application/yaml": {"schema": ref("AnswersDocument")},
    },
}
#: What reading and checking `ANSWERS_BODY` can refuse (`_body`, `_checked_result`).
ANSWERS_ERRORS = {
    "413": errors("The body is too large."),
    "415": errors("The body is not JSON or YAML."),
    "422": errors(
        "The answers cannot be assessed: every problem (unknown question ids with the "
        "closest known one, values with the allowed ones, every missing answer), or "
        "an unknown `lang` or query parameter."
    ),
}


def _too_many(what: str) -> dict[str, Any]:
    """The 429 of a rate-limited operation (flask-limiter sends Retry-After)."""
    return {
        **errors(
            f"Too many {what} from your address in a short time: wait the number of seconds "
            "in Retry-After."
        ),
        "headers": {
            "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}
        },
    }


def read_body() -> tuple[bytes, str]:
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
    data, kind = read_body()
    name = "the request body"
    try:
        if kind == "json" and not data.lstrip(_BOM_AND_SPACE).startswith(b"{"):
            raise AnswersError(
                [
                    f"{name} is not a JSON object: an answers document is "
                    '{"actcheck": 1, "answers": {...}}.'
                ]
            )
        return assess_document(parse_document(data, name=name), rules, name=name)
    except AnswersError as exc:
        raise ApiError(422, exc.problems) from None


@bp.post("/assess")
@limits.api_assess
@api(
    "assess",
    summary="Assess an answers document",
    description="Stateless: nothing is stored. Strict: every question reached on the path "
    "must be answered.",
    parameters=[LANG],
    request_body=ANSWERS_BODY,
    responses={
        "200": json_body("The result object (format 1).", "Result"),
        **ANSWERS_ERRORS,
        "429": _too_many("assessments"),
    },
)
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


def _report_limit() -> str:
    limit: str = current_app.config["API_REPORT_RATE_LIMIT"]
    return limit


#: The body of a 202: a report being rendered, and where to fetch it.
_PENDING_BODY = {
    "description": "The report is being rendered by a worker: fetch it at `Location`, after "
    "`Retry-After` seconds.",
    "headers": {
        "Location": {"description": "Where the report will be.", "schema": {"type": "string"}},
        "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}},
    },
    "content": {"application/json": {"schema": ref("ReportPending")}},
}
_PDF_BODY = {
    "description": "The report (PDF/UA), with the answers file attached.",
    "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
}
#: Seconds a client is asked to wait before it asks again for a report being rendered.
_RETRY_AFTER = 2


def _wait_seconds() -> float:
    """How long this request waits for its report: none with `Prefer: respond-async`, at
    most `Prefer: wait=N` seconds (RFC 7240), else `API_REPORT_WAIT_SECONDS`."""
    most = float(current_app.config["API_REPORT_WAIT_SECONDS"])
    preferences = [p.strip().lower() for p in request.headers.get("Prefer", "").split(",")]
    if "respond-async" in preferences:
        return 0.0
    for preference in preferences:
        name, _, value = preference.partition("=")
        if name.strip() == "wait" and value.strip().isdigit():
            return min(most, float(value.strip()))
    return most


def _pdf(pdf: bytes, reference: str) -> Response:
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="actcheck-report-{reference}.pdf"'},
    )


def _pending(key: str, job: str, asked: int) -> Response:
    location = url_for("api.report_file", key=key, job=job, asked=asked)
    response = json_response(
        {"state": "rendering", "location": location, "retry_after": _RETRY_AFTER}, status=202
    )
    response.headers["Location"] = location
    response.headers["Retry-After"] = str(_RETRY_AFTER)
    return response


@bp.post("/report")
@limiter.limit(_report_limit)
@api(
    "report",
    summary="The PDF report of an answers document",
    description="Rendered by the report workers: the request waits for the file up to "
    "API_REPORT_WAIT_SECONDS (20 by default; less with `Prefer: wait=N`, not at all with "
    "`Prefer: respond-async`), then answers 202 with the address of the file.",
    parameters=[
        LANG,
        Parameter(
            "date",
            "query",
            {"type": "string", "format": "date"},
            "The date of assessment printed on the report; dates count from it (default: today).",
        ),
        Parameter(
            "Prefer",
            "header",
            {"type": "string"},
            "`respond-async` to get 202 at once, or `wait=N` to wait at most N seconds.",
        ),
    ],
    request_body=ANSWERS_BODY,
    responses={
        "200": _PDF_BODY,
        "202": _PENDING_BODY,
        **ANSWERS_ERRORS,
        "429": _too_many("reports"),
    },
)
def report() -> Response:
    """The PDF report of an answers document (the same report as the web app's download)."""
    from actcheck.web.report import api_reports

    rules = _ruleset()
    lang = _language(rules)
    day = _report_date()
    result = _checked_result(rules)
    meta = api_reports.report_meta(result, day, lang)
    found = api_reports.request_report(result, meta, wait=_wait_seconds())
    if isinstance(found, api_reports.Pending):
        return _pending(found.key, found.job, found.asked)
    return _pdf(found, meta.reference.lower())


@bp.get("/reports/<key>.pdf")
@api(
    "report_file",
    summary="A report asked for with POST /report",
    parameters=[
        Parameter("key", "path", {"type": "string"}, "The report's key, from `Location`."),
        Parameter("job", "query", {"type": "string"}, "The render's id, from `Location`."),
        Parameter("asked", "query", {"type": "integer"}, "When it was asked, from `Location`."),
    ],
    responses={
        "200": _PDF_BODY,
        "202": _PENDING_BODY,
        "404": errors("No such report: send the answers to POST /report."),
        "500": errors("Every try to render the report failed: send the answers again."),
    },
)
def report_file(key: str) -> Response:
    """A report that POST /report answered 202 for: 202 while it is being rendered."""
    from actcheck.web.report import api_reports

    job, asked = request.args.get("job", ""), request.args.get("asked", "")
    if not (
        re.fullmatch(r"[0-9a-f]{64}", key)
        and re.fullmatch(r"[0-9a-f-]{1,64}", job)
        and asked.isdigit()
    ):
        raise ApiError(404, ["No such report: send the answers to POST /api/v1/report."])
    found = api_reports.state(key, job, int(asked))
    if found == "failed":
        raise ApiError(
            500,
            ["This report could not be rendered: send the answers to POST /api/v1/report again."],
        )
    if found == "rendering":
        return _pending(key, job, int(asked))
    assert isinstance(found, bytes)  # noqa: S101 - state() returns bytes or a state
    return _pdf(found, f"{key[:12]}")


@bp.get("/questions")
@api(
    "questions",
    summary="The questionnaire, as data",
    responses={"200": json_body("Every question, in order.", "Questionnaire")},
)
def questions() -> Response:
    """The questionnaire: every question with its kind, values, wording in each language and
    the condition under which it is asked."""
    return json_response(documents.questionnaire(_ruleset()))


@bp.get("/ruleset")
@api(
    "ruleset",
    summary="The rule set this server assesses with",
    responses={"200": json_body("Its version and hash.", "Ruleset")},
)
def ruleset() -> Response:
    """The rule set this server assesses with."""
    return json_response(documents.ruleset_info(_ruleset()))


@bp.get("/openapi.json")
@api(
    "openapi",
    summary="This document",
    responses={
        "200": {
            "description": "OpenAPI 3.1.",
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    },
)
def openapi() -> Response:
    """This API, described in OpenAPI 3.1."""
    from actcheck.web.api.openapi import build

    cached = current_app.extensions.get("actcheck.openapi")
    if cached is None:
        document = build(_ruleset(), api, current_app.url_map)
        cached = current_app.extensions["actcheck.openapi"] = document
    return json_response(cached)


def _summary(assessment: Assessment, rules: Ruleset) -> dict[str, Any]:
    state = service.state(assessment, rules)
    stored = assessment.result
    return {
        "id": assessment.public_id,
        "name": assessment_name(assessment.answers),
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


def _review(assessment: Assessment) -> dict[str, Any] | None:
    """Where the review of a submitted assessment stands: the same feedback the founder and
    the advisors see on the web (None before the first submission)."""
    session = db.session()
    state = reviews.state_of(session, assessment)
    if state is None:
        return None
    note = None
    if state.note_tier:
        note = {"tier": state.note_tier, "justification": state.note_justification or ""}
    return {
        "status": state.status,
        "advisor_note": note,
        "submissions": [
            {
                "number": snapshot.number,
                "submitted_at": documents.timestamp(snapshot.submitted_at),
                "tier": (snapshot.result or {}).get("tier"),
                "ruleset": {
                    "version": snapshot.ruleset_version,
                    "sha256": snapshot.ruleset_sha256,
                },
                "answers": {"actcheck": 1, "answers": dict(snapshot.answers)},
                "result": snapshot.result,
            }
            for snapshot in reviews.submissions(session, assessment)
        ],
        "comments": [
            {
                "question": comment.question_id,
                "author": author.name if author is not None else None,
                "body": comment.body,
                "created_at": documents.timestamp(comment.created_at),
            }
            for comment, author in reviews.comments(session, assessment)
        ],
    }


@bp.get("/assessments")
@api(
    "listAssessments",
    summary="Your stored assessments (a founder's token)",
    responses={"200": json_body("Most recently changed first.", "AssessmentList")},
    token=[tokens.READ_ASSESSMENTS],
)
def assessments(*, grant: Grant) -> Response:
    """The token holder's assessments, most recently changed first."""
    rules = _ruleset()
    items = api_access.own_assessments(db.session(), grant)
    return json_response({"assessments": [_summary(a, rules) for a in items]})


@bp.get("/assessments/<public_id>")
@api(
    "getAssessment",
    summary="One of your assessments, or a submitted one of a cohort you advise",
    parameters=[Parameter("id", "path", {"type": "string", "minLength": 1}, variable="public_id")],
    responses={
        "200": json_body("Its answers, what is missing, its stored result.", "Assessment"),
        "404": errors("The token can read no assessment with this id."),
    },
    token=[tokens.READ_ASSESSMENTS, tokens.READ_COHORTS],
)
def assessment(public_id: str, *, grant: Grant) -> Response:
    """An assessment the token may read (the holder's own, or a submitted one of a cohort
    they advise): its answers document, what is still missing, the result stored at its
    last save, and its review. Anything else is not found (404): the API does not say
    whether it exists."""
    rules = _ruleset()
    found = _readable(public_id, grant)
    state = service.state(found, rules)
    body = _summary(found, rules)
    body["missing"] = list(state.missing)
    body["answers"] = documents.answers_document(state.reached_answers())
    body["result"] = found.result
    body["review"] = _review(found)
    return json_response(body)


def _readable(public_id: str, grant: Grant) -> Assessment:
    """The assessment `public_id` when the token may read it; else 404, which does not say
    whether it exists."""
    try:
        return api_access.assessment(db.session(), grant, public_id)
    except api_access.NotFound:
        raise ApiError(
            404, [f"This token can read no assessment with the id {public_id!r}."]
        ) from None


def _complete_result(public_id: str, grant: Grant) -> tuple[Assessment, Result]:
    """An assessment the token may read and its result; 404 as `assessment` says, 409
    while questions remain (a draft is made from a complete result only)."""
    rules = _ruleset()
    found = _readable(public_id, grant)
    outcome = service.evaluate(found, rules)
    if outcome is None:
        raise ApiError(409, ["This assessment is not complete: answer its remaining questions."])
    return found, outcome


DRAFT_ID = Parameter("id", "path", {"type": "string", "minLength": 1}, variable="public_id")


@bp.get("/assessments/<public_id>/drafts")
@api(
    "listDrafts",
    summary="The documents drafted for one of your assessments",
    parameters=[DRAFT_ID, LANG],
    responses={
        "200": json_body("Each draft its result calls for, with its downloads.", "DraftList"),
        "404": errors("The token can read no assessment with this id."),
        "409": errors("The assessment is not complete."),
    },
    token=[tokens.READ_ASSESSMENTS, tokens.READ_COHORTS],
)
def draft_list(public_id: str, *, grant: Grant) -> Response:
    """The drafts an assessment's result calls for (issue 18), each with the obligations it
    serves and its DOCX and PDF download addresses."""
    from actcheck.services import drafts

    lang = _language(_ruleset())
    _found, outcome = _complete_result(public_id, grant)
    items = [
        {
            "kind": kind.id,
            "title": drafts.kind_title(kind, outcome, lang),
            "obligations": [
                o for o in kind.obligations if o in {r.obligation.id for r in outcome.obligations}
            ],
            "downloads": {
                fmt: url_for(
                    "api.draft_file", public_id=public_id, kind=kind.id, format=fmt, lang=lang
                )
                for fmt in drafts.FORMATS
            },
        }
        for kind in drafts.applicable(outcome)
    ]
    return json_response({"drafts": items})


@bp.get("/assessments/<public_id>/drafts/<kind>.<format>")
@api(
    "getDraft",
    summary="One drafted document of one of your assessments, as DOCX or PDF",
    description="Drafts are rendered on the background queue, as reports are. When the "
    "file is ready it is the answer (200); until then the answer is 202 with "
    "`Retry-After` (seconds) and `Location` (this address, to ask again). A draft whose "
    "render failed is queued again by the next request.",
    parameters=[
        DRAFT_ID,
        Parameter("kind", "path", {"type": "string", "minLength": 1}),
        Parameter("format", "path", {"enum": ["docx", "pdf"]}),
        LANG,
    ],
    responses={
        "200": {
            "description": "The draft, marked DRAFT on every page.",
            "content": {
                media: {"schema": {"type": "string", "format": "binary"}}
                for media in (
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "application/pdf",
                )
            },
        },
        "202": {
            **json_body(
                "The draft is being prepared: ask again after Retry-After.", "DraftPreparing"
            ),
            "headers": {
                "Retry-After": {
                    "description": "Seconds to wait before asking again.",
                    "schema": {"type": "integer"},
                },
                "Location": {
                    "description": "Where to ask again (this address).",
                    "schema": {"type": "string"},
                },
            },
        },
        "404": errors("No such assessment for this token, or no such draft for it."),
        "409": errors("The assessment is not complete."),
    },
    token=[tokens.READ_ASSESSMENTS, tokens.READ_COHORTS],
)
def draft_file(public_id: str, kind: str, format: str, *, grant: Grant) -> Response:
    """One draft as a file (an attachment) when it is ready; else 202 while the queue
    renders it (`web/drafts/wanted.py`, the report's machinery)."""
    from actcheck.services import drafts
    from actcheck.web.drafts.wanted import ready_file, want_draft
    from actcheck.web.report.scheduling import wait_words

    lang = _language(_ruleset())
    found, outcome = _complete_result(public_id, grant)
    try:
        wanted = want_draft(found, kind, format, lang, outcome)
    except drafts.UnknownDraft as exc:
        raise ApiError(404, [str(exc)]) from None
    if wanted is None:  # pragma: no cover - _complete_result refuses incomplete ones
        raise ApiError(409, ["This assessment is not complete."])
    file, readiness = ready_file(wanted, again=True)
    if file is None:
        location = url_for(
            "api.draft_file", public_id=public_id, kind=kind, format=format, lang=lang
        )
        response = json_response(
            {
                "status": "preparing",
                "place": readiness.place,
                "seconds": readiness.seconds,
                "message": wait_words(readiness),
                "location": location,
            },
            202,
        )
        response.headers["Retry-After"] = str(max(1, min(readiness.seconds, 60)))
        response.headers["Location"] = location
        return response
    db.release()
    return draft_response(file)


def _cohort(cohort: Cohort) -> dict[str, Any]:
    return {
        "id": cohort.id,
        "name": cohort.name,
        "closed": cohort.closed_at is not None,
        "assessments_url": url_for("api.cohort_assessments", cohort_id=cohort.id),
    }


@bp.get("/cohorts")
@api(
    "listCohorts",
    summary="The cohorts you advise (an advisor's or admin's token)",
    responses={"200": json_body("By name; every cohort for an admin.", "CohortList")},
    token=[tokens.READ_COHORTS],
)
def cohorts(*, grant: Grant) -> Response:
    """The cohorts the token's advisor advises (every cohort, for an admin), by name."""
    return json_response({"cohorts": [_cohort(c) for c in api_access.cohorts(db.session(), grant)]})


def _choice(name: str, allowed: tuple[str, ...]) -> str | None:
    """An optional query filter that must be one of `allowed`."""
    value = request.args.get(name)
    if value is None or value == "":
        return None
    if value not in allowed:
        raise ApiError(422, [f"{name} {value!r} is not known: use one of {', '.join(allowed)}."])
    return value


@bp.get("/cohorts/<int:cohort_id>/assessments")
@api(
    "listCohortAssessments",
    summary="The submitted assessments of one of your cohorts",
    parameters=[
        Parameter("cohort_id", "path", {"type": "integer", "minimum": 0}),
        Parameter(
            "status",
            "query",
            {"enum": list(reviews.STATUSES)},
            "Only those whose review is at this status.",
        ),
        Parameter(
            "tier",
            "query",
            {"enum": list(reviews.TIERS)},
            "Only those whose latest submission has this tier.",
        ),
    ],
    responses={
        "200": json_body(
            "Most recently submitted first; read one with /assessments/{id}.",
            "CohortAssessments",
        ),
        "404": errors("None of your cohorts has this id."),
        "422": errors("An unknown status or tier, or another query parameter."),
    },
    token=[tokens.READ_COHORTS],
)
def cohort_assessments(cohort_id: int, *, grant: Grant) -> Response:
    """The submitted assessments of one of the token's cohorts, most recently submitted
    first, with where their review stands (filters: `status`, `tier`)."""
    status = _choice("status", reviews.STATUSES)
    tier = _choice("tier", reviews.TIERS)
    session = db.session()
    try:
        cohort = api_access.cohort(session, grant, cohort_id)
        rows = api_access.cohort_submissions(session, grant, cohort_id, status=status, tier=tier)
    except api_access.NotFound:
        raise ApiError(404, [f"This token can read no cohort with the id {cohort_id}."]) from None
    return json_response(
        {
            "cohort": _cohort(cohort),
            "assessments": [
                {
                    "id": row.assessment.public_id,
                    "name": assessment_name(row.assessment.answers),
                    "organisation": {"id": row.organisation.id, "name": row.organisation.name},
                    "status": row.status,
                    "tier": row.tier,
                    "submission": row.version,
                    "submitted_at": (
                        documents.timestamp(row.submitted_at) if row.submitted_at else None
                    ),
                    "url": url_for("api.assessment", public_id=row.assessment.public_id),
                }
                for row in rows
            ],
        }
    )


@bp.get("/token")
@api(
    "getToken",
    summary="The token in use",
    responses={"200": json_body("What it is and may read now.", "Token")},
    token=ANY_TOKEN,
)
def token(*, grant: Grant) -> Response:
    """The token in use: its name, scopes, validity and whom it reads for."""
    item = grant.token
    user = grant.user
    return json_response(
        {
            "id": item.public_id,
            "name": item.name,
            "prefix": item.prefix,
            "scopes": [s for s in item.scopes.split() if grant.has_scope(s)],
            "created_at": documents.timestamp(item.created_at),
            "expires_at": documents.timestamp(item.expires_at) if item.expires_at else None,
            "holder": {
                "kind": user.role if user is not None else "browser_session",
                "name": user.name if user is not None else None,
            },
        }
    )


# -- the compliance plan (issue 17): read with the assessment's rule -------------------------


def plan_item_json(item: Any, members: dict[int, str], found: list[Any]) -> dict[str, Any]:
    from actcheck.services.plan import items as plan_items

    return {
        "id": item.id,
        "obligation": item.obligation_id,
        "role": item.role,
        "title": item.title,
        "articles": list(item.articles),
        "applies_from": item.applies_from.isoformat(),
        "due": plan_items.due_date(item).isoformat(),
        "target_note": item.target_note,
        "status": item.status,
        "not_applicable_reason": item.not_applicable_reason or None,
        "owner": members.get(item.owner_id) if item.owner_id is not None else None,
        "notes": item.notes,
        "new_since": item.new_since.isoformat() if item.new_since else None,
        "archived": item.archived_at is not None,
        "archived_because": item.archived_reason or None,
        "version": item.version,
        "evidence": [
            {
                "kind": e.kind,
                "name": e.file_name or None,
                "url": e.url or None,
                "size": e.size,
                "sha256": e.sha256 or None,
                "added_at": e.created_at.isoformat(),
            }
            for e in found
        ],
    }


PLAN_ID = Parameter("id", "path", {"type": "string", "minLength": 1}, variable="public_id")


@bp.get("/assessments/<public_id>/plan")
@api(
    "getPlan",
    summary="The compliance plan of an assessment you may read",
    parameters=[PLAN_ID],
    responses={
        "200": json_body("Its progress and every item, archived ones included.", "Plan"),
        "404": errors("The token can read no assessment with this id."),
    },
    token=[tokens.READ_ASSESSMENTS, tokens.READ_COHORTS],
)
def plan(public_id: str, *, grant: Grant) -> Response:
    """The plan: progress, and each obligation's item with its status, owner and evidence
    (the same rule as the assessment: the holder's own, or a submitted one of a cohort
    they advise)."""
    from actcheck.services.plan import evidence as plan_evidence
    from actcheck.services.plan import items as plan_items

    found = _readable(public_id, grant)
    session = db.session()
    stored = plan_items.items_of(session, found)
    members = {m.id: m.name or m.email for m in plan_items.members_of(session, found)}
    attached = plan_evidence.of_items(session, [i.id for i in stored])
    progress = plan_items.progress_of(stored, dt.date.today())
    return json_response(
        {
            "assessment": found.public_id,
            "progress": {
                "done": progress.done,
                "applicable": progress.applicable,
                "overdue": progress.overdue,
                "next_deadline": (
                    progress.next_deadline.isoformat() if progress.next_deadline else None
                ),
            },
            "items": [plan_item_json(i, members, attached[i.id]) for i in stored],
        }
    )


@bp.get("/assessments/<public_id>/plan/items/<int:item_id>")
@api(
    "getPlanItem",
    summary="One item of a plan you may read",
    parameters=[PLAN_ID, Parameter("item_id", "path", {"type": "integer"})],
    responses={
        "200": json_body("The item, with its evidence.", "PlanItem"),
        "404": errors("No such assessment for this token, or no such item in its plan."),
    },
    token=[tokens.READ_ASSESSMENTS, tokens.READ_COHORTS],
)
def plan_item(public_id: str, item_id: int, *, grant: Grant) -> Response:
    """One plan item; an id of another assessment's plan is not found."""
    from actcheck.services.plan import evidence as plan_evidence
    from actcheck.services.plan import items as plan_items

    found = _readable(public_id, grant)
    session = db.session()
    try:
        item = plan_items.get_item(session, found, item_id)
    except plan_items.ItemNotFound:
        raise ApiError(404, [f"The plan has no item {item_id}."]) from None
    members = {m.id: m.name or m.email for m in plan_items.members_of(session, found)}
    attached = plan_evidence.of_items(session, [item.id])[item.id]
    return json_response(plan_item_json(item, members, attached))


# The plan's writes are routes of this blueprint too, in a module of their own; imported here,
# last, so that whoever imports the blueprint gets all its routes.
from actcheck.web.api import plan_writes  # noqa: E402, F401
