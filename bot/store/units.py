"""One transaction as one call: the store's hot paths in a single hop to the database.

With aiosqlite every driver call (cursor, execute, fetch, close, commit) is a round
trip to its worker thread: twelve for one button press, ~90 µs each here, which is
most of the press's time (docs/benchmarks.md). A unit of work is a plain function
of a synchronous Core `Connection` (no ORM session: its bookkeeping cost more than the
statements) with prebuilt statements; on SQLite it runs whole on a dedicated thread (one for
writes, one for reads) with the standard `sqlite3` driver, so a transaction costs one
hop however many statements it has. On PostgreSQL (asyncpg has no thread to hop to)
the same function runs through `AsyncConnection.run_sync` on the async engine, unchanged.

Both SQLite engines open the same file with the same pragmas; WAL lets them share it,
and every write still begins with BEGIN IMMEDIATE, so they queue for the write lock
exactly as two connections of one engine would.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from sqlalchemy import Connection, event
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store.engine import READ_ONLY, SQLITE_BUSY_TIMEOUT_S, begin_immediate, sqlite_pragmas

T = TypeVar("T")
Unit = Callable[[Connection], T]


class Units:
    """Runs units of work, each in one transaction: a write (BEGIN IMMEDIATE on SQLite)
    or a read (a deferred transaction that never waits for a writer)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._async_writes = engine
        self._async_reads = engine.execution_options(**{READ_ONLY: True})
        self._sync: Engine | None = None
        url = engine.url
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            self._sync = _sqlite_engine(url.render_as_string(hide_password=False))
            self._writes: Engine = self._sync
            self._reads: Engine = self._sync.execution_options(**{READ_ONLY: True})
            # Two threads, each keeping its own connection: writes queue for SQLite's
            # write lock (up to its busy timeout), and a read queued behind such a write
            # would wait too; on a thread of its own it never does.
            self._write_thread = ThreadPoolExecutor(1, thread_name_prefix="sqlite-write")
            self._read_thread = ThreadPoolExecutor(1, thread_name_prefix="sqlite-read")
            # Each thread's connection, kept checked out between units: the pool's
            # checkout and reset-on-return cost as much as a short unit (measured).
            self._held = threading.local()

    async def write(self, unit: Unit[T]) -> T:
        """Run `unit` in a transaction that may write; committed when it returns.

        Cancelled while it runs (a shutdown cutting an update short), it is rolled back
        rather than committed: its caller will not get to record what it did (an inbox
        done-mark, say), so the work must not happen either, as with an async driver.
        """
        if self._sync is None:
            async with self._async_writes.begin() as conn:
                return await conn.run_sync(unit)
        cancelled = threading.Event()
        future = asyncio.get_running_loop().run_in_executor(
            self._write_thread, _in_transaction, self._writes, self._held, unit, cancelled
        )
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            cancelled.set()
            # Nobody awaits the unit now: take its outcome when it ends, so an error
            # in it is not reported as "never retrieved".
            future.add_done_callback(lambda done: done.cancelled() or done.exception())
            raise

    async def read(self, unit: Unit[T]) -> T:
        """Run `unit` in a read-only transaction."""
        if self._sync is None:
            async with self._async_reads.begin() as conn:
                return await conn.run_sync(unit)
        return await asyncio.get_running_loop().run_in_executor(
            self._read_thread, _in_transaction, self._reads, self._held, unit, None
        )

    async def close(self) -> None:
        """Close the SQLite connections and their threads; units after this run on the
        async engine, as on PostgreSQL."""
        engine, self._sync = self._sync, None
        if engine is None:
            return
        loop = asyncio.get_running_loop()
        for thread in (self._write_thread, self._read_thread):
            # Each connection belongs to its thread: give it back there, without
            # blocking the event loop while queued units finish.
            await loop.run_in_executor(thread, _release, self._held, engine)
            thread.shutdown(wait=False)
        engine.dispose()


class _Cancelled(Exception):
    """Raised inside a unit's transaction to roll it back."""


def _in_transaction(
    engine: Engine, held: threading.local, unit: Unit[T], cancelled: threading.Event | None
) -> T:
    conn: Connection | None = getattr(held, "connection", None)
    if conn is None or conn.closed or conn.invalidated:
        conn = held.connection = engine.connect()
    with conn.begin():
        result = unit(conn)
        if cancelled is not None and cancelled.is_set():
            # Leaving the block with an error rolls the transaction back; the caller
            # was cancelled and awaits nothing (its done-callback takes the error).
            raise _Cancelled
        return result


def _release(held: threading.local, engine: Engine) -> None:
    conn: Connection | None = getattr(held, "connection", None)
    if conn is not None:
        conn.close()
        held.connection = None
    engine.pool.dispose()


def _sqlite_engine(async_url: str) -> Engine:
    url = make_url(async_url).set(drivername="sqlite+pysqlite")
    engine = create_sync_engine(
        url,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S},
        hide_parameters=True,
        pool_size=2,  # one connection for each thread
        max_overflow=0,
        pool_timeout=SQLITE_BUSY_TIMEOUT_S,
    )
    busy_ms = SQLITE_BUSY_TIMEOUT_S * 1000
    event.listen(engine, "connect", lambda conn, record: sqlite_pragmas(conn, busy_ms))
    event.listen(engine, "begin", begin_immediate)
    return engine
