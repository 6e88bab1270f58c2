"""Cached reports name the assessment they belong to (`report_cache.tag`), so that deleting
an assessment or an account deletes its reports too (issue 12, finding 11).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Reports cached before this revision belong to no one we can name: a cache may always
    # be emptied (a report is rendered again when asked for), so they go.
    op.execute(sa.text("DELETE FROM report_cache"))
    with op.batch_alter_table("report_cache") as batch:
        batch.add_column(sa.Column("tag", sa.String(32), nullable=False, server_default=""))
        batch.create_index(op.f("ix_report_cache_tag"), ["tag"])


def downgrade() -> None:
    with op.batch_alter_table("report_cache") as batch:
        batch.drop_index(op.f("ix_report_cache_tag"))
        batch.drop_column("tag")
