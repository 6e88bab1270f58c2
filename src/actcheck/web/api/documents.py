"""The JSON documents of the API that are not the result object: the questionnaire, the rule
set and stored assessments. Plain functions of the rule set, so the OpenAPI description and
the tests can call them too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from actcheck.rules.answers import FORMAT_VERSION, MAX_TEXT_CHARS
from actcheck.rules.model import NO, UNSURE, YES, AnswerValue, Kind, Ruleset, Text, text_in


def _text(value: Text | None) -> dict[str, str] | None:
    """A rule text in every language, its dates worded "from <date>" (true on any day: the
    API is read by programs that keep what they get)."""
    return {lang: text_in(value, lang) for lang in value} if value else None


def _plain(value: Any) -> Any:
    """A condition's source as plain JSON values (the loader's mappings remember lines, and
    write `answered: true` as "yes")."""
    if isinstance(value, Mapping):
        return {
            str(k): (v == YES) if k == "answered" and v in (YES, NO) else _plain(v)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def ruleset_info(rules: Ruleset) -> dict[str, Any]:
    return {
        "version": rules.version,
        "sha256": rules.sha256,
        "languages": list(rules.languages),
        "law": _text(rules.law),
        "answers_format": FORMAT_VERSION,
        "counts": {
            "questions": len(rules.questions),
            "rules": len(rules.rules),
            "obligations": len(rules.obligations),
        },
    }


def questionnaire(rules: Ruleset) -> dict[str, Any]:
    """Every question, in questionnaire order, with what a client needs to ask it and to
    know when it is asked: `when` is the condition in the rule files' closed vocabulary
    (`all`, `any`, `not`, `answer` with `equals` / `in` / `contains` / `answered`, and
    `condition` naming an entry of `conditions`)."""
    questions = []
    for section in rules.sections:
        for q in section.questions:
            item: dict[str, Any] = {
                "id": q.id,
                "section": section.id,
                "kind": q.kind.value,
                "values": list(q.values),
                "multiple": q.kind is Kind.ANY_OF,
                "optional": q.optional,
                "text": _text(q.text),
                "help": _text(q.help),
                "example": _text(q.example),
                "choices": [
                    {"value": c.value, "label": _text(c.label), "help": _text(c.help)}
                    for c in q.choices
                ],
                "articles": list(q.articles),
                "unsure_means": q.unsure_means,
                "when": _plain(q.when.source) if q.when is not None else None,
            }
            if q.kind is Kind.TEXT:
                item["max_length"] = MAX_TEXT_CHARS
            questions.append(item)
    return {
        "format": FORMAT_VERSION,
        "ruleset": {"version": rules.version, "sha256": rules.sha256},
        "languages": list(rules.languages),
        "labels": {value: _text(rules.labels.get(value)) or {} for value in (YES, NO, UNSURE)},
        "sections": [
            {
                "id": s.id,
                "title": _text(s.title),
                "intro": _text(s.intro),
                "questions": [q.id for q in s.questions],
            }
            for s in rules.sections
        ],
        "questions": questions,
        "conditions": {name: _plain(c.source) for name, c in rules.conditions.items()},
    }


def answers_document(answers: Mapping[str, AnswerValue]) -> dict[str, Any]:
    """An answers document (format v1), as a founder would upload it."""
    return {
        "actcheck": FORMAT_VERSION,
        "answers": {q: list(v) if isinstance(v, tuple) else v for q, v in answers.items()},
    }


def timestamp(value: dt.datetime) -> str:
    """RFC 3339 in UTC (SQLite hands back naive datetimes, stored in UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
