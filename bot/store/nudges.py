"""Daily nudges: claim what is due exactly once, record every outcome, recover after a crash.

Claiming happens in one transaction that holds the rows it claims (SQLite's
write lock, or PostgreSQL's FOR UPDATE SKIP LOCKED), advances each person's
next_nudge_at to their following day, and inserts one row per person and local
day. The unique (user_id, local_date) constraint makes a second nudge for the
same day impossible even if two dispatchers raced past everything else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.models import NudgeClaim, NudgeOutcome, SessionStatus
from bot.domain.schedule import local_date, next_occurrence, occurrence
from bot.store.base import StoreBase
from bot.store.tables import NudgeRow, PracticeSessionRow, UserRow

USERS = cast(Table, UserRow.__table__)
NUDGES = cast(Table, NudgeRow.__table__)
SESSIONS = cast(Table, PracticeSessionRow.__table__)

FocusOf = Callable[[str | None], str | None]


@dataclass(frozen=True, slots=True)
class NudgeResult:
    """How sending one claimed nudge ended."""

    nudge_id: int
    user_id: int
    outcome: NudgeOutcome
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimBatch:
    """The nudges claimed for sending, and how many due people were dealt with."""

    claims: list[NudgeClaim]
    examined: int


@dataclass(frozen=True, slots=True)
class NudgeRecord:
    """One stored nudge, for reports and tests."""

    id: int
    user_id: int
    local_date: Any
    due_at: datetime
    outcome: NudgeOutcome
    reason: str | None
    skill: str | None


class NudgesStore(StoreBase):
    """Claiming, recording and recovering daily nudges."""

    async def claim_due_nudges(
        self, now: datetime, *, grace: timedelta, limit: int, focus_of: FocusOf
    ) -> ClaimBatch:
        """Take up to `limit` people whose nudge is due and move each to their next day.
        Late, paused or already-practised ones are recorded as skipped; the claims
        returned are the nudges to send now."""
        async with self.engine.begin() as conn:
            query = (
                select(USERS)
                .where(
                    USERS.c.next_nudge_at <= now,
                    USERS.c.reminders_enabled.is_(True),
                    USERS.c.blocked.is_(False),
                )
                .order_by(USERS.c.next_nudge_at)
                .limit(limit)
            )
            if conn.dialect.name == "postgresql":
                # Another replica skips the rows this one holds instead of waiting.
                query = query.with_for_update(skip_locked=True)
            due_users = (await conn.execute(query)).mappings().all()
            if not due_users:
                return ClaimBatch([], 0)
            practised = await _practised_since(conn, due_users, now)
            advance: list[dict[str, Any]] = []
            fresh: list[dict[str, Any]] = []
            redeliver: list[dict[str, Any]] = []
            for user in due_users:
                due: datetime = user["next_nudge_at"]
                # Never a burst after downtime: the next nudge is the first one that
                # is not already past the grace window.
                following = next_occurrence(
                    max(due, now - grace), user["reminder_time"], user["timezone"]
                )
                advance.append({"uid": user["user_id"], "due": due, "next": following})
                late = now - due > grace
                if user["snoozed_nudge_id"] is not None:
                    paused = user["paused_until"] is not None and due < user["paused_until"]
                    redeliver.append(
                        {"nid": user["snoozed_nudge_id"], "late": late, "paused": paused}
                    )
                    continue
                day = local_date(due, user["timezone"])
                skill = focus_of(user["focus_skill"])
                outcome, reason = NudgeOutcome.CLAIMED, None
                if late:
                    outcome, reason = NudgeOutcome.SKIPPED, "late: the bot was not running"
                elif user["paused_until"] is not None and due < user["paused_until"]:
                    outcome, reason = NudgeOutcome.SKIPPED, "paused"
                elif skill is None:
                    outcome, reason = NudgeOutcome.SKIPPED, "no skill in the vault"
                elif _practised_today(practised, user, skill, day, due):
                    outcome, reason = NudgeOutcome.SKIPPED, "already practised today"
                finished = None if outcome is NudgeOutcome.CLAIMED else now
                fresh.append(
                    {
                        "user_id": user["user_id"],
                        "local_date": day,
                        "due_at": due,
                        "outcome": outcome.value,
                        "reason": reason,
                        "skill": skill,
                        "claimed_at": now,
                        "finished_at": finished,
                    }
                )
            await conn.execute(
                update(USERS)
                .where(
                    USERS.c.user_id == bindparam("uid"),
                    USERS.c.next_nudge_at == bindparam("due"),
                )
                .values(next_nudge_at=bindparam("next"), snoozed_nudge_id=None),
                advance,
            )
            claimed_ids = await self._insert_nudges(conn, fresh)
            claimed_ids += await _take_snoozed(conn, redeliver, now)
            return ClaimBatch(await _claims(conn, claimed_ids), len(due_users))

    async def _insert_nudges(self, conn: AsyncConnection, rows: list[dict[str, Any]]) -> list[int]:
        if not rows:
            return []
        inserted = await conn.execute(
            self._insert(NUDGES)
            .on_conflict_do_nothing(index_elements=["user_id", "local_date"])
            .returning(NUDGES.c.id, NUDGES.c.outcome),
            rows,
        )
        return [row.id for row in inserted if row.outcome == NudgeOutcome.CLAIMED.value]

    async def mark_sending(self, nudge_ids: Sequence[int]) -> set[int]:
        """Move these nudges from claimed to sending; return the ones this call moved.

        Only those may be sent: a dispatcher that stalled past its lease may find
        that another replica took some over and is sending them itself.
        """
        if not nudge_ids:
            return set()
        async with self.engine.begin() as conn:
            moved = await conn.execute(
                update(NUDGES)
                .where(
                    NUDGES.c.id.in_(list(nudge_ids)),
                    NUDGES.c.outcome == NudgeOutcome.CLAIMED.value,
                )
                .values(outcome=NudgeOutcome.SENDING.value)
                .returning(NUDGES.c.id)
            )
            return {row.id for row in moved}

    async def record_nudge_results(self, results: Sequence[NudgeResult]) -> None:
        """Store how each send ended; a blocked person gets no more nudges until /start."""
        if not results:
            return
        now = self.clock()
        async with self.engine.begin() as conn:
            await conn.execute(
                update(NUDGES)
                .where(NUDGES.c.id == bindparam("nid"))
                .values(outcome=bindparam("outcome"), reason=bindparam("reason"), finished_at=now),
                [
                    {"nid": r.nudge_id, "outcome": r.outcome.value, "reason": r.reason}
                    for r in results
                ],
            )
            blocked = [r.user_id for r in results if r.outcome is NudgeOutcome.BLOCKED]
            if blocked:
                await conn.execute(
                    update(USERS)
                    .where(USERS.c.user_id.in_(blocked))
                    .values(blocked=True, next_nudge_at=None, snoozed_nudge_id=None)
                )

    async def recover_stale_nudges(
        self, now: datetime, *, lease: timedelta, grace: timedelta
    ) -> list[NudgeClaim]:
        """Deal with nudges a dispatcher claimed and then vanished (a crash, a kill).

        Ones it had not started sending are taken over and sent now, if still within
        the grace window. Ones it was sending may or may not have reached the person;
        resending could double them, so they are recorded as failed, with the reason.
        """
        cutoff = now - lease
        async with self.engine.begin() as conn:
            await conn.execute(
                update(NUDGES)
                .where(
                    NUDGES.c.outcome == NudgeOutcome.SENDING.value,
                    NUDGES.c.claimed_at < cutoff,
                )
                .values(
                    outcome=NudgeOutcome.FAILED.value,
                    reason="interrupted while sending; delivery unknown",
                    finished_at=now,
                )
            )
            stale = NUDGES.c.outcome == NudgeOutcome.CLAIMED.value
            await conn.execute(
                update(NUDGES)
                .where(stale, NUDGES.c.claimed_at < cutoff, NUDGES.c.due_at < now - grace)
                .values(
                    outcome=NudgeOutcome.SKIPPED.value,
                    reason="late: the dispatcher stopped before sending",
                    finished_at=now,
                )
            )
            taken = await conn.execute(
                update(NUDGES)
                .where(stale, NUDGES.c.claimed_at < cutoff)
                .values(claimed_at=now)
                .returning(NUDGES.c.id)
            )
            return await _claims(conn, [row.id for row in taken])

    async def snooze_nudge(self, user_id: int, nudge_id: int, until: datetime) -> bool:
        """Send today's nudge again at `until`; the daily schedule itself stays.

        Only today's nudge can be snoozed: the buttons under an older one would
        otherwise bring back a past day's nudge and push today's aside.
        """
        async with self.engine.begin() as conn:
            if not await _is_todays(conn, user_id, nudge_id, self.clock()):
                return False
            snoozed = await conn.execute(
                update(NUDGES)
                .where(
                    NUDGES.c.id == nudge_id,
                    NUDGES.c.user_id == user_id,
                    NUDGES.c.outcome == NudgeOutcome.SENT.value,
                )
                .values(outcome=NudgeOutcome.SNOOZED.value)
            )
            if getattr(snoozed, "rowcount", 0) != 1:
                return False
            await conn.execute(
                update(USERS)
                .where(USERS.c.user_id == user_id)
                .values(next_nudge_at=until, snoozed_nudge_id=nudge_id)
            )
            return True

    async def skip_nudge(self, user_id: int, nudge_id: int) -> bool:
        """The person skips today: no more nudging today, tomorrow as usual."""
        now = self.clock()
        async with self.engine.begin() as conn:
            if not await _is_todays(conn, user_id, nudge_id, now):
                return False
            skipped = await conn.execute(
                update(NUDGES)
                .where(
                    NUDGES.c.id == nudge_id,
                    NUDGES.c.user_id == user_id,
                    NUDGES.c.outcome.in_([NudgeOutcome.SENT.value, NudgeOutcome.SNOOZED.value]),
                )
                .values(
                    outcome=NudgeOutcome.SKIPPED.value,
                    reason="skipped by the person",
                    finished_at=now,
                )
            )
            if getattr(skipped, "rowcount", 0) != 1:
                return False
            user = (
                (await conn.execute(select(USERS).where(USERS.c.user_id == user_id)))
                .mappings()
                .one()
            )
            if user["snoozed_nudge_id"] == nudge_id:
                regular = next_occurrence(now, user["reminder_time"], user["timezone"])
                await conn.execute(
                    update(USERS)
                    .where(USERS.c.user_id == user_id)
                    .values(snoozed_nudge_id=None, next_nudge_at=regular)
                )
            return True

    async def nudges_of(self, user_id: int) -> list[NudgeRecord]:
        """Every nudge recorded for a person, oldest first."""
        async with self._read_connection() as conn:
            rows = await conn.execute(
                select(NUDGES).where(NUDGES.c.user_id == user_id).order_by(NUDGES.c.id)
            )
            return [
                NudgeRecord(
                    r.id,
                    r.user_id,
                    r.local_date,
                    r.due_at,
                    NudgeOutcome(r.outcome),
                    r.reason,
                    r.skill,
                )
                for r in rows
            ]


async def _is_todays(conn: AsyncConnection, user_id: int, nudge_id: int, now: datetime) -> bool:
    row = (
        await conn.execute(
            select(NUDGES.c.local_date, USERS.c.timezone)
            .join(USERS, USERS.c.user_id == NUDGES.c.user_id)
            .where(NUDGES.c.id == nudge_id, NUDGES.c.user_id == user_id)
        )
    ).first()
    return row is not None and row.local_date == local_date(now, row.timezone)


async def _practised_since(
    conn: AsyncConnection, users: Sequence[Any], now: datetime
) -> dict[int, list[tuple[str, datetime]]]:
    """Completed practices of these people in the last two days: (skill, finished_at)."""
    rows = await conn.execute(
        select(SESSIONS.c.user_id, SESSIONS.c.skill, SESSIONS.c.finished_at).where(
            SESSIONS.c.user_id.in_([u["user_id"] for u in users]),
            SESSIONS.c.status == SessionStatus.COMPLETED.value,
            SESSIONS.c.finished_at >= now - timedelta(days=2),
        )
    )
    found: dict[int, list[tuple[str, datetime]]] = {}
    for row in rows:
        found.setdefault(row.user_id, []).append((row.skill, row.finished_at))
    return found


def _practised_today(
    practised: dict[int, list[tuple[str, datetime]]],
    user: Any,
    skill: str,
    day: Any,
    due: datetime,
) -> bool:
    midnight = occurrence(day, time(0, 0), user["timezone"])
    return any(
        done_skill == skill and midnight <= finished <= due
        for done_skill, finished in practised.get(user["user_id"], [])
    )


async def _take_snoozed(
    conn: AsyncConnection, redeliver: list[dict[str, Any]], now: datetime
) -> list[int]:
    taken: list[int] = []
    for item in redeliver:
        reason = (
            "late: the bot was not running"
            if item["late"]
            else "paused"
            if item["paused"]
            else None
        )
        result = await conn.execute(
            update(NUDGES)
            .where(NUDGES.c.id == item["nid"], NUDGES.c.outcome == NudgeOutcome.SNOOZED.value)
            .values(
                outcome=(NudgeOutcome.SKIPPED if reason else NudgeOutcome.CLAIMED).value,
                reason=reason,
                claimed_at=now,
                finished_at=now if reason else None,
            )
        )
        if getattr(result, "rowcount", 0) == 1 and reason is None:
            taken.append(item["nid"])
    return taken


async def _claims(conn: AsyncConnection, nudge_ids: list[int]) -> list[NudgeClaim]:
    if not nudge_ids:
        return []
    rows = await conn.execute(
        select(
            NUDGES.c.id,
            NUDGES.c.user_id,
            NUDGES.c.local_date,
            NUDGES.c.skill,
            USERS.c.chat_id,
            USERS.c.silent_nudges,
        )
        .join(USERS, and_(USERS.c.user_id == NUDGES.c.user_id))
        .where(NUDGES.c.id.in_(nudge_ids))
        .order_by(NUDGES.c.id)
    )
    return [
        NudgeClaim(r.id, r.user_id, r.chat_id, r.local_date, r.skill or "", r.silent_nudges)
        for r in rows
    ]
