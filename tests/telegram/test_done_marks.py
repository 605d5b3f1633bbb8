"""Done-marks written with the next batch, or soon on their own, never beyond the slot bound."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import select

from bot.offline import FakeBotAPI
from bot.offline.updates import message_update
from bot.store import Store
from bot.store.inbox import INBOX
from bot.telegram.context import BotApplication
from bot.telegram.inbox import MAX_IN_FLIGHT, InboxWorker, inbox_update
from tests.support.clock import FakeClock
from tests.support.inbox import deliver, make_worker, wait_until


async def states(store: Store) -> dict[int, str]:
    async with store.engine.connect() as conn:
        rows = await conn.execute(select(INBOX.c.update_id, INBOX.c.state))
        return {row.update_id: row.state for row in rows}


def count_mark_writes(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """Every transaction of its own that marked updates done, with their ids."""
    writes: list[list[int]] = []
    finish = store.finish_updates

    async def counted(update_ids: Any) -> None:
        writes.append(sorted(update_ids))
        await finish(update_ids)

    monkeypatch.setattr(store, "finish_updates", counted)
    return writes


async def take(worker: InboxWorker, *raws: dict[str, Any]) -> None:
    """Store and queue updates the way polling and the webhook do."""
    assert await worker.take([item for item in map(inbox_update, raws) if item]) is not None


async def one_mark_waiting(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> tuple[InboxWorker, Store, int]:
    """A worker whose one handled update's mark waits (only a batch or a stop writes it)."""
    worker, store = make_worker(app, clock)
    monkeypatch.setattr(worker.marks, "_flush_after", 60.0)
    start = message_update(api, 7, "/start")
    await take(worker, start)
    await wait_until(lambda: start["update_id"] in worker.marks)
    return worker, store, start["update_id"]


async def test_a_mark_rides_with_the_next_batch_stored(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker, store, first = await one_mark_waiting(app, api, clock, monkeypatch)
    writes = count_mark_writes(store, monkeypatch)
    assert api.sent(7) and (await states(store))[first] == "pending"  # answered, not marked
    second = message_update(api, 8, "/start")
    await take(worker, second)
    assert (await states(store))[first] == "done"  # in the second's transaction
    assert writes == []  # and in no transaction of its own
    await worker.stop(30)
    assert set((await states(store)).values()) == {"done"}


async def test_an_idle_bot_writes_its_marks_on_their_own(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker, store = make_worker(app, clock)
    writes = count_mark_writes(store, monkeypatch)
    await take(worker, message_update(api, 7, "/start"), message_update(api, 8, "/start"))
    await wait_until(lambda: len(writes) >= 1 and len(worker.marks) == 0)
    written = sorted(update_id for batch in writes for update_id in batch)
    assert written == sorted(await states(store))  # both, without a stop
    assert set((await states(store)).values()) == {"done"}
    await worker.stop(30)


async def test_marks_not_yet_written_hold_their_slots(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A crash answers again only what was answered and not marked: never more than
    # MAX_IN_FLIGHT, however long marks cannot be written.
    worker, store = make_worker(app, clock)
    writable = asyncio.Event()
    finish = store.finish_updates

    async def held(update_ids: Any) -> None:
        await writable.wait()
        await finish(update_ids)

    monkeypatch.setattr(store, "finish_updates", held)
    people = range(1, MAX_IN_FLIGHT + 6)
    await deliver(worker, store, *(message_update(api, person, "/start") for person in people))
    await wait_until(lambda: sum(bool(api.sent(person)) for person in people) == MAX_IN_FLIGHT)
    await asyncio.sleep(0.2)  # time enough for any more to be answered
    assert sum(bool(api.sent(person)) for person in people) == MAX_IN_FLIGHT
    writable.set()
    await worker.stop(30)
    assert all(api.sent(person) for person in people)
    assert set((await states(store)).values()) == {"done"}


async def test_marks_of_a_batch_that_failed_to_store_are_written_later(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker, store, first = await one_mark_waiting(app, api, clock, monkeypatch)
    store_updates = store.store_updates

    async def unreachable_once(*args: Any, **kwargs: Any) -> Any:
        monkeypatch.setattr(store, "store_updates", store_updates)
        raise TimeoutError  # the database did not answer: nothing of this write landed

    monkeypatch.setattr(store, "store_updates", unreachable_once)
    second = inbox_update(message_update(api, 8, "/start"))
    assert second is not None
    assert await worker.take([second]) is None
    assert first in worker.marks  # waiting again, not lost
    await worker.stop(30)
    assert (await states(store))[first] == "done"


async def test_stopping_while_people_hear_of_an_outage_keeps_the_marks_once(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SIGTERM while a slow write has been given up on and people are being told: the
    # poller's take() is cancelled, and must end as cancelled, its marks queued once.
    worker, store, first = await one_mark_waiting(app, api, clock, monkeypatch)
    monkeypatch.setattr("bot.telegram.inbox.ANSWER_WITHIN_S", 0.01)
    store_updates = store.store_updates
    telling = asyncio.Event()

    async def hanging(*args: Any, **kwargs: Any) -> Any:
        await asyncio.Event().wait()

    async def away() -> bool:
        return False

    async def slow_tell(items: Any) -> None:
        telling.set()
        await asyncio.Event().wait()

    monkeypatch.setattr(store, "store_updates", hanging)
    monkeypatch.setattr(worker.database, "probe", away)
    monkeypatch.setattr(worker, "tell_all", slow_tell)
    second = inbox_update(message_update(api, 8, "/start"))
    assert second is not None
    taking = asyncio.create_task(worker.take([second]))
    await telling.wait()
    taking.cancel()
    with pytest.raises(asyncio.CancelledError):
        await taking
    assert len(worker.marks) == 1 and first in worker.marks
    monkeypatch.setattr(store, "store_updates", store_updates)
    await worker.stop(30)
    assert (await states(store))[first] == "done"


async def test_no_flusher_starts_after_stop(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock
) -> None:
    # A webhook request that finishes after stop() adds a mark: it waits for the next
    # explicit flush, with no task left running behind a closed store.
    worker, _store = make_worker(app, clock)
    await worker.stop(1)
    worker.marks.add(99, lambda: None)
    assert worker.marks._flusher is None
    await worker.marks.flush()
    assert len(worker.marks) == 0


async def test_a_write_that_keeps_failing_is_retried_with_a_pause(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A full disk: every write fails while pings still answer. The worker must not
    # retry in a tight loop (it once made 20,985 attempts a second).
    worker, store = make_worker(app, clock)
    attempts = 0
    pauses: list[float] = []
    real_sleep = asyncio.sleep

    async def failing(update_ids: Any) -> None:
        nonlocal attempts
        attempts += 1
        if attempts < 4:
            raise TimeoutError

    async def recorded_sleep(delay: float) -> None:
        pauses.append(delay)
        await real_sleep(0)

    monkeypatch.setattr(store, "finish_updates", failing)
    monkeypatch.setattr("bot.telegram.inbox.asyncio.sleep", recorded_sleep)
    await worker._write_marks([1])
    assert attempts == 4
    assert len(pauses) == 3 and min(pauses) > 0
