"""The shapes of the API's bodies, declared once by name: the document's
`components/schemas`, which the operations (`actcheck.web.api.spec`) refer to.

The answers schema lists every question id with the values it takes, and the result schema
is `actcheck/schemas/result-v1.json`, the one the CLI's output is checked against: these
cannot drift from the questionnaire or the result format. The closed sets (tiers, review
statuses, scopes, kinds of question) are the code's own. The test suite runs schemathesis
against the app with the document (tests/api/test_api_openapi.py).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from actcheck.models import AccountRole
from actcheck.rules.answers import MAX_TEXT_CHARS
from actcheck.rules.model import Kind, Question, Ruleset
from actcheck.services.reviews import STATUSES, TIERS
from actcheck.services.tokens import READ_ASSESSMENTS, READ_COHORTS, WRITE_PLAN

#: A JSON Schema (2020-12, as OpenAPI 3.1 reads it), or another object of the document.
Schema = dict[str, Any]
REF = "#/components/schemas/"


def ref(name: str) -> dict[str, str]:
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


def _record(properties: dict[str, Any], *, optional: tuple[str, ...] = (), **more: Any) -> Schema:
    """An object with these properties and no other, each required but the `optional` ones
    (what the API's serialisers write: every key, null when there is no value)."""
    return {
        "type": "object",
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
        "properties": properties,
        **more,
    }


def _or_null(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def components(rules: Ruleset) -> dict[str, Schema]:
    """Every shape of the document, by name (for the rule set's questions and languages)."""
    text = ref("Text")
    string = {"type": "string"}
    integer = {"type": "integer"}
    nullable_string = {"type": ["string", "null"]}
    string_list = {"type": "array", "items": string}
    timestamp = {"type": "string", "format": "date-time"}
    ruleset_ref = _record(
        {"version": string, "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}
    )
    # An answers document as it was stored, not checked against this rule set's `Answers`.
    stored_answers = {
        "type": "object",
        "required": ["actcheck", "answers"],
        "properties": {"actcheck": {"const": 1}, "answers": {"type": "object"}},
    }
    summary: dict[str, Any] = {
        "id": {"type": "string", "description": "The assessment's public id (as in its links)."},
        "name": {**nullable_string, "description": "The system's or company's name."},
        "version": {"type": "integer", "minimum": 1, "description": "How many saves it had."},
        "created_at": timestamp,
        "updated_at": timestamp,
        "complete": {"type": "boolean", "description": "Every question on its path is answered."},
        "tier": {
            "description": "The tier of the stored result; null while incomplete.",
            "enum": [None, *result_schema()["properties"]["tier"]["enum"]],
        },
        "ruleset": {**ruleset_ref, "description": "The rule set of its last save."},
        "url": string,
    }
    condition = ref("Condition")
    return {
        "Errors": _record(
            {"errors": {"type": "array", "minItems": 1, "items": string}},
            description="Every problem found, one sentence each.",
        ),
        "Result": result_schema(),
        "Answers": {
            "type": "object",
            "description": "Question id to answer. Unknown ids are refused; answers to "
            "questions not reached on the path are ignored with a warning.",
            "additionalProperties": False,
            "properties": {q.id: _answer_schema(q) for q in rules.questions.values()},
        },
        "AnswersDocument": _record(
            {
                "actcheck": {"const": 1, "description": "The format version."},
                "answers": ref("Answers"),
            },
            description="An answers file (format v1): every question reached on the path "
            "of these answers must be answered (strict, like `actcheck assess`).",
            example={
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
        ),
        "Text": _text_schema(rules),
        "Condition": {
            "type": "object",
            "description": "A condition in the rule files' closed vocabulary.",
            "minProperties": 1,
            "additionalProperties": False,
            "properties": {
                "all": {"type": "array", "items": condition},
                "any": {"type": "array", "items": condition},
                "not": condition,
                "condition": {"type": "string", "description": "A name in `conditions`."},
                "answer": {"type": "string", "description": "A question id."},
                "equals": string,
                "in": string_list,
                "contains": string,
                "contains_any": string_list,
                "answered": {"type": "boolean"},
            },
        },
        "Question": _record(
            {
                "id": string,
                "section": string,
                "kind": {"enum": [k.value for k in Kind]},
                "values": {**string_list, "description": "Allowed values (empty for text)."},
                "multiple": {"type": "boolean", "description": "Answered with a list."},
                "optional": {"type": "boolean"},
                "max_length": {"type": "integer", "description": "For text: characters."},
                "text": text,
                "help": _or_null(text),
                "example": _or_null(text),
                "choices": {
                    "type": "array",
                    "items": _record({"value": string, "label": text, "help": _or_null(text)}),
                },
                "articles": string_list,
                "unsure_means": {
                    "enum": ["yes", "no", None],
                    "description": "How an `unsure` answer is read (the stricter way).",
                },
                "when": {
                    **_or_null(condition),
                    "description": "Asked only when this holds; null: always asked.",
                },
            },
            optional=("max_length",),
        ),
        "Questionnaire": _record(
            {
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
                    "items": _record(
                        {
                            "id": string,
                            "title": text,
                            "intro": _or_null(text),
                            "questions": string_list,
                        }
                    ),
                },
                "questions": {"type": "array", "items": ref("Question")},
                "conditions": {
                    "type": "object",
                    "description": "The named conditions that `when` refers to.",
                    "additionalProperties": condition,
                },
            }
        ),
        "Ruleset": _record(
            {
                **ruleset_ref["properties"],
                "languages": string_list,
                "law": text,
                "answers_format": {"const": 1},
                "counts": _record({"questions": integer, "rules": integer, "obligations": integer}),
            }
        ),
        "AssessmentSummary": _record(summary),
        "ReportPending": _record(
            {
                "state": {"type": "string", "enum": ["rendering"]},
                "location": {"type": "string", "description": "Where the report will be."},
                "retry_after": {"type": "integer", "description": "Seconds to wait."},
            }
        ),
        "DraftList": _record(
            {
                "drafts": {
                    "type": "array",
                    "items": _record(
                        {
                            "kind": {"type": "string", "description": "The document kind."},
                            "title": {"type": "string"},
                            "obligations": {
                                **string_list,
                                "description": "The result's obligations it serves.",
                            },
                            "downloads": _record(
                                {"docx": {"type": "string"}, "pdf": {"type": "string"}}
                            ),
                        }
                    ),
                }
            }
        ),
        "DraftPreparing": _record(
            {
                "status": {
                    "enum": ["preparing"],
                    "description": "The draft is being rendered on the background queue.",
                },
                "place": {**integer, "description": "Its place in the queue (1: next)."},
                "seconds": {**integer, "description": "About how long is left."},
                "message": string,
                "location": {**string, "description": "Where to ask again (GET)."},
            }
        ),
        "AssessmentList": _record(
            {"assessments": {"type": "array", "items": ref("AssessmentSummary")}}
        ),
        "Assessment": _record(
            {
                **summary,
                "missing": {**string_list, "description": "Questions on its path still to answer."},
                "answers": {
                    **stored_answers,
                    "description": "The answers on its path, as an answers document (what "
                    "the web app's export holds).",
                },
                "result": {
                    **_or_null(ref("Result")),
                    "description": "The result stored at its last save (in English), with "
                    "the rule set of that save; null while incomplete.",
                },
                "review": {
                    **_or_null(ref("Review")),
                    "description": "Where its review stands; null until it is first "
                    "submitted to a cohort.",
                },
            },
            optional=("review",),
        ),
        "Review": _record(
            {
                "status": {"enum": list(STATUSES)},
                "advisor_note": {
                    **_or_null(_record({"tier": {"enum": list(TIERS)}, "justification": string})),
                    "description": "An advisor's own view of the tier, beside the computed "
                    "one (which it never replaces).",
                },
                "submissions": {
                    "type": "array",
                    "description": "Every submitted version, frozen, oldest first.",
                    "items": _record(
                        {
                            "number": {"type": "integer", "minimum": 1},
                            "submitted_at": timestamp,
                            "tier": {"enum": [None, *TIERS]},
                            "ruleset": ruleset_ref,
                            "answers": stored_answers,
                            "result": _or_null(ref("Result")),
                        }
                    ),
                },
                "comments": {
                    "type": "array",
                    "items": _record(
                        {
                            "question": {
                                **nullable_string,
                                "description": "The question it is about; null for the "
                                "whole assessment.",
                            },
                            "author": nullable_string,
                            "body": string,
                            "created_at": timestamp,
                        }
                    ),
                },
            }
        ),
        "Cohort": _record(
            {
                "id": integer,
                "name": string,
                "closed": {
                    "type": "boolean",
                    "description": "A closed cohort takes no more submissions.",
                },
                "assessments_url": string,
            }
        ),
        "CohortList": _record({"cohorts": {"type": "array", "items": ref("Cohort")}}),
        "CohortAssessments": _record(
            {
                "cohort": ref("Cohort"),
                "assessments": {
                    "type": "array",
                    "items": _record(
                        {
                            "id": string,
                            "name": nullable_string,
                            "organisation": _record({"id": integer, "name": string}),
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
                            "submitted_at": {**nullable_string, "format": "date-time"},
                            "url": string,
                        }
                    ),
                },
            }
        ),
        # The compliance plan (issue 17).
        "PlanItem": _record(
            {
                "id": integer,
                "obligation": string,
                "role": string,
                "title": string,
                "articles": string_list,
                "applies_from": {"type": "string", "format": "date"},
                "due": {"type": "string", "format": "date"},
                "target_note": string,
                "status": {"enum": ["todo", "in_progress", "done", "not_applicable"]},
                "not_applicable_reason": nullable_string,
                "owner": nullable_string,
                "notes": string,
                "new_since": {**nullable_string, "format": "date"},
                "archived": {"type": "boolean"},
                "archived_because": {"enum": [None, "answers", "ruleset"]},
                "version": integer,
                "evidence": {
                    "type": "array",
                    "items": _record(
                        {
                            "kind": {"enum": ["file", "link"]},
                            "name": nullable_string,
                            "url": nullable_string,
                            "size": integer,
                            "sha256": nullable_string,
                            "added_at": timestamp,
                        }
                    ),
                },
            }
        ),
        "PlanItemChange": _record(
            {
                "version": {**integer, "description": "The item's version as read."},
                "status": {"enum": ["todo", "in_progress", "done", "not_applicable"]},
                "owner_email": {
                    **nullable_string,
                    "description": "A member of the organisation; null for nobody.",
                },
                "target_date": {**nullable_string, "format": "date"},
                "target_note": {**string, "maxLength": 1000},
                "not_applicable_reason": {**string, "maxLength": 2000},
                "notes": {**string, "maxLength": 4000},
            },
            optional=(
                "status",
                "owner_email",
                "target_date",
                "target_note",
                "not_applicable_reason",
                "notes",
            ),
            description="The fields to change; those left out keep their value.",
        ),
        "PlanItemLink": _record({"url": {**string, "format": "uri", "maxLength": 2000}}),
        "PlanItemDraft": _record(
            {
                "kind": {
                    **string,
                    "description": "A draft kind that serves the item's obligation (see "
                    "listDrafts: its obligations).",
                },
                "format": {"enum": ["docx"], "description": "The Word file (the default)."},
                "lang": {**string, "description": "The draft's language (default: en)."},
            },
            optional=("format", "lang"),
        ),
        "PlanItemConflict": _record(
            {"errors": {"type": "array", "items": string}, "item": ref("PlanItem")}
        ),
        "Plan": _record(
            {
                "assessment": string,
                "progress": _record(
                    {
                        "done": integer,
                        "applicable": integer,
                        "overdue": integer,
                        "next_deadline": {**nullable_string, "format": "date"},
                    }
                ),
                "items": {"type": "array", "items": ref("PlanItem")},
            }
        ),
        "Token": _record(
            {
                "id": string,
                "name": string,
                "prefix": string,
                "scopes": {
                    "type": "array",
                    "description": "What it may do now: assessments:read (a founder's "
                    "assessments), cohorts:read (an advisor's cohorts), plan:write (edit "
                    "the founder's plans).",
                    "items": {"enum": [READ_ASSESSMENTS, READ_COHORTS, WRITE_PLAN]},
                },
                "created_at": timestamp,
                "expires_at": {**nullable_string, "format": "date-time"},
                "holder": _record(
                    {"kind": {"enum": [*AccountRole, "browser_session"]}, "name": nullable_string}
                ),
            }
        ),
    }
