"""The compliance plan as the PDF report shows it (issue 17): on each obligation's card its
status, owner, due date and evidence count, and an index of the evidence, all as of the
plan's latest change.

The plan reaches the report as plain frozen values (`PlanSnapshot`, in `ReportMeta.plan`,
read from the database by `plan_snapshot.snapshot`), so that the report is rendered after
the request's database session is released, by a worker, or years later from the same
values. `PlanSnapshot.digest` is what the report's cache key adds for a plan
(`cache.report_key`): every value the report prints of it, so a change of status, owner,
target, reason or evidence names a new report, and a comment (printed nowhere) does not.

Archived items (the obligation no longer applies to the result) are left out entirely, of
the obligations chapter and of the evidence index alike: the report documents the
obligations of *this* result, and evidence of an obligation that no longer applies proves
nothing about any of them. It stays in the app (the item page, the evidence ZIP), and
comes back into the report with its item if the obligation does.

A report made without a plan (the command line, the API's POST /report, an assessment
whose plan was never started) has `ReportMeta.plan` None and renders exactly as before:
no status line, no index, the same cache key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from babel.numbers import format_decimal

from actcheck.services.report.words import Words


@dataclass(frozen=True)
class EvidenceEntry:
    """One piece of evidence: a file (uploaded or a drafted document) or a link."""

    id: int
    kind: str
    """"file", "draft" or "link"."""
    name: str
    """The file's name, or the link's address (printed as text, never fetched)."""
    size: int
    sha256: str
    added_by: str
    added_at: dt.datetime


@dataclass(frozen=True)
class PlanEntry:
    """One active plan item: an obligation for one role, as the organisation works on it."""

    obligation_id: str
    role: str
    status: str
    not_applicable_reason: str
    owner: str
    target_date: dt.date | None
    target_note: str
    evidence: tuple[EvidenceEntry, ...]


@dataclass(frozen=True)
class PlanSnapshot:
    """An assessment's plan at one moment: its active items and when it last changed."""

    as_of: dt.datetime
    """The plan's latest change (UTC): the report says "plan status as of" it."""
    entries: tuple[PlanEntry, ...]

    def entry(self, obligation_id: str, role: str) -> PlanEntry | None:
        for item in self.entries:
            if item.obligation_id == obligation_id and item.role == role:
                return item
        return None

    def digest(self) -> str:
        """A hash of everything the report prints of the plan: part of the report's key."""
        blob = json.dumps(asdict(self), sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


# What the template reads ------------------------------------------------------------------


@dataclass(frozen=True)
class StatusView:
    """The plan's line on an obligation's card."""

    status: str
    status_words: str
    reason: str
    owner: str
    target: dt.date | None
    target_note: str
    evidence_count: int


@dataclass(frozen=True)
class EvidenceRow:
    name: str
    kind: str
    kind_words: str
    size_words: str
    sha256: str
    added_by: str
    added_at: str


@dataclass(frozen=True)
class IndexGroup:
    """One obligation (for one role) of the evidence index and its evidence, oldest first."""

    anchor: str
    title: str
    role_words: str
    status_words: str
    rows: tuple[EvidenceRow, ...]


@dataclass(frozen=True)
class PlanIndex:
    as_of: str
    groups: tuple[IndexGroup, ...]
    without_evidence: int
    """Obligations of the plan with no evidence yet (the index does not list them)."""


def status_words(w: Words, status: str) -> str:
    """A plan item's status in the report's words (to do, in progress, done, not applicable)."""
    return w.t(f"plan.status.{status}")


def moment(w: Words, when: dt.datetime) -> str:
    """A moment as the report prints it: its day, and the time in UTC."""
    utc = when.astimezone(dt.UTC)
    return w.t("plan.moment", date=w.short_date(utc.date()), time=f"{utc:%H:%M}")


def size_words(w: Words, size: int) -> str:
    """A file's size in bytes, kB or MB (powers of ten, as the upload limits count)."""
    if size < 1000:
        return w.t("plan.size_b", n=w.number(size))
    unit, scale = ("plan.size_kb", 1000) if size < 1_000_000 else ("plan.size_mb", 1_000_000)
    return w.t(unit, n=format_decimal(round(size / scale, 1), format="#,##0.#", locale=w.lang))


def status_view(
    w: Words, plan: PlanSnapshot | None, obligation_id: str, role: str
) -> StatusView | None:
    """The plan's line of one obligation's card, or None when the report has no plan or
    the plan no item for it."""
    entry = plan.entry(obligation_id, role) if plan is not None else None
    if entry is None:
        return None
    return StatusView(
        status=entry.status,
        status_words=status_words(w, entry.status),
        reason=entry.not_applicable_reason,
        owner=entry.owner,
        target=entry.target_date,
        target_note=entry.target_note,
        evidence_count=len(entry.evidence),
    )


def _row(w: Words, proof: EvidenceEntry) -> EvidenceRow:
    is_file = proof.kind != "link"
    return EvidenceRow(
        name=proof.name,
        kind=proof.kind,
        kind_words=w.t(f"evidence.kind.{proof.kind}"),
        size_words=size_words(w, proof.size) if is_file else "",
        sha256=proof.sha256 if is_file else "",
        added_by=proof.added_by,
        added_at=moment(w, proof.added_at),
    )


@dataclass(frozen=True)
class Listed:
    """An obligation card of the report, as the index names it."""

    obligation_id: str
    role: str
    anchor: str
    title: str


def plan_index(w: Words, plan: PlanSnapshot | None, listed: Sequence[Listed]) -> PlanIndex | None:
    """The evidence index: per obligation of the report (in its order) that the plan
    follows, each piece of evidence; None without a plan."""
    if plan is None:
        return None
    groups: list[IndexGroup] = []
    without = 0
    for card in listed:
        entry = plan.entry(card.obligation_id, card.role)
        if entry is None:
            continue
        if not entry.evidence:
            without += 1
            continue
        groups.append(
            IndexGroup(
                anchor=card.anchor,
                title=card.title,
                role_words=w.label(f"role.{card.role}"),
                status_words=status_words(w, entry.status),
                rows=tuple(_row(w, p) for p in entry.evidence),
            )
        )
    return PlanIndex(as_of=moment(w, plan.as_of), groups=tuple(groups), without_evidence=without)
