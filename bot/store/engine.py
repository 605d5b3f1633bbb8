"""Create the async engine: SQLite in WAL mode with a busy timeout, or PostgreSQL."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import InvalidatePoolError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

# How long a writer waits for another writer's lock before SQLite gives up.
SQLITE_BUSY_TIMEOUT_S = 30
# A pooled PostgreSQL connection idle this long is pinged before use.
PING_IF_IDLE_S = 1.0
_IDLE_SINCE = "skillbot_idle_since"
_SUSPECT = "skillbot_failed_last_time"


@dataclass(frozen=True, slots=True)
class Timeouts:
    """How long one statement, and one connection attempt, may take before failing.

    Small, so a stuck or unreachable database fails fast and the person is told so
    rather than left waiting. They bound PostgreSQL (and the wait for a pooled
    connection everywhere). SQLite is a file on the same machine: it cannot be
    partitioned away, and a writer waiting for another's lock is busy, not gone (a
    read, and so the worker's ping, still answers meanwhile), so its lock wait keeps
    SQLITE_BUSY_TIMEOUT_S; measured with 1,000 people, a 2 s lock wait on a loaded
    machine failed writes that would have succeeded a moment later.
    """

    statement: float = 2.0
    connect: float = 2.0


def create_engine(url: str, timeouts: Timeouts | None = None) -> AsyncEngine:
    """Build an engine for `url`, creating the SQLite file's folder when needed."""
    timeouts = timeouts or Timeouts()
    parsed = make_url(url)
    # hide_parameters: a failed statement's parameters (a reflection, say) would
    # otherwise be part of the exception text, and so of the error log.
    if parsed.get_backend_name() != "sqlite":
        engine = create_async_engine(
            url,
            hide_parameters=True,
            # Room for every update in flight (16), the dispatcher, the inbox writes and
            # a ping, so no handler waits for a connection (measured: with the default
            # 5 + 10, waits under load ran into the pool timeout).
            pool_size=20,
            max_overflow=10,
            # The connection used last is handed out first, so after a burst the few in
            # steady use stay warm and the rest sit idle (and are pinged only if used).
            pool_use_lifo=True,
            # Waiting for a free pooled connection counts against the same budget.
            pool_timeout=timeouts.connect,
            # asyncpg's own timeouts run on the client, so they also end a statement
            # sent into a network partition, which a server-side timeout never sees.
            connect_args={"timeout": timeouts.connect, "command_timeout": timeouts.statement},
        )
        ping_idle_connections(engine)
        return engine
    database = parsed.database or ""
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(
        url,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S},
        hide_parameters=True,
        pool_timeout=SQLITE_BUSY_TIMEOUT_S,
    )
    busy_ms = SQLITE_BUSY_TIMEOUT_S * 1000
    event.listen(engine.sync_engine, "connect", lambda conn, record: sqlite_pragmas(conn, busy_ms))
    event.listen(engine.sync_engine, "begin", begin_immediate)
    return engine


def sqlite_pragmas(dbapi_connection: Any, busy_ms: int) -> None:
    # Take transaction control from the driver so begin_immediate decides how
    # each transaction starts.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets readers proceed while one writer commits; busy_timeout makes a
    # locked database wait (a little) instead of failing with "database is locked".
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Deleted rows are overwritten, not just unlinked: /forget means gone from the file.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def ping_idle_connections(engine: AsyncEngine) -> None:
    """Ping a pooled connection before use only if it sat idle PING_IF_IDLE_S or longer,
    or if its last use failed.

    SQLAlchemy's `pool_pre_ping` pings before every checkout, and on asyncpg a ping is
    three round trips (BEGIN, an empty query, ROLLBACK): more than the person's read
    it guards. A connection used without error within the last second is very unlikely
    to have died since; one that did fails its statement as a disconnect, which
    SQLAlchemy invalidates and the inbox tries again. One whose statement failed (a
    timeout in a network partition leaves asyncpg's connection unusable without
    closing it) is pinged however soon it is used again. After a server restart every
    pooled connection has sat idle, so the first one pinged fails and the whole pool is
    replaced, as with pre-ping.
    """

    def checked_in(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    def failed(context: ExceptionContext) -> None:
        if context.connection is not None and not context.connection.invalidated:
            note_failed_statement(context.connection)

    def checked_out(dbapi_connection: Any, record: ConnectionPoolEntry, proxy: Any) -> None:
        suspect = record.info.pop(_SUSPECT, False)
        idle_since = record.info.pop(_IDLE_SINCE, None)
        if idle_since is None or (not suspect and time.monotonic() - idle_since < PING_IF_IDLE_S):
            return  # fresh, or in use without error a moment ago
        try:
            dbapi_connection.ping()
        except Exception as error:
            # The pool replaces this connection and every one older than it.
            raise InvalidatePoolError() from error

    event.listen(engine.sync_engine, "handle_error", failed)
    event.listen(engine.sync_engine.pool, "checkin", checked_in)
    event.listen(engine.sync_engine.pool, "checkout", checked_out)


def note_failed_statement(conn: Connection) -> None:
    """Mark `conn` as one whose statement failed: pinged however soon it is used again
    (ping_idle_connections). Statements that bypass SQLAlchemy's execution (prepared.py)
    call this themselves."""
    conn.info[_SUSPECT] = True


READ_ONLY = "skillbot_read_only"


def begin_immediate(conn: Connection) -> None:
    # A deferred transaction that reads and then writes fails at once with
    # "database is locked" when another process wrote in between (the busy
    # timeout does not apply to that upgrade). Taking the write lock up front
    # makes every read-modify-write wait its turn instead, which is also what
    # keeps two replicas from both advancing the same practice step.
    conn.exec_driver_sql(begin_statement(conn))


def begin_statement(conn: Connection) -> str:
    """How a transaction on `conn` begins (see begin_immediate): reads (marked READ_ONLY
    by the store) need no write lock and never wait for one."""
    return "BEGIN" if conn.get_execution_options().get(READ_ONLY, False) else "BEGIN IMMEDIATE"
