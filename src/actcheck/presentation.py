"""How an assessment is named and how its downloads are filed: the same on every page,
report, API answer and export, whatever the front end.

Pure and without a language: the front end supplies its own words for an unnamed system.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

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
