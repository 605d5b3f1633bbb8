"""People and their settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time
from typing import Any, cast

from sqlalchemy import Connection, Row, Table, bindparam, func, select, update

from bot.domain import nudge_policy
from bot.domain.models import (
    LISTENING_DAYS,
    NotRegistered,
    NudgeOutcome,
    PracticeSession,
    Question,
    User,
)
from bot.domain.nudge_policy import NudgeReason
from bot.domain.schedule import nudge_clock
from bot.store.base import StoreBase
from bot.store.prepared import Prepared
from bot.store.sessions import SESSION_COLUMNS, SESSIONS, session_from
from bot.store.tables import NudgeRow, UserRow

USERS = cast(Table, UserRow.__table__)
# Prebuilt for the hot path (every update reads the person's row): compiled once.
_SELECT_USER = Prepared(select(USERS).where(USERS.c.user_id == bindparam("id")))
# The person and the practice a button names, in one statement (see get_user_and_session);
# the practice's columns as "session_<column>", beside the person's.
_SELECT_USER_AND_SESSION = Prepared(
    select(USERS, *(SESSIONS.c[column].label(f"session_{column}") for column in SESSION_COLUMNS))
    .select_from(
        USERS.outerjoin(
            SESSIONS,
            (SESSIONS.c.id == bindparam("session_id")) & (SESSIONS.c.user_id == USERS.c.user_id),
        )
    )
    .where(USERS.c.user_id == bindparam("id"))
)
# The columns to set come with the parameters (Core takes SET from their keys).
_UPDATE_USER = update(USERS).where(USERS.c.user_id == bindparam("id"))
# A question written by a newer version and unknown here is no question (never an error).
_QUESTIONS = frozenset(Question)
_CLOSE_QUESTION = (
    update(USERS)
    .where(
        USERS.c.user_id == bindparam("id"),
        USERS.c.question.is_not(None),
        USERS.c.asked_at <= bindparam("seen_at"),
    )
    .values(question=None, asked_at=None)
)
# An ORM row or a Core row of `users`: both read by column name.
_UserFields = UserRow | Row[Any]


class UsersStore(StoreBase):
    """Registering people and reading their settings."""

    async def ensure_user(self, user_id: int, chat_id: int) -> User:
        """Note that a registered person was here; raise NotRegistered for anyone else.

        Only /start registers (`register`): after /forget nothing about a person
        may be stored again until they choose to start. Someone writing to the bot
        is not blocking it, so a block recorded earlier ends here too and their
        nudges go back on the schedule.
        """
        now = self.clock()

        def unit(conn: Connection) -> User:
            row = _SELECT_USER.first(conn, {"id": user_id})
            if row is None:
                raise NotRegistered(user_id)
            seen: dict[str, Any] = {"chat_id": chat_id, "last_seen_at": now}
            if row.blocked:
                seen |= {"blocked": False, "next_nudge_at": self._next_nudge(row, now, False)}
            conn.execute(_UPDATE_USER, {"id": user_id, **seen})
            return replace(_user(row), **seen)

        return await self._units.write(unit)

    async def register(
        self, user_id: int, chat_id: int, *, unblock: bool = False, language: str | None = None
    ) -> tuple[User, bool]:
        """Register a person (only /start calls this), telling whether they are new.

        `unblock` (used by /start) ends a block recorded when Telegram said the person
        had blocked the bot, and puts their nudges back on the schedule. `language` is
        stored when none is yet (first contact); a language already chosen stays.
        """
        now = self.clock()
        created = False
        async with self._session() as session, session.begin():
            row = await session.get(UserRow, user_id)
            if row is None:
                # ON CONFLICT DO NOTHING: a second replica may register the same
                # person at the same moment; whoever loses simply reads the row.
                await session.execute(
                    self._insert(UserRow)
                    .values(
                        user_id=user_id,
                        chat_id=chat_id,
                        timezone=self.defaults.timezone,
                        reminder_time=self.defaults.reminder_time,
                        reminders_enabled=True,
                        focus_skill=None,
                        created_at=now,
                        last_seen_at=now,
                        next_nudge_at=nudge_policy.next_nudge(
                            now, *_first_contact_clock(now), shift=self.shift_of(user_id)
                        ),
                        silent_nudges=False,
                        blocked=False,
                        language=language,
                        zone_chosen=False,
                        progress_explained=False,
                    )
                    .on_conflict_do_nothing(index_elements=["user_id"])
                )
                row = await session.get(UserRow, user_id, populate_existing=True)
                assert row is not None
                created = row.created_at == now
            else:
                row.chat_id = chat_id
                row.last_seen_at = now
                if row.language is None and language is not None:
                    row.language = language
                if unblock and row.blocked:
                    row.blocked = False
                    row.next_nudge_at = self._next_nudge(row, now)
            return _user(row), created

    async def update_settings(
        self,
        user_id: int,
        *,
        reminder_time: time | None = None,
        timezone: str | None = None,
        reminders_enabled: bool | None = None,
        silent_nudges: bool | None = None,
    ) -> User | None:
        """Change nudge settings; a new time, zone or on/off reschedules the next nudge.

        A nudge that is already due (the dispatcher will take it within seconds) or a
        pending snooze keeps its time: the new settings apply from the next one on.
        Turning nudges off ends a pending snooze.
        """
        now = self.clock()
        async with self._session() as session, session.begin():
            row = await session.get(UserRow, user_id)
            if row is None:
                return None
            if silent_nudges is not None:
                row.silent_nudges = silent_nudges
            if reminder_time is None and timezone is None and reminders_enabled is None:
                return _user(row)
            if reminder_time is not None:
                row.reminder_time = reminder_time
            if timezone is not None:
                row.timezone = timezone
                row.zone_chosen = True
            if reminders_enabled is not None:
                row.reminders_enabled = reminders_enabled
            if not row.reminders_enabled:
                if row.snoozed_nudge_id is not None:
                    await session.execute(
                        update(NudgeRow)
                        .where(
                            NudgeRow.id == row.snoozed_nudge_id,
                            NudgeRow.outcome == NudgeOutcome.SNOOZED.value,
                        )
                        .values(
                            outcome=NudgeOutcome.SKIPPED.value,
                            reason=NudgeReason.TURNED_OFF.value,
                            finished_at=now,
                        )
                    )
                row.snoozed_nudge_id = None
            row.next_nudge_at = nudge_policy.rescheduled(
                row.next_nudge_at,
                now,
                *_clock_of(row),
                enabled=row.reminders_enabled,
                blocked=row.blocked,
                snoozed=row.snoozed_nudge_id is not None,
                shift=self.shift_of(row.user_id),
            )
            return _user(row)

    async def schedule_unscheduled(self, now: datetime, limit: int = 1000) -> int:
        """Give a next nudge time to anyone with nudges on but none scheduled (people who
        joined before nudges existed); return how many were scheduled."""
        async with self._session() as session, session.begin():
            rows = await session.scalars(
                select(UserRow)
                .where(
                    UserRow.next_nudge_at.is_(None),
                    UserRow.reminders_enabled.is_(True),
                    UserRow.blocked.is_(False),
                )
                .limit(limit)
            )
            count = 0
            for row in rows:
                row.next_nudge_at = self._next_nudge(row, now)
                count += 1
            return count

    async def set_blocked(self, user_id: int, blocked: bool) -> None:
        """Record that the person blocked (or unblocked) the bot; a block stops nudges."""
        now = self.clock()
        async with self._session() as session, session.begin():
            row = await session.get(UserRow, user_id)
            if row is None or row.blocked == blocked:
                return
            row.blocked = blocked
            row.snoozed_nudge_id = None
            row.next_nudge_at = self._next_nudge(row, now)

    async def set_pause(self, user_id: int, until: datetime | None) -> User | None:
        """Pause nudges until `until` (None ends a pause); the schedule is kept."""
        return await self._set_fields(user_id, paused_until=until)

    async def note_safety(self, user_id: int, *, at_risk: bool, harmed: bool) -> None:
        """Note that the person spoke of danger to themselves (`at_risk`) or of hurting
        someone (`harmed`) just now: a time only (see User.listened_to)."""
        now = self.clock()
        fields = {"at_risk_since": now} if at_risk else {}
        if harmed:
            fields["harmed_since"] = now
        if fields:
            await self._set_fields(user_id, **fields)

    async def stop_listening(self, user_id: int) -> None:
        """They said they are okay (the button under the listening reply): what they
        write is matched to skills again, and bids reach them (a time of hurting someone,
        `harmed_since`, stays: not theirs to end)."""
        await self._set_fields(user_id, at_risk_since=None)

    async def forget_listening_times(self) -> int:
        """Clear each time of a disclosure whose days of listening are over; return how
        many were cleared.

        The time is kept only for what it does (User.listened_to): after its days it does
        nothing, and a record that someone once spoke of danger is not kept beyond them,
        nor handed out in their /export.
        """
        over = self.clock() - LISTENING_DAYS
        cleared = 0
        async with self.engine.begin() as conn:
            for column in (USERS.c.at_risk_since, USERS.c.harmed_since):
                result = await conn.execute(
                    update(USERS).where(column <= over).values({column.name: None})
                )
                cleared += int(getattr(result, "rowcount", 0) or 0)
        return cleared

    async def ask(self, user_id: int, question: Question, detail: str | None = None) -> None:
        """Note that the person was just asked `question` (about `detail`, a few
        characters): a typed message may answer it until the next update or
        ANSWER_WINDOW, whichever comes first."""
        value = question.value if detail is None else f"{question.value}:{detail}"
        await self._set_fields(user_id, question=value, asked_at=self.clock())

    async def close_question(self, user_id: int, *, asked_at: datetime) -> None:
        """Close the question the person was asked at `asked_at` (or earlier): it has had
        its one update. One asked since stays open."""
        bounds = {"id": user_id, "seen_at": asked_at}

        def unit(conn: Connection) -> None:
            conn.execute(_CLOSE_QUESTION, bounds)

        await self._units.write(unit)

    async def set_language(self, user_id: int, language: str) -> User | None:
        """Speak `language` to this person from now on (None: they are not registered)."""
        return await self._set_fields(user_id, language=language)

    async def _set_fields(self, user_id: int, **values: object) -> User | None:
        """Set columns of the person's row and return them as they now are (None: no row)."""
        async with self._session() as session, session.begin():
            row = await session.get(UserRow, user_id)
            if row is None:
                return None
            for column, value in values.items():
                setattr(row, column, value)
            return _user(row)

    async def get_user(self, user_id: int) -> User | None:
        """The person's record, or None when they never started the bot."""

        def unit(conn: Connection) -> User | None:
            row = _SELECT_USER.first(conn, {"id": user_id})
            return None if row is None else _user(row)

        return await self._units.read(unit, one_statement=True)

    async def get_user_and_session(
        self, user_id: int, session_id: int
    ) -> tuple[User | None, PracticeSession | None]:
        """The person's record and their practice `session_id` (None when it is not
        theirs or not there), read in one statement: a press on a practice's button
        needs both, and on PostgreSQL each read is a round trip (see update_session's
        `seen`). On SQLite the practice is not read here (None): the move reads it in
        its own transaction anyway, and the join cost a Next press 0.03 ms there
        (docs/benchmarks.md)."""
        if self.engine.dialect.name != "postgresql":
            return await self.get_user(user_id), None

        def unit(conn: Connection) -> tuple[User | None, PracticeSession | None]:
            row = _SELECT_USER_AND_SESSION.first(conn, {"id": user_id, "session_id": session_id})
            if row is None:
                return None, None
            if row.session_id is None:
                return _user(row), None
            fields = {column: getattr(row, f"session_{column}") for column in SESSION_COLUMNS}
            return _user(row), session_from(fields)

        return await self._units.read(unit, one_statement=True)

    async def set_focus(self, user_id: int, skill: str | None) -> None:
        """Make `skill` the person's focus (None: back to the vault's default)."""
        async with self._session() as session, session.begin():
            await session.execute(
                update(UserRow).where(UserRow.user_id == user_id).values(focus_skill=skill)
            )

    async def mark_progress_explained(self, user_id: int) -> None:
        """Remember that /progress has explained habit strength to this person."""
        async with self._session() as session, session.begin():
            await session.execute(
                update(UserRow).where(UserRow.user_id == user_id).values(progress_explained=True)
            )

    def _next_nudge(
        self, row: _UserFields, now: datetime, blocked: bool | None = None
    ) -> datetime | None:
        return nudge_policy.next_nudge(
            now,
            *_clock_of(row),
            enabled=row.reminders_enabled,
            blocked=row.blocked if blocked is None else blocked,
            shift=self.shift_of(row.user_id),
        )

    async def count_users(self) -> int:
        """How many people have started the bot."""
        async with self._read() as session:
            return await session.scalar(select(func.count()).select_from(UserRow)) or 0


def _clock_of(row: _UserFields) -> tuple[time, str]:
    return nudge_clock(
        row.reminder_time, row.timezone, zone_chosen=row.zone_chosen, created_at=row.created_at
    )


def _first_contact_clock(now: datetime) -> tuple[time, str]:
    # Until they choose a zone: the UTC time of day of their first contact.
    return time(now.hour, now.minute), "UTC"


def _asked(stored: str | None) -> tuple[str | None, str | None]:
    """The question and its detail, as `ask` stored them ("half_of_day:7")."""
    if stored is None:
        return None, None
    question, _, detail = stored.partition(":")
    return question, detail or None


def _user(row: _UserFields) -> User:
    return User(
        user_id=row.user_id,
        chat_id=row.chat_id,
        timezone=row.timezone,
        reminder_time=row.reminder_time,
        reminders_enabled=row.reminders_enabled,
        focus_skill=row.focus_skill,
        created_at=row.created_at,
        last_seen_at=row.last_seen_at,
        next_nudge_at=row.next_nudge_at,
        paused_until=row.paused_until,
        silent_nudges=row.silent_nudges,
        blocked=row.blocked,
        language=row.language,
        zone_chosen=row.zone_chosen,
        progress_explained=row.progress_explained,
        question=Question(asked) if (asked := _asked(row.question)[0]) in _QUESTIONS else None,
        question_detail=_asked(row.question)[1],
        asked_at=row.asked_at,
        at_risk_since=row.at_risk_since,
        harmed_since=row.harmed_since,
    )
