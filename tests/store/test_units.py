"""Units of work on SQLite: on the loop unless the lock is taken, then one thread for
writes and one for reads; cancellation rolls back; the loop's commits are checkpointed.
On PostgreSQL: one transaction for Prepared and SQLAlchemy statements alike, and rolled
back when cancelled."""

import asyncio
import contextlib
import sqlite3
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, closing

import pytest
from sqlalchemy import Connection, bindparam, column, insert, select, table, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError

from bot.store import Store
from bot.store import units as units_module
from bot.store.engine import Timeouts, create_engine
from bot.store.prepared import Prepared
from bot.store.sessions import SESSIONS
from testkit.tcp_proxy import CuttableProxy
from tests.support.database import ONLY_POSTGRES, drop_every_other_connection


@pytest.fixture
async def sqlite_store(sqlite_url: str) -> AsyncIterator[Store]:
    store = Store(create_engine(sqlite_url))
    await store.migrate()
    await store.register(1, 1)
    yield store
    await store.close()


@asynccontextmanager
async def write_lock_held(store: Store) -> AsyncIterator[None]:
    """Another writer on the async engine holds SQLite's write lock inside the block."""
    held, release = asyncio.Event(), asyncio.Event()

    async def hold() -> None:
        async with store.engine.begin() as conn:
            await conn.execute(text("UPDATE users SET chat_id = chat_id"))
            held.set()
            await release.wait()

    holder = asyncio.create_task(hold())
    await held.wait()  # BEGIN IMMEDIATE and the update are through: the lock is taken
    try:
        yield
    finally:
        release.set()
        await holder


async def test_a_read_never_queues_behind_a_write_waiting_for_the_lock(
    sqlite_store: Store,
) -> None:
    async with write_lock_held(sqlite_store):
        waiting = asyncio.create_task(sqlite_store.ensure_user(1, 2))  # queued for the lock
        await asyncio.sleep(0.1)
        person = await sqlite_store.get_user(1)  # answered while that write still waits
        assert person is not None and not waiting.done()
    assert (await waiting).chat_id == 2


async def test_a_write_cancelled_while_it_waits_is_rolled_back(sqlite_store: Store) -> None:
    async with write_lock_held(sqlite_store):
        write = asyncio.create_task(sqlite_store.ensure_user(1, 99))
        await asyncio.sleep(0.1)
        write.cancel()  # a shutdown cutting the update short: its caller records nothing
        with pytest.raises(asyncio.CancelledError):
            await write
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


def _thread_of_unit() -> tuple[list[str], Callable[[Connection], None]]:
    threads: list[str] = []

    def unit(conn: Connection) -> None:
        threads.append(threading.current_thread().name)
        conn.execute(text("UPDATE users SET chat_id = chat_id + 1"))

    return threads, unit


async def test_a_write_runs_on_the_loop_unless_the_lock_is_taken(sqlite_store: Store) -> None:
    units = sqlite_store._units
    threads, unit = _thread_of_unit()
    await units.write(unit)  # nobody holds the lock: no hop to a thread
    assert threads == [threading.current_thread().name]

    async with write_lock_held(sqlite_store):
        waiting = asyncio.create_task(units.write(unit))
        await asyncio.sleep(0.1)
        assert not waiting.done()  # the loop did not wait: the write thread does
    await waiting
    assert threads[1].startswith("sqlite-write")


async def test_a_long_unit_runs_on_the_write_thread_when_asked(sqlite_store: Store) -> None:
    threads, unit = _thread_of_unit()
    await sqlite_store._units.write(unit, in_thread=True)  # a claim of hundreds of people
    assert threads[0].startswith("sqlite-write")


async def test_a_read_runs_on_the_loop_even_while_a_writer_holds_the_lock(
    sqlite_store: Store,
) -> None:
    threads: list[str] = []

    def unit(conn: Connection) -> int:
        threads.append(threading.current_thread().name)
        return len(conn.execute(text("SELECT user_id FROM users")).all())

    async with write_lock_held(sqlite_store):
        assert await sqlite_store._units.read(unit) == 1
    assert threads == [threading.current_thread().name]


async def test_a_one_statement_read_runs_outside_a_transaction(sqlite_store: Store) -> None:
    in_transaction: list[bool] = []

    def unit(conn: Connection) -> None:
        driver = conn.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        in_transaction.append(driver.in_transaction)

    await sqlite_store._units.read(unit)
    await sqlite_store._units.read(unit, one_statement=True)
    assert in_transaction == [True, False]  # no BEGIN was sent for the second


async def test_a_one_statement_read_through_sqlalchemy_leaves_no_snapshot_open(
    sqlite_store: Store,
) -> None:
    def chat_id(conn: Connection) -> int:
        # SQLAlchemy's execute begins a transaction of its own (autobegin); left open,
        # it would keep this connection reading the file as it was.
        return int(conn.execute(text("SELECT chat_id FROM users")).scalar_one())

    assert await sqlite_store._units.read(chat_id, one_statement=True) == 1
    await sqlite_store.ensure_user(1, 5)
    assert await sqlite_store._units.read(chat_id, one_statement=True) == 5


def _wal_pages(database: str) -> int:
    """Pages in the WAL since it last started over (a passive checkpoint reports them)."""
    with closing(sqlite3.connect(database)) as conn:
        _busy, pages, _copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    return int(pages)


@pytest.mark.parametrize(("every", "grows"), [(10, False), (10_000, True)])
async def test_the_loop_commits_are_checkpointed_on_the_write_thread(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, every: int, grows: bool
) -> None:
    # The loop's connection never checkpoints (that fsyncs); without the write thread's
    # checkpoints the WAL would only grow.
    monkeypatch.setattr(units_module, "CHECKPOINT_EVERY", every)
    store = Store(create_engine(sqlite_url))
    await store.migrate()
    await store.register(1, 1)
    _threads, unit = _thread_of_unit()
    try:
        for _ in range(300):
            await store._units.write(unit)
            await asyncio.sleep(0)  # let the loop see a checkpoint end
        # Counted while the store is open: the last connection to close empties the WAL.
        pages = await asyncio.to_thread(_wal_pages, make_url(sqlite_url).database or "")
    finally:
        await store.close()
    assert (pages >= 300) is grows, pages


async def test_the_write_after_a_checkpoint_goes_to_the_thread(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # It starts the WAL over, which fsyncs: not on the loop.
    monkeypatch.setattr(units_module, "CHECKPOINT_EVERY", 3)
    units = sqlite_store._units
    threads, unit = _thread_of_unit()
    for _ in range(3):
        await units.write(unit)
    checkpoint = units._checkpoint
    assert checkpoint is not None  # the third write started one
    await checkpoint
    await asyncio.sleep(0)  # its done-callback runs on the next turn of the loop
    await units.write(unit)
    await units.write(unit)
    loop_thread = threading.current_thread().name
    assert threads[:3] == [loop_thread] * 3
    assert threads[3].startswith("sqlite-write")
    assert threads[4] == loop_thread


# The failing insert, through SQLAlchemy's execute (its own transaction, autobegun inside
# the unit's) or a Prepared statement on the driver's cursor (the unit's alone).
_INSERTS: dict[str, Callable[[Connection], object]] = {
    "sqlalchemy": lambda conn: conn.exec_driver_sql("INSERT INTO child VALUES (404)"),
    "prepared": lambda conn: Prepared(
        insert(table("child", column("parent"))).values(parent=bindparam("parent"))
    ).rows(conn, {"parent": 404}),
}


@pytest.mark.parametrize("way", sorted(_INSERTS))
async def test_a_unit_whose_commit_failed_leaves_the_connection_usable(
    sqlite_store: Store, way: str
) -> None:
    # A deferred foreign key fails at COMMIT, after SQLite's transaction began: the
    # way a SQLITE_BUSY or a full disk at COMMIT fails, but on demand.
    async def write(statement: str) -> None:
        await sqlite_store._units.write(lambda conn: conn.exec_driver_sql(statement))

    await write("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
    await write(
        "CREATE TABLE child (parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)"
    )
    with pytest.raises(IntegrityError):
        await sqlite_store._units.write(_INSERTS[way])

    threads, unit = _thread_of_unit()
    await sqlite_store._units.write(unit)  # begins, on the same connection, and commits
    assert threads == [threading.current_thread().name]
    assert (await sqlite_store.get_user(1)).chat_id == 2  # type: ignore[union-attr]
    children = await sqlite_store._units.read(
        lambda conn: conn.exec_driver_sql("SELECT count(*) FROM child").scalar_one()
    )
    assert children == 0  # the failed insert was rolled back, not committed later


class _Undone(Exception):
    """Raised by a unit after its writes, to see them rolled back."""


_NOTE = Prepared(insert(table("note", column("n"))).values(n=bindparam("n")))


def _mixing(fails: bool) -> Callable[[Connection], None]:
    """A unit writing notes 1 and 3 through Prepared and 2 through SQLAlchemy, then, if
    `fails`, raising to see all three rolled back."""

    def unit(conn: Connection) -> None:
        _NOTE.rows(conn, {"n": 1})
        conn.execute(text("INSERT INTO note VALUES (2)"))
        _NOTE.rows(conn, {"n": 3})
        if fails:
            raise _Undone

    return unit


@pytest.mark.parametrize("in_thread", [False, True], ids=["loop", "thread"])
@pytest.mark.parametrize("fails", [False, True], ids=["returns", "raises"])
async def test_a_unit_mixing_prepared_and_sqlalchemy_writes_is_one_transaction(
    sqlite_store: Store, in_thread: bool, fails: bool
) -> None:
    # A Prepared write runs in the transaction the unit began on the driver; SQLAlchemy's
    # execute, after it, autobegins a transaction of its own, which must be that same one
    # (as in ensure_user), not a new BEGIN that first rolls the Prepared write back.
    await sqlite_store._units.write(
        lambda conn: conn.exec_driver_sql("CREATE TABLE note (n INTEGER)")
    )
    unit = _mixing(fails)
    if fails:
        with pytest.raises(_Undone):
            await sqlite_store._units.write(unit, in_thread=in_thread)
    else:
        await sqlite_store._units.write(unit, in_thread=in_thread)
    kept = await sqlite_store._units.read(
        lambda conn: conn.exec_driver_sql("SELECT n FROM note ORDER BY n").scalars().all()
    )
    assert kept == ([] if fails else [1, 2, 3])


def _commits_itself(conn: Connection) -> None:
    conn.execute(text("UPDATE users SET chat_id = 3"))
    conn.commit()
    conn.execute(text("UPDATE users SET chat_id = 4"))  # outside the unit's transaction


def _swallows_a_lost_connection(conn: Connection) -> None:
    conn.execute(text("UPDATE users SET chat_id = 3"))
    conn.invalidate()  # as a caught disconnect leaves it


@pytest.mark.parametrize("in_thread", [False, True], ids=["loop", "thread"])
@pytest.mark.parametrize("unit", [_commits_itself, _swallows_a_lost_connection])
async def test_a_unit_whose_transaction_ended_early_does_not_report_success(
    sqlite_store: Store, in_thread: bool, unit: Callable[[Connection], None]
) -> None:
    with pytest.raises(units_module.UnitEndedEarly):
        await sqlite_store._units.write(unit, in_thread=in_thread)
    # The connection serves the next unit.
    threads, tell = _thread_of_unit()
    await sqlite_store._units.write(tell, in_thread=in_thread)
    assert len(threads) == 1


# On PostgreSQL a unit runs in one greenlet on the async engine's synchronous engine.
on_postgres = pytest.mark.parametrize("backend", [ONLY_POSTGRES], indirect=True)


@pytest.fixture
async def pg_store(backend: str, migrated_database_url: str) -> AsyncIterator[Store]:
    store = Store(create_engine(migrated_database_url))
    await store.register(1, 1)
    await store._units.write(lambda conn: conn.exec_driver_sql("CREATE TABLE note (n INTEGER)"))
    yield store
    await store.close()


async def _notes(store: Store) -> list[int]:
    return list(
        await store._units.read(
            lambda conn: conn.exec_driver_sql("SELECT n FROM note ORDER BY n").scalars().all()
        )
    )


@on_postgres
@pytest.mark.parametrize("fails", [False, True], ids=["returns", "raises"])
async def test_on_postgres_a_unit_mixing_prepared_and_sqlalchemy_writes_is_one_transaction(
    pg_store: Store, fails: bool
) -> None:
    unit = _mixing(fails)
    if fails:
        with pytest.raises(_Undone):
            await pg_store._units.write(unit)
    else:
        await pg_store._units.write(unit)
    assert await _notes(pg_store) == ([] if fails else [1, 2, 3])


@on_postgres
@pytest.mark.parametrize("one_statement", [True, False], ids=["autocommit", "transaction"])
async def test_on_postgres_a_one_statement_write_runs_in_autocommit(
    pg_store: Store, one_statement: bool
) -> None:
    prepared = Prepared(insert(table("note", column("n"))).values(n=bindparam("n")))

    def unit(conn: Connection) -> object:
        prepared.rows(conn, {"n": 1})
        # The insert's transaction id, if the statement after it is still in its transaction.
        return conn.exec_driver_sql("SELECT pg_current_xact_id_if_assigned()").scalar()

    in_transaction = await pg_store._units.write(unit, one_statement=one_statement)
    assert (in_transaction is None) is one_statement
    assert await _notes(pg_store) == [1]


@on_postgres
async def test_on_postgres_a_unit_cancelled_mid_statement_is_rolled_back(
    pg_store: Store,
) -> None:
    prepared = Prepared(insert(table("note", column("n"))).values(n=bindparam("n")))
    started = asyncio.Event()

    def unit(conn: Connection) -> None:
        prepared.rows(conn, {"n": 1})
        started.set()
        conn.exec_driver_sql("SELECT pg_sleep(5)")

    write = asyncio.create_task(pg_store._units.write(unit))
    await started.wait()
    await asyncio.sleep(0.1)  # the sleep is on the server
    write.cancel()  # a shutdown cutting the update short: its caller records nothing
    with pytest.raises(asyncio.CancelledError):
        await write
    assert await _notes(pg_store) == []  # and the pool's connections serve the next unit
    await pg_store._units.write(lambda conn: prepared.rows(conn, {"n": 2}))
    assert await _notes(pg_store) == [2]


@asynccontextmanager
async def through_proxy(
    store_url: str, delay_s: float = 0.0
) -> AsyncIterator[tuple[CuttableProxy, str]]:
    """A proxy between the store and PostgreSQL (a network to cut or slow), and the URL
    that goes through it."""
    url = make_url(store_url)
    proxy = CuttableProxy(url.host or "127.0.0.1", url.port or 5432, delay_s)
    proxy.start()
    try:
        yield proxy, url.set(host="127.0.0.1", port=proxy.port).render_as_string(False)
    finally:
        await asyncio.to_thread(proxy.close)  # it runs its own loop to the end


async def _committed_steps(url: str, session_id: int) -> int:
    """The step as another connection sees it: what was committed."""
    outside = Store(create_engine(url))
    try:
        session = await outside.get_session(session_id)
        assert session is not None
        return session.step
    finally:
        await outside.close()


_SET_STEP = Prepared(
    update(SESSIONS).where(SESSIONS.c.id == bindparam("id")).values(step=bindparam("step"))
)


@on_postgres
async def test_on_postgres_a_unit_cancelled_while_it_begins_leaves_no_transaction_behind(
    migrated_database_url: str,
) -> None:
    # Cancelled while its BEGIN is on the wire, the server's transaction may have begun
    # when asyncpg's never finished starting: kept, every later unit on that connection
    # would run inside it and never commit.
    async with through_proxy(migrated_database_url, delay_s=0.05) as (_, slow_url):
        store = Store(create_engine(slow_url))
        try:
            await store.register(1, 1)
            session, _ = await store.start_session(1, "Repair")
            write = asyncio.create_task(
                store._units.write(
                    lambda conn: _SET_STEP.rows(conn, {"id": session.id, "step": 9})
                )
            )
            await asyncio.sleep(0.07)  # the BEGIN reached the server; its answer has not
            write.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await write
            for step in (1, 2):
                await store._units.write(
                    lambda conn, step=step: _SET_STEP.rows(conn, {"id": session.id, "step": step})
                )
                assert await _committed_steps(migrated_database_url, session.id) == step
        finally:
            await store.close()


@on_postgres
@pytest.mark.parametrize("prepared", [True, False], ids=["prepared", "sqlalchemy"])
async def test_on_postgres_a_unit_timed_out_while_it_begins_leaves_no_transaction_behind(
    migrated_database_url: str, prepared: bool
) -> None:
    async with through_proxy(migrated_database_url) as (proxy, url):
        store = Store(create_engine(url, Timeouts(statement=0.3, connect=2.0)))
        try:
            await store.register(1, 1)
            session, _ = await store.start_session(1, "Repair")

            def set_step(step: int) -> Callable[[Connection], object]:
                if prepared:
                    return lambda conn: _SET_STEP.rows(conn, {"id": session.id, "step": step})
                statement = update(SESSIONS).where(SESSIONS.c.id == session.id)
                return lambda conn: conn.execute(statement.values(step=step))

            proxy.cut()  # a partition: BEGIN goes out and nothing comes back
            with pytest.raises(TimeoutError):
                await store._units.write(set_step(9))
            proxy.heal()
            for step in (1, 2):
                await store._units.write(set_step(step))
                assert await _committed_steps(migrated_database_url, session.id) == step
        finally:
            await store.close()


@on_postgres
async def test_on_postgres_a_restart_seen_by_a_prepared_statement_replaces_the_whole_pool(
    migrated_database_url: str,
) -> None:
    store = Store(create_engine(migrated_database_url))
    try:
        await store.register(1, 1)
        read = Prepared(select(SESSIONS.c.id).where(SESSIONS.c.user_id == bindparam("id")))

        def slowly(conn: Connection) -> None:
            read.rows(conn, {"id": 1})
            conn.exec_driver_sql("SELECT pg_sleep(0.05)")

        await asyncio.gather(*(store._units.write(slowly) for _ in range(5)))  # five in the pool
        await drop_every_other_connection(store)
        with pytest.raises(DBAPIError) as lost:
            await store._units.write(lambda conn: read.rows(conn, {"id": 1}))
        assert lost.value.connection_invalidated
        # Used a moment ago, the other four are not pinged: they were replaced with it.
        await asyncio.gather(*(store._units.write(slowly) for _ in range(5)))
    finally:
        await store.close()
