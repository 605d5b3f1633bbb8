"""Daily nudges: claim what is due exactly once, record every outcome, recover after a crash.

Claiming happens in one transaction that holds the rows it claims (SQLite's
write lock, or PostgreSQL's FOR UPDATE SKIP LOCKED), advances each person's
next_nudge_at to their following day, and inserts one row per person and local
day. The unique (user_id, local_date) constraint makes a second nudge for the
same day impossible even if two dispatchers raced past everything else.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Row, Table, and_, bindparam, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain import nudge_policy
from bot.domain.models import (
    ClaimBatch,
    NudgeClaim,
    NudgeOutcome,
    NudgeRecord,
    NudgeResult,
    SessionStatus,
)
from bot.domain.nudge_policy import DuePerson, NudgeDecision, NudgePolicy, NudgeReason
from bot.domain.schedule import nudge_clock
from bot.store.base import StoreBase
from bot.store.partners import shared_moment_foci
from bot.store.tables import NudgeRow, PracticeSessionRow, UserRow

USERS = cast(Table, UserRow.__table__)
NUDGES = cast(Table, NudgeRow.__table__)
SESSIONS = cast(Table, PracticeSessionRow.__table__)

# Built once: the dispatcher asks this twice a minute, mostly to hear "nothing".
_PENDING_WORK = select(
    select(USERS.c.user_id)
    .where(
        USERS.c.next_nudge_at <= bindparam("now"),
        USERS.c.reminders_enabled.is_(True),
        USERS.c.blocked.is_(False),
    )
    # In index order: PostgreSQL otherwise may scan the table hoping to stop early.
    .order_by(USERS.c.next_nudge_at)
    .limit(1)
    .exists(),
    select(NUDGES.c.id)
    .where(
        NUDGES.c.outcome.in_([NudgeOutcome.CLAIMED.value, NudgeOutcome.SENDING.value]),
        NUDGES.c.claimed_at < bindparam("cutoff"),
    )
    .limit(1)
    .exists(),
)


# The dispatcher's statements for every group of nudges it sends, built once.
_MARK_SENDING = (
    update(NUDGES)
    .where(
        NUDGES.c.id.in_(bindparam("ids", expanding=True)),
        NUDGES.c.outcome == NudgeOutcome.CLAIMED.value,
    )
    .values(outcome=NudgeOutcome.SENDING.value)
    .returning(NUDGES.c.id)
)
_RECORD_OUTCOME = (
    update(NUDGES)
    .where(NUDGES.c.id == bindparam("nid"))
    .values(outcome=bindparam("outcome"), reason=bindparam("reason"), finished_at=bindparam("now"))
)
_BLOCKED = (
    update(USERS)
    .where(USERS.c.user_id.in_(bindparam("ids", expanding=True)))
    .values(blocked=True, next_nudge_at=None, snoozed_nudge_id=None)
)


class NudgesStore(StoreBase):
    """Claiming, recording and recovering daily nudges."""

    async def pending_work(self, now: datetime, *, lease: timedelta) -> tuple[bool, bool]:
        """Whether anyone's nudge is due, and whether any claim outlived its lease.

        One read (no write lock, both answered from an index), so a dispatcher tick
        with nothing to do costs one statement whatever the number of people.
        """
        bounds = {"now": now, "cutoff": now - lease}

        def unit(conn: Connection) -> tuple[bool, bool]:
            row = conn.execute(_PENDING_WORK, bounds).one()
            return bool(row[0]), bool(row[1])

        return await self._units.read(unit)

    async def claim_due_nudges(
        self, now: datetime, policy: NudgePolicy, *, limit: int
    ) -> ClaimBatch:
        """Take up to `limit` people whose nudge is due and move each to their next day.
        What the nudge policy skips is recorded as skipped; the claims returned are the
        nudges to send now."""
        shift_of = self.shift_of
        insert = self._insert(NUDGES)

        def unit(conn: Connection) -> ClaimBatch:
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
            due_rows = conn.execute(query).all()
            if not due_rows:
                return ClaimBatch([], 0)
            due_ids = [row.user_id for row in due_rows]
            practised = _practised_since(conn, due_ids, now)
            # A pair sharing a daily moment are both nudged about their shared focus.
            moments = shared_moment_foci(conn, due_ids, now)
            decisions = [
                nudge_policy.decide(
                    _due_person(row, practised, moments.get(row.user_id), shift_of(row.user_id)),
                    now,
                    policy,
                )
                for row in due_rows
            ]
            conn.execute(
                update(USERS)
                .where(
                    USERS.c.user_id == bindparam("uid"),
                    USERS.c.next_nudge_at == bindparam("due"),
                )
                .values(next_nudge_at=bindparam("next"), snoozed_nudge_id=None),
                [{"uid": d.user_id, "due": d.due, "next": d.following} for d in decisions],
            )
            fresh = [d for d in decisions if d.snoozed_nudge_id is None]
            claimed_ids = _insert_nudges(conn, insert, fresh, now)
            snoozed = [d for d in decisions if d.snoozed_nudge_id is not None]
            back = _take_snoozed(conn, snoozed, now)
            return ClaimBatch(_claims(conn, claimed_ids + back, back=set(back)), len(decisions))

        # Hundreds of people in one transaction: long enough to hold up the event loop,
        # so on the write thread (one hop) rather than on the loop.
        return await self._units.write(unit, in_thread=True)

    async def mark_sending(self, nudge_ids: Sequence[int]) -> set[int]:
        """Move these nudges from claimed to sending; return the ones this call moved.

        Only those may be sent: a dispatcher that stalled past its lease may find
        that another replica took some over and is sending them itself.
        """
        if not nudge_ids:
            return set()
        ids = {"ids": list(nudge_ids)}

        def unit(conn: Connection) -> set[int]:
            return {row.id for row in conn.execute(_MARK_SENDING, ids)}

        return await self._units.write(unit)

    async def record_nudge_results(self, results: Sequence[NudgeResult]) -> None:
        """Store how each send ended; a blocked person gets no more nudges until /start."""
        if not results:
            return
        now = self.clock()
        outcomes = [
            {"nid": r.nudge_id, "outcome": r.outcome.value, "reason": r.reason, "now": now}
            for r in results
        ]
        blocked = {"ids": [r.user_id for r in results if r.outcome is NudgeOutcome.BLOCKED]}

        def unit(conn: Connection) -> None:
            conn.execute(_RECORD_OUTCOME, outcomes)
            if blocked["ids"]:
                conn.execute(_BLOCKED, blocked)

        await self._units.write(unit)

    async def recover_stale_nudges(
        self, now: datetime, *, lease: timedelta, grace: timedelta
    ) -> list[NudgeClaim]:
        """Deal with nudges a dispatcher claimed and then vanished (a crash, a kill).

        Ones it had not started sending are taken over and sent now, if still within
        the grace window. Ones it was sending may or may not have reached the person;
        resending could double them, so they are recorded as failed, with the reason.
        """
        cutoff = now - lease

        def unit(conn: Connection) -> list[NudgeClaim]:
            conn.execute(
                update(NUDGES)
                .where(
                    NUDGES.c.outcome == NudgeOutcome.SENDING.value,
                    NUDGES.c.claimed_at < cutoff,
                )
                .values(
                    outcome=NudgeOutcome.FAILED.value,
                    reason=NudgeReason.INTERRUPTED.value,
                    finished_at=now,
                )
            )
            stale = NUDGES.c.outcome == NudgeOutcome.CLAIMED.value
            conn.execute(
                update(NUDGES)
                .where(stale, NUDGES.c.claimed_at < cutoff, NUDGES.c.due_at < now - grace)
                .values(
                    outcome=NudgeOutcome.SKIPPED.value,
                    reason=NudgeReason.LATE_AFTER_CRASH.value,
                    finished_at=now,
                )
            )
            taken = conn.execute(
                update(NUDGES)
                .where(stale, NUDGES.c.claimed_at < cutoff)
                .values(claimed_at=now)
                .returning(NUDGES.c.id)
            )
            return _claims(conn, [row.id for row in taken])

        return await self._units.write(unit, in_thread=True)

    async def snooze_nudge(self, user_id: int, nudge_id: int, until: datetime) -> bool:
        """Send today's nudge again at `until`; the daily schedule itself stays.

        Only today's nudge can be snoozed: the buttons under an older one would
        otherwise bring back a past day's nudge and push today's aside.
        """
        async with self.engine.begin() as conn:
            if not await _change_todays(
                conn,
                user_id,
                nudge_id,
                self.clock(),
                [NudgeOutcome.SENT],
                outcome=NudgeOutcome.SNOOZED.value,
            ):
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
            if not await _change_todays(
                conn,
                user_id,
                nudge_id,
                now,
                [NudgeOutcome.SENT, NudgeOutcome.SNOOZED],
                outcome=NudgeOutcome.SKIPPED.value,
                reason=NudgeReason.SKIPPED_BY_PERSON.value,
                finished_at=now,
            ):
                return False
            user = (await conn.execute(select(USERS).where(USERS.c.user_id == user_id))).one()
            if user.snoozed_nudge_id == nudge_id:
                regular = nudge_policy.next_nudge(
                    now, *_nudge_clock(user), shift=self.shift_of(user_id)
                )
                await conn.execute(
                    update(USERS)
                    .where(USERS.c.user_id == user_id)
                    .values(snoozed_nudge_id=None, next_nudge_at=regular)
                )
            return True

    async def shared_moments(self, user_ids: Sequence[int]) -> dict[int, str]:
        """Of these people, those whose nudge today is a shared moment, and its skill."""
        now = self.clock()
        return await self._units.read(lambda conn: shared_moment_foci(conn, user_ids, now))

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
    return row is not None and nudge_policy.is_todays(row.local_date, now, row.timezone)


async def _change_todays(
    conn: AsyncConnection,
    user_id: int,
    nudge_id: int,
    now: datetime,
    outcomes: Sequence[NudgeOutcome],
    **values: Any,
) -> bool:
    """Change the person's own nudge, if it is today's and its outcome is one of
    `outcomes`; tell whether it changed (a double tap finds it changed already)."""
    if not await _is_todays(conn, user_id, nudge_id, now):
        return False
    changed = await conn.execute(
        update(NUDGES)
        .where(
            NUDGES.c.id == nudge_id,
            NUDGES.c.user_id == user_id,
            NUDGES.c.outcome.in_([outcome.value for outcome in outcomes]),
        )
        .values(**values)
    )
    return bool(getattr(changed, "rowcount", 0) == 1)


def _practised_since(
    conn: Connection, user_ids: list[int], now: datetime
) -> dict[int, list[tuple[str, datetime]]]:
    """Completed practices of these people in the last two days: (skill, finished_at)."""
    rows = conn.execute(
        select(SESSIONS.c.user_id, SESSIONS.c.skill, SESSIONS.c.finished_at).where(
            SESSIONS.c.user_id.in_(user_ids),
            SESSIONS.c.status == SessionStatus.COMPLETED.value,
            SESSIONS.c.finished_at >= now - timedelta(days=2),
        )
    )
    found: dict[int, list[tuple[str, datetime]]] = {}
    for row in rows:
        found.setdefault(row.user_id, []).append((row.skill, row.finished_at))
    return found


def _due_person(
    row: Row[Any],
    practised: dict[int, list[tuple[str, datetime]]],
    shared_focus: str | None,
    shift: timedelta,
) -> DuePerson:
    at, tz = _nudge_clock(row)
    return DuePerson(
        user_id=row.user_id,
        due=row.next_nudge_at,
        reminder_time=at,
        timezone=tz,
        focus_skill=shared_focus or row.focus_skill,
        paused_until=row.paused_until,
        snoozed_nudge_id=row.snoozed_nudge_id,
        practised=tuple(practised.get(row.user_id, ())),
        shift=shift,
    )


def _insert_nudges(
    conn: Connection, insert: Any, decisions: list[NudgeDecision], now: datetime
) -> list[int]:
    """Store the day's nudge of each person decided on (`insert`: the dialect's INSERT of
    nudges, for its ON CONFLICT); the ids of those to send now."""
    if not decisions:
        return []
    rows = [
        {
            "user_id": d.user_id,
            "local_date": d.local_date,
            "due_at": d.due,
            "outcome": (NudgeOutcome.SKIPPED if d.skip else NudgeOutcome.CLAIMED).value,
            "reason": d.skip.value if d.skip else None,
            "skill": d.skill,
            "claimed_at": now,
            "finished_at": now if d.skip else None,
        }
        for d in decisions
    ]
    inserted = conn.execute(
        insert.on_conflict_do_nothing(index_elements=["user_id", "local_date"]).returning(
            NUDGES.c.id, NUDGES.c.outcome
        ),
        rows,
    )
    return [row.id for row in inserted if row.outcome == NudgeOutcome.CLAIMED.value]


def _take_snoozed(conn: Connection, decisions: list[NudgeDecision], now: datetime) -> list[int]:
    taken: list[int] = []
    for decision in decisions:
        skip = decision.skip
        result = conn.execute(
            update(NUDGES)
            .where(
                NUDGES.c.id == decision.snoozed_nudge_id,
                NUDGES.c.outcome == NudgeOutcome.SNOOZED.value,
            )
            .values(
                outcome=(NudgeOutcome.SKIPPED if skip else NudgeOutcome.CLAIMED).value,
                reason=skip.value if skip else None,
                claimed_at=now,
                finished_at=now if skip else None,
            )
        )
        if getattr(result, "rowcount", 0) == 1 and skip is None:
            assert decision.snoozed_nudge_id is not None
            taken.append(decision.snoozed_nudge_id)
    return taken


def _earlier_met(earlier: Any, reasons: list[str], *also: Any) -> Any:
    """Whether an earlier nudge of the same person reached them (sent or snoozed) or ended
    for one of `reasons`, under any further conditions `also`."""
    return exists().where(
        earlier.c.user_id == NUDGES.c.user_id,
        earlier.c.id < NUDGES.c.id,
        or_(earlier.c.outcome.in_(_DELIVERED), earlier.c.reason.in_(reasons)),
        *also,
    )


def _claims(
    conn: Connection, nudge_ids: list[int], *, back: Collection[int] = ()
) -> list[NudgeClaim]:
    """The claims of these nudges, to send; `back`: those coming back from a snooze."""
    if not nudge_ids:
        return []
    rows = conn.execute(
        select(
            NUDGES.c.id,
            NUDGES.c.user_id,
            NUDGES.c.local_date,
            NUDGES.c.skill,
            USERS.c.chat_id,
            USERS.c.silent_nudges,
            USERS.c.language,
            USERS.c.zone_chosen,
            USERS.c.paused_until,
            _earlier_met(EARLIER, [NudgeReason.SKIPPED_BY_PERSON.value]).label("had_one"),
            # Met since their last pause ended (sent, snoozed, skipped by them, or made
            # unneeded by a practice that day): the first nudge after it welcomes them
            # back (nudge_policy.back_from_pause), and only the first.
            _earlier_met(
                SINCE, _MET_WITHOUT_A_NUDGE, SINCE.c.claimed_at >= USERS.c.paused_until
            ).label("nudged_since_pause"),
        )
        .join(USERS, and_(USERS.c.user_id == NUDGES.c.user_id))
        .where(NUDGES.c.id.in_(nudge_ids))
        .order_by(NUDGES.c.id)
    )
    return [
        NudgeClaim(
            r.id,
            r.user_id,
            r.chat_id,
            r.local_date,
            r.skill or "",
            r.silent_nudges,
            r.language,
            # The first nudge that reaches someone who never chose a zone asks again.
            ask_zone=not r.zone_chosen and not r.had_one,
            paused_until=r.paused_until,
            # A nudge back from a snooze reached them before (it was snoozed from its
            # message): it never welcomes them back a second time.
            nudged_since_pause=r.nudged_since_pause or r.id in back,
        )
        for r in rows
    ]


EARLIER = NUDGES.alias("earlier")
SINCE = NUDGES.alias("since")
_MET_WITHOUT_A_NUDGE = [NudgeReason.SKIPPED_BY_PERSON.value, NudgeReason.PRACTISED.value]
_DELIVERED = [NudgeOutcome.SENT.value, NudgeOutcome.SNOOZED.value]


def _nudge_clock(row: Row[Any]) -> tuple[time, str]:
    return nudge_clock(
        row.reminder_time, row.timezone, zone_chosen=row.zone_chosen, created_at=row.created_at
    )
