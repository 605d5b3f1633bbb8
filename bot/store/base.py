"""What every part of the store shares: the engine, transactions and the clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta
from typing import Any, Self

from sqlalchemy import text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from bot.domain.models import Clock, utc_now
from bot.domain.schedule import spread_offset
from bot.store.engine import READ_ONLY, Timeouts, create_engine
from bot.store.units import Units

# The newest migration (bot/store/migrations/versions; a test keeps it Alembic's head). A
# database already there is opened without Alembic: importing it and reading every
# migration script cost more than the rest of a restart's opening of the store (0.2 s,
# docs/benchmarks.md), and every test's copy of a migrated database paid it too.
HEAD_REVISION = "0013"


@dataclass(frozen=True, slots=True)
class UserDefaults:
    """Settings a new person starts with."""

    timezone: str = "UTC"
    reminder_time: time = time(9, 0)


class StoreBase:
    """The engine, the clock and transaction helpers the store's parts build on."""

    def __init__(
        self,
        engine: AsyncEngine,
        defaults: UserDefaults | None = None,
        clock: Clock = utc_now,
        *,
        spread_minutes: int = 0,
    ) -> None:
        self.engine = engine
        self.defaults = defaults or UserDefaults()
        self.clock = clock
        # The operator's NUDGE_SPREAD_MINUTES: every next nudge time the store sets keeps
        # the person's offset within it (schedule.spread_offset).
        self.spread_minutes = spread_minutes
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._read_engine = engine.execution_options(**{READ_ONLY: True})
        self._reads = async_sessionmaker(self._read_engine, expire_on_commit=False)
        # The hot paths (a press, the inbox) as one call each: see bot/store/units.py.
        self._units = Units(engine)

    @classmethod
    def from_url(
        cls,
        url: str,
        defaults: UserDefaults | None = None,
        clock: Clock = utc_now,
        timeouts: Timeouts | None = None,
        *,
        spread_minutes: int = 0,
    ) -> Self:
        """Build a store for a database URL (async driver already chosen)."""
        return cls(create_engine(url, timeouts), defaults, clock, spread_minutes=spread_minutes)

    def shift_of(self, user_id: int) -> timedelta:
        """This person's offset from their chosen nudge time under the spread window."""
        return spread_offset(user_id, self.spread_minutes)

    async def migrate(self) -> None:
        """Apply every pending migration."""
        if await self._at_head():
            return
        from bot.store import migrate  # Alembic is only needed here, once, at start-up

        await migrate.upgrade(self.engine)

    async def _at_head(self) -> bool:
        """Whether the database is at HEAD_REVISION already: one row, read without
        Alembic. False when the statement fails (no version table yet): Alembic then
        migrates, or says what is wrong. A database that cannot be reached raises, as
        Alembic's own connection would."""
        try:
            async with self._read_connection() as conn:
                found = await conn.scalars(text("SELECT version_num FROM alembic_version"))
                return list(found) == [HEAD_REVISION]
        except DBAPIError:
            return False

    async def ping(self) -> None:
        """Raise when the database cannot be reached (never waits for a writer)."""
        async with self._read_connection() as conn:
            await conn.execute(text("SELECT 1"))

    def _read_connection(self) -> AsyncConnection:
        # A read needs no write lock: on SQLite it begins a deferred transaction
        # instead of BEGIN IMMEDIATE, so it never queues behind a writer.
        return self._read_engine.connect()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Release every pooled connection."""
        await self._units.close()
        await self.engine.dispose()

    def _session(self) -> AsyncSession:
        # Never await a unit write (self._units) inside one of these write transactions:
        # on SQLite the unit's thread would queue for the lock this transaction holds,
        # for the whole busy timeout.
        return self._sessions()

    def _read(self) -> AsyncSession:
        return self._reads()

    def _insert(self, table: Any) -> Any:
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        return dialect.insert(table)
