"""Drafted documents on the background queue (issue 18): `report_job.document` says what a
job renders, "report" (the PDF report, every job so far) or "draft:<kind>.<format>" (a
drafted document), so that drafts share the report's jobs, queue and waiting page.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("report_job") as batch:
        batch.add_column(
            sa.Column("document", sa.String(40), nullable=False, server_default="report")
        )


def downgrade() -> None:
    with op.batch_alter_table("report_job") as batch:
        batch.drop_column("document")
