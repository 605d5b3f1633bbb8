"""One transaction as one call: the store's hot paths, with no hop on SQLite's quiet path.

With aiosqlite every driver call (cursor, execute, fetch, close, commit) is a round
trip to its worker thread: twelve for one button press, ~90 µs each here, which is
most of the press's time (docs/benchmarks.md). A unit of work is a plain function
of a synchronous Core `Connection` (no ORM session: its bookkeeping cost more than the
statements) with prebuilt statements. On PostgreSQL (asyncpg has no thread to hop to)
the function runs in one greenlet (`greenlet_spawn`, what `AsyncConnection.run_sync`
runs on) on the async engine's own synchronous engine: the pool checkout, BEGIN, the
statements, COMMIT and the checkin in one switch into SQLAlchemy's synchronous code,
where an `AsyncConnection` (its `begin`, `run_sync` and `close`) took four, and cost a
unit of four round trips about a third of its time (docs/benchmarks.md, "Seventh
session").

On SQLite, with the standard `sqlite3` driver, a unit first runs right on the event loop,
on a connection that never waits: its busy timeout is 0 and it never checkpoints. A unit
is a few statements on a local file (0.05–0.15 ms), while handing it to a thread and
back costs more than that (waking the thread, then the loop: ~0.15 ms a hop, measured in
docs/benchmarks.md). What can take long stays off the loop:
- a write that finds the write lock taken (another replica, the dispatcher, a unit
  queued on the thread) fails at once with SQLITE_BUSY, before the unit ran, and goes
  to the write thread, which waits its turn for up to the busy timeout;
- a read that meets SQLITE_BUSY (rare in WAL: a recovery) goes to the read thread;
- checkpoints, which fsync: the loop's connection never runs one on commit; every
  CHECKPOINT_EVERY commits a passive checkpoint (one that waits for no reader) runs on
  the write thread instead, and writes queue behind it there until it is done, and
  the first write after it (which starts the WAL over, and fsyncs) runs there too.

All the SQLite connections open the same file with the same pragmas; WAL lets them share
it, and every write begins with BEGIN IMMEDIATE, so they queue for the write lock exactly
as two connections of one engine would.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from sqlalchemy import Connection, event
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.util import greenlet_spawn  # what `AsyncConnection.run_sync` runs on

from bot.store.engine import READ_ONLY, SQLITE_BUSY_TIMEOUT_S, begin_statement, sqlite_pragmas
from bot.store.prepared import driver_errors

T = TypeVar("T")
Unit = Callable[[Connection], T]

log = logging.getLogger(__name__)

# SQLite's own default is a checkpoint once the WAL holds 1,000 pages; a press or a
# stored update writes a few pages, so this keeps the WAL about as short.
CHECKPOINT_EVERY = 200
# A WAL this far behind (about 100 MB of 4 KB pages) is worth an operator's look.
WAL_PAGES_WARN = 25_000


class Units:
    """Runs units of work, each in one transaction: a write (BEGIN IMMEDIATE on SQLite)
    or a read (a deferred transaction that never waits for a writer)."""

    def __init__(self, engine: AsyncEngine) -> None:
        # The async engine's own synchronous engine, run in a greenlet (see above).
        under = engine.sync_engine
        self._greenlet_writes: Engine = under
        self._greenlet_single: Engine = under
        self._greenlet_reads: Engine = under.execution_options(**{READ_ONLY: True})
        url = engine.url
        if url.get_backend_name() == "postgresql":
            # A unit of one statement runs in autocommit: no BEGIN and COMMIT round trips
            # around it, and the statement is atomic on its own. Reads see what they would
            # in a transaction (READ COMMITTED takes a snapshot per statement).
            autocommit = under.execution_options(isolation_level="AUTOCOMMIT")
            self._greenlet_single = self._greenlet_reads = autocommit
        self._sync: Engine | None = None
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            database = url.render_as_string(hide_password=False)
            self._sync = _sqlite_engine(database, SQLITE_BUSY_TIMEOUT_S)
            self._writes: Engine = self._sync
            self._reads: Engine = self._sync.execution_options(**{READ_ONLY: True})
            # Never waits: not for the write lock (busy timeout 0), not for a pooled
            # connection (it holds one for writes and one for reads, never more).
            self._on_loop = _sqlite_engine(database, 0, checkpoints=False)
            self._loop_writes: Engine = self._on_loop
            self._loop_reads: Engine = self._on_loop.execution_options(**{READ_ONLY: True})
            # The loop's two connections (BEGIN IMMEDIATE for writes, BEGIN for reads),
            # kept like the threads' own.
            self._loop_write_held = threading.local()
            self._loop_read_held = threading.local()
            self._loop_commits = 0
            self._checkpoint: asyncio.Future[int] | None = None
            # The first write after a checkpoint starts the WAL over, and that fsyncs:
            # it goes to the write thread too.
            self._wal_restart_due = False
            self._wal_warned = False
            # Two threads, each keeping its own connection: writes queue for SQLite's
            # write lock (up to its busy timeout), and a read queued behind such a write
            # would wait too; on a thread of its own it never does.
            self._write_thread = ThreadPoolExecutor(1, thread_name_prefix="sqlite-write")
            self._read_thread = ThreadPoolExecutor(1, thread_name_prefix="sqlite-read")
            # Each thread's connection, kept checked out between units: the pool's
            # checkout and reset-on-return cost as much as a short unit (measured).
            self._held = threading.local()

    async def write(
        self, unit: Unit[T], *, one_statement: bool = False, in_thread: bool = False
    ) -> T:
        """Run `unit` in a transaction that may write; committed when it returns.

        `in_thread`: on SQLite, straight to the write thread even when the lock is free,
        for a unit long enough to hold up the event loop (a claim of hundreds of people).

        `one_statement`: the unit runs a single statement, so on PostgreSQL it needs no
        transaction around it (two round trips fewer). Only for a statement harmless to
        run twice, or one whose caller copes with the other risk: one cut off by a
        client timeout may still commit on the server, and without a transaction there
        is no COMMIT left to withhold (the inbox's store: bot/telegram/inbox.py,
        `UnsureWrites`).

        Cancelled while it runs (a shutdown cutting an update short), it is rolled back
        rather than committed: its caller will not get to record what it did (an inbox
        done-mark, say), so the work must not happen either, as with an async driver. A
        cancel that comes after the unit returned, while its COMMIT runs, is too late:
        the work is kept, and the update, not marked done, is handled again after the
        restart, where its step finds itself moved already (see docs/reliability.md).
        """
        if self._sync is None:
            engine = self._greenlet_single if one_statement else self._greenlet_writes
            return await greenlet_spawn(_in_engine_transaction, engine, unit)
        # While a checkpoint runs, writes queue behind it on the write thread: frames
        # added meanwhile would keep it from finishing, and the WAL from starting over.
        if self._checkpoint is None and not self._wal_restart_due and not in_thread:
            result = _on_loop(self._loop_writes, self._loop_write_held, unit, anywhere=False)
            if not isinstance(result, _Busy):
                self._committed_on_loop()
                return result
        cancelled = threading.Event()
        future = asyncio.get_running_loop().run_in_executor(
            self._write_thread, _in_transaction, self._writes, self._held, unit, cancelled
        )
        try:
            result = await asyncio.shield(future)
            self._wal_restart_due = False
            return result
        except asyncio.CancelledError:
            cancelled.set()
            # Nobody awaits the unit now: take its outcome when it ends, so an error
            # in it is not reported as "never retrieved".
            future.add_done_callback(lambda done: done.cancelled() or done.exception())
            raise

    async def read(self, unit: Unit[T], *, one_statement: bool = False) -> T:
        """Run `unit`, which only reads: a read-only transaction on SQLite, autocommit on
        PostgreSQL, where each statement sees the data as it is when that statement
        starts: reads that must agree with each other belong in one statement.

        `one_statement`: the unit runs a single statement, so on SQLite too it needs no
        transaction around it (a statement on its own is one, with its own snapshot):
        no BEGIN, no COMMIT, none of SQLAlchemy's transaction bookkeeping, which cost
        as much as the read itself (docs/benchmarks.md, "One-statement read").
        """
        if self._sync is None:
            return await greenlet_spawn(_in_engine_transaction, self._greenlet_reads, unit)
        if one_statement:
            result = _alone_on_loop(self._loop_reads, self._loop_read_held, unit)
        else:
            result = _on_loop(self._loop_reads, self._loop_read_held, unit, anywhere=True)
        if not isinstance(result, _Busy):
            return result
        return await asyncio.get_running_loop().run_in_executor(
            self._read_thread, _in_transaction, self._reads, self._held, unit, None
        )

    def _committed_on_loop(self) -> None:
        self._loop_commits += 1
        if self._loop_commits % CHECKPOINT_EVERY or self._checkpoint is not None:
            return
        self._checkpoint = asyncio.get_running_loop().run_in_executor(
            self._write_thread, _checkpoint, self._writes, self._held
        )
        self._checkpoint.add_done_callback(self._checkpointed)

    def _checkpointed(self, done: asyncio.Future[int]) -> None:
        self._checkpoint = None
        self._wal_restart_due = True
        if done.cancelled():
            return
        if (error := done.exception()) is not None:
            # The WAL only grows meanwhile; the next checkpoint (or the last
            # connection's close) catches up. The error names no person.
            log.warning("SQLite checkpoint failed: %s", type(error).__name__)
            return
        # A long-running reader (another process's, say) keeps a checkpoint from
        # finishing, and the WAL, which every read searches, from starting over.
        behind = done.result()
        if behind > WAL_PAGES_WARN and not self._wal_warned:
            log.warning("SQLite WAL holds %d pages a checkpoint could not copy yet", behind)
        self._wal_warned = behind > WAL_PAGES_WARN

    async def close(self) -> None:
        """Close the SQLite connections and their threads; units after this run on the
        async engine's pool, as on PostgreSQL."""
        engine, self._sync = self._sync, None
        if engine is None:
            return
        for held in (self._loop_write_held, self._loop_read_held):
            _release(held, self._on_loop)
        loop = asyncio.get_running_loop()
        for thread in (self._write_thread, self._read_thread):
            # Each connection belongs to its thread: give it back there, without
            # blocking the event loop while queued units finish.
            await loop.run_in_executor(thread, _release, self._held, engine)
            thread.shutdown(wait=False)
        engine.dispose()


class UnitEndedEarly(RuntimeError):
    """A unit's transaction was gone when it returned: a programming error in the unit.
    What it did before ending the transaction itself may be committed already; what
    came after, or all of it when the connection was lost, is not."""


class _Cancelled(Exception):
    """Raised inside a unit's transaction to roll it back."""


class _Busy:
    """What `_on_loop` returns when SQLite's lock was taken and the unit did not run."""


_BUSY = _Busy()


def _in_engine_transaction(engine: Engine, unit: Unit[T]) -> T:
    """Check a connection out of `engine`, run `unit` in a transaction SQLAlchemy begins
    (committed when it returns, rolled back when it raises, a cancel included), and
    check the connection back in: inside a greenlet, where the driver's awaits happen."""
    with engine.begin() as conn:
        return unit(conn)


def _connection(engine: Engine, held: threading.local) -> Connection:
    """The connection this thread (or the loop) keeps checked out of `engine`."""
    conn: Connection | None = getattr(held, "connection", None)
    if conn is None or conn.closed or conn.invalidated:
        conn = held.connection = engine.connect()
    return conn


def _on_loop(engine: Engine, held: threading.local, unit: Unit[T], *, anywhere: bool) -> T | _Busy:
    """Run `unit` on a connection that never waits; _BUSY when the lock was taken.

    A write meets SQLITE_BUSY only at BEGIN IMMEDIATE, before the unit ran; one met
    later is an error like any other (the unit may have run). A read (`anywhere`) may
    meet it at its first statement, and running a read again is harmless.
    """
    conn = _connection(engine, held)
    try:
        _begin(conn)
    except OperationalError as error:
        if _busy(error):
            return _BUSY
        raise
    try:
        return _run_and_commit(conn, unit)
    except OperationalError as error:
        if anywhere and _busy(error):
            return _BUSY
        raise


def _alone_on_loop(engine: Engine, held: threading.local, unit: Unit[T]) -> T | _Busy:
    """Run `unit`, a single read, outside any transaction (SQLite's autocommit: the
    driver's isolation level is None, see sqlite_pragmas); _BUSY as in `_on_loop`.

    A Prepared statement runs on the driver's cursor and begins nothing. Anything run
    through SQLAlchemy's own `execute` would begin a transaction (autobegin), which is
    ended here, so the next unit on this connection starts clean either way.
    """
    conn = _connection(engine, held)
    try:
        with driver_errors(conn, "ROLLBACK"):
            _end_left_open(conn)
        return unit(conn)
    except OperationalError as error:
        if _busy(error):
            return _BUSY
        raise
    finally:
        if conn.in_transaction():
            conn.rollback()


def _in_transaction(
    engine: Engine, held: threading.local, unit: Unit[T], cancelled: threading.Event | None
) -> T:
    conn = _connection(engine, held)
    _begin(conn)

    def checked(conn: Connection) -> T:
        result = unit(conn)
        if cancelled is not None and cancelled.is_set():
            # An error rolls the transaction back; the caller was cancelled and awaits
            # nothing (its done-callback takes the error).
            raise _Cancelled
        return result

    return _run_and_commit(conn, checked)


# Set in a connection's `info` while a unit's transaction, begun on the driver, is open.
_UNIT_OPEN = "skillbot_unit_open"


def _begin(conn: Connection) -> None:
    """Begin a unit's transaction on the driver's own connection.

    Through SQLAlchemy (`Connection.begin`, its events, its transaction object and its
    commit) a transaction cost as much Python as the press's statements themselves
    (docs/benchmarks.md, "Driver transactions"); the statements a unit runs through
    `Prepared` never needed SQLAlchemy's. A unit that does run SQLAlchemy's `execute`
    makes it begin a transaction of its own (autobegin): `_begin_on_driver` sees this
    one open and sends nothing, and `_run_and_commit` ends it with SQLAlchemy's commit,
    which is the driver's.
    """
    begin = begin_statement(conn)
    with driver_errors(conn, begin):
        _end_left_open(conn).execute(begin)


def _end_left_open(conn: Connection) -> sqlite3.Connection:
    """The driver's connection, with any transaction left open on it rolled back.

    A COMMIT or ROLLBACK that failed (SQLITE_BUSY, a full disk) leaves SQLite's
    transaction open; these connections stay checked out, so no reset on return would
    end it: ended here, or no unit could begin again, and a read would keep seeing the
    file as it was then."""
    driver = _driver(conn)
    if driver.in_transaction:
        driver.rollback()
    return driver


def _run_and_commit(conn: Connection, unit: Unit[T]) -> T:
    """Run `unit` in the transaction `_begin` opened; commit it, or roll it back on any
    error (a cancel included)."""
    # The pooled connection's own dict, held here: a unit whose connection was lost
    # (invalidated) must not meet a reconnect, or its error, when the flag comes down.
    info = conn.info
    info[_UNIT_OPEN] = True
    try:
        result = unit(conn)
    except BaseException:
        info[_UNIT_OPEN] = False
        _roll_back(conn)
        raise
    info[_UNIT_OPEN] = False
    if conn.invalidated or not _driver(conn).in_transaction:
        # The unit swallowed an error that lost the connection, or ended the transaction
        # itself: what it did was not all in the one transaction there is to commit, and
        # reporting success could hide lost work.
        _roll_back(conn)
        raise UnitEndedEarly("the unit's transaction ended before its commit")
    try:
        if conn.in_transaction():
            conn.commit()
        else:
            with driver_errors(conn, "COMMIT"):
                _driver(conn).commit()
    except BaseException:
        # A COMMIT that failed (SQLITE_BUSY, a full disk, a deferred constraint) leaves
        # SQLite's transaction open, and SQLAlchemy's waiting for a rollback.
        _roll_back(conn)
        raise
    return result


def _roll_back(conn: Connection) -> None:
    if conn.invalidated:
        return  # the driver's connection is gone, and its transaction with it
    if conn.get_transaction() is not None:  # SQLAlchemy's, active or failed
        conn.rollback()
        return
    with driver_errors(conn, "ROLLBACK"):
        _driver(conn).rollback()


def _driver(conn: Connection) -> sqlite3.Connection:
    driver = conn.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


def _busy(error: OperationalError) -> bool:
    """SQLITE_BUSY (or one of its extended codes): another connection holds the lock."""
    orig = error.orig
    return isinstance(orig, sqlite3.OperationalError) and orig.sqlite_errorcode & 0xFF == 5


def _checkpoint(engine: Engine, held: threading.local) -> int:
    """Copy what no reader still needs from the WAL into the file, waiting for nobody
    (PASSIVE); return how many pages of the WAL it could not copy."""
    conn = _connection(engine, held)
    # On the driver's connection, in autocommit (sqlite_pragmas): SQLAlchemy's would
    # begin a transaction first, and SQLite checkpoints none from inside one.
    driver = conn.connection.driver_connection
    assert driver is not None  # a connection checked out of the pool has one
    _busy_flag, in_wal, copied = driver.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    return max(0, int(in_wal) - int(copied))


def _release(held: threading.local, engine: Engine) -> None:
    conn: Connection | None = getattr(held, "connection", None)
    if conn is not None:
        conn.close()
        held.connection = None
    engine.pool.dispose()


def _sqlite_engine(async_url: str, busy_timeout_s: int, *, checkpoints: bool = True) -> Engine:
    """A synchronous engine on the same file: `busy_timeout_s` 0 fails at once when the
    write lock is taken (and at once when no pooled connection is free);
    `checkpoints` False leaves checkpoints to another connection."""
    url = make_url(async_url).set(drivername="sqlite+pysqlite")
    engine = create_sync_engine(
        url,
        connect_args={"timeout": busy_timeout_s},
        hide_parameters=True,
        pool_size=2,  # one connection for writes, one for reads
        max_overflow=0,
        pool_timeout=busy_timeout_s,
    )
    busy_ms = busy_timeout_s * 1000

    def connected(dbapi_connection: Any, record: object) -> None:
        sqlite_pragmas(dbapi_connection, busy_ms)
        if not checkpoints:
            dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")

    event.listen(engine, "connect", connected)
    event.listen(engine, "begin", _begin_on_driver)
    return engine


def _begin_on_driver(conn: Connection) -> None:
    # SQLAlchemy begins a transaction (a unit's `execute`, or `Connection.begin`): send
    # begin_immediate's statement on the driver's own connection (through
    # exec_driver_sql a BEGIN costs as much Python as a statement), unless the unit's
    # own transaction is open already (`_begin`).
    if conn.info.get(_UNIT_OPEN):
        return
    _begin(conn)
