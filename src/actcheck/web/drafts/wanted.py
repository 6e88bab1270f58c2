"""Which draft file a page wants, and where it stands on the background queue: the drafted
documents go through the report's machinery (`web/report/scheduling.py`: one `report_job`
row per key, the same Huey queue and workers, the same store), named here by their own
key (`drafts.draft_key`).

The download route, its waiting page, the API, the plan item's "Attach the draft" and the
queue's workers all name a draft through `want_draft`, so all of them compute the same key:
a draft of an old version of the answers has another key, and is never served for the new
one.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from actcheck.models import Assessment
from actcheck.rules.model import Result
from actcheck.services import assessments as service
from actcheck.services import drafts, report
from actcheck.services.report_jobs import Wanted, draft_document
from actcheck.web import report_cache
from actcheck.web.db import database
from actcheck.web.i18n import ruleset

# `scheduling` imports the queue, whose worker imports this module: both are read as
# modules, at call time.
from actcheck.web.report import queue, scheduling

if TYPE_CHECKING:
    from actcheck.web.report.scheduling import Readiness

log = logging.getLogger(__name__)

#: What is rendered ahead, after every change of a complete assessment: the Word file of
#: each draft its result calls for, in the language of the page that made the change. A
#: DOCX takes 40-50 ms of a worker (ten kinds at most: half a second a change, debounced
#: with the report), and it is what "Attach the draft" stores; a PDF takes half a second
#: each and is rendered when first asked for.
AHEAD_FORMAT: drafts.Format = "docx"


@dataclass(frozen=True)
class DraftFound:
    """A complete assessment's draft: the content, its format and the key it is kept
    under."""

    draft: drafts.Draft
    fmt: drafts.Format
    wanted: Wanted


def want_draft(
    assessment: Assessment, kind: str, fmt: str, lang: str, outcome: Result | None = None
) -> DraftFound | None:
    """The draft `kind` of `assessment` as `fmt` in `lang`, or None while the assessment
    is incomplete.

    Raises:
        drafts.UnknownDraft: no such kind or format, or the result does not call for it.
    """
    if fmt not in drafts.FORMATS:
        raise drafts.UnknownDraft(f"no draft format {fmt!r}: use docx or pdf")
    outcome = outcome or service.evaluate(assessment, ruleset())
    if outcome is None:
        return None
    made_on = assessment.updated_at.date()
    draft = drafts.build_draft(outcome, kind, lang=lang, made_on=made_on)
    tag = report.owner_tag(assessment.public_id)
    key = drafts.draft_key(
        outcome,
        kind=kind,
        fmt=fmt,
        lang=lang,
        made_on=made_on,
        owner=tag,
        version=assessment.version,
    )
    chosen: drafts.Format = "pdf" if fmt == "pdf" else "docx"
    wanted = Wanted(
        key=key,
        tag=tag,
        assessment_id=assessment.id,
        version=assessment.version,
        lang=lang,
        document=draft_document(kind, chosen),
    )
    return DraftFound(draft, chosen, wanted)


def stored(found: DraftFound) -> drafts.DraftFile | None:
    """The draft's file when the store keeps it, else None (nothing is rendered)."""
    content = report_cache.current().get(found.wanted.key, found.wanted.tag)
    return None if content is None else drafts.as_file(found.draft, found.fmt, content)


def ready_file(
    found: DraftFound, *, again: bool = False
) -> tuple[drafts.DraftFile | None, Readiness]:
    """The draft's file if it is ready; else it is asked of the queue (`again`: a failed
    one too) and the file is None. With the "immediate" queue it is rendered here."""
    readiness = scheduling.ask(found.wanted, again=again)
    file = stored(found) if readiness.state == scheduling.State.READY else None
    if readiness.state == scheduling.State.READY and file is None:
        # The store let it go between the two reads: ask once more.
        readiness = scheduling.ask(found.wanted, again=again)
        file = stored(found) if readiness.state == scheduling.State.READY else None
    return file, readiness


def render(found: DraftFound) -> bytes:
    """The draft's bytes, rendered now (the queue's worker)."""
    return drafts.render_file(found.draft, found.fmt).content


def ahead(assessment: Assessment, lang: str, outcome: Result | None = None) -> None:
    """Ask for the Word file of every draft a complete assessment calls for, debounced
    like its report, at the queue's lowest priority. Only for an organisation's
    assessment, the one with a plan whose items "Attach the draft" serves: a draft of
    a browser's anonymous assessment renders when first asked for. Nothing with the
    "immediate" queue (no worker: a download renders when asked)."""
    if queue.current().immediate or not assessment.owner_key.startswith("org:"):
        return
    outcome = outcome or service.evaluate(assessment, ruleset())
    if outcome is None:
        return
    for kind in drafts.applicable(outcome):
        found = want_draft(assessment, kind.id, AHEAD_FORMAT, lang, outcome)
        if found is not None:
            scheduling.ask(found.wanted, delay=None)


def ahead_of_changes(ids: Sequence[int]) -> None:
    """The `assessment_changes` subscriber: drafts ahead for each changed assessment.
    Never fails the request: a queue that is down costs a log line."""
    from actcheck.web.i18n import lang

    try:
        with database().sessions() as session:
            for assessment_id in ids:
                assessment = session.get(Assessment, assessment_id)
                if assessment is not None:
                    ahead(assessment, lang())
    except Exception:
        log.exception("drafts of assessments %s: could not be queued", list(ids))
