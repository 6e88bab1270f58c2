"""Founders invite colleagues into their organisation: `invitation.organisation_id`, and
`invitation.cohort_id` may be empty (an organisation from open sign-up has no cohort).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("invitation") as batch:
        batch.alter_column("cohort_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("organisation_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_invitation_organisation_id_organisation"),
            "organisation",
            ["organisation_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_index(op.f("ix_invitation_organisation_id"), ["organisation_id"])


def downgrade() -> None:
    # Colleagues' invitations have no cohort: they cannot exist in the older schema.
    op.execute(sa.text("DELETE FROM invitation WHERE cohort_id IS NULL"))
    with op.batch_alter_table("invitation") as batch:
        batch.drop_index(op.f("ix_invitation_organisation_id"))
        batch.drop_constraint(
            op.f("fk_invitation_organisation_id_organisation"), type_="foreignkey"
        )
        batch.drop_column("organisation_id")
        batch.alter_column("cohort_id", existing_type=sa.Integer(), nullable=False)
