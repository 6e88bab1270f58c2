"""Reports rendered in the background (issue 16): `report_job`, one row per report to
render, by its cache key; `report_bundle`, a cohort's reports as one ZIP.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_job",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("tag", sa.String(32), nullable=False),
        sa.Column(
            "assessment_id",
            sa.Integer(),
            sa.ForeignKey(
                "assessment.id",
                ondelete="CASCADE",
                name=op.f("fk_report_job_assessment_id_assessment"),
            ),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.String(200), nullable=False),
        sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("seconds", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_job")),
        sa.UniqueConstraint("key", name=op.f("uq_report_job_key")),
    )
    op.create_index(op.f("ix_report_job_assessment_id"), "report_job", ["assessment_id"])
    op.create_index(op.f("ix_report_job_status"), "report_job", ["status"])
    op.create_table(
        "report_bundle",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token", sa.String(32), nullable=False),
        sa.Column(
            "requester_id",
            sa.Integer(),
            sa.ForeignKey(
                "user_account.id",
                ondelete="CASCADE",
                name=op.f("fk_report_bundle_requester_id_user_account"),
            ),
            nullable=False,
        ),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("assessments", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("error", sa.String(200), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_bundle")),
        sa.UniqueConstraint("token", name=op.f("uq_report_bundle_token")),
    )
    op.create_index(op.f("ix_report_bundle_requester_id"), "report_bundle", ["requester_id"])


def downgrade() -> None:
    op.drop_table("report_bundle")
    op.drop_table("report_job")
