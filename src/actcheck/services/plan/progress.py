"""How far a plan has come, derived from its items every time (never stored twice).

Pure: reads the items' status and due dates as plain values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from actcheck.models import PlanStatus

CLOSED = (PlanStatus.DONE, PlanStatus.NOT_APPLICABLE)


@dataclass(frozen=True)
class Due:
    """What progress reads of one active (not archived) item."""

    status: str
    due: dt.date


def is_overdue(status: str, due: dt.date, today: dt.date) -> bool:
    """Open (neither done nor not applicable) and its due date has passed."""
    return status not in CLOSED and due < today


@dataclass(frozen=True)
class PlanProgress:
    done: int
    applicable: int
    """Every active item but the not-applicable ones."""
    overdue: int
    next_deadline: dt.date | None
    """The soonest due date, today or later, of an open item."""

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.applicable) if self.applicable else 100


def plan_progress(items: Iterable[Due], today: dt.date) -> PlanProgress:
    """Done out of applicable, how many are overdue, and the next deadline."""
    done = applicable = overdue = 0
    upcoming: list[dt.date] = []
    for item in items:
        if item.status == PlanStatus.NOT_APPLICABLE:
            continue
        applicable += 1
        if item.status == PlanStatus.DONE:
            done += 1
        elif item.due < today:
            overdue += 1
        else:
            upcoming.append(item.due)
    return PlanProgress(
        done=done,
        applicable=applicable,
        overdue=overdue,
        next_deadline=min(upcoming) if upcoming else None,
    )


def combined(parts: Iterable[PlanProgress]) -> PlanProgress:
    """Several systems' progress as one (a start-up's readiness on the dashboard)."""
    done = applicable = overdue = 0
    deadlines: list[dt.date] = []
    for part in parts:
        done += part.done
        applicable += part.applicable
        overdue += part.overdue
        if part.next_deadline is not None:
            deadlines.append(part.next_deadline)
    return PlanProgress(
        done=done,
        applicable=applicable,
        overdue=overdue,
        next_deadline=min(deadlines) if deadlines else None,
    )
