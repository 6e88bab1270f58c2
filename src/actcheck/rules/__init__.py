"""The pure domain core of actcheck: the AI Act as rules, and the engine that applies them.

Nothing in this package imports Flask, SQLAlchemy, Jinja or WeasyPrint (an import contract
checks it, docs/architecture.md),
so the CLI starts fast and the rules can be reasoned about on their own.
"""

from actcheck.rules.answers import (
    AnswersError,
    Checked,
    assess_document,
    check_answers,
    parse_document,
    read_answers,
)
from actcheck.rules.engine import assess
from actcheck.rules.loader import RulesetError, load_ruleset
from actcheck.rules.model import GpaiTrack, Result, Ruleset, Tier

__all__ = [
    "AnswersError",
    "Checked",
    "GpaiTrack",
    "Result",
    "Ruleset",
    "RulesetError",
    "Tier",
    "assess",
    "assess_document",
    "check_answers",
    "load_ruleset",
    "parse_document",
    "read_answers",
]
