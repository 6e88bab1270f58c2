"""What a new result does to a plan: the one decision behind "nothing changes silently".

Pure: it reads the items as stored (their key, whether archived, whether they carry
evidence) and the obligations of the current result, and says which items to add, which to
archive and why, which to bring back, and which stay as they are. It never proposes to
delete an item: an obligation that stops applying archives its item, which keeps its
status, owner, notes and evidence, and the item comes back, with all of them, if the
obligation does.

An item is one obligation for one role (`Key`): the same duty for two roles is two pieces
of work (a provider's technical documentation is not a deployer's log keeping).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Key = tuple[str, str]
"""(obligation id, role)."""

#: Why an item is archived: the answers no longer lead to its obligation, or the rule set
#: in force no longer has that obligation at all.
ANSWERS, RULESET = "answers", "ruleset"


@dataclass(frozen=True)
class Duty:
    """One obligation of a result, as the result format writes it."""

    obligation_id: str
    role: str
    title: str
    articles: tuple[str, ...]
    applies_from: dt.date

    @property
    def key(self) -> Key:
        return (self.obligation_id, self.role)


@dataclass(frozen=True)
class Stored:
    """What the reconciliation needs to know of a stored item."""

    key: Key
    archived: bool
    applies_from: dt.date


@dataclass(frozen=True)
class Archive:
    key: Key
    reason: str
    """`ANSWERS` or `RULESET`."""


@dataclass(frozen=True)
class Reconciliation:
    """The changes that bring a plan in line with a result. Empty when it already is."""

    new: tuple[Duty, ...]
    """Obligations without an item: add one each ("new since" the day of the change)."""
    archived: tuple[Archive, ...]
    """Active items whose obligation no longer applies."""
    restored: tuple[Duty, ...]
    """Archived items whose obligation applies again: bring them back as they were."""
    moved: tuple[Duty, ...]
    """Active items whose obligation now applies from another date."""
    unchanged: tuple[Key, ...]

    @property
    def empty(self) -> bool:
        return not (self.new or self.archived or self.restored or self.moved)


def duties_of(result: Mapping[str, Any] | None) -> tuple[Duty, ...]:
    """The obligations of a stored result (answers format v1), once per (id, role).

    A result without obligations (out of scope, or none yet) gives none.
    """
    seen: dict[Key, Duty] = {}
    for entry in (result or {}).get("obligations") or ():
        duty = Duty(
            obligation_id=str(entry["id"]),
            role=str(entry["role"]),
            title=str(entry.get("title") or entry["id"]),
            articles=tuple(str(a) for a in entry.get("articles") or ()),
            applies_from=dt.date.fromisoformat(str(entry["applies_from"])),
        )
        seen.setdefault(duty.key, duty)
    return tuple(seen.values())


def reconcile(
    stored: Iterable[Stored],
    duties: Sequence[Duty],
    *,
    catalogue: Collection[str] | None = None,
) -> Reconciliation:
    """Compare a plan's items with the obligations of the current result.

    Args:
        stored: every item of the plan, archived ones included.
        duties: the current result's obligations (`duties_of`).
        catalogue: the obligation ids of the rule set the result was computed with; an
            item whose obligation is not among them is archived for `RULESET`, the others
            for `ANSWERS`. None: every archive is put down to the answers.
    """
    items = {item.key: item for item in stored}
    current = {duty.key: duty for duty in duties}
    new, restored, moved, unchanged = [], [], [], []
    for key, duty in current.items():
        item = items.get(key)
        if item is None:
            new.append(duty)
        elif item.archived:
            restored.append(duty)
        elif item.applies_from != duty.applies_from:
            moved.append(duty)
        else:
            unchanged.append(key)
    archived = [
        Archive(
            key=key,
            reason=RULESET if catalogue is not None and key[0] not in catalogue else ANSWERS,
        )
        for key, item in items.items()
        if not item.archived and key not in current
    ]
    return Reconciliation(
        new=tuple(new),
        archived=tuple(archived),
        restored=tuple(restored),
        moved=tuple(moved),
        unchanged=tuple(unchanged),
    )
