"""What a report says about itself (`ReportMeta`), the answers it carries, and the stable
reference of a report made outside the web app."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from actcheck.rules.answers import dump_answers
from actcheck.rules.model import AnswerValue, Result

if TYPE_CHECKING:
    from actcheck.services.report.plan_status import PlanSnapshot


@dataclass(frozen=True)
class ReportMeta:
    """What the report says about itself, beyond the answers.

    Attributes:
        assessed_on: the date of the assessment; "in force" and "in N days" count from it,
            so a report reads the same whenever it is downloaded again.
        reference: the assessment reference printed on every page.
        lang: the report's language (one of the rule set's languages).
        organisation: overrides the `org.name` answer on the cover.
        system: overrides the `system.name` answer on the cover.
        planned_launch: the assessment is a planned-launch preview of a system still in
            development (issue 15): its first page says so.
    """

    assessed_on: dt.date
    reference: str
    lang: str = "en"
    organisation: str | None = None
    system: str | None = None
    # An advisor's note that disagrees with the computed tier (issue 5), already worded in
    # the report's language: printed beside the result, never instead of it.
    advisor_note: str | None = None
    planned_launch: bool = False
    plan: PlanSnapshot | None = None


def report_answers(result: Result) -> dict[str, AnswerValue]:
    """The answers a report carries: those on the path (others play no part)."""
    reached = set(result.reached)
    return {q: v for q, v in result.answers.items() if q in reached}


def answers_file(result: Result, header: str = "") -> str:
    """The answers file (answers format v1) a report embeds."""
    return dump_answers(report_answers(result), result.ruleset, header=header)


def default_reference(result: Result, assessed_on: dt.date) -> str:
    """A stable reference for a report made outside the web app: date and answers hash."""
    digest = hashlib.sha256((answers_file(result) + result.ruleset.sha256).encode("utf-8"))
    return f"AC-{assessed_on:%Y%m%d}-{digest.hexdigest()[:8].upper()}"
