"""The OpenAPI 3.1 description of the API, built from the rule set it serves.

The answers schema lists every question id with the values it takes, and the result schema
is `actcheck/schemas/result-v1.json`, the one the CLI's output is checked against: the
description cannot drift from the questionnaire or the result format. The test suite runs
schemathesis against the app with this document (tests/api/test_openapi.py).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from actcheck.rules.answers import MAX_FILE_BYTES, MAX_TEXT_CHARS
from actcheck.rules.model import Kind, Question, Ruleset
from actcheck.services.reviews import STATUSES, TIERS
from actcheck.services.tokens import READ_ASSESSMENTS, READ_COHORTS
from actcheck.version import __version__

REF = "#/components/schemas/"
QUESTION_KEYS = [
    "id",
    "section",
    "kind",
    "values",
    "multiple",
    "optional",
    "text",
    "help",
    "example",
    "choices",
    "articles",
    "unsure_means",
    "when",
]
QUESTIONNAIRE_KEYS = [
    "format",
    "ruleset",
    "languages",
    "labels",
    "sections",
    "questions",
    "conditions",
]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": REF + name}


@lru_cache(maxsize=1)
def result_schema() -> dict[str, Any]:
    """`result-v1.json`, without the keywords that would re-root it inside the document."""
    text = resources.files("actcheck").joinpath("schemas/result-v1.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    return schema


def _answer_schema(question: Question) -> dict[str, Any]:
    description = question.text.get("en", "")
    if question.kind in (Kind.TRI_STATE, Kind.YES_NO):
        return {
            "description": description + " (YAML/JSON booleans are read as yes / no.)",
            "anyOf": [{"enum": list(question.values)}, {"type": "boolean"}, {"type": "null"}],
        }
    if question.kind is Kind.ONE_OF:
        return {"description": description, "enum": [*question.values, None]}
    if question.kind is Kind.ANY_OF:
        return {
            "description": description + " ([] means none.)",
            "anyOf": [
                {"type": "array", "items": {"enum": list(question.values)}},
                {"type": "null"},
            ],
        }
    return {
        "description": description,
        "anyOf": [{"type": "string", "maxLength": MAX_TEXT_CHARS}, {"type": "null"}],
    }


def _text_schema(rules: Ruleset) -> dict[str, Any]:
    return {
        "type": "object",
        "description": "The same text in each language of the rule set.",
        "required": ["en"],
        "properties": {lang: {"type": "string"} for lang in rules.languages},
        "additionalProperties": {"type": "string"},
    }


def _schemas(rules: Ruleset) -> dict[str, Any]:
    text = _ref("Text")
    nullable_text = {"anyOf": [text, {"type": "null"}]}
    string_list = {"type": "array", "items": {"type": "string"}}
    ruleset_ref = {
        "type": "object",
        "required": ["version", "sha256"],
        "additionalProperties": False,
        "properties": {
            "version": {"type": "string"},
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        },
    }
    summary_properties: dict[str, Any] = {
        "id": {"type": "string", "description": "The assessment's public id (as in its links)."},
        "name": {"type": ["string", "null"], "description": "The system's or company's name."},
        "version": {"type": "integer", "minimum": 1, "description": "How many saves it had."},
        "created_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"},
        "complete": {
            "type": "boolean",
            "description": "Every question on its path is answered.",
        },
        "tier": {
            "description": "The tier of the stored result; null while incomplete.",
            "enum": [None, *result_schema()["properties"]["tier"]["enum"]],
        },
        "ruleset": {**ruleset_ref, "description": "The rule set of its last save."},
        "url": {"type": "string"},
    }
    return {
        "Errors": {
            "type": "object",
            "description": "Every problem found, one sentence each.",
            "required": ["errors"],
            "additionalProperties": False,
            "properties": {"errors": {"type": "array", "minItems": 1, "items": {"type": "string"}}},
        },
        "Result": result_schema(),
        "Answers": {
            "type": "object",
            "description": "Question id to answer. Unknown ids are refused; answers to "
            "questions not reached on the path are ignored with a warning.",
            "additionalProperties": False,
            "properties": {q.id: _answer_schema(q) for q in rules.questions.values()},
        },
        "AnswersDocument": {
            "type": "object",
            "description": "An answers file (format v1): every question reached on the path "
            "of these answers must be answered (strict, like `actcheck assess`).",
            "required": ["actcheck", "answers"],
            "additionalProperties": False,
            "properties": {
                "actcheck": {"const": 1, "description": "The format version."},
                "answers": _ref("Answers"),
            },
            "example": {
                "actcheck": 1,
                "answers": {
                    "org.size": "micro",
                    "org.established_in_eu": "no",
                    "org.public_body": "no",
                    "org.public_service": "no",
                    "system.is_ai_system": "no",
                    "gpai.provides_model": "no",
                },
            },
        },
        "Text": _text_schema(rules),
        "Condition": {
            "type": "object",
            "description": "A condition in the rule files' closed vocabulary.",
            "minProperties": 1,
            "additionalProperties": False,
            "properties": {
                "all": {"type": "array", "items": _ref("Condition")},
                "any": {"type": "array", "items": _ref("Condition")},
                "not": _ref("Condition"),
                "condition": {"type": "string", "description": "A name in `conditions`."},
                "answer": {"type": "string", "description": "A question id."},
                "equals": {"type": "string"},
                "in": string_list,
                "contains": {"type": "string"},
                "contains_any": string_list,
                "answered": {"type": "boolean"},
            },
        },
        "Question": {
            "type": "object",
            "required": QUESTION_KEYS,
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string"},
                "section": {"type": "string"},
                "kind": {"enum": [k.value for k in Kind]},
                "values": {**string_list, "description": "Allowed values (empty for text)."},
                "multiple": {"type": "boolean", "description": "Answered with a list."},
                "optional": {"type": "boolean"},
                "max_length": {"type": "integer", "description": "For text: characters."},
                "text": text,
                "help": nullable_text,
                "example": nullable_text,
                "choices": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["value", "label", "help"],
                        "additionalProperties": False,
                        "properties": {
                            "value": {"type": "string"},
                            "label": text,
                            "help": nullable_text,
                        },
                    },
                },
                "articles": string_list,
                "unsure_means": {
                    "enum": ["yes", "no", None],
                    "description": "How an `unsure` answer is read (the stricter way).",
                },
                "when": {
                    "description": "Asked only when this holds; null: always asked.",
                    "anyOf": [_ref("Condition"), {"type": "null"}],
                },
            },
        },
        "Questionnaire": {
            "type": "object",
            "required": QUESTIONNAIRE_KEYS,
            "additionalProperties": False,
            "properties": {
                "format": {"const": 1},
                "ruleset": ruleset_ref,
                "languages": string_list,
                "labels": {
                    "type": "object",
                    "description": "How yes, no and unsure read in each language.",
                    "additionalProperties": text,
                },
                "sections": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["id", "title", "intro", "questions"],
                        "additionalProperties": False,
                        "properties": {
                            "id": {"type": "string"},
                            "title": text,
                            "intro": nullable_text,
                            "questions": string_list,
                        },
                    },
                },
                "questions": {"type": "array", "items": _ref("Question")},
                "conditions": {
                    "type": "object",
                    "description": "The named conditions that `when` refers to.",
                    "additionalProperties": _ref("Condition"),
                },
            },
        },
        "Ruleset": {
            "type": "object",
            "required": ["version", "sha256", "languages", "law", "answers_format", "counts"],
            "additionalProperties": False,
            "properties": {
                "version": {"type": "string"},
                "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                "languages": string_list,
                "law": text,
                "answers_format": {"const": 1},
                "counts": {
                    "type": "object",
                    "required": ["questions", "rules", "obligations"],
                    "additionalProperties": False,
                    "properties": {
                        "questions": {"type": "integer"},
                        "rules": {"type": "integer"},
                        "obligations": {"type": "integer"},
                    },
                },
            },
        },
        "AssessmentSummary": {
            "type": "object",
            "required": list(summary_properties),
            "additionalProperties": False,
            "properties": summary_properties,
        },
        "AssessmentList": {
            "type": "object",
            "required": ["assessments"],
            "additionalProperties": False,
            "properties": {"assessments": {"type": "array", "items": _ref("AssessmentSummary")}},
        },
        "Assessment": {
            "type": "object",
            "required": [*summary_properties, "missing", "answers", "result"],
            "additionalProperties": False,
            "properties": {
                **summary_properties,
                "missing": {
                    **string_list,
                    "description": "Questions on its path still to answer.",
                },
                "answers": {
                    "description": "The answers on its path, as an answers document (what "
                    "the web app's export holds).",
                    "type": "object",
                    "required": ["actcheck", "answers"],
                    "properties": {"actcheck": {"const": 1}, "answers": {"type": "object"}},
                },
                "result": {
                    "description": "The result stored at its last save (in English), with "
                    "the rule set of that save; null while incomplete.",
                    "anyOf": [_ref("Result"), {"type": "null"}],
                },
                "review": {
                    "description": "Where its review stands; null until it is first "
                    "submitted to a cohort.",
                    "anyOf": [_ref("Review"), {"type": "null"}],
                },
            },
        },
        "Review": {
            "type": "object",
            "required": ["status", "advisor_note", "submissions", "comments"],
            "additionalProperties": False,
            "properties": {
                "status": {"enum": list(STATUSES)},
                "advisor_note": {
                    "description": "An advisor's own view of the tier, beside the computed "
                    "one (which it never replaces).",
                    "anyOf": [
                        {
                            "type": "object",
                            "required": ["tier", "justification"],
                            "additionalProperties": False,
                            "properties": {
                                "tier": {"enum": list(TIERS)},
                                "justification": {"type": "string"},
                            },
                        },
                        {"type": "null"},
                    ],
                },
                "submissions": {
                    "type": "array",
                    "description": "Every submitted version, frozen, oldest first.",
                    "items": {
                        "type": "object",
                        "required": [
                            "number",
                            "submitted_at",
                            "tier",
                            "ruleset",
                            "answers",
                            "result",
                        ],
                        "additionalProperties": False,
                        "properties": {
                            "number": {"type": "integer", "minimum": 1},
                            "submitted_at": {"type": "string", "format": "date-time"},
                            "tier": {"enum": [None, *TIERS]},
                            "ruleset": ruleset_ref,
                            "answers": {
                                "type": "object",
                                "required": ["actcheck", "answers"],
                                "properties": {
                                    "actcheck": {"const": 1},
                                    "answers": {"type": "object"},
                                },
                            },
                            "result": {"anyOf": [_ref("Result"), {"type": "null"}]},
                        },
                    },
                },
                "comments": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["question", "author", "body", "created_at"],
                        "additionalProperties": False,
                        "properties": {
                            "question": {
                                "type": ["string", "null"],
                                "description": "The question it is about; null for the "
                                "whole assessment.",
                            },
                            "author": {"type": ["string", "null"]},
                            "body": {"type": "string"},
                            "created_at": {"type": "string", "format": "date-time"},
                        },
                    },
                },
            },
        },
        "Cohort": {
            "type": "object",
            "required": ["id", "name", "closed", "assessments_url"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string"},
                "closed": {
                    "type": "boolean",
                    "description": "A closed cohort takes no more submissions.",
                },
                "assessments_url": {"type": "string"},
            },
        },
        "CohortList": {
            "type": "object",
            "required": ["cohorts"],
            "additionalProperties": False,
            "properties": {"cohorts": {"type": "array", "items": _ref("Cohort")}},
        },
        "CohortAssessments": {
            "type": "object",
            "required": ["cohort", "assessments"],
            "additionalProperties": False,
            "properties": {
                "cohort": _ref("Cohort"),
                "assessments": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": [
                            "id",
                            "name",
                            "organisation",
                            "status",
                            "tier",
                            "submission",
                            "submitted_at",
                            "url",
                        ],
                        "additionalProperties": False,
                        "properties": {
                            "id": {"type": "string"},
                            "name": {"type": ["string", "null"]},
                            "organisation": {
                                "type": "object",
                                "required": ["id", "name"],
                                "additionalProperties": False,
                                "properties": {
                                    "id": {"type": "integer"},
                                    "name": {"type": "string"},
                                },
                            },
                            "status": {"enum": list(STATUSES)},
                            "tier": {
                                "description": "The tier of the latest submission.",
                                "enum": [None, *TIERS],
                            },
                            "submission": {
                                "type": "integer",
                                "minimum": 1,
                                "description": "The number of the latest submitted version.",
                            },
                            "submitted_at": {"type": ["string", "null"], "format": "date-time"},
                            "url": {"type": "string"},
                        },
                    },
                },
            },
        },
        "Token": {
            "type": "object",
            "required": ["id", "name", "prefix", "scopes", "created_at", "expires_at", "holder"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string"},
                "name": {"type": "string"},
                "prefix": {"type": "string"},
                "scopes": {
                    "type": "array",
                    "description": "What it may read now: assessments:read (a founder's "
                    "assessments), cohorts:read (an advisor's cohorts).",
                    "items": {"enum": [READ_ASSESSMENTS, READ_COHORTS]},
                },
                "created_at": {"type": "string", "format": "date-time"},
                "expires_at": {"type": ["string", "null"], "format": "date-time"},
                "holder": {
                    "type": "object",
                    "required": ["kind", "name"],
                    "additionalProperties": False,
                    "properties": {
                        "kind": {"enum": ["founder", "advisor", "admin", "browser_session"]},
                        "name": {"type": ["string", "null"]},
                    },
                },
            },
        },
    }


def _errors(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref("Errors")}},
    }


def _json(description: str, schema: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


def build(rules: Ruleset) -> dict[str, Any]:
    """The OpenAPI 3.1 document for this rule set."""
    lang = {
        "name": "lang",
        "in": "query",
        "required": False,
        "description": "The language of titles, trace sentences and warnings (or the report).",
        "schema": {"enum": list(rules.languages), "default": "en"},
    }
    body = {
        "required": True,
        "description": f"An answers document, as JSON or YAML, at most {MAX_FILE_BYTES:,} bytes.",
        "content": {
            "application/json": {"schema": _ref("AnswersDocument")},
            "application/yaml": {"schema": _ref("AnswersDocument")},
        },
    }
    unavailable = _errors("The database cannot be reached for a moment; try again.")
    body_errors = {
        "413": _errors("The body is too large."),
        "415": _errors("The body is not JSON or YAML."),
        "422": _errors(
            "The answers cannot be assessed: every problem (unknown question ids with the "
            "closest known one, values with the allowed ones, every missing answer), or "
            "an unknown `lang` or query parameter."
        ),
    }
    unknown_parameter = _errors("A query parameter this operation does not take.")
    token_errors = {
        "401": _errors("No API token, or one that is mistyped, revoked or expired."),
        "403": _errors(
            "The token cannot read this: a founder's token reads their assessments, an "
            "advisor's their cohorts."
        ),
        "422": unknown_parameter,
        "503": unavailable,
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "actcheck API",
            "version": __version__,
            "summary": "Where an AI system stands under the EU AI Act, with the articles.",
            "description": (
                "Assess answers files (the answers format, v1) and get the result object or "
                "the PDF report, read the questionnaire; with a personal API token, read "
                "your stored assessments (founders) or your cohorts' submissions (advisors). "
                "Rule set "
                f"{rules.version} (sha256 {rules.sha256}). Not legal advice."
            ),
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"},
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/assess": {
                "post": {
                    "operationId": "assess",
                    "summary": "Assess an answers document",
                    "description": "Stateless: nothing is stored. Strict: every question "
                    "reached on the path must be answered.",
                    "parameters": [lang],
                    "requestBody": body,
                    "responses": {
                        "200": _json("The result object (format 1).", "Result"),
                        **body_errors,
                    },
                    "security": [],
                }
            },
            "/report": {
                "post": {
                    "operationId": "report",
                    "summary": "The PDF report of an answers document",
                    "parameters": [
                        lang,
                        {
                            "name": "date",
                            "in": "query",
                            "required": False,
                            "description": "The date of assessment printed on the report; "
                            "dates count from it (default: today).",
                            "schema": {"type": "string", "format": "date"},
                        },
                    ],
                    "requestBody": body,
                    "responses": {
                        "200": {
                            "description": "The report (PDF/UA), with the answers file attached.",
                            "content": {
                                "application/pdf": {
                                    "schema": {"type": "string", "format": "binary"}
                                }
                            },
                        },
                        **body_errors,
                        "429": {
                            **_errors(
                                "Too many reports from your address in a short time: wait "
                                "the number of seconds in Retry-After."
                            ),
                            "headers": {
                                "Retry-After": {
                                    "description": "Seconds to wait.",
                                    "schema": {"type": "integer"},
                                }
                            },
                        },
                    },
                    "security": [],
                }
            },
            "/questions": {
                "get": {
                    "operationId": "questions",
                    "summary": "The questionnaire, as data",
                    "responses": {
                        "200": _json("Every question, in order.", "Questionnaire"),
                        "422": unknown_parameter,
                    },
                    "security": [],
                }
            },
            "/ruleset": {
                "get": {
                    "operationId": "ruleset",
                    "summary": "The rule set this server assesses with",
                    "responses": {
                        "200": _json("Its version and hash.", "Ruleset"),
                        "422": unknown_parameter,
                    },
                    "security": [],
                }
            },
            "/assessments": {
                "get": {
                    "operationId": "listAssessments",
                    "summary": "Your stored assessments (a founder's token)",
                    "responses": {
                        "200": _json("Most recently changed first.", "AssessmentList"),
                        **token_errors,
                    },
                }
            },
            "/assessments/{id}": {
                "get": {
                    "operationId": "getAssessment",
                    "summary": "One of your assessments, or a submitted one of a cohort you advise",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "minLength": 1},
                        }
                    ],
                    "responses": {
                        "200": _json(
                            "Its answers, what is missing, its stored result.", "Assessment"
                        ),
                        "404": _errors("The token can read no assessment with this id."),
                        **token_errors,
                    },
                }
            },
            "/cohorts": {
                "get": {
                    "operationId": "listCohorts",
                    "summary": "The cohorts you advise (an advisor's or admin's token)",
                    "responses": {
                        "200": _json("By name; every cohort for an admin.", "CohortList"),
                        **token_errors,
                    },
                }
            },
            "/cohorts/{cohort_id}/assessments": {
                "get": {
                    "operationId": "listCohortAssessments",
                    "summary": "The submitted assessments of one of your cohorts",
                    "parameters": [
                        {
                            "name": "cohort_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 0},
                        },
                        {
                            "name": "status",
                            "in": "query",
                            "required": False,
                            "description": "Only those whose review is at this status.",
                            "schema": {"enum": list(STATUSES)},
                        },
                        {
                            "name": "tier",
                            "in": "query",
                            "required": False,
                            "description": "Only those whose latest submission has this tier.",
                            "schema": {"enum": list(TIERS)},
                        },
                    ],
                    "responses": {
                        "200": _json(
                            "Most recently submitted first; read one with /assessments/{id}.",
                            "CohortAssessments",
                        ),
                        "404": _errors("None of your cohorts has this id."),
                        **token_errors,
                        "422": _errors("An unknown status or tier, or another query parameter."),
                    },
                }
            },
            "/token": {
                "get": {
                    "operationId": "getToken",
                    "summary": "The token in use",
                    "responses": {
                        "200": _json("What it is and may read now.", "Token"),
                        "401": token_errors["401"],
                        "422": unknown_parameter,
                        "503": unavailable,
                    },
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "responses": {
                        "200": {
                            "description": "OpenAPI 3.1.",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "422": unknown_parameter,
                    },
                    "security": [],
                }
            },
        },
        "components": {
            "schemas": _schemas(rules),
            "securitySchemes": {
                "token": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A personal API token (act_...), created on the API tokens "
                    "page (/tokens) or with `flask --app actcheck tokens create`.",
                }
            },
        },
        "security": [{"token": []}],
    }
