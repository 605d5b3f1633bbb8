"""A person's history as a whole: progress, reflections, export, erasure, and admin totals."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Table, delete, func, insert, or_, select, update

from bot.domain.models import BotStats, NudgeOutcome, Question, Reflection, SessionStatus
from bot.store.base import StoreBase
from bot.store.nudges import NUDGES, USERS
from bot.store.sessions import SESSIONS
from bot.store.tables import Base

EXPORT_FORMAT = "skillbot-export/1"


def personal_tables() -> list[Table]:
    """Every table holding rows about a person (by its `user_id` column), children first."""
    return [t for t in reversed(Base.metadata.sorted_tables) if "user_id" in t.c]


# Tables that hold nothing about anyone (what the bot told Telegram about itself): the
# one kind of table without a `user_id`, named here so that a new table without one is a
# test failure (tests/telegram/handlers/test_progress.py), not a silent gap in /forget.
NAMES_NOBODY = frozenset({"announcements"})

# Rows that tie two people together (a pairing, its invites and bids) stay in the
# database where both are; they are exported, never imported into another one.
# Inbox rows (updates) belong to the database that received them, likewise.
NOT_IMPORTED = frozenset({"partner_invites", "partners", "repair_bids", "inbox"})
# Columns left out of an export: what only the bot can use (an invite token's hash).
NOT_EXPORTED = frozenset({"token_hash"})


def _about(table: Table, user_id: int) -> Any:
    """Rows of `table` about the person: theirs, and, where a table names a partner,
    the rows that name them as one (the other side of a pairing, bids sent to them)."""
    mine = table.c.user_id == user_id
    return or_(mine, table.c.partner_id == user_id) if "partner_id" in table.c else mine


class RecordsStore(StoreBase):
    """Reading and erasing everything about one person; totals across people."""

    async def completions(self, user_id: int) -> list[tuple[str, datetime]]:
        """(skill, finished_at) of every completed practice, oldest first."""
        async with self._read_connection() as conn:
            rows = await conn.execute(
                select(SESSIONS.c.skill, SESSIONS.c.finished_at)
                .where(
                    SESSIONS.c.user_id == user_id,
                    SESSIONS.c.status == SessionStatus.COMPLETED.value,
                    SESSIONS.c.finished_at.is_not(None),
                )
                .order_by(SESSIONS.c.finished_at)
            )
            return [(row.skill, row.finished_at) for row in rows]

    async def reflections(
        self, user_id: int, *, skill: str | None = None, offset: int = 0, limit: int = 5
    ) -> tuple[list[Reflection], int]:
        """A page of reflections, newest first, and how many there are in all."""
        where = [SESSIONS.c.user_id == user_id, SESSIONS.c.reflection.is_not(None)]
        if skill is not None:
            where.append(SESSIONS.c.skill == skill)
        async with self._read_connection() as conn:
            total = (
                await conn.execute(select(func.count()).select_from(SESSIONS).where(*where))
            ).scalar_one()
            rows = await conn.execute(
                select(
                    SESSIONS.c.skill,
                    SESSIONS.c.reflection,
                    SESSIONS.c.finished_at,
                    SESSIONS.c.scenario,
                )
                .where(*where)
                .order_by(SESSIONS.c.finished_at.desc(), SESSIONS.c.id.desc())
                .offset(offset)
                .limit(limit)
            )
            page = [Reflection(r.skill, r.reflection, r.finished_at, r.scenario) for r in rows]
            return page, int(total)

    async def export_user(self, user_id: int) -> dict[str, Any] | None:
        """Everything stored about a person, as plain JSON-ready data (None: no such person)."""
        async with self._read_connection() as conn:
            data: dict[str, Any] = {"format": EXPORT_FORMAT, "exported_at": _json(self.clock())}
            for table in reversed(personal_tables()):  # users first
                rows = await conn.execute(
                    select(table).where(table.c.user_id == user_id).order_by(*table.primary_key)
                )
                data[table.name] = [
                    {
                        key: _json(value)
                        for key, value in row._mapping.items()
                        if key not in NOT_EXPORTED
                    }
                    for row in rows
                ]
            if not data.get(USERS.name):
                return None
            return data

    async def import_user(self, data: dict[str, Any]) -> int:
        """Load an export back, replacing that person's rows; return the user id.

        The inverse of export_user, for moving a person between databases. It runs
        in one transaction: if anything fails, the person's existing rows are kept.
        Rows get fresh ids in the target database (the exported ones may be taken).
        """
        if data.get("format") != EXPORT_FORMAT:
            raise ValueError(f"not a {EXPORT_FORMAT} file")
        [user] = data[USERS.name]
        user_id = user["user_id"]
        if type(user_id) is not int:
            raise ValueError("users.user_id must be a whole number")
        async with self.engine.begin() as conn:
            for table in personal_tables():
                await conn.execute(delete(table).where(_about(table, user_id)))
            for table in reversed(personal_tables()):  # parents first
                if table.name in NOT_IMPORTED:
                    continue
                rows = [
                    _checked(table, _from_json(table, row)) for row in data.get(table.name, [])
                ]
                for row in rows:
                    if row.get("user_id") != user_id:
                        # One person's file writes one person's rows: a row naming anyone
                        # else (an edited or mixed-up file) would land in their history.
                        raise ValueError(
                            f"a {table.name} row belongs to user {row.get('user_id')}, "
                            f"not to user {user_id}, whose export this is"
                        )
                    if table is not USERS:
                        row.pop("id", None)
                    row.pop("snoozed_nudge_id", None)  # pointed at an id that is not kept
                if rows:
                    await conn.execute(insert(table), rows)
        return user_id

    async def forget_user(self, user_id: int) -> int:
        """Delete every row about a person in every table; return how many were deleted."""
        deleted = 0
        async with self.engine.begin() as conn:
            for table in personal_tables():
                result = await conn.execute(delete(table).where(_about(table, user_id)))
                deleted += int(getattr(result, "rowcount", 0) or 0)
        await self._purge_write_ahead_log()
        return deleted

    async def forget_reflections(self, user_id: int) -> int:
        """Delete the words of every reflection the person wrote, and keep the practices
        they belong to (their progress and calendar); return how many were deleted."""
        async with self.engine.begin() as conn:
            result = await conn.execute(
                update(SESSIONS)
                .where(SESSIONS.c.user_id == user_id, SESSIONS.c.reflection.is_not(None))
                .values(reflection=None)
            )
        await self._purge_write_ahead_log()
        return int(getattr(result, "rowcount", 0) or 0)

    async def _purge_write_ahead_log(self) -> None:
        """After erasing: on SQLite, secure_delete (on for every connection) zeroes the
        freed cells, but the write-ahead log still holds the old pages until a checkpoint
        copies it into the database file and TRUNCATE empties it."""
        if self.engine.dialect.name == "sqlite":
            async with self._read_connection() as conn:
                await conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    async def bot_stats(self, now: datetime) -> BotStats:
        """People, recent activity, practices per skill and recent nudge outcomes."""
        week_ago = now - timedelta(days=7)
        async with self._read_connection() as conn:
            people = (await conn.execute(select(func.count()).select_from(USERS))).scalar_one()
            active = (
                await conn.execute(
                    select(func.count()).select_from(USERS).where(USERS.c.last_seen_at >= week_ago)
                )
            ).scalar_one()
            per_skill = await conn.execute(
                select(SESSIONS.c.skill, func.count())
                .where(SESSIONS.c.status == SessionStatus.COMPLETED.value)
                .group_by(SESSIONS.c.skill)
                .order_by(func.count().desc(), SESSIONS.c.skill)
            )
            nudges = await conn.execute(
                select(NUDGES.c.outcome, func.count())
                .where(NUDGES.c.claimed_at >= week_ago)
                .group_by(NUDGES.c.outcome)
            )
            outcomes = dict.fromkeys(
                (NudgeOutcome.SENT, NudgeOutcome.FAILED, NudgeOutcome.BLOCKED), 0
            )
            for outcome, count in nudges:
                if NudgeOutcome(outcome) in outcomes:
                    outcomes[NudgeOutcome(outcome)] = int(count)
            return BotStats(
                people=int(people),
                active_last_7_days=int(active),
                completed_per_skill={skill: int(count) for skill, count in per_skill},
                nudges_last_7_days=outcomes,
            )


# Columns the bot reads as one of a few values: an import that holds anything else would
# load, then fail on every update of that person (set aside, the admins told).
_ONE_OF: dict[tuple[str, str], frozenset[str]] = {
    ("practice_sessions", "status"): frozenset(status.value for status in SessionStatus),
    ("nudges", "outcome"): frozenset(outcome.value for outcome in NudgeOutcome),
    ("users", "question"): frozenset(question.value for question in Question),
}
# A practice's step: no card has this many (a larger one draws a button the bot refuses).
MAX_IMPORTED_STEP = 999


def _checked(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """The row, when the bot can use every value in it; ValueError naming the first it
    cannot (never a text column's value: those hold people's words)."""
    for key, value in row.items():
        column = table.c[key]
        if value is None:
            continue
        if column.type.python_type is int and (type(value) is not int):
            raise ValueError(f"{table.name}.{key} must be a whole number")
        allowed = _ONE_OF.get((table.name, key))
        if key == "question" and isinstance(value, str):
            value = value.partition(":")[0]  # "half_of_day:7": the question, its detail
        if allowed is not None and value not in allowed:
            raise ValueError(f"{table.name}.{key} is {value!r}; one of {sorted(allowed)}")
    step = row.get("step", 0)
    if table.name == "practice_sessions" and not (
        type(step) is int and 0 <= step <= MAX_IMPORTED_STEP
    ):
        raise ValueError(f"practice_sessions.step must be 0 to {MAX_IMPORTED_STEP}")
    if table is USERS and row.get("chat_id") != row.get("user_id"):
        # A private chat's id is the person's own: another would send their nudges elsewhere.
        raise ValueError("users.chat_id must be the person's own user_id (a private chat)")
    return row


def _from_json(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    converted: dict[str, Any] = {}
    for key, value in row.items():
        column = table.c[key]  # an unknown column is an error, not silently dropped
        kind = column.type.python_type if value is not None else None
        if isinstance(value, str) and kind is datetime:
            value = datetime.fromisoformat(value)
        elif isinstance(value, str) and kind is date:
            value = date.fromisoformat(value)
        elif isinstance(value, str) and kind is time:
            value = time.fromisoformat(value)
        converted[key] = value
    return converted


def _json(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value
