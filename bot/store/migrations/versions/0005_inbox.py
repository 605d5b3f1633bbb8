"""The inbox: every update stored before Telegram is told it arrived.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("update_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("error", sa.String(100), nullable=True),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_inbox_state_update", "inbox", ["state", "update_id"])
    op.create_index("ix_inbox_user_id", "inbox", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_inbox_user_id", table_name="inbox")
    op.drop_index("ix_inbox_state_update", table_name="inbox")
    op.drop_table("inbox")
