"""A drafted document kept as evidence of a plan item, from the item's page or the API,
without rendering inside the request.

Chosen: attaching uses the stored file made on the background queue, and never queues the
attachment itself. The Word file of every draft a complete assessment calls for is rendered
ahead after each change (`wanted.ahead`), so it is normally ready when the button is
pressed and is stored at once, in the same request, with the same checks as an upload.
When it is not ready (a change a moment ago, a worker busy, the first visit after an
upgrade), the press asks the queue for it (a failed one again: a press is a "try again")
and the founder is told it is being prepared, with the place and the estimate, and to
press again in a moment. A queued attachment would instead add evidence later, behind the
founder's back, after the page had said nothing was added, and would need its own
refusals (quota, duplicate) shown on some later page.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from actcheck.models import Assessment, Evidence, PlanItem, User
from actcheck.rules.model import Result
from actcheck.services.plan import drafted
from actcheck.services.plan.storage import EvidenceStore
from actcheck.web.drafts.wanted import ready_file, want_draft
from actcheck.web.report.scheduling import Readiness


@dataclass(frozen=True)
class Attached:
    """The evidence stored, or None and where the draft's file stands on the queue."""

    evidence: Evidence | None
    readiness: Readiness


def attach_draft(
    session: Session,
    store: EvidenceStore,
    assessment: Assessment,
    item: PlanItem,
    result: Result,
    kind: str,
    *,
    lang: str,
    actor: User | None,
) -> Attached:
    """Store the Word file of the draft `kind` as evidence of `item` if it is ready, else
    ask the queue for it (flushes; the caller commits).

    Raises:
        drafts.UnknownDraft: no such kind, or not one that serves this item's obligation.
        evidence.Refused: the evidence service refused the file (quota, duplicate...).
    """
    drafted.serves(result, item, kind)
    found = want_draft(assessment, kind, "docx", lang, result)
    if found is None:  # pragma: no cover - a result is complete by construction
        raise ValueError("an incomplete assessment has no drafts")
    file, readiness = ready_file(found, again=True)
    if file is None:
        return Attached(None, readiness)
    added = drafted.attach(session, store, assessment, item, result, kind, file=file, actor=actor)
    return Attached(added, readiness)
