"""Daily nudges: schedule and settings on users, one row per person and local day.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("next_nudge_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("paused_until", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(
            sa.Column("silent_nudges", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("blocked", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("snoozed_nudge_id", sa.Integer(), nullable=True))
        batch.create_index("ix_users_next_nudge_at", ["next_nudge_at"])
    op.create_table(
        "nudges",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "user_id",
            sa.BigInteger(),
            sa.ForeignKey("users.user_id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(200), nullable=True),
        sa.Column("skill", sa.String(200), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("user_id", "local_date", name="uq_nudges_user_day"),
    )
    op.create_index("ix_nudges_outcome_claimed", "nudges", ["outcome", "claimed_at"])


def downgrade() -> None:
    op.drop_index("ix_nudges_outcome_claimed", table_name="nudges")
    op.drop_table("nudges")
    with op.batch_alter_table("users") as batch:
        batch.drop_index("ix_users_next_nudge_at")
        batch.drop_column("snoozed_nudge_id")
        batch.drop_column("blocked")
        batch.drop_column("silent_nudges")
        batch.drop_column("paused_until")
        batch.drop_column("next_nudge_at")
