"""The inbox table: stored once, claimed once, ticked off, set aside, pruned, forgotten."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.domain.models import InboxUpdate
from bot.store import Store
from bot.store.inbox import INBOX
from tests.support.clock import FakeClock
from tests.support.database import ONLY_POSTGRES
from tests.support.round_trips import count_round_trips


def update(update_id: int, user_id: int = 7, text: str = "hi") -> InboxUpdate:
    return InboxUpdate(update_id, user_id, user_id, f'{{"update_id": {update_id}, "t": "{text}"}}')


async def test_a_batch_is_stored_once_and_repeats_are_ignored(store: Store) -> None:
    assert [u.update_id for u in await store.store_updates([update(1), update(2)])] == [1, 2]
    assert [u.update_id for u in await store.store_updates([update(2), update(3)])] == [3]
    assert (await store.inbox_counts()).pending == 3


async def test_pending_updates_are_claimed_oldest_first_and_only_once(
    store: Store, clock: FakeClock
) -> None:
    await store.store_updates([update(5), update(4, user_id=8), update(6)])
    assert await store.claim_pending(clock() - timedelta(minutes=2)) == []  # just stored
    clock.advance(minutes=3)
    claimed = await store.claim_pending(clock() - timedelta(minutes=2))
    assert [u.update_id for u in claimed] == [4, 5, 6]
    assert claimed[0].payload == '{"update_id": 4, "t": "hi"}' and claimed[0].chat_id == 8
    assert await store.claim_pending(clock() - timedelta(minutes=2)) == []  # a second replica


async def test_finishing_drops_the_text_and_keeps_the_id(store: Store, clock: FakeClock) -> None:
    await store.store_updates([update(1, text="secret words")])
    await store.finish_updates([1])
    assert (await store.inbox_counts()).pending == 0
    clock.advance(minutes=3)
    assert await store.claim_pending(clock()) == []
    assert await store.store_updates([update(1)]) == []  # still a repeat
    exported = await store.export_user(7)
    assert exported is None  # not a registered person; the row has no text left anyway


async def test_a_handled_update_names_nobody(store: Store) -> None:
    # Someone who writes after /forget must leave no row with their id behind.
    await store.store_updates([update(1, user_id=7), update(2, user_id=7)])
    await store.finish_updates([1])
    async with store.engine.connect() as conn:
        rows = await conn.execute(
            select(INBOX.c.update_id, func.count())
            .where((INBOX.c.user_id == 7) | (INBOX.c.chat_id == 7))
            .group_by(INBOX.c.update_id)
        )
        assert [row[0] for row in rows] == [2]  # only the one not yet handled


async def test_the_third_failure_sets_an_update_aside(store: Store) -> None:
    await store.store_updates([update(1)])
    assert not await store.note_failure(1, "RuntimeError", limit=3)
    assert not await store.note_failure(1, "RuntimeError", limit=3)
    assert await store.note_failure(1, "RuntimeError", limit=3)
    await store.store_updates([update(2)])
    await store.quarantine_update(2, "ValueError")
    counts = await store.inbox_counts()
    assert (counts.pending, counts.quarantined) == (0, 2)


async def test_handled_updates_are_pruned_after_the_keep_window(
    store: Store, clock: FakeClock
) -> None:
    await store.store_updates([update(1), update(2), update(3)])
    await store.finish_updates([1])
    clock.advance(hours=25)
    await store.finish_updates([2])
    assert await store.prune_inbox(clock() - timedelta(hours=24)) == 1
    assert [u.update_id for u in await store.store_updates([update(1), update(2)])] == [1]


async def test_forget_removes_a_persons_updates(store: Store) -> None:
    await store.store_updates([update(1, user_id=7), update(2, user_id=8)])
    await store.register(7, 7)
    await store.forget_user(7)
    assert [u.update_id for u in await store.store_updates([update(1), update(2)])] == [1]


async def test_the_last_batchs_marks_ride_with_the_next(store: Store) -> None:
    await store.store_updates([update(1, text="first words"), update(2)])
    stored = await store.store_updates([update(3), update(1)], done=[1])
    assert [u.update_id for u in stored] == [3]  # 1 is a repeat, and now handled
    assert await store.store_updates([], done=[2, 3]) == []  # marks alone
    async with store.engine.connect() as conn:
        rows = await conn.execute(
            select(INBOX.c.update_id, INBOX.c.state, INBOX.c.payload, INBOX.c.user_id).order_by(
                INBOX.c.update_id
            )
        )
        assert [tuple(row) for row in rows] == [
            (1, "done", None, None),
            (2, "done", None, None),
            (3, "done", None, None),
        ]
    assert (await store.inbox_counts()).pending == 0


@pytest.mark.parametrize("backend", [ONLY_POSTGRES], indirect=True)
async def test_on_postgres_a_batch_and_the_last_marks_are_one_round_trip(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # BEGIN, the marks, the insert and COMMIT were four: each a wait for the server.
    await store.store_updates([update(1), update(2)])
    await store.store_updates([update(3)], done=[1])  # asyncpg prepares it once
    sent = count_round_trips(monkeypatch)
    stored = await store.store_updates([update(4), update(5)], done=[2, 3])
    assert [u.update_id for u in stored] == [4, 5]
    assert len(sent) == 1, sent
    assert (await store.inbox_counts()).pending == 2


async def test_only_a_row_the_given_write_stored_and_nobody_claimed_since_is_taken_over(
    store: Store, clock: FakeClock
) -> None:
    first = clock()
    await store.store_updates([update(1), update(2), update(3)], now=first)
    await store.finish_updates([3])
    clock.advance(minutes=3)
    assert [u.update_id for u in await store.claim_pending(clock())] == [1, 2]  # a sweep
    later = clock()
    await store.store_updates([update(4), update(5)], now=later)
    clock.advance(seconds=1)
    await store.store_updates([update(6)])  # another write: another replica's, say
    written = [(1, first), (3, first), (4, later), (5, first), (6, later), (9, later)]
    taken = await store.take_over_unclaimed(written)
    # 1 was swept, 3 is done, 5 and 6 were stored by other writes, 9 never came.
    assert [u.update_id for u in taken] == [4]
    assert taken[0].payload == '{"update_id": 4, "t": "hi"}'
    assert await store.take_over_unclaimed(written) == []  # once
