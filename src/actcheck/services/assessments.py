"""Assessments: create, answer, import, copy, export and delete.

Every function takes the database session and the acting owner explicitly, checks that the
owner may act, flushes and logs; the caller commits once. Answers are validated here with
the same code as the CLI (`actcheck.rules.answers`), whatever the front end checked before.

Concurrency: each save carries the version of the assessment the founder's page was built
from. A save prepared against an older version is refused with `StaleAssessment`, which
lists what changed since (from `AnswerChange`), so two tabs never silently overwrite each
other. The version check is repeated by the database (`version_id_col`) for two saves that
arrive at the same moment.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete as delete_rows
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from actcheck.models import AnswerChange, ApiToken, Assessment, utcnow
from actcheck.rules.answers import (
    AnswersError,
    dump_answers,
    normalise,
    parse_document,
    read_answers,
)
from actcheck.rules.engine import assess
from actcheck.rules.model import AnswerValue, Result, Ruleset
from actcheck.rules.progress import Progress, progress
from actcheck.services.owners import Owner
from actcheck.services.plan.storage import EvidenceStore

log = logging.getLogger(__name__)

JsonAnswer = str | list[str]


class AssessmentNotFound(LookupError):
    """No assessment has this public id."""


class NotYourAssessment(PermissionError):
    """The assessment exists but belongs to another owner."""


class NotAsked(ValueError):
    """The question is not asked on this assessment's path, so it cannot be answered."""


@dataclass(frozen=True)
class Change:
    """One answer changed by a save the founder's page did not know about."""

    question_id: str
    old: JsonAnswer | None
    new: JsonAnswer | None
    version: int
    changed_at: dt.datetime


class StaleAssessment(Exception):
    """The save was prepared against an older version; nothing was stored.

    Attributes:
        changes: what other saves changed since that version, oldest first.
        version: the current version, to prepare the next save against.
    """

    def __init__(self, changes: list[Change], version: int) -> None:
        super().__init__(f"stale save: the assessment is at version {version}")
        self.changes = changes
        self.version = version


def new_public_id() -> str:
    """The id that appears in links: 128 random bits, so it cannot be guessed.

    Hexadecimal: an id never starts with "-" (which a command line reads as an option)
    nor ends in "_" or "-" (which mail clients leave out of a link).
    """
    return secrets.token_hex(16)


def _json(value: AnswerValue | None) -> JsonAnswer | None:
    if isinstance(value, tuple):
        return list(value)
    return value


def _check_owner(assessment: Assessment, owner: Owner) -> None:
    if not secrets.compare_digest(assessment.owner_key, owner.key):
        raise NotYourAssessment(assessment.public_id)


def state(assessment: Assessment, ruleset: Ruleset) -> Progress:
    """Where the questionnaire stands for this assessment (reached, missing, next)."""
    return progress(ruleset, assessment.answers)


def evaluate(
    assessment: Assessment, ruleset: Ruleset, current: Progress | None = None
) -> Result | None:
    """The result for the stored answers, or None while reached questions are unanswered.

    Only the answers to reached questions are assessed, exactly what an export holds, so
    the web result and `actcheck assess` on the exported file are the same.

    Args:
        assessment: the assessment.
        ruleset: the rule set.
        current: `state(assessment, ruleset)` if the caller has it already.
    """
    current = current or state(assessment, ruleset)
    if not current.complete:
        return None
    return assess(ruleset, current.reached_answers())


def refresh(assessment: Assessment, ruleset: Ruleset, current: Progress | None = None) -> None:
    """Store the rule set used and the result it gives now (None while incomplete)."""
    result = evaluate(assessment, ruleset, current)
    assessment.ruleset_version = ruleset.version
    assessment.ruleset_sha256 = ruleset.sha256
    assessment.result = result.to_dict() if result is not None else None


def create(
    session: Session,
    *,
    owner: Owner,
    ruleset: Ruleset,
    answers: Mapping[str, AnswerValue] | None = None,
) -> Assessment:
    """Start an assessment for `owner`, empty or with (already validated) answers."""
    now = utcnow()
    assessment = Assessment(
        public_id=new_public_id(),
        owner_key=owner.key,
        answers={q: _json(v) for q, v in (answers or {}).items()},
        ruleset_version=ruleset.version,
        ruleset_sha256=ruleset.sha256,
        result=None,
        version=1,
        created_at=now,
        updated_at=now,
    )
    refresh(assessment, ruleset)
    session.add(assessment)
    session.flush()
    log.info("assessment %s created (%d answers)", assessment.public_id, len(assessment.answers))
    return assessment


def for_owner(session: Session, *, owner: Owner) -> list[Assessment]:
    """The owner's assessments, most recently changed first."""
    query = (
        select(Assessment)
        .where(Assessment.owner_key == owner.key)
        .order_by(Assessment.updated_at.desc(), Assessment.id.desc())
    )
    return list(session.scalars(query))


def find(session: Session, public_id: str) -> Assessment:
    """The assessment behind a link, whoever owns it (the caller checks access).

    Raises:
        AssessmentNotFound: no such assessment.
    """
    assessment = session.scalars(
        select(Assessment).where(Assessment.public_id == public_id)
    ).one_or_none()
    if assessment is None:
        raise AssessmentNotFound(public_id)
    return assessment


def get(session: Session, public_id: str, *, owner: Owner) -> Assessment:
    """The assessment behind a link, if `owner` owns it.

    Raises:
        AssessmentNotFound: no such assessment.
        NotYourAssessment: it belongs to someone else.
    """
    assessment = session.scalars(
        select(Assessment).where(Assessment.public_id == public_id)
    ).one_or_none()
    if assessment is None:
        raise AssessmentNotFound(public_id)
    _check_owner(assessment, owner)
    return assessment


def changes_since(session: Session, assessment_id: int, version: int) -> list[Change]:
    """The answer changes made by saves after `version`, oldest first."""
    rows = session.scalars(
        select(AnswerChange)
        .where(AnswerChange.assessment_id == assessment_id, AnswerChange.version > version)
        .order_by(AnswerChange.id)
    )
    return [
        Change(
            question_id=row.question_id,
            old=row.old,
            new=row.new,
            version=row.version,
            changed_at=row.changed_at,
        )
        for row in rows
    ]


def save_answer(
    session: Session,
    assessment: Assessment,
    *,
    owner: Owner,
    ruleset: Ruleset,
    question_id: str,
    value: Any,
    expected_version: int,
    current: Progress | None = None,
) -> Progress:
    """Store one answer (None clears it) and the result it leads to.

    Answers to questions that the new answer takes off the path are kept but no longer
    count; questions it brings onto the path must be answered before there is a result
    again. Nothing else is invalidated.

    Args:
        session: the database session.
        assessment: the assessment, loaded by `get`.
        owner: the acting owner.
        ruleset: the questionnaire.
        question_id: a question reached on the assessment's path.
        value: the answer as the answers format writes it (a list for "any of"), or None.
        expected_version: the version the founder's page was built from.
        current: `state(assessment, ruleset)` if the caller has it already.

    Returns:
        The questionnaire's state after the save.

    Raises:
        NotYourAssessment: the owner does not own it.
        NotAsked: the question is not on the assessment's path.
        AnswersError: the value is not allowed.
        StaleAssessment: another save came first; nothing was stored.
    """
    _check_owner(assessment, owner)
    if expected_version != assessment.version:
        raise StaleAssessment(
            changes_since(session, assessment.id, expected_version), assessment.version
        )
    question = ruleset.questions.get(question_id)
    before = current or state(assessment, ruleset)
    if question is None or not before.is_reached(question_id):
        raise NotAsked(question_id)
    new: JsonAnswer | None = None
    if value is not None:
        problems: list[str] = []
        normalised = normalise(question, value, problems)
        if normalised is None:
            raise AnswersError(problems)
        new = _json(normalised)
    old = assessment.answers.get(question_id)
    if old == new:
        return before
    answers = dict(assessment.answers)
    if new is None:
        answers.pop(question_id, None)
    else:
        answers[question_id] = new
    assessment_id = assessment.id
    assessment.answers = answers
    assessment.version = expected_version + 1
    assessment.updated_at = utcnow()
    after = state(assessment, ruleset)
    refresh(assessment, ruleset, after)
    session.add(
        AnswerChange(
            assessment_id=assessment_id,
            version=assessment.version,
            question_id=question_id,
            old=old,
            new=new,
            changed_at=assessment.updated_at,
        )
    )
    try:
        session.flush()
    except StaleDataError:
        # Another request saved between our read and our write.
        session.rollback()
        latest = session.get(Assessment, assessment_id)
        version = latest.version if latest is not None else expected_version
        raise StaleAssessment(
            changes_since(session, assessment_id, expected_version), version
        ) from None
    log.info(
        "assessment %s v%d: %s answered", assessment.public_id, assessment.version, question_id
    )
    return after


@dataclass(frozen=True)
class Imported:
    assessment: Assessment
    ignored: tuple[str, ...]
    """Question ids answered in the file but not asked on its path: kept, not counted."""


def import_answers(
    session: Session, *, owner: Owner, ruleset: Ruleset, data: bytes, name: str
) -> Imported:
    """A new assessment from an uploaded answers file (YAML or JSON, the spec's format).

    The file may be incomplete: the questionnaire then asks the missing questions.
    Answers to questions not reached on the file's path are kept, like any answer off the
    path, but do not count (`Imported.ignored` lists them).

    Raises:
        AnswersError: listing every problem; nothing is stored.
    """
    # Refuses YAML aliases and absurd nesting too: the file comes from anyone.
    document = parse_document(data, name=name)
    checked = read_answers(document, ruleset, strict=False, name=name)
    assessment = create(session, owner=owner, ruleset=ruleset, answers=checked.answers)
    log.info("assessment %s imported from an answers file", assessment.public_id)
    reached = set(state(assessment, ruleset).reached)
    ignored = tuple(q for q in ruleset.questions if q in checked.answers and q not in reached)
    return Imported(assessment=assessment, ignored=ignored)


def copy(session: Session, assessment: Assessment, *, owner: Owner, ruleset: Ruleset) -> Assessment:
    """A new assessment with the same answers (for a second AI system)."""
    _check_owner(assessment, owner)
    duplicate = create(session, owner=owner, ruleset=ruleset, answers={})
    duplicate.answers = dict(assessment.answers)
    refresh(duplicate, ruleset)
    session.flush()
    log.info("assessment %s copied to %s", assessment.public_id, duplicate.public_id)
    return duplicate


def delete(
    session: Session, assessment: Assessment, *, owner: Owner, evidence_store: EvidenceStore
) -> None:
    """Delete an assessment, its history and its plan, with the plan's evidence files."""
    from actcheck.services.plan.evidence import discard_files

    _check_owner(assessment, owner)
    discard_files(session, evidence_store, [assessment.id])
    session.delete(assessment)
    session.flush()
    log.info("assessment %s deleted", assessment.public_id)


def purge_anonymous(session: Session, *, untouched_since: dt.datetime) -> list[str]:
    """Delete the drafts of browsers without an account not changed since the given moment:
    nobody can come back to them once their cookie is gone, and they hold what was typed.
    Returns their public ids (their cached reports must go too)."""
    rows = session.scalars(
        select(Assessment).where(
            Assessment.owner_key.startswith("session:"),
            Assessment.updated_at < untouched_since,
        )
    ).all()
    owners = {row.owner_key for row in rows}
    for row in rows:
        session.delete(row)
    session.flush()
    # A browser's API tokens read only its drafts: with the last one gone, they go too.
    still = set(
        session.scalars(select(Assessment.owner_key).where(Assessment.owner_key.in_(owners)))
    )
    session.execute(delete_rows(ApiToken).where(ApiToken.owner_key.in_(owners - still)))
    session.flush()
    log.info("%d abandoned anonymous assessments purged", len(rows))
    return [row.public_id for row in rows]


def export_answers(assessment: Assessment, ruleset: Ruleset, *, today: dt.date) -> str:
    """The answers file (YAML, answers format v1) of the reached answers.

    Answers kept for questions no longer on the path are left out: the file holds
    what counts, so `actcheck assess` on it gives the result the web shows.
    """
    answers = state(assessment, ruleset).reached_answers()
    header = (
        f"actcheck answers file, exported on {today.isoformat()}\n"
        f"rule set {ruleset.version} (sha256 {ruleset.sha256})\n"
        "Assess it with: actcheck assess FILE"
    )
    return dump_answers(answers, ruleset, header=header)
