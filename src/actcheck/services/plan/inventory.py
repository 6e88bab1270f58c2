"""Plans across systems: an organisation's AI inventory (each system's tier, roles,
progress and next deadline, with a CSV export) and the readiness the advisors' dashboard
shows per start-up and per system. Progress is derived from the items every time."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from actcheck.models import Assessment, PlanItem
from actcheck.presentation import assessment_name
from actcheck.rules.model import ROLES
from actcheck.services.plan.items import due_date
from actcheck.services.plan.progress import Due, PlanProgress, combined, plan_progress
from actcheck.services.reviews import _cell as csv_cell

T = TypeVar("T")

#: The dashboard's and the inventory's orders by readiness (besides their own).
SORTS = ("readiness", "overdue", "deadline")


def readiness(
    session: Session, assessments: Sequence[Assessment], today: dt.date
) -> dict[int, PlanProgress]:
    """Each assessment's plan progress, by assessment id; those without a plan are left
    out. One query for all of them."""
    ids = [a.id for a in assessments]
    if not ids:
        return {}
    dues: dict[int, list[Due]] = {}
    rows = session.scalars(
        select(PlanItem).where(PlanItem.assessment_id.in_(ids), PlanItem.archived_at.is_(None))
    )
    for item in rows:
        dues.setdefault(item.assessment_id, []).append(Due(item.status, due_date(item)))
    return {aid: plan_progress(items, today) for aid, items in dues.items()}


def order(
    rows: Sequence[T], progress: Mapping[int, PlanProgress], key: str, id_of: Callable[[T], int]
) -> list[T]:
    """Rows in the order `key` names: "readiness" (least done first), "overdue" (most
    first), "deadline" (soonest first); a system without a plan comes last."""

    def rank(row: T) -> tuple[int, float]:
        found = progress.get(id_of(row))
        if found is None:
            return (1, 0.0)
        if key == "overdue":
            return (0, -found.overdue)
        if key == "deadline":
            day = found.next_deadline
            return (0, day.toordinal() if day is not None else float("inf"))
        return (0, found.percent)

    return sorted(rows, key=rank)


@dataclass(frozen=True)
class System:
    """One line of the AI inventory."""

    assessment: Assessment
    name: str
    tier: str | None
    roles: tuple[str, ...]
    progress: PlanProgress | None
    """None: no plan started."""


def inventory(session: Session, assessments: Sequence[Assessment], today: dt.date) -> list[System]:
    """The organisation's systems (its assessments with a result), as the inventory shows them."""
    progress = readiness(session, assessments, today)
    out = []
    for assessment in assessments:
        result = assessment.result
        if result is None:
            continue
        held = {str(o["role"]) for o in result.get("obligations") or ()}
        out.append(
            System(
                assessment=assessment,
                name=assessment_name(assessment.answers) or "",
                tier=result.get("tier"),
                roles=tuple(r for r in ROLES if r in held),
                progress=progress.get(assessment.id),
            )
        )
    return out


def inventory_csv(organisation: str, systems: Sequence[System]) -> str:
    """The inventory as CSV for a register or a spreadsheet; every typed text is escaped
    so that no spreadsheet reads it as a formula (the dashboard export's rule)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "organisation",
            "system",
            "tier",
            "roles",
            "done",
            "applicable",
            "overdue",
            "next_deadline",
            "assessment",
        ]
    )
    for system in systems:
        p = system.progress
        writer.writerow(
            [
                csv_cell(organisation),
                csv_cell(system.name),
                system.tier or "",
                " ".join(system.roles),
                p.done if p else "",
                p.applicable if p else "",
                p.overdue if p else "",
                p.next_deadline.isoformat() if p and p.next_deadline else "",
                system.assessment.public_id,
            ]
        )
    return out.getvalue()


def per_organisation(
    members: Sequence[tuple[int, int]], progress: Mapping[int, PlanProgress]
) -> dict[int, PlanProgress]:
    """A start-up's readiness: its systems' progress combined, by organisation id.

    Args:
        members: (organisation id, assessment id) pairs.
        progress: `readiness` of those assessments.
    """
    parts: dict[int, list[PlanProgress]] = {}
    for org_id, assessment_id in members:
        if assessment_id in progress:
            parts.setdefault(org_id, []).append(progress[assessment_id])
    return {org_id: combined(found) for org_id, found in parts.items()}
