"""Counting what asyncpg sends to PostgreSQL, each a wait for the server."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from asyncpg.connection import Connection
from asyncpg.prepared_stmt import PreparedStatement

# BEGIN, COMMIT and ROLLBACK go through Connection.execute; a prepared statement's run
# through PreparedStatement's fetches.
_SENDING = (
    (PreparedStatement, ("fetch", "fetchrow", "fetchval", "executemany")),
    (Connection, ("prepare", "execute", "executemany", "fetch", "fetchrow", "fetchval")),
)


def count_round_trips(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on (until the test ends), the name of each asyncpg call that goes to the
    server, in order."""
    sent: list[str] = []

    def spy(cls: type, name: str) -> None:
        original: Callable[..., Any] = getattr(cls, name)

        async def counted(*args: Any, **kwargs: Any) -> Any:
            sent.append(f"{cls.__name__}.{name}")
            return await original(*args, **kwargs)

        monkeypatch.setattr(cls, name, counted)

    for cls, names in _SENDING:
        for name in names:
            spy(cls, name)
    return sent
