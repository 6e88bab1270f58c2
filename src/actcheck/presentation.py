"""How an assessment is named, how its downloads are filed and how an answer reads: the
same on every page, report, API answer and export, whatever the front end.

Pure and without a language of its own: each front end hands in how it words a rule-set
text (its language, its date, its cleaning) and its own words for what the rule set does
not say (an unnamed system, no box ticked).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from actcheck.rules.model import AnswerValue, Kind, Question, Text

NAME_ANSWERS = ("system.name", "org.name")
"""The answers that name an assessment, the first one given wins."""

SLUG_CHARS = 40


def assessment_name(answers: Mapping[str, Any]) -> str | None:
    """The system's name, else the company's, else None."""
    for key in NAME_ANSWERS:
        value = answers.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def file_slug(name: str, fallback: str = "assessment") -> str:
    """A name as it goes in a download's file name: lower-case ASCII letters, digits and
    hyphens, at most `SLUG_CHARS` long (a header-safe file name whatever the user typed)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:SLUG_CHARS]
    return slug or fallback


def answer_words(
    question: Question,
    value: AnswerValue | None,
    labels: Mapping[str, Text],
    say: Callable[[Text | None], str],
) -> tuple[str, ...]:
    """An answer as a reader reads it: the labels of the rule set (`labels` for yes, no and
    unsure; each choice's own), not the values of the answers format; text as written.
    Empty for no answer and for no box ticked, which each front end words itself."""
    if value is None or value == "":
        return ()
    if question.kind is Kind.TEXT:
        return (str(value),)
    if question.kind in (Kind.TRI_STATE, Kind.YES_NO):
        return (say(labels.get(str(value))) or str(value),)
    choices = {c.value: say(c.label) for c in question.choices}
    if isinstance(value, tuple | list):
        return tuple(choices.get(v, v) for v in value)
    return (choices.get(str(value), str(value)),)
