"""The plain values the report template reads (answers, trace steps, obligations,
sections), and the EUR-Lex link of an article reference.

The values of the timeline, the penalties and the open points live beside the code that
builds them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from actcheck.rules.model import Ruleset
from actcheck.services.report.plan_status import StatusView


@dataclass(frozen=True)
class Ref:
    """An article reference as the reader's language writes it, and its EUR-Lex link."""

    text: str
    href: str


@dataclass(frozen=True)
class AnswerView:
    qid: str
    question: str
    help: str
    values: tuple[str, ...]
    """The answer in words: one item, or one per ticked choice (empty: none ticked)."""
    unsure: bool
    read_as: str
    kind: str


@dataclass(frozen=True)
class TraceStep:
    number: int
    title: str
    because: str
    note: str
    articles: tuple[Ref, ...]
    status: str
    answers: tuple[AnswerView, ...]


@dataclass(frozen=True)
class ObligationView:
    id: str
    anchor: str
    title: str
    role: str
    summary: str
    todo: str
    first_step: str
    note: str
    articles: tuple[Ref, ...]
    status: str
    date: dt.date
    date_status: str
    in_force: bool
    days: int
    penalty: str
    plan: StatusView | None = None
    """The plan item's status, owner, target and evidence count (None: no plan)."""


@dataclass(frozen=True)
class RoleGroup:
    role: str
    title: str
    obligations: tuple[ObligationView, ...]
    in_force: int
    duties: tuple[str, ...] = ()
    """Why each duty binds this role, or not (`actcheck.rules.duties`)."""


@dataclass(frozen=True)
class AppendixSection:
    title: str
    answers: tuple[AnswerView, ...]


@dataclass(frozen=True)
class Section:
    anchor: str
    number: str
    title: str


def article_href(ruleset: Ruleset, ref: str, lang: str) -> str:
    """A link to the article on EUR-Lex in the report's language (`Ruleset.link`)."""
    return ruleset.link(ref, lang)
