"""The floor of a durable press on PostgreSQL: what it would cost if the bot's own code,
SQLAlchemy and the inbox's bookkeeping cost nothing.

practice_step.py times it beside the real press, in the same rounds. One sample is:
- PTB's parse of the press as Telegram sends it (`Update.de_json`), which the inbox
  worker does for every update;
- the press's three statements, the very SQL the store compiles, run straight on one
  asyncpg connection with no pool, no greenlet and no SQLAlchemy around them:
  1. the inbox's store of the update, carrying the done-mark of the update before it
     (a busy bot; one round trip and one WAL flush, as the store does it);
  2. the read of the person and the practice the button names (one round trip);
  3. the move, a compare-and-set on the row as read, which writes the step (one round
     trip and one WAL flush): each sample moves the practice one way, the next back.

Add PTB's bare press (an answer and an edit, no database: practice_step's "bare PTB
press") and that is the least a durable press can cost on this stack and this machine.
If that floor is near the goal, no work on the bot's own code can reach the goal.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

import asyncpg
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from telegram import Bot, Update

from bot.store.inbox import _STORE_AND_MARK_POSTGRESQL
from bot.store.prepared import _bound
from bot.store.sessions import _MOVE_IF_UNMOVED, _MOVED_COLUMNS
from bot.store.users import _SELECT_USER_AND_SESSION

# Far above any update id the bench's fake Telegram gives, so the rows never meet.
FIRST_UPDATE_ID = 10**12


class DatabaseFloor:
    """One asyncpg connection running the press's statements as the store words them."""

    def __init__(self, connection: asyncpg.Connection, user_id: int, session_id: int) -> None:
        self._connection = connection
        self._user_id = user_id
        self._session_id = session_id
        self._update_id = FIRST_UPDATE_ID
        # Compiled as the store compiles them: the SQL, and the parameters in order,
        # each converted by its column type's own processor.
        dialect = asyncpg_dialect()
        self._store, self._read, self._move = (
            prepared._compile(dialect)
            for prepared in (
                _STORE_AND_MARK_POSTGRESQL,
                _SELECT_USER_AND_SESSION,
                _MOVE_IF_UNMOVED,
            )
        )

    @classmethod
    async def open(cls, url: str, user_id: int, session_id: int) -> DatabaseFloor:
        plain = url.replace("postgresql+asyncpg://", "postgresql://", 1)
        return cls(await asyncpg.connect(plain), user_id, session_id)

    async def close(self) -> None:
        await self._connection.close()

    async def sample(self, press: dict[str, Any], bot: Bot) -> tuple[float, float]:
        """(wall, CPU) seconds for one press's parse and its three statements."""
        payload = json.dumps(press, ensure_ascii=False)
        now = datetime.now(UTC)
        self._update_id += 1
        store = _bound(
            self._store,
            {
                "update_ids": [self._update_id],
                "user_ids": [self._user_id],
                "chat_ids": [self._user_id],
                "payloads": [payload],
                "done_ids": [self._update_id - 1],
                "now": now,
            },
        )
        read = _bound(self._read, {"id": self._user_id, "session_id": self._session_id})
        started = time.perf_counter(), time.process_time()
        Update.de_json(json.loads(payload), bot)
        await self._connection.fetch(self._store.sql, *store)
        row = await self._connection.fetchrow(self._read.sql, *read)
        assert row is not None and row["session_step"] is not None
        was = {f"was_{column}": row[f"session_{column}"] for column in _MOVED_COLUMNS}
        moved = {column: row[f"session_{column}"] for column in _MOVED_COLUMNS}
        moved["step"] = row["session_step"] ^ 1  # one way, then back the next sample
        moved["updated_at"] = now
        move = _bound(self._move, {"session_id": self._session_id, **was, **moved})
        assert await self._connection.fetch(self._move.sql, *move), "the move was lost"
        return time.perf_counter() - started[0], time.process_time() - started[1]
