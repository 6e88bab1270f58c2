"""Reads an assessment's compliance plan into the plain values the PDF report shows
(`plan_status.PlanSnapshot`): its active items, their owners' names, their evidence, and
the moment of the plan's latest change. The one place the report touches the database
for the plan: the web app calls it while its session is open (`web/report/wanted`)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from actcheck.models import Assessment, PlanEvent, PlanStatus, User
from actcheck.services.plan import evidence as plan_evidence
from actcheck.services.plan.items import items_of
from actcheck.services.report.plan_status import EvidenceEntry, PlanEntry, PlanSnapshot

#: History entries that change nothing the report prints.
_SILENT_ACTIONS = ("comment",)


def _utc(moment: dt.datetime) -> dt.datetime:
    """SQLite gives naive UTC datetimes back, PostgreSQL aware ones: always aware UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def snapshot(session: Session, assessment: Assessment) -> PlanSnapshot | None:
    """The plan of `assessment` as the report shows it, or None when it has no active item
    (never started, or every item archived): such a report has no plan in it at all."""
    items = [i for i in items_of(session, assessment) if i.archived_at is None]
    if not items:
        return None
    proofs = plan_evidence.of_items(session, [i.id for i in items])
    people = {i.owner_id for i in items} | {e.added_by for rows in proofs.values() for e in rows}
    ids = {p for p in people if p is not None}
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}

    def who(user_id: int | None) -> str:
        user = users.get(user_id) if user_id is not None else None
        return (user.name or user.email) if user is not None else ""

    entries = tuple(
        PlanEntry(
            obligation_id=i.obligation_id,
            role=i.role,
            status=i.status,
            not_applicable_reason=(
                i.not_applicable_reason if i.status == PlanStatus.NOT_APPLICABLE else ""
            ),
            owner=who(i.owner_id),
            target_date=i.target_date,
            target_note=i.target_note,
            evidence=tuple(
                EvidenceEntry(
                    id=e.id,
                    kind="draft" if e.drafted_kind else e.kind,
                    name=e.url if e.kind == "link" else e.file_name,
                    size=e.size,
                    sha256=e.sha256,
                    added_by=who(e.added_by),
                    added_at=_utc(e.created_at),
                )
                for e in proofs[i.id]
            ),
        )
        for i in items
    )
    latest = session.scalar(
        select(func.max(PlanEvent.created_at)).where(
            PlanEvent.assessment_id == assessment.id, PlanEvent.action.not_in(_SILENT_ACTIONS)
        )
    )
    moments = [_utc(i.updated_at) for i in items] + [
        e.added_at for entry in entries for e in entry.evidence
    ]
    if latest is not None:
        moments.append(_utc(latest))
    return PlanSnapshot(as_of=max(moments), entries=entries)
