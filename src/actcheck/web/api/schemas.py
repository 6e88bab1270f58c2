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
from actcheck.services.tokens import READ_ASSESSMENTS, READ_COHORTS

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


def components(rules: Ruleset) -> dict[str, Any]:
    text = ref("Text")
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
    # An answers document as it was stored, not checked against this rule set's `Answers`.
    stored_answers = {
        "type": "object",
        "required": ["actcheck", "answers"],
        "properties": {"actcheck": {"const": 1}, "answers": {"type": "object"}},
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
                "answers": ref("Answers"),
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
                "all": {"type": "array", "items": ref("Condition")},
                "any": {"type": "array", "items": ref("Condition")},
                "not": ref("Condition"),
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
                    "anyOf": [ref("Condition"), {"type": "null"}],
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
                "questions": {"type": "array", "items": ref("Question")},
                "conditions": {
                    "type": "object",
                    "description": "The named conditions that `when` refers to.",
                    "additionalProperties": ref("Condition"),
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
            "properties": {"assessments": {"type": "array", "items": ref("AssessmentSummary")}},
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
                    **stored_answers,
                    "description": "The answers on its path, as an answers document (what "
                    "the web app's export holds).",
                },
                "result": {
                    "description": "The result stored at its last save (in English), with "
                    "the rule set of that save; null while incomplete.",
                    "anyOf": [ref("Result"), {"type": "null"}],
                },
                "review": {
                    "description": "Where its review stands; null until it is first "
                    "submitted to a cohort.",
                    "anyOf": [ref("Review"), {"type": "null"}],
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
                            "answers": stored_answers,
                            "result": {"anyOf": [ref("Result"), {"type": "null"}]},
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
            "properties": {"cohorts": {"type": "array", "items": ref("Cohort")}},
        },
        "CohortAssessments": {
            "type": "object",
            "required": ["cohort", "assessments"],
            "additionalProperties": False,
            "properties": {
                "cohort": ref("Cohort"),
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
                        "kind": {"enum": [*AccountRole, "browser_session"]},
                        "name": {"type": ["string", "null"]},
                    },
                },
            },
        },
    }
