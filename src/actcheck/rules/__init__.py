"""The pure domain core of actcheck: the AI Act as rules, and the engine that applies them.

Nothing in this package imports Flask, SQLAlchemy, Jinja or WeasyPrint (an import contract
checks it, docs/architecture.md),
so the CLI starts fast and the rules can be reasoned about on their own.

The names below are imported on first use (PEP 562): importing one module of the package
(the command line imports a handful) does not import all the others with it.
"""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # as typing's, read by mypy: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any

    from actcheck.rules.answers import (
        AnswersError,
        Checked,
        assess_document,
        check_answers,
        parse_document,
        read_answers,
    )
    from actcheck.rules.engine import assess
    from actcheck.rules.loading import RulesetError, load_ruleset
    from actcheck.rules.model import GpaiTrack, Result, Ruleset, Tier

#: Each name and the module it comes from.
_WHERE = {
    "AnswersError": "answers",
    "Checked": "answers",
    "assess_document": "answers",
    "check_answers": "answers",
    "parse_document": "answers",
    "read_answers": "answers",
    "assess": "engine",
    "RulesetError": "loading",
    "load_ruleset": "loading",
    "GpaiTrack": "model",
    "Result": "model",
    "Ruleset": "model",
    "Tier": "model",
}

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


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # found once: the next read is a plain global
    return value
