"""An assessment may be the planned-launch preview of a pre-launch one (issue 15): it names
its original in `assessment.preview_of_id`, at most one preview per original.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assessment") as batch:
        batch.add_column(sa.Column("preview_of_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_assessment_preview_of_id_assessment"),
            "assessment",
            ["preview_of_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_unique_constraint(op.f("uq_assessment_preview_of_id"), ["preview_of_id"])


def downgrade() -> None:
    with op.batch_alter_table("assessment") as batch:
        batch.drop_constraint(op.f("uq_assessment_preview_of_id"), type_="unique")
        batch.drop_constraint(op.f("fk_assessment_preview_of_id_assessment"), type_="foreignkey")
        batch.drop_column("preview_of_id")
