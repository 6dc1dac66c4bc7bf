"""users.last_seen_at, indexed concurrently

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 09:20:00
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None
phase = "expand"


def upgrade() -> None:
    # Nullable: the release still serving production inserts users without it.
    op.add_column("users", sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True))
    # users already holds rows in production: build the index without blocking writes, outside the transaction.
    with op.get_context().autocommit_block():
        op.create_index(
            "ix_users_last_seen_at",
            "users",
            ["last_seen_at"],
            postgresql_concurrently=True,
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index("ix_users_last_seen_at", table_name="users", postgresql_concurrently=True)
    op.drop_column("users", "last_seen_at")
