"""The inbox: updates stored before they are confirmed, handled, then marked done."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    Table,
    Text,
    any_,
    bindparam,
    case,
    delete,
    func,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY

from bot.domain.models import InboxState, InboxUpdate
from bot.store.base import StoreBase
from bot.store.prepared import Prepared
from bot.store.tables import InboxRow, UTCDateTime

INBOX = cast(Table, InboxRow.__table__)

# The done-mark of one update, prebuilt; a batch of marks runs it once per update.
_DONE = Prepared(
    update(INBOX)
    .where(INBOX.c.update_id == bindparam("done_id"))
    .values(
        state=InboxState.DONE.value,
        payload=None,
        user_id=None,
        chat_id=None,
        finished_at=bindparam("finished"),
    )
)


_STORED_COLUMNS = (
    "update_id",
    "user_id",
    "chat_id",
    "received_at",
    "claimed_at",
    "state",
    "attempts",
    "payload",
)

# SQLite: INSERT … ON CONFLICT DO NOTHING RETURNING update_id, run once per row (a unit
# there is a few calls on a local file, with the marks before it in one transaction).
_STORE_SQLITE = Prepared(
    sqlite.insert(INBOX)
    .values({column: bindparam(column) for column in _STORED_COLUMNS})
    .on_conflict_do_nothing(index_elements=["update_id"])
    .returning(INBOX.c.update_id)
)


def _store_and_mark_postgresql() -> Prepared:
    """PostgreSQL: the batch's done-marks and its rows in one statement, one round trip
    in autocommit, where BEGIN, the marks, the insert and COMMIT were four (and the
    statement is atomic on its own). The marks are a data-modifying WITH, which the
    server runs whether or not the insert reads it; the rows come as one array per
    column, so a batch of any size is the same statement."""
    now = bindparam("now", type_=UTCDateTime)
    marked = (
        update(INBOX)
        .where(INBOX.c.update_id == any_(bindparam("done_ids", type_=ARRAY(BigInteger))))
        .values(
            state=InboxState.DONE.value,
            payload=None,
            user_id=None,
            chat_id=None,
            finished_at=now,
        )
        .returning(INBOX.c.update_id)
        .cte("marked")
    )
    given = (
        func.unnest(
            bindparam("update_ids", type_=ARRAY(BigInteger)),
            bindparam("user_ids", type_=ARRAY(BigInteger)),
            bindparam("chat_ids", type_=ARRAY(BigInteger)),
            bindparam("payloads", type_=ARRAY(Text)),
        )
        .table_valued("update_id", "user_id", "chat_id", "payload")
        .render_derived(name="given")
    )
    rows = select(
        given.c.update_id,
        given.c.user_id,
        given.c.chat_id,
        now,
        now,
        literal(InboxState.PENDING.value),
        literal(0),
        given.c.payload,
    )
    return Prepared(
        postgresql.insert(INBOX)
        .from_select(list(_STORED_COLUMNS), rows)
        .on_conflict_do_nothing(index_elements=["update_id"])
        .returning(INBOX.c.update_id)
        .add_cte(marked)
    )


_STORE_AND_MARK_POSTGRESQL = _store_and_mark_postgresql()


def _marks(update_ids: Collection[int], now: datetime) -> list[dict[str, Any]]:
    return [{"done_id": update_id, "finished": now} for update_id in update_ids]


@dataclass(frozen=True, slots=True)
class InboxCounts:
    """How many updates wait, and how many were set aside."""

    pending: int
    quarantined: int


class InboxStore(StoreBase):
    """Writing updates down before Telegram forgets them, and ticking them off."""

    async def store_updates(
        self,
        updates: Sequence[InboxUpdate],
        done: Collection[int] = (),
        *,
        now: datetime | None = None,
    ) -> list[InboxUpdate]:
        """Store a batch in one transaction; return the ones not stored before, in order.

        An update already in the inbox (Telegram sent it again because the bot
        stopped before confirming it) is ignored: its row is handled once. `done`:
        updates handled since the last write, marked done in the same transaction (see
        `finish_updates`), so a busy bot pays one commit for both. `now`: the instant
        the rows are stored at (their `received_at`), the clock's by default; a caller
        whose write seems to fail keeps it, to know its own rows (`take_over_unclaimed`).
        """
        if not updates and not done:
            return []
        now = now or self.clock()
        if self.engine.dialect.name == "postgresql":
            new = await self._store_on_postgresql(updates, done, now)
        else:
            new = await self._store_on_sqlite(updates, done, now)
        return [item for item in updates if item.update_id in new]

    async def _store_on_postgresql(
        self, updates: Sequence[InboxUpdate], done: Collection[int], now: datetime
    ) -> set[int]:
        params = {
            "update_ids": [item.update_id for item in updates],
            "user_ids": [item.user_id for item in updates],
            "chat_ids": [item.chat_id for item in updates],
            "payloads": [item.payload for item in updates],
            "done_ids": list(done),
            "now": now,
        }

        def unit(conn: Connection) -> set[int]:
            return {row.update_id for row in _STORE_AND_MARK_POSTGRESQL.rows(conn, params)}

        # Autocommit: a statement cut off by the client's timeout or a partition may
        # still commit on the server, with no COMMIT left to withhold. Its rows are then
        # stored though the caller saw an error, and Telegram's repeat of them reads as
        # a duplicate: the inbox worker remembers such batches and takes their rows over
        # when the repeat comes (`take_over_unclaimed`); failing that, the sweep does.
        return await self._units.write(unit, one_statement=True)

    async def _store_on_sqlite(
        self, updates: Sequence[InboxUpdate], done: Collection[int], now: datetime
    ) -> set[int]:
        rows = [
            {
                "update_id": item.update_id,
                "user_id": item.user_id,
                "chat_id": item.chat_id,
                "received_at": now,
                "claimed_at": now,
                "state": InboxState.PENDING.value,
                "attempts": 0,
                "payload": item.payload,
            }
            for item in updates
        ]
        marks = _marks(done, now)

        def unit(conn: Connection) -> set[int]:
            if marks:
                _DONE.many(conn, marks)
            if not rows:
                return set()
            # One prebuilt statement, run for each row: compiled once per process,
            # where `.values(rows)` compiled a new statement every batch.
            return {row.update_id for row in _STORE_SQLITE.many(conn, rows)}

        # Only marks: one statement (the insert is not: in a transaction, an insert cut
        # off by a failure commits nothing).
        return await self._units.write(unit, one_statement=not rows)

    async def claim_pending(self, claimed_before: datetime) -> list[InboxUpdate]:
        """Take over pending updates last claimed before the given instant, oldest first.

        The compare-and-set on `claimed_at` keeps two replicas from both taking one.
        """
        return await self._claim(INBOX.c.claimed_at < claimed_before)

    async def take_over_unclaimed(
        self, written: Collection[tuple[int, datetime]]
    ) -> list[InboxUpdate]:
        """Take over rows a write stored though its caller saw it fail (a statement cut
        off by a timeout or a partition, committed after all), oldest first: each
        (update id, the `now` that write stored it at) names one, if it is still
        pending and nobody claimed it since (`claimed_at` still its `received_at`).

        A row stored by any other write has another `received_at`, and is left to
        whoever stored it (another replica may be handling it); a start-up or a sweep
        that took the row moved `claimed_at`; and this update moves it too, so of two
        takers only one finds the row unclaimed.
        """
        if not written:
            return []
        return await self._claim(
            or_(
                *(
                    (INBOX.c.update_id == update_id) & (INBOX.c.received_at == at)
                    for update_id, at in written
                )
            ),
            INBOX.c.claimed_at == INBOX.c.received_at,
        )

    async def _claim(self, *which: ColumnElement[bool]) -> list[InboxUpdate]:
        """Claim the pending rows `which` picks (claimed_at moves to now, in the same
        statement that picks them: two takers never both get one); oldest first."""
        async with self.engine.begin() as conn:
            result = await conn.execute(
                update(INBOX)
                .where(INBOX.c.state == InboxState.PENDING.value, *which)
                .values(claimed_at=self.clock())
                .returning(INBOX.c.update_id, INBOX.c.user_id, INBOX.c.chat_id, INBOX.c.payload)
            )
            found = [
                InboxUpdate(row.update_id, row.user_id, row.chat_id, row.payload or "")
                for row in result
            ]
        return sorted(found, key=lambda item: item.update_id)

    async def finish_updates(self, update_ids: Collection[int]) -> None:
        """Mark updates handled; only their ids are kept, to ignore repeats.

        The text and the person go: a handled row names nobody, so someone who
        wrote after /forget leaves nothing about themselves while it waits to be
        pruned.
        """
        if not update_ids:
            return
        marks = _marks(update_ids, self.clock())

        def unit(conn: Connection) -> None:
            _DONE.many(conn, marks)

        await self._units.write(unit, one_statement=True)

    async def note_failure(self, update_id: int, error: str, limit: int) -> bool:
        """Count a failed attempt; set the update aside at `limit`. True when set aside."""
        attempts = INBOX.c.attempts + 1
        async with self.engine.begin() as conn:
            result = await conn.execute(
                update(INBOX)
                .where(INBOX.c.update_id == update_id)
                .values(
                    attempts=attempts,
                    error=error[:100],
                    state=case(
                        (attempts >= limit, InboxState.QUARANTINED.value),
                        else_=INBOX.c.state,
                    ),
                )
                .returning(INBOX.c.state)
            )
            state: str | None = result.scalar_one_or_none()
        return state == InboxState.QUARANTINED.value

    async def quarantine_update(self, update_id: int, error: str) -> None:
        """Set an update aside at once (it cannot be read at all)."""
        async with self.engine.begin() as conn:
            await conn.execute(
                update(INBOX)
                .where(INBOX.c.update_id == update_id)
                .values(
                    state=InboxState.QUARANTINED.value,
                    attempts=INBOX.c.attempts + 1,
                    error=error[:100],
                    finished_at=self.clock(),
                )
            )

    async def prune_inbox(self, finished_before: datetime) -> int:
        """Delete handled updates finished before the given instant; return how many."""
        async with self.engine.begin() as conn:
            result = await conn.execute(
                delete(INBOX).where(
                    INBOX.c.state == InboxState.DONE.value,
                    INBOX.c.finished_at < finished_before,
                )
            )
        return int(getattr(result, "rowcount", 0) or 0)

    async def inbox_counts(self) -> InboxCounts:
        """Pending and quarantined updates (for /healthz and admins)."""
        async with self._read_connection() as conn:
            rows = await conn.execute(
                select(INBOX.c.state, func.count())
                .where(INBOX.c.state != InboxState.DONE.value)
                .group_by(INBOX.c.state)
            )
            counts = {state: int(count) for state, count in rows}
        return InboxCounts(
            counts.get(InboxState.PENDING.value, 0), counts.get(InboxState.QUARANTINED.value, 0)
        )
