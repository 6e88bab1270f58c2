"""The database: SQLAlchemy 2.0 typed models. Schema changes go through Alembic
(`src/actcheck/migrations`), never `create_all`.

No domain logic here: what an answer means is the rule set's business
(`actcheck.rules`), what may change it is the service layer's (`actcheck.services`).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from actcheck.text import shown, shown_deep

# Named constraints, so that migrations can drop and alter them on every database.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class AccountRole(StrEnum):
    """Who an account is: a founder (of an organisation), an advisor (of cohorts) or an
    admin (of the programme). Stored as its value in `user_account.role`."""

    FOUNDER = "founder"
    ADVISOR = "advisor"
    ADMIN = "admin"


class ReviewStatus(StrEnum):
    """Where the review of a submitted assessment stands (`review_state.status`); an
    assessment never submitted is a draft and has no row."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    REVIEWED = "reviewed"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UserText(TypeDecorator[str]):
    """A string a person typed: stored and read back with unsafe characters escaped.

    Forms and the answers reader refuse control characters and lone surrogates with a
    message (`actcheck.text.problem`); this is the last line behind them, so that a value
    stored before that rule, or by a path that forgot it, can neither fail the write
    (PostgreSQL refuses NUL) nor fail every page that shows it.
    """

    impl = String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else shown(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else shown(value)


class UserJSON(TypeDecorator[Any]):
    """JSON holding what people typed (answers, results quoting them): see `UserText`.

    JSON can carry a lone surrogate (`"\\ud800"`), which no page, CSV or PDF can write out.
    """

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return shown_deep(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return shown_deep(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Assessment(Base):
    """One AI system assessed by one owner: its answers and the result they produce.

    Each row keeps the answers, the version and hash of the rule set they were last
    assessed with, and the result JSON (answers format v1), so that a report can be
    reproduced later. `version` counts saves: a save that was prepared against an older
    version is refused (optimistic concurrency, see `actcheck.services.assessments`).
    """

    __tablename__ = "assessment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The unguessable id used in links: never the sequential primary key.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    # Who may see it: "session:<hash>" until accounts exist (issue 5), then "user:<id>".
    owner_key: Mapped[str] = mapped_column(String(100), index=True)
    answers: Mapped[dict[str, Any]] = mapped_column(UserJSON)
    ruleset_version: Mapped[str] = mapped_column(String(40))
    ruleset_sha256: Mapped[str] = mapped_column(String(64))
    # The result object of the answers format, or None while questions are unanswered.
    result: Mapped[dict[str, Any] | None] = mapped_column(
        UserJSON(none_as_null=True), nullable=True
    )
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # A planned-launch preview (issue 15) names the pre-launch assessment it was made from:
    # the same answers with the Art. 2(8) exclusion read as "no". One preview per original;
    # deleting the original leaves the preview as an ordinary assessment.
    preview_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessment.id", ondelete="SET NULL"), unique=True, nullable=True
    )

    changes: Mapped[list[AnswerChange]] = relationship(
        back_populates="assessment",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="AnswerChange.id",
    )

    # The service sets the next version itself; SQLAlchemy adds "AND version = <loaded>"
    # to every UPDATE and raises StaleDataError when another request saved first.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # noqa: RUF012


class AnswerChange(Base):
    """One answer changed by one save: what a stale page is told changed since it loaded."""

    __tablename__ = "answer_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    # The assessment version this change produced.
    version: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[str] = mapped_column(String(100))
    old: Mapped[Any] = mapped_column(UserJSON(none_as_null=True), nullable=True)
    new: Mapped[Any] = mapped_column(UserJSON(none_as_null=True), nullable=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    assessment: Mapped[Assessment] = relationship(back_populates="changes")


class ApiToken(Base):
    """A personal API token: read access over the JSON API to what its holder reads on the
    web (see `actcheck.services.api_access`).

    Only the SHA-256 of the token is stored (the token itself is shown once, when it is
    created), so the database alone cannot be used to call the API. `owner_key` names the
    holder: "user:<id>" for an account's token; "org:<id>" or "session:<hash>" for tokens
    an operator made for an organisation, or a browser made before accounts existed
    (claiming a session's drafts moves its tokens to the account).
    """

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The id used in revoke links and on the command line: never the token or its hash.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    owner_key: Mapped[str] = mapped_column(String(100), index=True)
    name: Mapped[str] = mapped_column(UserText(100))
    # The first characters of the token, so that its owner can tell tokens apart.
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Space-separated: "assessments:read" (founders), "cohorts:read" (advisors, admins).
    scopes: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class StoredReport(Base):
    """A finished PDF report, shared by every app instance (`ACTCHECK_REPORT_CACHE=database`).

    Keyed by `actcheck.services.report.report_key`: the same key always names the same bytes,
    so a row is written once and never updated.
    """

    __tablename__ = "report_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    # Whose report this is (`report.owner_tag` of the assessment), so that deleting the
    # assessment deletes its reports; "" for the stateless API's.
    tag: Mapped[str] = mapped_column(String(32), default="", server_default="", index=True)


# -- accounts, cohorts and reviews (issue 5) ------------------------------------------------


class Cohort(Base):
    """One incubator programme: its advisors review the assessments of its organisations."""

    __tablename__ = "cohort"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(UserText(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # A closed cohort takes no more invitations or submissions; its data stays readable.
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Organisation(Base):
    """A startup: its members share its assessments (owner key "org:<id>")."""

    __tablename__ = "organisation"
    # Ids are owner keys ("org:<id>"): never hand a deleted organisation's id to a new one.
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(UserText(200))
    cohort_id: Mapped[int | None] = mapped_column(
        ForeignKey("cohort.id", ondelete="SET NULL"), nullable=True, index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class User(Base):
    """An account: a founder (member of one organisation), an advisor or an admin."""

    __tablename__ = "user_account"
    # Ids end up in owner keys and audit trails: a new account never gets a deleted one's.
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Stored lower-cased, so that one address is one account.
    email: Mapped[str] = mapped_column(UserText(254), unique=True)
    name: Mapped[str] = mapped_column(UserText(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), nullable=True, index=True
    )
    # Raised on "log out everywhere" and on a new password (kept for the audit of those
    # events; logins themselves are `LoginSession` rows, which those events delete).
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    # Failed logins in a row, and until when the next attempt is refused (backoff that
    # holds across processes and instances, unlike the per-address rate limit).
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    login_blocked_until: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    # The language of the pages when the account last chose one, or logged in (None for an
    # account that never did): mails sent without a request (the plan's digest) use it.
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LoginSession(Base):
    """One signed-in browser. The login cookie carries a random secret whose SHA-256 is
    `token_hash`: logging out deletes the row, so a copy of the cookie taken before stops
    working, and a new account can never match an old cookie (the secret is not derived
    from the user id). Signed-in sessions end after an idle and an absolute limit
    (`LOGIN_IDLE_MINUTES`, `LOGIN_MAX_HOURS`)."""

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CohortAdvisor(Base):
    """An advisor of a cohort."""

    __tablename__ = "cohort_advisor"

    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("cohort.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )


class Invitation(Base):
    """A single-use, expiring invitation: to a cohort, as an advisor or a founder (made by an
    admin), or into an organisation, as a colleague of its founders (made by one of them).

    Only the SHA-256 of the token is stored; the link is shown once to whoever made it.
    """

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # An admin's invitation to a cohort; None for a colleague's invitation.
    cohort_id: Mapped[int | None] = mapped_column(
        ForeignKey("cohort.id", ondelete="CASCADE"), nullable=True, index=True
    )
    # A founder's invitation of a colleague: the organisation they join on accepting.
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), nullable=True, index=True
    )
    role: Mapped[str] = mapped_column(String(20))
    # For founders: the organisation they create (its name) on accepting.
    organisation_name: Mapped[str | None] = mapped_column(UserText(200), nullable=True)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Submission(Base):
    """A frozen version of an assessment, as submitted for review: never updated."""

    __tablename__ = "submission"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    answers: Mapped[dict[str, Any]] = mapped_column(UserJSON)
    ruleset_version: Mapped[str] = mapped_column(String(40))
    ruleset_sha256: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict[str, Any] | None] = mapped_column(
        UserJSON(none_as_null=True), nullable=True
    )
    submitted_by: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReviewState(Base):
    """Where the review of an assessment stands, one row per submitted assessment."""

    __tablename__ = "review_state"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True
    )
    # A `ReviewStatus` other than draft.
    status: Mapped[str] = mapped_column(String(30))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The advisor's note when they disagree with the computed tier (never replaces it).
    note_tier: Mapped[str | None] = mapped_column(String(40), nullable=True)
    note_justification: Mapped[str | None] = mapped_column(UserText(4000), nullable=True)
    note_by: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    # The rule-set hash the founder and advisor last saw the result with (re-assessment).
    seen_ruleset_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)


class Comment(Base):
    """An advisor's (or founder's) comment on an assessment, or on one of its questions."""

    __tablename__ = "review_comment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    body: Mapped[str] = mapped_column(UserText(4000))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEvent(Base):
    """Who did what, when: every status change and note."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), nullable=True, index=True
    )
    cohort_id: Mapped[int | None] = mapped_column(
        ForeignKey("cohort.id", ondelete="CASCADE"), nullable=True, index=True
    )
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    action: Mapped[str] = mapped_column(String(50))
    detail: Mapped[str] = mapped_column(UserText(4000), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# -- reports rendered in the background (issue 16) ------------------------------------------


class ReportJob(Base):
    """One PDF report, or one drafted document, to render in the background, by its cache
    key (`report_key`, `drafts.draft_key`).

    The queue (Huey) carries only the row's id; the row says where the job stands, so that
    every web worker and every machine reads the same state: queued, rendering (with the
    time it started: a worker that dies leaves a job "rendering" past its lease, and the
    job is queued again), done, failed (after its retries; the error's kind, never a stack)
    or superseded (the assessment changed before the job ran: a newer job renders it).
    """

    __tablename__ = "report_job"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    tag: Mapped[str] = mapped_column(String(32), default="")
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    lang: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(12), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(String(200), default="")
    enqueued_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # CPU-bound seconds the render took: the queue's estimate of the wait.
    seconds: Mapped[float | None] = mapped_column(Float, nullable=True)
    # What the job renders: "report", or "draft:<kind>.<format>" (a drafted document).
    document: Mapped[str] = mapped_column(String(40), default="report", server_default="report")


class ReportBundle(Base):
    """The reports of a cohort as one ZIP, built in the background for the advisor who asked.

    `token` is the unguessable id in its links; only `requester_id` may fetch it. `done` of
    `total` reports are in so far (the progress page reads them).
    """

    __tablename__ = "report_bundle"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(32), unique=True)
    requester_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    lang: Mapped[str] = mapped_column(String(8))
    # The assessments' public ids, as the dashboard's filters chose them when asked.
    assessments: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12))
    total: Mapped[int] = mapped_column(Integer)
    done: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(String(200), default="")
    data: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


# -- the compliance plan (issue 17) ---------------------------------------------------------


class PlanStatus(StrEnum):
    """Where one plan item stands. Not applicable needs a reason (the service refuses one
    without)."""

    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"


class PlanItem(Base):
    """One obligation of an assessment's result, as work for the organisation: its status,
    owner, due date, notes and evidence.

    Keyed by (assessment, obligation id, role): reconciling the plan with a new result
    (`actcheck.services.plan.reconcile`) never deletes a row; an obligation that no longer
    applies archives its item (`archived_at`, with the reason), which keeps its status and
    evidence and comes back if the obligation does. `version` guards concurrent edits as
    the assessment's does.
    """

    __tablename__ = "plan_item"
    __table_args__ = (UniqueConstraint("assessment_id", "obligation_id", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    obligation_id: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(40))
    # As the result gave them when last reconciled: shown if the rule set drops the duty.
    title: Mapped[str] = mapped_column(UserText(300))
    articles: Mapped[list[str]] = mapped_column(JSON)
    applies_from: Mapped[dt.date] = mapped_column(Date)
    # The founder's own target: never later than `applies_from` without `target_note`.
    target_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    target_note: Mapped[str] = mapped_column(UserText(1000), default="")
    status: Mapped[str] = mapped_column(String(20), default=PlanStatus.TODO)
    not_applicable_reason: Mapped[str] = mapped_column(UserText(2000), default="")
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    notes: Mapped[str] = mapped_column(UserText(4000), default="")
    # Set when a reconciliation after the plan's start added it ("new since <date>").
    new_since: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    archived_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # Why: "answers" (the answers no longer lead to it) or "ruleset" (the rule set named in
    # `archived_ruleset` no longer has it).
    archived_reason: Mapped[str] = mapped_column(String(20), default="")
    archived_ruleset: Mapped[str] = mapped_column(String(40), default="")
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # noqa: RUF012


class PlanEvent(Base):
    """One change of a plan item (who, when, which field, from what to what), or a comment
    on it (an advisor's or a member's): the item's history, never updated."""

    __tablename__ = "plan_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int] = mapped_column(ForeignKey("plan_item.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    # "created", "archived", "restored", "comment", or the field changed ("status", ...).
    action: Mapped[str] = mapped_column(String(40))
    old: Mapped[str] = mapped_column(UserText(4000), default="")
    new: Mapped[str] = mapped_column(UserText(4000), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Evidence(Base):
    """A link or an uploaded file that shows a plan item done. A file's bytes live in the
    evidence store (`actcheck.services.plan.storage`) under `storage_key`; `owner_key`
    (the assessment's) counts the organisation's quota without a join."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The id in download links: never the sequential key.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("plan_item.id", ondelete="CASCADE"), index=True)
    owner_key: Mapped[str] = mapped_column(String(100), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # "link" or "file"
    url: Mapped[str] = mapped_column(UserText(2000), default="")
    file_name: Mapped[str] = mapped_column(UserText(200), default="")
    media_type: Mapped[str] = mapped_column(String(120), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    storage_key: Mapped[str] = mapped_column(String(80), default="")
    # The drafted document's kind (`services.drafts`) when the file was attached as a draft
    # (`plan.drafted`), else "".
    drafted_kind: Mapped[str] = mapped_column(String(40), default="", server_default="")
    added_by: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EvidenceBlob(Base):
    """An evidence file's bytes, when the evidence store is the database."""

    __tablename__ = "evidence_blob"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AiComponent(Base):
    """A general-purpose model or third-party AI service a system is built on (Art. 25,
    Art. 53(1)(b)): who provides it and whether their documentation was received."""

    __tablename__ = "ai_component"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(UserText(200))
    provider: Mapped[str] = mapped_column(UserText(200))
    model_version: Mapped[str] = mapped_column(UserText(100), default="")
    documentation_received: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PlanReminder(Base):
    """One reminder mailed about one plan item to one member: what makes the digest send each
    (member, item, kind) once only. Kinds: "due_30", "due_7", "overdue", "new"."""

    __tablename__ = "plan_reminder"
    __table_args__ = (UniqueConstraint("user_id", "item_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int] = mapped_column(ForeignKey("plan_item.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    sent_on: Mapped[dt.date] = mapped_column(Date)


class DigestOptOut(Base):
    """A member who turned the plan's digest mails off (absent: they get them)."""

    __tablename__ = "plan_digest_opt_out"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CalendarFeed(Base):
    """An organisation's secret calendar address (iCalendar of its plans' due dates). Only
    the SHA-256 of the token is stored; a new address replaces the old one, revoking it."""

    __tablename__ = "calendar_feed"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
