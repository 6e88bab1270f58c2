"""Planned-launch previews (issue 15): what will apply to a pre-launch system once it
launches.

A system still only in development is out of scope (Art. 2(8)) and the questionnaire stops
there. Its preview is a second assessment, linked to the first (`preview_of_id`), with the
same answers except `scope.pre_market_rnd`, read as "no": the questionnaire then asks the
questions the exclusion had skipped, and the preview's result lists the duties of the
launch. The original's answers are never touched, and the answers format gains no id.
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from actcheck.models import Assessment
from actcheck.rules.model import Result, Ruleset
from actcheck.services import assessments
from actcheck.services.owners import Owner

log = logging.getLogger(__name__)

EXCLUSION = "scope.pre_market_rnd"
"""The question whose "yes" the preview reads as "no"."""


class NotPreLaunch(ValueError):
    """The assessment's result is not the Art. 2(8) exclusion: there is nothing to preview."""


def is_pre_launch(result: Result) -> bool:
    """Whether a result is out of scope only because the system is not launched yet."""
    return result.scope_reason == "pre_market_rnd"


def preview_of(session: Session, original: Assessment) -> Assessment | None:
    """The preview made from `original`, if any (the caller checked access to it)."""
    return session.scalars(
        select(Assessment).where(Assessment.preview_of_id == original.id)
    ).one_or_none()


def original_of(session: Session, preview: Assessment) -> Assessment | None:
    """The pre-launch assessment a preview was made from (None for any other assessment,
    or once the original is deleted)."""
    if preview.preview_of_id is None:
        return None
    return session.get(Assessment, preview.preview_of_id)


def open_preview(
    session: Session, original: Assessment, *, owner: Owner, ruleset: Ruleset, name: str
) -> Assessment:
    """The preview of `original`: the one made before, else a new one named `name`.

    Args:
        session: the database session.
        original: a pre-launch assessment, loaded by `assessments.get`.
        owner: the acting owner (must own `original`).
        ruleset: the questionnaire.
        name: the preview's system name, in the founder's language ("X (at launch)").

    Raises:
        NotYourAssessment: the owner does not own `original`.
        NotPreLaunch: the original's result is not the Art. 2(8) exclusion.
        IntegrityError: another request made the preview at the same moment (the unique
            `preview_of_id`); after a rollback, a second call returns that one.
    """
    assessments.get(session, original.public_id, owner=owner)
    made = preview_of(session, original)
    if made is not None:
        return made
    result = assessments.evaluate(original, ruleset)
    if result is None or not is_pre_launch(result):
        raise NotPreLaunch(original.public_id)
    preview = assessments.copy(session, original, owner=owner, ruleset=ruleset)
    answers = dict(preview.answers)
    answers[EXCLUSION] = "no"
    answers["system.name"] = name
    preview.answers = answers
    preview.preview_of_id = original.id
    assessments.refresh(preview, ruleset)
    session.flush()
    log.info("assessment %s: planned-launch preview %s", original.public_id, preview.public_id)
    return preview
