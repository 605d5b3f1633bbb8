"""One transaction as one call: the store's hot paths in a single hop to the database.

With aiosqlite every driver call (cursor, execute, fetch, close, commit) is a round
trip to its worker thread: twelve for one button press, ~90 µs each here, which is
most of the press's time (docs/benchmarks.md). A unit of work is a plain function
of a synchronous `Session`; on SQLite it runs whole on one dedicated thread with the
standard `sqlite3` driver, so a transaction costs one hop however many statements it
has. On PostgreSQL (asyncpg has no thread to hop to) the same function runs through
`AsyncSession.run_sync` on the async engine, unchanged.

Both SQLite engines open the same file with the same pragmas; WAL lets them share it,
and every write still begins with BEGIN IMMEDIATE, so they queue for the write lock
exactly as two connections of one engine would.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlalchemy.orm import Session, sessionmaker

from bot.store.engine import READ_ONLY, SQLITE_BUSY_TIMEOUT_S, begin_immediate, sqlite_pragmas

T = TypeVar("T")
Unit = Callable[[Session], T]


class Units:
    """Runs units of work, each in one transaction: a write (BEGIN IMMEDIATE on SQLite)
    or a read (a deferred transaction that never waits for a writer)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._async_writes = async_sessionmaker(engine, expire_on_commit=False)
        self._async_reads = async_sessionmaker(
            engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False
        )
        self._thread: ThreadPoolExecutor | None = None
        self._sync: Engine | None = None
        url = engine.url
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            self._sync = _sqlite_engine(url.render_as_string(hide_password=False))
            self._writes = sessionmaker(self._sync, expire_on_commit=False)
            self._reads = sessionmaker(
                self._sync.execution_options(**{READ_ONLY: True}), expire_on_commit=False
            )
            # One thread: a unit never waits for a free thread, and the connection it
            # uses stays on the thread that made it.
            self._thread = ThreadPoolExecutor(1, thread_name_prefix="sqlite-unit")

    async def write(self, unit: Unit[T]) -> T:
        """Run `unit` in a transaction that may write; committed when it returns."""
        if self._thread is None:
            async with self._async_writes() as session, session.begin():
                return await session.run_sync(unit)
        return await asyncio.get_running_loop().run_in_executor(
            self._thread, _in_transaction, self._writes, unit
        )

    async def read(self, unit: Unit[T]) -> T:
        """Run `unit` in a read-only transaction."""
        if self._thread is None:
            async with self._async_reads() as session, session.begin():
                return await session.run_sync(unit)
        return await asyncio.get_running_loop().run_in_executor(
            self._thread, _in_transaction, self._reads, unit
        )

    def close(self) -> None:
        """Close the SQLite connection and its thread (nothing to do on PostgreSQL)."""
        if self._thread is not None:
            # The connection belongs to the unit thread: dispose of it there.
            if self._sync is not None:
                self._thread.submit(self._sync.dispose).result()
            self._thread.shutdown(wait=True)
            self._thread = None


def _in_transaction(sessions: sessionmaker[Session], unit: Unit[T]) -> T:
    with sessions.begin() as session:
        return unit(session)


def _sqlite_engine(async_url: str) -> Engine:
    url = make_url(async_url).set(drivername="sqlite+pysqlite")
    engine = create_sync_engine(
        url,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S},
        hide_parameters=True,
        pool_size=1,
        max_overflow=0,
        pool_timeout=SQLITE_BUSY_TIMEOUT_S,
    )
    busy_ms = SQLITE_BUSY_TIMEOUT_S * 1000
    event.listen(engine, "connect", lambda conn, record: sqlite_pragmas(conn, busy_ms))
    event.listen(engine, "begin", begin_immediate)
    return engine
