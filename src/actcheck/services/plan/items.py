"""The plan's items: start and reconcile a plan, edit an item, comment on it, its history.

Every function takes the session and the acting user explicitly (None: the anonymous
browser that owns a draft), checks what the change means, records it as `PlanEvent` rows
(who, when, from what to what), flushes and leaves the commit to the caller. Who may call
which is the caller's access check (`web/access.py`): members edit, the cohort's advisors
read and comment.

Concurrency: an edit carries the item's version its page was built from; an edit prepared
against an older version is refused with `StalePlanItem`, and the database repeats the
check (`version_id_col`) for two edits at the same moment, as for answers.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from actcheck.models import (
    Assessment,
    Evidence,
    Organisation,
    PlanEvent,
    PlanItem,
    PlanStatus,
    User,
    utcnow,
)
from actcheck.rules.model import Ruleset
from actcheck.services import accounts, reviews
from actcheck.services.plan.progress import Due, PlanProgress, is_overdue, plan_progress
from actcheck.services.plan.reconcile import (
    Duty,
    Reconciliation,
    Stored,
    duties_of,
    reconcile,
)

log = logging.getLogger(__name__)

STATUSES = tuple(PlanStatus)


class ItemNotFound(LookupError):
    """No item with this id in this assessment's plan."""


class InvalidChange(ValueError):
    """The edit breaks a rule of the plan; `problems` maps each field to why."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


class StalePlanItem(Exception):
    """Someone saved this item after the page was built; nothing was stored."""

    def __init__(self, version: int) -> None:
        super().__init__(f"stale edit: the item is at version {version}")
        self.version = version


def due_date(item: PlanItem) -> dt.date:
    """When the item is due: the founder's target, else the day the obligation applies."""
    return item.target_date or item.applies_from


def items_of(session: Session, assessment: Assessment) -> list[PlanItem]:
    """Every item of the plan, archived ones included, by due date then obligation."""
    rows = session.scalars(select(PlanItem).where(PlanItem.assessment_id == assessment.id))
    return sorted(rows, key=lambda i: (due_date(i), i.obligation_id, i.role))


def progress_of(items: Sequence[PlanItem], today: dt.date) -> PlanProgress:
    return plan_progress(
        (Due(status=i.status, due=due_date(i)) for i in items if i.archived_at is None), today
    )


def matching(
    items: Sequence[PlanItem], *, today: dt.date, status: str, role: str, overdue: bool
) -> list[PlanItem]:
    """The items the plan page's filters keep (an empty filter keeps all)."""
    return [
        i
        for i in items
        if (not status or i.status == status)
        and (not role or i.role == role)
        and (not overdue or is_overdue(i.status, due_date(i), today))
    ]


def get_item(session: Session, assessment: Assessment, item_id: int) -> PlanItem:
    """An item of this assessment's plan (never another's, whatever the id says)."""
    item = session.get(PlanItem, item_id)
    if item is None or item.assessment_id != assessment.id:
        raise ItemNotFound(item_id)
    return item


def members_of(session: Session, assessment: Assessment) -> list[User]:
    """Who may own an item: the members of the organisation that owns the assessment."""
    org_id = reviews.organisation_id(assessment)
    organisation = session.get(Organisation, org_id) if org_id is not None else None
    return accounts.members(session, organisation) if organisation is not None else []


def pending(assessment: Assessment, items: Sequence[PlanItem], ruleset: Ruleset) -> Reconciliation:
    """What reconciling the plan with the assessment's stored result would change."""
    catalogue = set(ruleset.obligations) if assessment.ruleset_sha256 == ruleset.sha256 else None
    return reconcile(
        (
            Stored(
                key=(i.obligation_id, i.role),
                archived=i.archived_at is not None,
                applies_from=i.applies_from,
            )
            for i in items
        ),
        duties_of(assessment.result),
        catalogue=catalogue,
    )


def record_event(
    session: Session, item: PlanItem, actor: User | None, action: str, old: str = "", new: str = ""
) -> None:
    """One entry of the item's history (who, when, what, from what to what)."""
    session.add(
        PlanEvent(
            assessment_id=item.assessment_id,
            item_id=item.id,
            actor_id=actor.id if actor is not None else None,
            action=action,
            old=old,
            new=new,
            created_at=utcnow(),
        )
    )


def _refresh(item: PlanItem, duty: Duty) -> None:
    item.title = duty.title[:300]
    item.articles = list(duty.articles)
    item.applies_from = duty.applies_from


def sync(
    session: Session,
    assessment: Assessment,
    *,
    ruleset: Ruleset,
    actor: User | None,
    today: dt.date,
) -> Reconciliation:
    """Start the plan, or bring it in line with the assessment's current result.

    On the first call every obligation becomes an item; afterwards new obligations arrive
    marked "new since `today`", items whose obligation no longer applies are archived with
    the reason (keeping status, owner, notes and evidence), archived ones that apply again
    come back as they were. Nothing is deleted.
    """
    items = items_of(session, assessment)
    change = pending(assessment, items, ruleset)
    if change.empty:
        return change
    first = not items
    by_key = {(i.obligation_id, i.role): i for i in items}
    now = utcnow()
    for duty in change.new:
        item = PlanItem(
            assessment_id=assessment.id,
            obligation_id=duty.obligation_id,
            role=duty.role,
            status=PlanStatus.TODO,
            target_note="",
            not_applicable_reason="",
            notes="",
            new_since=None if first else today,
            archived_reason="",
            archived_ruleset="",
            version=1,
            created_at=now,
            updated_at=now,
        )
        _refresh(item, duty)
        session.add(item)
        session.flush()
        record_event(session, item, actor, "created", new=duty.applies_from.isoformat())
    for archive in change.archived:
        item = by_key[archive.key]
        item.archived_at = now
        item.archived_reason = archive.reason
        item.archived_ruleset = assessment.ruleset_version
        item.version += 1
        record_event(session, item, actor, "archived", new=archive.reason)
    for duty in change.restored:
        item = by_key[duty.key]
        item.archived_at = None
        item.archived_reason = ""
        item.archived_ruleset = ""
        _refresh(item, duty)
        item.version += 1
        record_event(session, item, actor, "restored")
    for duty in change.moved:
        item = by_key[duty.key]
        record_event(
            session,
            item,
            actor,
            "applies_from",
            item.applies_from.isoformat(),
            duty.applies_from.isoformat(),
        )
        _refresh(item, duty)
        item.version += 1
    session.flush()
    log.info(
        "plan of %s: %d new, %d archived, %d restored, %d moved",
        assessment.public_id,
        len(change.new),
        len(change.archived),
        len(change.restored),
        len(change.moved),
    )
    return change


def follow(
    session: Session,
    assessment: Assessment,
    *,
    ruleset: Ruleset,
    actor: User | None,
    today: dt.date,
) -> Reconciliation | None:
    """Reconcile a started plan after its assessment changed (answers or rule set).

    A plan that was never started stays unstarted (starting it is the founder's choice),
    and a questionnaire left incomplete by the change (no result: a new answer opened new
    questions) leaves the plan as it is until the result is known again, rather than
    archiving every item for want of a result.

    Returns:
        What changed, or None when the plan was not reconciled.
    """
    if assessment.result is None:
        return None
    started = session.scalar(
        select(PlanItem.id).where(PlanItem.assessment_id == assessment.id).limit(1)
    )
    if started is None:
        return None
    return sync(session, assessment, ruleset=ruleset, actor=actor, today=today)


@dataclass(frozen=True)
class ItemEdit:
    """What the item form sends: every editable field at once."""

    status: str
    owner_id: int | None
    target_date: dt.date | None
    target_note: str
    not_applicable_reason: str
    notes: str


def _check(item: PlanItem, edit: ItemEdit, members: Sequence[User]) -> None:
    problems: dict[str, str] = {}
    if edit.status not in STATUSES:
        problems["status"] = "unknown status"
    if edit.status == PlanStatus.NOT_APPLICABLE and not edit.not_applicable_reason.strip():
        problems["not_applicable_reason"] = "a reason is required"
    if edit.owner_id is not None and edit.owner_id not in {m.id for m in members}:
        problems["owner_id"] = "not a member of the organisation"
    if (
        edit.target_date is not None
        and edit.target_date > item.applies_from
        and not edit.target_note.strip()
    ):
        problems["target_note"] = "a later target than the legal date needs a note"
    if problems:
        raise InvalidChange(problems)


def update_item(
    session: Session,
    item: PlanItem,
    edit: ItemEdit,
    *,
    actor: User | None,
    expected_version: int,
    members: Sequence[User],
) -> list[str]:
    """Store an edit of an item and one history entry per field it changes.

    Returns:
        The fields changed (none: nothing was stored, the version stays).

    Raises:
        StalePlanItem: another edit came first; nothing was stored.
        InvalidChange: a rule refuses the edit (not applicable without a reason, an owner
            outside the organisation, a target later than the legal date without a note).
    """
    if expected_version != item.version:
        raise StalePlanItem(item.version)
    _check(item, edit, members)
    reason = edit.not_applicable_reason if edit.status == PlanStatus.NOT_APPLICABLE else ""
    wanted = {
        "status": edit.status,
        "owner_id": edit.owner_id,
        "target_date": edit.target_date,
        "target_note": edit.target_note.strip(),
        "not_applicable_reason": reason.strip(),
        "notes": edit.notes.strip(),
    }
    changed = [field for field, value in wanted.items() if getattr(item, field) != value]
    if not changed:
        return []
    item_id = item.id
    names = {m.id: m.name or m.email for m in members}
    for field in changed:
        old, new = getattr(item, field), wanted[field]
        if field == "owner_id":  # the history names people, not ids
            before = names.get(old, "") if isinstance(old, int) else ""
            after = names.get(new, "") if isinstance(new, int) else ""
            record_event(session, item, actor, field, before, after)
        else:
            record_event(session, item, actor, field, _text(old), _text(new))
        setattr(item, field, new)
    item.version = expected_version + 1
    item.updated_at = utcnow()
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        latest = session.get(PlanItem, item_id)
        raise StalePlanItem(latest.version if latest is not None else expected_version) from None
    log.info("plan item %d v%d: %s", item_id, item.version, ", ".join(changed))
    return changed


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def comment(session: Session, item: PlanItem, *, actor: User | None, body: str) -> None:
    """A comment on the item (an advisor's or a member's), in its history."""
    text = body.strip()
    if not text:
        raise InvalidChange({"body": "empty comment"})
    record_event(session, item, actor, "comment", new=text[:4000])
    session.flush()


def history(session: Session, item: PlanItem) -> list[tuple[PlanEvent, User | None]]:
    """The item's changes and comments, newest first, with who made them."""
    rows = list(
        session.scalars(
            select(PlanEvent).where(PlanEvent.item_id == item.id).order_by(PlanEvent.id.desc())
        )
    )
    ids = {r.actor_id for r in rows if r.actor_id is not None}
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}
    return [(r, users.get(r.actor_id) if r.actor_id is not None else None) for r in rows]


def evidence_counts(session: Session, items: Sequence[PlanItem]) -> dict[int, int]:
    """How many pieces of evidence each item has (items without any are left out)."""
    ids = [i.id for i in items]
    counts: dict[int, int] = {}
    if ids:
        for item_id in session.scalars(select(Evidence.item_id).where(Evidence.item_id.in_(ids))):
            counts[item_id] = counts.get(item_id, 0) + 1
    return counts
