"""The question the bot last asked that a typed message may answer (/pause's number of
days, a city for the time zone, a reminder time), and when it was asked.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("question", sa.String(16), nullable=True))
        batch.add_column(sa.Column("asked_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("asked_at")
        batch.drop_column("question")
