"""Submission and review: frozen versions, status changes, comments, advisors' notes, the
audit history, the advisors' dashboard and re-assessment when the rule set changes.

Functions take the session and the acting user explicitly, flush and log; the view commits.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from actcheck.models import (
    AccountRole,
    Assessment,
    AuditEvent,
    Cohort,
    CohortAdvisor,
    Comment,
    Organisation,
    ReviewState,
    ReviewStatus,
    Submission,
    User,
    utcnow,
)
from actcheck.rules.model import Result, Ruleset, Tier
from actcheck.rules.progress import Progress
from actcheck.services import assessments as assessments_service
from actcheck.services.accounts import audit

log = logging.getLogger(__name__)

STATUSES = tuple(s for s in ReviewStatus if s is not ReviewStatus.DRAFT)
NEEDS_REVIEW = (ReviewStatus.SUBMITTED, ReviewStatus.IN_REVIEW)
TIERS = tuple(Tier)


class NotAllowed(PermissionError):
    """The acting user may not do this (or not in this status)."""


class Incomplete(ValueError):
    """The assessment has no result yet: it cannot be submitted."""


def organisation_id(assessment: Assessment) -> int | None:
    """The organisation owning the assessment ("org:<id>"), or None (anonymous draft)."""
    kind, _sep, value = assessment.owner_key.partition(":")
    return int(value) if kind == "org" and value.isdigit() else None


def cohort_of(session: Session, assessment: Assessment) -> Cohort | None:
    org_id = organisation_id(assessment)
    organisation = session.get(Organisation, org_id) if org_id is not None else None
    if organisation is None or organisation.cohort_id is None:
        return None
    return session.get(Cohort, organisation.cohort_id)


def is_advisor_of(session: Session, user: User, cohort_id: int) -> bool:
    return session.get(CohortAdvisor, (cohort_id, user.id)) is not None


def may_review(session: Session, assessment: Assessment, user: User) -> bool:
    """THE rule for reviewers, used by the web pages and the API alike: an admin, or an
    advisor of the cohort of the assessment's organisation, once the organisation has
    submitted it. A draft never submitted is the founders' alone: until they submit,
    nobody else reads or comments on it (issue 12, finding 3)."""
    if (
        user.role not in (AccountRole.ADMIN, AccountRole.ADVISOR)
        or organisation_id(assessment) is None
    ):
        return False
    if state_of(session, assessment) is None:  # never submitted
        return False
    if user.role == AccountRole.ADMIN:
        return True
    cohort = cohort_of(session, assessment)
    return cohort is not None and is_advisor_of(session, user, cohort.id)


def is_member(assessment: Assessment, user: User) -> bool:
    return user.role == AccountRole.FOUNDER and user.organisation_id == organisation_id(assessment)


def state_of(session: Session, assessment: Assessment) -> ReviewState | None:
    return session.get(ReviewState, assessment.id)


def submissions(session: Session, assessment: Assessment) -> list[Submission]:
    return list(
        session.scalars(
            select(Submission)
            .where(Submission.assessment_id == assessment.id)
            .order_by(Submission.number)
        )
    )


def _set_status(
    session: Session, assessment: Assessment, status: str, *, actor: User, detail: str = ""
) -> ReviewState:
    review = state_of(session, assessment)
    old = review.status if review is not None else ReviewStatus.DRAFT
    if review is None:
        review = ReviewState(assessment_id=assessment.id, status=status, updated_at=utcnow())
        session.add(review)
    review.status = status
    review.updated_at = utcnow()
    audit(
        session,
        actor=actor,
        action="status",
        detail=f"{old} → {status}" + (f": {detail}" if detail else ""),
        assessment_id=assessment.id,
    )
    session.flush()
    log.info("assessment %s: %s -> %s by user %d", assessment.public_id, old, status, actor.id)
    return review


def submit(session: Session, assessment: Assessment, *, actor: User) -> Submission:
    """Freeze the current answers, rule set and result as a new submitted version.

    Raises:
        NotAllowed: the actor is not a member of the owning organisation, the organisation
            is in no open cohort, or it is already waiting for review unchanged.
        Incomplete: questions are unanswered (no result).
    """
    if not is_member(assessment, actor):
        raise NotAllowed("not your organisation's assessment")
    cohort = cohort_of(session, assessment)
    if cohort is None or cohort.closed_at is not None:
        raise NotAllowed("your organisation is in no open cohort")
    if assessment.result is None:
        raise Incomplete(assessment.public_id)
    previous = submissions(session, assessment)
    last = previous[-1] if previous else None
    review = state_of(session, assessment)
    if (
        last is not None
        and review is not None
        and review.status in NEEDS_REVIEW
        and last.answers == assessment.answers
    ):
        raise NotAllowed("already submitted")
    snapshot = Submission(
        assessment_id=assessment.id,
        number=(last.number + 1) if last else 1,
        answers=dict(assessment.answers),
        ruleset_version=assessment.ruleset_version,
        ruleset_sha256=assessment.ruleset_sha256,
        result=assessment.result,
        submitted_by=actor.id,
        submitted_at=utcnow(),
    )
    session.add(snapshot)
    session.flush()
    review = _set_status(
        session,
        assessment,
        ReviewStatus.SUBMITTED,
        actor=actor,
        detail=f"version {snapshot.number}",
    )
    review.seen_ruleset_sha256 = assessment.ruleset_sha256
    session.flush()
    return snapshot


def start_review(session: Session, assessment: Assessment, *, actor: User) -> None:
    """A reviewer's first comment on a submitted assessment: it is now in review.

    Never called on opening the page: a GET changes nothing (issue 12, finding 12).
    """
    review = state_of(session, assessment)
    if (
        review is not None
        and review.status == ReviewStatus.SUBMITTED
        and may_review(session, assessment, actor)
    ):
        _set_status(session, assessment, ReviewStatus.IN_REVIEW, actor=actor)


def decide(session: Session, assessment: Assessment, status: str, *, actor: User) -> None:
    """Request changes, or mark reviewed.

    Raises:
        NotAllowed: not an advisor of the cohort (or an admin), or nothing submitted.
    """
    if status not in (ReviewStatus.CHANGES_REQUESTED, ReviewStatus.REVIEWED):
        raise ValueError(status)
    review = state_of(session, assessment)
    if not may_review(session, assessment, actor) or review is None:
        raise NotAllowed("not a reviewer of this assessment")
    _set_status(session, assessment, status, actor=actor)


def add_comment(
    session: Session,
    assessment: Assessment,
    *,
    actor: User,
    body: str,
    question_id: str | None,
    ruleset: Ruleset,
) -> Comment:
    """A comment on the whole assessment (question_id None) or on one question."""
    if not (may_review(session, assessment, actor) or is_member(assessment, actor)):
        raise NotAllowed("not a reviewer or member")
    if question_id is not None and question_id not in ruleset.questions:
        raise ValueError(question_id)
    comment = Comment(
        assessment_id=assessment.id,
        question_id=question_id,
        author_id=actor.id,
        body=body.strip()[:4000],
        created_at=utcnow(),
    )
    session.add(comment)
    session.flush()
    audit(
        session,
        actor=actor,
        action="comment",
        detail=question_id or "",
        assessment_id=assessment.id,
    )
    start_review(session, assessment, actor=actor)
    return comment


def comments(session: Session, assessment: Assessment) -> list[tuple[Comment, User | None]]:
    """The comments and replies on an assessment, oldest first, each with its author."""
    return _with_authors(session, Comment, Comment.author_id, assessment)


#: What an assessment's record holds: its comments, and its history of events.
_Record = TypeVar("_Record", Comment, AuditEvent)


def _with_authors(
    session: Session, record: type[_Record], author_id: Any, assessment: Assessment
) -> list[tuple[_Record, User | None]]:
    """The records of an assessment in the order they were made, each with the user who
    made it (None once that account is deleted)."""
    rows = session.execute(
        select(record, User)
        .outerjoin(User, User.id == author_id)
        .where(record.assessment_id == assessment.id)
        .order_by(record.id)
    )
    return [(item, user) for item, user in rows]


def set_note(
    session: Session, assessment: Assessment, *, actor: User, tier: str, justification: str
) -> None:
    """The advisor's tier, with why; shown beside the engine's result, never instead."""
    review = state_of(session, assessment)
    if not may_review(session, assessment, actor) or review is None:
        raise NotAllowed("not a reviewer of this assessment")
    if tier not in TIERS or not justification.strip():
        raise ValueError("a tier and a justification are needed")
    review.note_tier = tier
    review.note_justification = justification.strip()[:4000]
    review.note_by = actor.id
    audit(
        session,
        actor=actor,
        action="note",
        detail=f"{tier}: {review.note_justification}",
        assessment_id=assessment.id,
    )
    session.flush()


def history(session: Session, assessment: Assessment) -> list[tuple[AuditEvent, User | None]]:
    """What happened to an assessment, oldest first, each event with who did it."""
    return _with_authors(session, AuditEvent, AuditEvent.actor_id, assessment)


# -- what changed ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerDiff:
    question_id: str
    old: Any
    new: Any


def answer_diff(old: dict[str, Any], new: dict[str, Any]) -> list[AnswerDiff]:
    """The answers that differ between two versions, in question-id order."""
    keys = sorted(set(old) | set(new))
    return [AnswerDiff(k, old.get(k), new.get(k)) for k in keys if old.get(k) != new.get(k)]


@dataclass(frozen=True)
class OutcomeDiff:
    """What a new rule set (or new answers) changed in the result."""

    old_tier: str | None
    new_tier: str | None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.old_tier != self.new_tier or bool(self.added or self.removed)


def _obligations(result: dict[str, Any] | None) -> set[str]:
    if not result:
        return set()
    return {f"{o.get('role')}:{o.get('id')}" for o in result.get("obligations", [])}


def outcome_diff(old: dict[str, Any] | None, new: dict[str, Any] | None) -> OutcomeDiff:
    before, after = _obligations(old), _obligations(new)
    return OutcomeDiff(
        old_tier=(old or {}).get("tier"),
        new_tier=(new or {}).get("tier"),
        added=sorted(after - before),
        removed=sorted(before - after),
    )


@dataclass(frozen=True)
class VersionDiff:
    """What changed between the last two submitted versions."""

    old: int
    new: int
    answers: list[AnswerDiff]
    outcome: OutcomeDiff


def last_version_diff(snapshots: list[Submission]) -> VersionDiff | None:
    """The change from the second-last submitted version to the last (None before two)."""
    if len(snapshots) < 2:
        return None
    before, after = snapshots[-2], snapshots[-1]
    return VersionDiff(
        old=before.number,
        new=after.number,
        answers=answer_diff(before.answers, after.answers),
        outcome=outcome_diff(before.result, after.result),
    )


def unsubmitted_changes(snapshots: list[Submission], assessment: Assessment) -> list[AnswerDiff]:
    """The answers changed since the last submitted version (none before one)."""
    return answer_diff(snapshots[-1].answers, assessment.answers) if snapshots else []


def pending_reassessment(assessment: Assessment, ruleset: Ruleset) -> OutcomeDiff | None:
    """What re-assessing with the current rule set would change, without storing anything:
    for the pages a GET shows (they never write). None when the stored rule set is the
    current one."""
    if assessment.ruleset_sha256 == ruleset.sha256:
        return None
    result = assessments_service.evaluate(assessment, ruleset)
    return outcome_diff(assessment.result, result.to_dict() if result is not None else None)


def reassess(session: Session, assessment: Assessment, ruleset: Ruleset) -> OutcomeDiff | None:
    """Re-assess with the current rule set if it differs from the stored one.

    Returns what changed (even when nothing did, so the page says the rules changed), or
    None when the stored rule set is the current one. The stored result is replaced, and
    the change is recorded in the audit history: nothing changes silently. Called by the
    POSTs that act on the assessment (submit, comment, reply, decision, note), never on
    opening a page.
    """
    if assessment.ruleset_sha256 == ruleset.sha256:
        return None
    old = assessment.result
    old_version = assessment.ruleset_version
    result = assessments_service.evaluate(assessment, ruleset)
    new = result.to_dict() if result is not None else None
    diff = outcome_diff(old, new)
    assessment.result = new
    assessment.ruleset_version = ruleset.version
    assessment.ruleset_sha256 = ruleset.sha256
    session.add(
        AuditEvent(
            assessment_id=assessment.id,
            action="reassessed",
            detail=(
                f"rule set {old_version} → {ruleset.version}: tier {diff.old_tier} → "
                f"{diff.new_tier}; obligations added {', '.join(diff.added) or '-'}; "
                f"removed {', '.join(diff.removed) or '-'}"
            )[:4000],
            created_at=utcnow(),
        )
    )
    session.flush()
    log.info("assessment %s re-assessed with rule set %s", assessment.public_id, ruleset.version)
    return diff


def rules_change_notice(session: Session, assessment: Assessment) -> str | None:
    """The last re-assessment recorded since the last submission, for the banner."""
    event = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.assessment_id == assessment.id, AuditEvent.action == "reassessed")
        .order_by(AuditEvent.id.desc())
    ).first()
    return event.detail if event is not None else None


@dataclass(frozen=True)
class ReviewPage:
    """Everything an advisor's review page shows of one assessment; read only (a GET)."""

    state: Progress
    result: Result | None
    review: ReviewState | None
    snapshots: list[Submission]
    diff: VersionDiff | None
    unsubmitted: list[AnswerDiff]
    comments: list[tuple[Comment, User | None]]
    history: list[tuple[AuditEvent, User | None]]
    rules_changed: OutcomeDiff | None
    """What re-assessing under the current rule set would change: the next POST does it."""
    rules_notice: str | None


def review_page(session: Session, assessment: Assessment, ruleset: Ruleset) -> ReviewPage:
    """The review page's content. "In review" starts with the first comment or decision,
    and the stored result is re-assessed by the next POST: opening the page writes
    nothing."""
    snapshots = submissions(session, assessment)
    state = assessments_service.state(assessment, ruleset)
    return ReviewPage(
        state=state,
        result=assessments_service.evaluate(assessment, ruleset, state),
        review=state_of(session, assessment),
        snapshots=snapshots,
        diff=last_version_diff(snapshots),
        unsubmitted=unsubmitted_changes(snapshots, assessment),
        comments=comments(session, assessment),
        history=history(session, assessment),
        rules_changed=pending_reassessment(assessment, ruleset),
        rules_notice=rules_change_notice(session, assessment),
    )


# -- the advisors' dashboard ----------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    assessment: Assessment
    organisation: Organisation
    cohort: Cohort
    status: str
    tier: str | None
    submitted_at: dt.datetime | None
    version: int

    @property
    def needs_review(self) -> bool:
        return self.status in NEEDS_REVIEW


def visible_cohorts(session: Session, user: User) -> list[Cohort]:
    query = select(Cohort).order_by(Cohort.name)
    if user.role == AccountRole.ADVISOR:
        query = query.join(CohortAdvisor, CohortAdvisor.cohort_id == Cohort.id).where(
            CohortAdvisor.user_id == user.id
        )
    elif user.role != AccountRole.ADMIN:
        return []
    return list(session.scalars(query))


def dashboard(
    session: Session,
    user: User,
    *,
    tier: str | None = None,
    status: str | None = None,
    needs_review: bool = False,
    organisation: int | None = None,
    sort: str = "date",
) -> list[Row]:
    """The submitted assessments of the user's cohorts, filtered and sorted."""
    cohorts = {c.id: c for c in visible_cohorts(session, user)}
    if not cohorts:
        return []
    orgs = {
        o.id: o
        for o in session.scalars(select(Organisation).where(Organisation.cohort_id.in_(cohorts)))
    }
    if not orgs:
        return []
    latest = (
        select(Submission.assessment_id, func.max(Submission.number).label("number"))
        .group_by(Submission.assessment_id)
        .subquery()
    )
    query = (
        select(Assessment, ReviewState, Submission)
        .join(ReviewState, ReviewState.assessment_id == Assessment.id)
        .join(latest, latest.c.assessment_id == Assessment.id)
        .join(
            Submission,
            (Submission.assessment_id == Assessment.id) & (Submission.number == latest.c.number),
        )
        .where(Assessment.owner_key.in_([f"org:{i}" for i in orgs]))
    )
    rows = []
    for assessment, review, snapshot in session.execute(query):
        org = orgs[int(assessment.owner_key.split(":")[1])]
        rows.append(
            Row(
                assessment=assessment,
                organisation=org,
                cohort=cohorts[org.cohort_id],  # type: ignore[index]
                status=review.status,
                tier=(snapshot.result or {}).get("tier"),
                submitted_at=snapshot.submitted_at,
                version=snapshot.number,
            )
        )
    if tier:
        rows = [r for r in rows if r.tier == tier]
    if status:
        rows = [r for r in rows if r.status == status]
    if needs_review:
        rows = [r for r in rows if r.needs_review]
    if organisation:
        rows = [r for r in rows if r.organisation.id == organisation]
    keys: dict[str, Any] = {
        "date": lambda r: r.submitted_at or utcnow(),
        "tier": lambda r: TIERS.index(r.tier) if r.tier in TIERS else len(TIERS),
        "status": lambda r: STATUSES.index(r.status),
        "organisation": lambda r: r.organisation.name.lower(),
    }
    rows.sort(key=keys.get(sort, keys["date"]), reverse=sort == "date")
    return rows


def organisations_of(rows: list[Row]) -> list[Organisation]:
    """The organisations the rows belong to, once each, by name (the dashboard's filter)."""
    unique = {row.organisation.id: row.organisation for row in rows}
    return sorted(unique.values(), key=lambda o: o.name.lower())


def tier_counts(rows: list[Row]) -> dict[str, int]:
    counts: dict[str, int] = {tier.value: 0 for tier in TIERS}
    for row in rows:
        if row.tier in counts:
            counts[row.tier] += 1
    return counts


def csv_export(rows: list[Row]) -> str:
    """Programme reporting: one line per submitted assessment."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["cohort", "organisation", "system", "tier", "status", "version", "submitted_at"]
    )
    for row in rows:
        name = row.assessment.answers.get("system.name") or ""
        writer.writerow(
            [
                _cell(row.cohort.name),
                _cell(row.organisation.name),
                _cell(str(name)),
                row.tier or "",
                row.status,
                row.version,
                row.submitted_at.isoformat() if row.submitted_at else "",
            ]
        )
    return out.getvalue()


#: What spreadsheets skip before reading a cell as a formula: whitespace and invisible
#: characters (zero-width, BOM, word joiner, bidi marks, no-break spaces).
_SKIPPED = (
    " \t\r\n\u00a0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d"
    "\u202e\u202f\u205f\u2060\u3000\ufeff"
)


def _cell(value: str) -> str:
    """Founders' text: never let a spreadsheet read it as a formula, even one hidden behind
    leading spaces or invisible characters (" =HYPERLINK(...)", "\u200b=1+1")."""
    first = value.lstrip(_SKIPPED)[:1]
    if first in ("=", "+", "-", "@") or value[:1] in ("\t", "\r"):
        return "'" + value
    return value
