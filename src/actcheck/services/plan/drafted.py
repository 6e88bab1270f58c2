"""A drafted document becomes evidence (issues 17 and 18): on a plan item, each draft that
serves the item's obligation can be attached as its Word file, stored like an upload.

Only the kinds that name the item's obligation among those they serve are offered (the
classification record, which serves no single obligation, is on the result page, not on
an item). The file goes through `evidence.add_file`: the same type check by content, file
and organisation limits, checksum and history entry; the same bytes twice are refused as a
duplicate.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from actcheck.models import Assessment, Evidence, PlanItem, User
from actcheck.rules.model import Result
from actcheck.services import drafts
from actcheck.services.plan import evidence
from actcheck.services.plan.storage import EvidenceStore


def kinds_for(result: Result, item: PlanItem) -> tuple[drafts.DraftKind, ...]:
    """The draft kinds the result calls for that serve this item's obligation."""
    return tuple(k for k in drafts.applicable(result) if item.obligation_id in k.obligations)


def serves(result: Result, item: PlanItem, kind_id: str) -> None:
    """Check that the draft `kind_id` is one this item may keep.

    Raises:
        drafts.UnknownDraft: no such kind, or not one that serves this item's obligation.
    """
    if kind_id not in {k.id for k in kinds_for(result, item)}:
        raise drafts.UnknownDraft(
            f"the draft {kind_id!r} does not serve this item's obligation "
            f"{item.obligation_id!r}; drafts that do: "
            f"{', '.join(k.id for k in kinds_for(result, item)) or 'none'}"
        )


def attach(
    session: Session,
    store: EvidenceStore,
    assessment: Assessment,
    item: PlanItem,
    result: Result,
    kind_id: str,
    *,
    file: drafts.DraftFile,
    actor: User | None,
) -> Evidence:
    """Store the rendered draft `file` (of kind `kind_id`) as evidence of `item`.

    The caller brings the file, rendered on the background queue (the web app keeps each
    draft by its key), so that attaching never renders inside a page's request.

    Raises:
        drafts.UnknownDraft: no such kind, or not one that serves this item's obligation.
        evidence.Refused: the evidence service refused the file (quota, duplicate...).
    """
    serves(result, item, kind_id)
    return evidence.add_file(
        session,
        store,
        assessment,
        item,
        name=file.filename,
        data=file.content,
        actor=actor,
        drafted_kind=kind_id,
    )
