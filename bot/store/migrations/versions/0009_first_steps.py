"""First steps and paused practices: whether a person chose their zone, whether /progress
has explained habit strength to them, and whether an open practice is paused.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        # People registered before this revision were asked for their zone already.
        batch.add_column(
            sa.Column("zone_chosen", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch.add_column(
            sa.Column(
                "progress_explained", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    with op.batch_alter_table("practice_sessions") as batch:
        batch.add_column(
            sa.Column("paused", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("practice_sessions") as batch:
        batch.drop_column("paused")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("progress_explained")
        batch.drop_column("zone_chosen")
