"""The demo's compliance plans, in several states, so that the advisor's dashboard shows
real readiness on a first run: one plan nearly done (with a not-applicable item and its
reason, and evidence links), one started with an owner and overdue items, one just started;
the other systems have none yet."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from actcheck.models import Assessment, PlanStatus, User
from actcheck.rules.model import Ruleset
from actcheck.services.plan import evidence, items

#: By answers file: how many of the plan's items (in due-date order) are done, and how many
#: more are in progress.
PLANS = {
    "01-talentmatch": (0.8, 0.1),
    "05-hirelens": (0.25, 0.25),
    "02-chatdesk": (0.0, 0.0),
}


def _edit(status: str, owner: User, **extra: str) -> items.ItemEdit:
    return items.ItemEdit(
        status=status,
        owner_id=owner.id,
        target_date=None,
        target_note="",
        not_applicable_reason=extra.get("reason", ""),
        notes=extra.get("notes", ""),
    )


def load_plans(
    session: Session,
    ruleset: Ruleset,
    systems: dict[str, Assessment],
    founders: dict[int, User],
    *,
    today: dt.date,
) -> None:
    """Start the plans of `PLANS` and move them along, as their founders would."""
    for stem, (done_share, started_share) in PLANS.items():
        assessment = systems.get(stem)
        if assessment is None or assessment.result is None:
            continue
        org_id = int(assessment.owner_key.split(":")[1])
        founder = founders[org_id]
        items.sync(session, assessment, ruleset=ruleset, actor=founder, today=today)
        stored = items.items_of(session, assessment)
        done = round(len(stored) * done_share)
        started = round(len(stored) * started_share)
        members = [founder]
        for n, item in enumerate(stored[: done + started]):
            if n == 0 and done:
                change = _edit(
                    PlanStatus.NOT_APPLICABLE,
                    founder,
                    reason="Our counsel confirmed in writing that this duty does not bind us "
                    "for this system; the memo is in the data room.",
                )
            elif n < done:
                change = _edit(PlanStatus.DONE, founder, notes="Signed off by the CEO.")
            else:
                change = _edit(PlanStatus.IN_PROGRESS, founder)
            items.update_item(
                session,
                item,
                change,
                actor=founder,
                expected_version=item.version,
                members=members,
            )
            if change.status == PlanStatus.DONE:
                evidence.add_link(
                    session,
                    assessment,
                    item,
                    url=f"https://docs.example.eu/{stem}/{item.obligation_id}",
                    actor=founder,
                )
