"""The async store: every query the bot makes, returning domain objects."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import time
from typing import Any, TypeVar, cast

from sqlalchemy import Table, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.domain import Clock, PracticeSession, SessionStatus, User, utc_now
from bot.store import migrate
from bot.store.engine import READ_ONLY, create_engine
from bot.store.tables import OPEN_STATUSES, PracticeSessionRow, UserRow

T = TypeVar("T")
SESSIONS = cast(Table, PracticeSessionRow.__table__)


@dataclass(frozen=True, slots=True)
class UserDefaults:
    """Settings a new person starts with."""

    timezone: str = "UTC"
    reminder_time: time = time(9, 0)


class Store:
    """Reads and writes the bot's data; the only part of the bot that speaks SQL."""

    def __init__(
        self, engine: AsyncEngine, defaults: UserDefaults | None = None, clock: Clock = utc_now
    ) -> None:
        self.engine = engine
        self.defaults = defaults or UserDefaults()
        self.clock = clock
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._reads = async_sessionmaker(
            engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False
        )

    @classmethod
    def from_url(
        cls, url: str, defaults: UserDefaults | None = None, clock: Clock = utc_now
    ) -> Store:
        """Build a store for a database URL (async driver already chosen)."""
        return cls(create_engine(url), defaults, clock)

    async def migrate(self) -> None:
        """Apply every pending migration."""
        await migrate.upgrade(self.engine)

    async def ping(self) -> None:
        """Raise when the database cannot be reached."""
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def close(self) -> None:
        """Release every pooled connection."""
        await self.engine.dispose()

    def _session(self) -> AsyncSession:
        return self._sessions()

    def _read(self) -> AsyncSession:
        return self._reads()

    def _insert(self, table: Any) -> Any:
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        return dialect.insert(table)

    # -- users ---------------------------------------------------------------

    async def ensure_user(self, user_id: int, chat_id: int) -> User:
        """Register a person on first contact; afterwards just note that they were here."""
        now = self.clock()
        async with self._session() as session, session.begin():
            row = await session.get(UserRow, user_id)
            if row is None:
                # ON CONFLICT DO NOTHING: a second replica may register the same
                # person at the same moment; whoever loses simply reads the row.
                await session.execute(
                    self._insert(UserRow)
                    .values(
                        user_id=user_id,
                        chat_id=chat_id,
                        timezone=self.defaults.timezone,
                        reminder_time=self.defaults.reminder_time,
                        reminders_enabled=True,
                        focus_skill=None,
                        created_at=now,
                        last_seen_at=now,
                    )
                    .on_conflict_do_nothing(index_elements=["user_id"])
                )
                row = await session.get(UserRow, user_id, populate_existing=True)
                assert row is not None
            else:
                row.chat_id = chat_id
                row.last_seen_at = now
            return _user(row)

    async def get_user(self, user_id: int) -> User | None:
        """The person's record, or None when they never started the bot."""
        async with self._read() as session:
            row = await session.get(UserRow, user_id)
            return None if row is None else _user(row)

    async def set_focus(self, user_id: int, skill: str | None) -> None:
        """Make `skill` the person's focus (None: back to the vault's default)."""
        async with self._session() as session, session.begin():
            await session.execute(
                update(UserRow).where(UserRow.user_id == user_id).values(focus_skill=skill)
            )

    # -- practice sessions ---------------------------------------------------

    async def open_session(self, user_id: int) -> PracticeSession | None:
        """The person's open practice session, if any."""
        async with self._read() as session:
            row = await session.scalar(
                select(PracticeSessionRow).where(
                    PracticeSessionRow.user_id == user_id,
                    PracticeSessionRow.status.in_(OPEN_STATUSES),
                )
            )
            return None if row is None else _session_of(row)

    async def get_session(self, session_id: int) -> PracticeSession | None:
        """A practice session by id."""
        async with self._read() as session:
            row = await session.get(PracticeSessionRow, session_id)
            return None if row is None else _session_of(row)

    async def start_session(self, user_id: int, skill: str) -> PracticeSession:
        """Begin practising `skill` at step 1; any open session is closed as cancelled."""
        now = self.clock()
        async with self._session() as session, session.begin():
            await session.execute(
                update(PracticeSessionRow)
                .where(
                    PracticeSessionRow.user_id == user_id,
                    PracticeSessionRow.status.in_(OPEN_STATUSES),
                )
                .values(status=SessionStatus.CANCELLED.value, updated_at=now, finished_at=now)
            )
            row = PracticeSessionRow(
                user_id=user_id,
                skill=skill,
                step=0,
                status=SessionStatus.ACTIVE.value,
                started_at=now,
                updated_at=now,
            )
            session.add(row)
            await session.flush()
            return _session_of(row)

    async def save_session(self, before: PracticeSession, after: PracticeSession) -> bool:
        """Store `after` only if the row still matches `before` (compare-and-set).

        False means someone else moved the session first: a second tap, another
        replica, or an old button; the caller treats the press as stale.
        """
        async with self._session() as session, session.begin():
            result = await session.execute(
                update(PracticeSessionRow)
                .where(
                    PracticeSessionRow.id == before.id,
                    PracticeSessionRow.step == before.step,
                    PracticeSessionRow.status == before.status.value,
                )
                .values(
                    step=after.step,
                    status=after.status.value,
                    reflection=after.reflection,
                    updated_at=after.updated_at,
                    finished_at=after.finished_at,
                )
            )
            return bool(getattr(result, "rowcount", 0) == 1)

    async def update_session(
        self,
        session_id: int,
        decide: Callable[[PracticeSession], tuple[PracticeSession | None, T]],
    ) -> T | None:
        """Read a session, let `decide` (pure, synchronous) choose its new state, and store
        it, all in one transaction holding the row. None when there is no such session.

        This is the hot path of every button press: one transaction instead of a read
        and a compare-and-set write, and a second press of the same button waits for
        the first to commit and then sees the step it moved to.
        """
        table = SESSIONS
        async with self.engine.begin() as conn:
            row = (
                await conn.execute(select(table).where(table.c.id == session_id).with_for_update())
            ).first()
            if row is None:
                return None
            before = _session_from(dict(row._mapping))
            after, result = decide(before)
            if after is not None and after != before:
                await conn.execute(
                    update(table)
                    .where(table.c.id == session_id)
                    .values(
                        step=after.step,
                        status=after.status.value,
                        reflection=after.reflection,
                        updated_at=after.updated_at,
                        finished_at=after.finished_at,
                    )
                )
            return result

    async def count_completed(self, user_id: int, skill: str) -> int:
        """How many times the person has completed a practice of `skill`."""
        async with self._read() as session:
            count = await session.scalar(
                select(func.count())
                .select_from(PracticeSessionRow)
                .where(
                    PracticeSessionRow.user_id == user_id,
                    PracticeSessionRow.skill == skill,
                    PracticeSessionRow.status == SessionStatus.COMPLETED.value,
                )
            )
            return count or 0

    async def count_users(self) -> int:
        """How many people have started the bot."""
        async with self._read() as session:
            return await session.scalar(select(func.count()).select_from(UserRow)) or 0


def _session_of(row: PracticeSessionRow) -> PracticeSession:
    return _session_from({column: getattr(row, column) for column in _SESSION_COLUMNS})


_SESSION_COLUMNS = (
    "id", "user_id", "skill", "step", "status", "started_at", "updated_at", "reflection",
    "finished_at",
)  # fmt: skip


def _session_from(values: Mapping[str, Any]) -> PracticeSession:
    return PracticeSession(
        id=values["id"],
        user_id=values["user_id"],
        skill=values["skill"],
        step=values["step"],
        status=SessionStatus(values["status"]),
        started_at=values["started_at"],
        updated_at=values["updated_at"],
        reflection=values["reflection"],
        finished_at=values["finished_at"],
    )


def _user(row: UserRow) -> User:
    return User(
        user_id=row.user_id,
        chat_id=row.chat_id,
        timezone=row.timezone,
        reminder_time=row.reminder_time,
        reminders_enabled=row.reminders_enabled,
        focus_skill=row.focus_skill,
        created_at=row.created_at,
        last_seen_at=row.last_seen_at,
    )
