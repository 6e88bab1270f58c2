"""The obligations of a result by role and by date: the one grouping that the result page,
the command line's summary and the report all show.

A founder reads their duties role by role (provider first, in the order of `ROLES`), and
within a role, what already binds them before what is coming, the nearest date first.
Pure: reads a `Result`, returns plain values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from actcheck.rules.model import ROLES, ObligationResult, Result


@dataclass(frozen=True)
class RoleSchedule:
    """One role held and its obligations, split at the day they are read for."""

    role: str
    in_force: tuple[ObligationResult, ...]
    """In force on that day, in the catalogue's order."""
    coming: tuple[ObligationResult, ...]
    """Not yet in force, soonest first."""


def by_role(result: Result, as_of: dt.date) -> tuple[RoleSchedule, ...]:
    """The result's obligations per role (only the roles that have some), as of `as_of`."""
    schedules = []
    for role in ROLES:
        items = [o for o in result.obligations if o.role == role]
        if not items:
            continue
        in_force = tuple(o for o in items if o.applies_from.date <= as_of)
        coming = tuple(
            sorted(
                (o for o in items if o.applies_from.date > as_of),
                key=lambda o: o.applies_from.date,
            )
        )
        schedules.append(RoleSchedule(role=role, in_force=in_force, coming=coming))
    return tuple(schedules)
