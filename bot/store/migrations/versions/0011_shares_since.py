"""Since when a partner shares their practice days: /partner shows only practice done
after they said yes, never the day's practice from before.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("partners") as batch:
        batch.add_column(sa.Column("shares_since", sa.DateTime(timezone=True), nullable=True))
    # Whoever shares already said yes at a moment not recorded: from now on, the safe side
    # (nothing practised before this upgrade is shown as shared).
    partners = sa.table(
        "partners",
        sa.column("shares_practice", sa.Boolean),
        sa.column("shares_since", sa.DateTime(timezone=True)),
    )
    op.execute(
        partners.update()
        .where(partners.c.shares_practice == sa.true())
        .values(shares_since=sa.func.current_timestamp())
    )


def downgrade() -> None:
    with op.batch_alter_table("partners") as batch:
        batch.drop_column("shares_since")
