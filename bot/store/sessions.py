"""Practice sessions: start, read, and move them without ever moving one twice."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

from sqlalchemy import Connection, Table, bindparam, func, select, update

from bot.domain.models import PracticeSession, SessionStatus
from bot.store.base import StoreBase
from bot.store.prepared import Prepared
from bot.store.tables import OPEN_STATUSES, PracticeSessionRow

T = TypeVar("T")
SESSIONS = cast(Table, PracticeSessionRow.__table__)
# A press's two statements, prebuilt (see prepared.py): the row, held for the move, and
# the move itself, which sets each column a move can change (`_moved`) from the
# parameter of its name.
_MOVED_COLUMNS = ("step", "status", "reflection", "updated_at", "finished_at", "paused")
_SELECT_FOR_MOVE = Prepared(
    select(SESSIONS).where(SESSIONS.c.id == bindparam("session_id")).with_for_update()
)
_MOVE = Prepared(
    update(SESSIONS)
    .where(SESSIONS.c.id == bindparam("session_id"))
    .values({column: bindparam(column) for column in _MOVED_COLUMNS})
)
# On PostgreSQL the move is a compare-and-set instead (see update_session): the row read
# without a lock, and the move made only if the row is still as read ("was_<column>").
_SELECT_SESSION = Prepared(select(SESSIONS).where(SESSIONS.c.id == bindparam("session_id")))
_MOVE_IF_UNMOVED = Prepared(
    update(SESSIONS)
    .where(
        SESSIONS.c.id == bindparam("session_id"),
        *(
            SESSIONS.c[column].is_not_distinct_from(bindparam(f"was_{column}"))
            for column in _MOVED_COLUMNS
        ),
    )
    .values({column: bindparam(column) for column in _MOVED_COLUMNS})
    .returning(SESSIONS.c.id)
)
# Compare-and-set attempts lost to another move before the move waits its turn instead.
OPTIMISTIC_ATTEMPTS = 3


class SessionsStore(StoreBase):
    """Reading and moving practice sessions."""

    async def open_session(self, user_id: int) -> PracticeSession | None:
        """The person's open practice session, if any."""
        async with self._read() as session:
            row = await session.scalar(
                select(PracticeSessionRow).where(
                    PracticeSessionRow.user_id == user_id,
                    PracticeSessionRow.status.in_(OPEN_STATUSES),
                )
            )
            return None if row is None else _session_of(row)

    async def latest_session(self, user_id: int) -> PracticeSession | None:
        """The person's most recently started practice, whatever became of it."""
        async with self._read() as session:
            row = await session.scalar(
                select(PracticeSessionRow)
                .where(PracticeSessionRow.user_id == user_id)
                .order_by(PracticeSessionRow.id.desc())
                .limit(1)
            )
            return None if row is None else _session_of(row)

    async def last_reflected(self, user_id: int) -> PracticeSession | None:
        """The person's most recently finished practice that has a reflection."""
        async with self._read() as session:
            row = await session.scalar(
                select(PracticeSessionRow)
                .where(
                    PracticeSessionRow.user_id == user_id,
                    PracticeSessionRow.status == SessionStatus.COMPLETED.value,
                    PracticeSessionRow.reflection.is_not(None),
                )
                .order_by(PracticeSessionRow.finished_at.desc(), PracticeSessionRow.id.desc())
                .limit(1)
            )
            return None if row is None else _session_of(row)

    async def get_session(self, session_id: int) -> PracticeSession | None:
        """A practice session by id."""
        async with self._read() as session:
            row = await session.get(PracticeSessionRow, session_id)
            return None if row is None else _session_of(row)

    async def start_session(
        self,
        user_id: int,
        skill: str,
        scenario: str | None = None,
        *,
        replacing: int | None = None,
    ) -> tuple[PracticeSession, bool]:
        """Begin practising `skill` (for `scenario`, if given) at step 1, unless another
        practice is open.

        Returns (the new session, True), or (the open session, False) when one is
        open that the person did not explicitly choose to end: nothing a person did
        is closed behind their back. `replacing` names the open session they chose
        to end (Start over); it is closed as cancelled in the same transaction.
        """
        now = self.clock()
        async with self._session() as session, session.begin():
            if replacing is not None:
                await session.execute(
                    update(PracticeSessionRow)
                    .where(
                        PracticeSessionRow.id == replacing,
                        PracticeSessionRow.user_id == user_id,
                        PracticeSessionRow.status.in_(OPEN_STATUSES),
                    )
                    .values(
                        status=SessionStatus.CANCELLED.value,
                        updated_at=now,
                        finished_at=now,
                        paused=False,
                    )
                )
            opened = await session.scalar(
                select(PracticeSessionRow).where(
                    PracticeSessionRow.user_id == user_id,
                    PracticeSessionRow.status.in_(OPEN_STATUSES),
                )
            )
            if opened is not None:
                return _session_of(opened), False
            row = PracticeSessionRow(
                user_id=user_id,
                skill=skill,
                scenario=scenario,
                step=0,
                status=SessionStatus.ACTIVE.value,
                started_at=now,
                updated_at=now,
                paused=False,
            )
            session.add(row)
            await session.flush()
            return _session_of(row), True

    async def save_session(self, before: PracticeSession, after: PracticeSession) -> bool:
        """Store `after` only if the row still matches `before` (compare-and-set).

        False means someone else moved the session first: a second tap, another
        replica, or an old button; the caller treats the press as stale.
        """
        async with self._session() as session, session.begin():
            result = await session.execute(
                update(PracticeSessionRow)
                .where(
                    PracticeSessionRow.id == before.id,
                    PracticeSessionRow.step == before.step,
                    PracticeSessionRow.status == before.status.value,
                )
                .values(**_moved(after))
            )
            return bool(getattr(result, "rowcount", 0) == 1)

    async def update_session(
        self,
        session_id: int,
        decide: Callable[[PracticeSession], tuple[PracticeSession | None, T]],
        *,
        seen: PracticeSession | None = None,
    ) -> T | None:
        """Read a session, let `decide` (pure, synchronous) choose its new state, and store
        it unless the session moved in between; `decide`'s result, or None when there is
        no such session.

        `seen`: the session as this update already read it (with the person, see
        get_user_and_session). On PostgreSQL the first compare-and-set decides on it
        instead of reading the row again: one round trip fewer. A move decided on it
        is applied only if the row has not moved since (else decided again on the row
        as it is); a decision to stay (a stale step, say) is answered from it, true of
        the row at a moment inside this update, as with a row read just before.

        This is the hot path of every button press. A second press of the same button
        is decided on the step the first moved to, never on the step both saw.

        On SQLite it is one transaction holding the row (BEGIN IMMEDIATE): a unit is one
        call on the event loop however many statements it runs, and a second press
        waits for the first to commit. On PostgreSQL every statement is a round trip,
        and BEGIN and COMMIT two more, so the move is a compare-and-set in autocommit:
        the row, read; `decide`; and an UPDATE that applies only if the row is still
        as read: two round trips, not four. One that finds the row moved meanwhile
        reads it again and decides again, as the locked press would have after waiting;
        after OPTIMISTIC_ATTEMPTS such losses it waits its turn in the locked
        transaction instead, so a busy row cannot starve it. Cut off while its UPDATE
        runs (a cancel at shutdown, a timeout), a move may be kept though its caller saw
        an error, as one cut off during COMMIT could be before: the update, not marked
        done, is handled again and finds the step moved already.
        """
        if self.engine.dialect.name == "postgresql":
            if seen is not None and seen.id != session_id:
                seen = None
            for _ in range(OPTIMISTIC_ATTEMPTS):
                outcome = await self._compare_and_set(session_id, decide, seen)
                if not isinstance(outcome, _Lost):
                    return outcome
                seen = None
        return await self._update_holding_the_row(session_id, decide)

    async def _compare_and_set(
        self,
        session_id: int,
        decide: Callable[[PracticeSession], tuple[PracticeSession | None, T]],
        seen: PracticeSession | None,
    ) -> T | _Lost | None:
        key = {"session_id": session_id}
        before = seen
        if before is None:
            row = await self._units.read(
                lambda conn: _SELECT_SESSION.first(conn, key), one_statement=True
            )
            if row is None:
                return None
            before = session_from(row._asdict())
        after, result = decide(before)
        if after is None or after == before:
            return result
        move = (
            key
            | _moved(after)
            | {f"was_{column}": value for column, value in _moved(before).items()}
        )
        # One statement, harmless to run twice: a second run finds the row moved.
        moved = await self._units.write(
            lambda conn: _MOVE_IF_UNMOVED.rows(conn, move), one_statement=True
        )
        return result if moved else _LOST

    async def _update_holding_the_row(
        self,
        session_id: int,
        decide: Callable[[PracticeSession], tuple[PracticeSession | None, T]],
    ) -> T | None:
        def unit(conn: Connection) -> T | None:
            row = _SELECT_FOR_MOVE.first(conn, {"session_id": session_id})
            if row is None:
                return None
            before = session_from(row._asdict())
            after, result = decide(before)
            if after is not None and after != before:
                _MOVE.rows(conn, {"session_id": session_id, **_moved(after)})
            return result

        return await self._units.write(unit)

    async def count_completed(self, user_id: int, skill: str) -> int:
        """How many times the person has completed a practice of `skill`."""
        async with self._read() as session:
            count = await session.scalar(
                select(func.count())
                .select_from(PracticeSessionRow)
                .where(
                    PracticeSessionRow.user_id == user_id,
                    PracticeSessionRow.skill == skill,
                    PracticeSessionRow.status == SessionStatus.COMPLETED.value,
                )
            )
            return count or 0


class _Lost:
    """A compare-and-set that found the row moved since it was read."""


_LOST = _Lost()


def _moved(session: PracticeSession) -> dict[str, Any]:
    """The columns a move can change."""
    return {
        "step": session.step,
        "status": session.status.value,
        "reflection": session.reflection,
        "updated_at": session.updated_at,
        "finished_at": session.finished_at,
        "paused": session.paused,
    }


def _session_of(row: PracticeSessionRow) -> PracticeSession:
    return session_from({column: getattr(row, column) for column in SESSION_COLUMNS})


SESSION_COLUMNS = (
    "id",
    "user_id",
    "skill",
    "step",
    "status",
    "started_at",
    "updated_at",
    "reflection",
    "finished_at",
    "scenario",
    "paused",
)


def session_from(values: Mapping[str, Any]) -> PracticeSession:
    return PracticeSession(
        id=values["id"],
        user_id=values["user_id"],
        skill=values["skill"],
        step=values["step"],
        status=SessionStatus(values["status"]),
        started_at=values["started_at"],
        updated_at=values["updated_at"],
        reflection=values["reflection"],
        finished_at=values["finished_at"],
        scenario=values.get("scenario"),
        paused=bool(values["paused"]),
    )
