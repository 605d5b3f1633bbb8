"""PostgreSQL's pooled connections: pinged only after sitting idle or after a failure, and a
pool whose connections the server dropped is replaced on the next use."""

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_connection
from sqlalchemy.exc import DBAPIError

from bot.store import Store
from bot.store import engine as engine_module
from bot.store.engine import create_engine
from tests.support.database import drop_every_other_connection
from tests.support.environment import PG_URL

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL is not set (CI sets it)"),
]


@pytest.fixture
def pings(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every ping the pool sends (a spy on the driver adapter: the real ping still runs)."""
    seen: list[object] = []
    ping = AsyncAdapt_asyncpg_connection.ping

    def counted(self: AsyncAdapt_asyncpg_connection) -> None:
        seen.append(self)
        ping(self)

    monkeypatch.setattr(AsyncAdapt_asyncpg_connection, "ping", counted)
    return seen


@pytest.fixture
async def pg_store(backend: str, migrated_database_url: str) -> AsyncIterator[Store]:
    if backend != "postgresql":
        pytest.skip("PostgreSQL's pool only")
    store = Store(create_engine(migrated_database_url))
    await store.register(1, 1)
    yield store
    await store.close()


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
async def test_a_connection_used_a_moment_ago_is_not_pinged(
    pg_store: Store, pings: list[object]
) -> None:
    for _ in range(5):
        assert await pg_store.get_user(1) is not None
    assert pings == []  # pool_pre_ping would have sent five (three round trips each)


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
async def test_after_a_restart_an_idle_pool_is_pinged_and_replaced(
    pg_store: Store, pings: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert await pg_store.get_user(1) is not None
    await drop_every_other_connection(pg_store)
    monkeypatch.setattr(engine_module, "PING_IF_IDLE_S", 0.0)  # as if a second had passed
    assert await pg_store.get_user(1) is not None  # the dead connection never got a statement
    assert pings


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
async def test_without_the_idle_ping_a_dropped_connection_fails_its_statement(
    pg_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the ping is for: the same restart, met a moment after the last use (however
    # slow the machine, never "idle").
    monkeypatch.setattr(engine_module, "PING_IF_IDLE_S", 3600.0)
    assert await pg_store.get_user(1) is not None
    await drop_every_other_connection(pg_store)
    with pytest.raises(DBAPIError):
        await pg_store.get_user(1)
    assert await pg_store.get_user(1) is not None  # invalidated, then replaced


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
async def test_a_connection_whose_statement_failed_is_pinged_before_its_next_use(
    pg_store: Store, pings: list[object]
) -> None:
    async with pg_store.engine.connect() as conn:
        with pytest.raises(DBAPIError):
            await conn.execute(text("SELECT 1/0"))
    assert await pg_store.get_user(1) is not None  # at once: not idle, but suspect
    assert len(pings) == 1
    assert await pg_store.get_user(1) is not None
    assert len(pings) == 1  # its use went well: trusted again


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
async def test_after_a_burst_the_connection_in_use_stays_warm(
    pg_store: Store, pings: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "PING_IF_IDLE_S", 0.5)
    # Sixteen at once open sixteen connections; then one at a time, 50 ms apart. Handed
    # out oldest first, each would have sat idle 16 x 50 ms and been pinged.
    await asyncio.gather(*(pg_store.get_user(1) for _ in range(16)))
    pings.clear()
    for _ in range(30):
        assert await pg_store.get_user(1) is not None
        await asyncio.sleep(0.05)
    assert len(pings) <= 2  # a stall of the machine may still idle one past 0.5 s
