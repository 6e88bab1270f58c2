"""The language an account reads: the one its owner last chose for the pages, so mails sent
from the command line (the plan's digest, `actcheck remind`) are written in it; and which
drafted document an evidence file is, when it was attached as one (the report's evidence
index lists it as a drafted document).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(sa.Column("language", sa.String(length=8), nullable=True))
    with op.batch_alter_table("evidence") as batch:
        batch.add_column(
            sa.Column("drafted_kind", sa.String(length=40), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("evidence") as batch:
        batch.drop_column("drafted_kind")
    with op.batch_alter_table("user_account") as batch:
        batch.drop_column("language")
