"""Server-side logins and ids that are never reused (security issue 12).

- `login_session`: one row per signed-in browser; the cookie carries a random secret whose
  SHA-256 is stored. Logout deletes the row.
- `user_account.failed_logins` and `login_blocked_until`: the per-account login backoff.
- On SQLite, `user_account` and `organisation` are rebuilt with AUTOINCREMENT, so that the
  id of a deleted account or organisation is never handed to a new one (PostgreSQL's
  sequences never reuse ids already).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _autoincrement(table: str, on: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": on}):
        pass


def upgrade() -> None:
    op.create_table(
        "login_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_login_session_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_login_session_token_hash")),
    )
    op.create_index(op.f("ix_login_session_user_id"), "login_session", ["user_id"])
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(
            sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("login_blocked_until", sa.DateTime(timezone=True), nullable=True)
        )
    _autoincrement("organisation", True)
    _autoincrement("user_account", True)


def downgrade() -> None:
    _autoincrement("user_account", False)
    _autoincrement("organisation", False)
    with op.batch_alter_table("user_account") as batch:
        batch.drop_column("login_blocked_until")
        batch.drop_column("failed_logins")
    op.drop_index(op.f("ix_login_session_user_id"), table_name="login_session")
    op.drop_table("login_session")
