"""Units of work on SQLite: one thread for writes, one for reads, cancellation rolls back."""

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text

from bot.store import Store
from bot.store.engine import create_engine


@pytest.fixture
async def sqlite_store(sqlite_url: str) -> AsyncIterator[Store]:
    store = Store(create_engine(sqlite_url))
    await store.migrate()
    await store.register(1, 1)
    yield store
    await store.close()


async def hold_the_write_lock(store: Store, release: asyncio.Event) -> None:
    """Another writer on the async engine, holding SQLite's write lock until released."""
    async with store.engine.begin() as conn:
        await conn.execute(text("UPDATE users SET chat_id = chat_id"))
        await release.wait()


async def test_a_read_never_queues_behind_a_write_waiting_for_the_lock(
    sqlite_store: Store,
) -> None:
    release = asyncio.Event()
    holder = asyncio.create_task(hold_the_write_lock(sqlite_store, release))
    await asyncio.sleep(0.1)  # the holder has BEGIN IMMEDIATE
    waiting = asyncio.create_task(sqlite_store.ensure_user(1, 2))  # queued for the lock
    await asyncio.sleep(0.1)
    person = await sqlite_store.get_user(1)  # answered while that write still waits
    assert person is not None and not waiting.done()
    release.set()
    await holder
    assert (await waiting).chat_id == 2


async def test_a_write_cancelled_while_it_waits_is_rolled_back(sqlite_store: Store) -> None:
    release = asyncio.Event()
    holder = asyncio.create_task(hold_the_write_lock(sqlite_store, release))
    await asyncio.sleep(0.1)
    write = asyncio.create_task(sqlite_store.ensure_user(1, 99))
    await asyncio.sleep(0.1)
    write.cancel()  # a shutdown cutting the update short: its caller records nothing
    with pytest.raises(asyncio.CancelledError):
        await write
    release.set()
    await holder
    await sqlite_store.finish_updates([12345])  # a write after it on the same thread: it has ended
    person = await sqlite_store.get_user(1)
    assert person is not None and person.chat_id == 1  # 99 was never committed


async def test_after_close_units_run_on_the_async_engine(sqlite_url: str) -> None:
    store = Store(create_engine(sqlite_url))
    await store.migrate()
    await store.register(1, 1)
    await store.close()
    person = await store.ensure_user(1, 3)  # no thread left: the async path, not an error
    assert person.chat_id == 3
    await store.close()
