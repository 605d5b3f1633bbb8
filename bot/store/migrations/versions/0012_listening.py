"""When a person last spoke of danger to themselves, or of hurting someone: for the days
after (nudge_policy.REST_AFTER_SAFETY), what they write is met rather than matched to a
skill, and repair bids to the one at risk, or from the one who said they hurt someone,
are held. A time only, never what they wrote.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("at_risk_since", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("harmed_since", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("harmed_since")
        batch.drop_column("at_risk_since")
