"""SQLAlchemy table models. Private to the store package: nothing else sees ORM rows."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot.domain.models import MAX_SKILL_NAME
from bot.domain.partner import MAX_NAME


class UTCDateTime(TypeDecorator[datetime]):
    """Store aware datetimes as UTC and always hand them back aware.

    SQLite keeps no zone, so without this a value would come back naive and
    compare wrongly with the aware instants the rest of the bot uses.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    @property
    def python_type(self) -> type[datetime]:
        return datetime

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass an aware UTC instant")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class UserRow(Base):
    __tablename__ = "users"
    # Who is due (and who has nothing scheduled) read from one index: migration 0007.
    __table_args__ = (
        Index("ix_users_due_nudges", "next_nudge_at", "reminders_enabled", "blocked"),
    )

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    timezone: Mapped[str] = mapped_column(String(64))
    reminder_time: Mapped[time] = mapped_column(Time)
    reminders_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    focus_skill: Mapped[str | None] = mapped_column(String(MAX_SKILL_NAME), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    next_nudge_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)
    paused_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    silent_nudges: Mapped[bool] = mapped_column(Boolean, default=False)
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    # An ISO 639-1 code (`de`); set from Telegram's language_code on first contact.
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    # A snoozed nudge to send again at next_nudge_at instead of a new day's nudge.
    snoozed_nudge_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Until the person chooses a zone, nudges come at the time of day they first wrote.
    # Registration sets False; a row from elsewhere (an export made before 0009, say)
    # was a person already asked, as the migration assumes.
    zone_chosen: Mapped[bool] = mapped_column(Boolean, default=True)
    progress_explained: Mapped[bool] = mapped_column(Boolean, default=False)
    # A question a typed message may answer (domain Question) and when it was asked;
    # which question only, never anything the person typed.
    question: Mapped[str | None] = mapped_column(String(16), nullable=True)
    asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # When they last spoke of danger to themselves, or of hurting someone (migration
    # 0012): a time only, never the words.
    at_risk_since: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    harmed_since: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


OPEN_STATUSES = ("active", "reflecting")


class PracticeSessionRow(Base):
    __tablename__ = "practice_sessions"
    __table_args__ = (
        Index("ix_practice_sessions_user_status", "user_id", "status"),
        # At most one open session per person, whatever two replicas try at once.
        Index(
            "uq_practice_sessions_one_open",
            "user_id",
            unique=True,
            sqlite_where=text("status IN ('active', 'reflecting')"),
            postgresql_where=text("status IN ('active', 'reflecting')"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.user_id", ondelete="CASCADE")
    )
    skill: Mapped[str] = mapped_column(String(MAX_SKILL_NAME))
    step: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    reflection: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The scenario (a situation from the vault) the practice was for, by title.
    scenario: Mapped[str | None] = mapped_column(String(200), nullable=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Pause is a state of an open session: typing while paused offers Resume / End.
    paused: Mapped[bool] = mapped_column(Boolean, default=False)


class NudgeRow(Base):
    __tablename__ = "nudges"
    __table_args__ = (
        # The promise "never two nudges for one person on one local day", kept by
        # the database itself whatever the dispatchers do.
        UniqueConstraint("user_id", "local_date", name="uq_nudges_user_day"),
        Index("ix_nudges_outcome_claimed", "outcome", "claimed_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.user_id", ondelete="CASCADE")
    )
    local_date: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    skill: Mapped[str | None] = mapped_column(String(MAX_SKILL_NAME), nullable=True)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class PartnerInviteRow(Base):
    """An invite link a person made; the token itself is never stored, only its hash."""

    __tablename__ = "partner_invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.user_id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The inviter's first name, shown to the person who opens the link; cleared on use.
    inviter_name: Mapped[str | None] = mapped_column(String(MAX_NAME), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class PartnerRow(Base):
    """One side of a pairing. The primary key on user_id is the rule "one partner at a
    time", kept by the database whatever two accepts race."""

    __tablename__ = "partners"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.user_id", ondelete="CASCADE"), primary_key=True
    )
    partner_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.user_id", ondelete="CASCADE"), unique=True
    )
    partner_name: Mapped[str] = mapped_column(String(MAX_NAME))
    paired_at: Mapped[datetime] = mapped_column(UTCDateTime)
    shares_practice: Mapped[bool] = mapped_column(Boolean, default=False)
    # When they last said yes to sharing: practice finished before it is not shown.
    shares_since: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    share_asked: Mapped[bool] = mapped_column(Boolean, default=False)
    bids_muted: Mapped[bool] = mapped_column(Boolean, default=False)
    our_focus: Mapped[str | None] = mapped_column(String(MAX_SKILL_NAME), nullable=True)
    daily_moment: Mapped[bool] = mapped_column(Boolean, default=False)
    # The sharer's local day a "practised today" notice last went out (once a day).
    told_partner_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # This person's local day they were last told "you both practised" (once a day).
    both_told_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class RepairBidRow(Base):
    """A repair bid from user_id to partner_id; its text is kept only until delivered."""

    __tablename__ = "repair_bids"
    __table_args__ = (Index("ix_repair_bids_user_sent", "user_id", "sent_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.user_id", ondelete="CASCADE")
    )
    partner_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.user_id", ondelete="CASCADE"), index=True
    )
    skill: Mapped[str] = mapped_column(String(MAX_SKILL_NAME))
    status: Mapped[str] = mapped_column(String(16))
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class InboxRow(Base):
    """One update as Telegram sent it, stored before Telegram is told it arrived."""

    __tablename__ = "inbox"
    __table_args__ = (
        Index("ix_inbox_state_update", "state", "update_id"),
        Index("ix_inbox_user_id", "user_id"),
    )

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # Who sent it, so /forget removes it; no foreign key, a stranger has no users row.
    user_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    chat_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    error: Mapped[str | None] = mapped_column(String(100), nullable=True)
    # The raw JSON; emptied once handled, so a person's words are kept no longer than needed.
    payload: Mapped[str | None] = mapped_column(Text, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class AnnouncementRow(Base):
    """What the bot last told Telegram about itself (its command menus and descriptions),
    as a fingerprint: a restart with nothing changed sends none of it again."""

    __tablename__ = "announcements"

    bot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    fingerprint: Mapped[str] = mapped_column(String(64))
    announced_at: Mapped[datetime] = mapped_column(UTCDateTime)
