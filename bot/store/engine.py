"""Create the async engine: SQLite in WAL mode with a busy timeout, or PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

# How long a writer waits for another writer's lock before SQLite gives up.
# Long enough to ride out a burst of writes from a second process, short
# enough that a stuck lock is reported rather than hanging forever.
SQLITE_BUSY_TIMEOUT_S = 30


def create_engine(url: str) -> AsyncEngine:
    """Build an engine for `url`, creating the SQLite file's folder when needed."""
    parsed = make_url(url)
    # hide_parameters: a failed statement's parameters (a reflection, say) would
    # otherwise be part of the exception text, and so of the error log.
    if parsed.get_backend_name() != "sqlite":
        return create_async_engine(url, pool_pre_ping=True, hide_parameters=True)
    database = parsed.database or ""
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(
        url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S}, hide_parameters=True
    )
    event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    event.listen(engine.sync_engine, "begin", _begin_immediate)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control from the driver so _begin_immediate decides how
    # each transaction starts.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets readers proceed while one writer commits; busy_timeout makes a
    # locked database wait instead of failing with "database is locked".
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Deleted rows are overwritten, not just unlinked: /forget means gone from the file.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


READ_ONLY = "skillbot_read_only"


def _begin_immediate(conn: Connection) -> None:
    # A deferred transaction that reads and then writes fails at once with
    # "database is locked" when another process wrote in between (the busy
    # timeout does not apply to that upgrade). Taking the write lock up front
    # makes every read-modify-write wait its turn instead, which is also what
    # keeps two replicas from both advancing the same practice step.
    # Reads (marked READ_ONLY by the store) need no write lock and never wait for one.
    read_only = conn.get_execution_options().get(READ_ONLY, False)
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
