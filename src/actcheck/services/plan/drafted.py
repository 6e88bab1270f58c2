"""A drafted document becomes evidence (issues 17 and 18): on a plan item, each draft that
serves the item's obligation can be attached as its Word file, stored like an upload.

Only the kinds that name the item's obligation among those they serve are offered (the
classification record, which serves no single obligation, is on the result page, not on
an item). The file goes through `evidence.add_file`: the same type check by content, file
and organisation limits, checksum and history entry; the same bytes twice are refused as a
duplicate.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from actcheck.models import Assessment, Evidence, PlanItem, User
from actcheck.rules.model import Result
from actcheck.services import drafts
from actcheck.services.plan import evidence
from actcheck.services.plan.storage import EvidenceStore


def kinds_for(result: Result, item: PlanItem) -> tuple[drafts.DraftKind, ...]:
    """The draft kinds the result calls for that serve this item's obligation."""
    return tuple(k for k in drafts.applicable(result) if item.obligation_id in k.obligations)


def attach(
    session: Session,
    store: EvidenceStore,
    assessment: Assessment,
    item: PlanItem,
    result: Result,
    kind_id: str,
    *,
    lang: str,
    made_on: dt.date,
    actor: User | None,
) -> Evidence:
    """Render the draft `kind_id` as DOCX and store it as evidence of `item`.

    Raises:
        drafts.UnknownDraft: no such kind, or not one that serves this item's obligation.
        evidence.Refused: the evidence service refused the file (quota, duplicate...).
    """
    if kind_id not in {k.id for k in kinds_for(result, item)}:
        raise drafts.UnknownDraft(f"{kind_id!r} does not serve {item.obligation_id!r}")
    draft = drafts.build_draft(result, kind_id, lang=lang, made_on=made_on)
    file = drafts.render_file(draft, "docx")
    return evidence.add_file(
        session, store, assessment, item, name=file.filename, data=file.content, actor=actor
    )
