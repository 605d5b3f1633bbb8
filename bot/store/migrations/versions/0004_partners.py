"""Practising with a partner: invite links, pairings, repair bids.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _person(name: str, **kwargs: object) -> sa.Column[int]:
    return sa.Column(
        name,
        sa.BigInteger(),
        sa.ForeignKey("users.user_id", ondelete="CASCADE"),
        nullable=False,
        **kwargs,  # type: ignore[arg-type]
    )


def upgrade() -> None:
    op.create_table(
        "partner_invites",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _person("user_id"),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("inviter_name", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_partner_invites_user_id", "partner_invites", ["user_id"])
    op.create_table(
        "partners",
        _person("user_id", primary_key=True),
        _person("partner_id", unique=True),
        sa.Column("partner_name", sa.String(64), nullable=False),
        sa.Column("paired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("shares_practice", sa.Boolean(), nullable=False),
        sa.Column("share_asked", sa.Boolean(), nullable=False),
        sa.Column("bids_muted", sa.Boolean(), nullable=False),
        sa.Column("our_focus", sa.String(200), nullable=True),
        sa.Column("daily_moment", sa.Boolean(), nullable=False),
        sa.Column("told_partner_on", sa.Date(), nullable=True),
        sa.Column("both_told_on", sa.Date(), nullable=True),
    )
    op.create_table(
        "repair_bids",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _person("user_id"),
        _person("partner_id"),
        sa.Column("skill", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_repair_bids_user_sent", "repair_bids", ["user_id", "sent_at"])
    op.create_index("ix_repair_bids_partner_id", "repair_bids", ["partner_id"])


def downgrade() -> None:
    op.drop_index("ix_repair_bids_partner_id", table_name="repair_bids")
    op.drop_index("ix_repair_bids_user_sent", table_name="repair_bids")
    op.drop_table("repair_bids")
    op.drop_table("partners")
    op.drop_index("ix_partner_invites_user_id", table_name="partner_invites")
    op.drop_table("partner_invites")
