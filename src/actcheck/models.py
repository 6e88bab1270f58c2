"""The database: SQLAlchemy 2.0 typed models. Schema changes go through Alembic
(`src/actcheck/migrations`), never `create_all`.

No domain logic here: what an answer means is the rule set's business
(`actcheck.rules`), what may change it is the service layer's (`actcheck.services`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, LargeBinary, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints, so that migrations can drop and alter them on every database.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


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
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    ruleset_version: Mapped[str] = mapped_column(String(40))
    ruleset_sha256: Mapped[str] = mapped_column(String(64))
    # The result object of the answers format, or None while questions are unanswered.
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), nullable=True)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

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
    old: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    new: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    assessment: Mapped[Assessment] = relationship(back_populates="changes")


class ApiToken(Base):
    """A personal API token: read access to its owner's assessments over the JSON API.

    Only the SHA-256 of the token is stored (the token itself is shown once, when it is
    created), so the database alone cannot be used to call the API. `owner_key` is the key
    of `Assessment.owner_key`: "session:<hash>" until accounts exist (issue 5), then
    "user:<id>"; claiming a session's assessments must rewrite its tokens' key too.
    """

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The id used in revoke links and on the command line: never the token or its hash.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    owner_key: Mapped[str] = mapped_column(String(100), index=True)
    name: Mapped[str] = mapped_column(String(100))
    # The first characters of the token, so that its owner can tell tokens apart.
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Space-separated; "assessments:read" for now (issue 5 adds the advisors' cohort scope).
    scopes: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
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
