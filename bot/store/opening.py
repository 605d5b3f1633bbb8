"""The store as the settings describe it, opened and closed in one place."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.config import Settings
from bot.domain.models import Clock, utc_now
from bot.store.base import UserDefaults
from bot.store.engine import Timeouts
from bot.store.store import Store


@asynccontextmanager
async def open_store(
    settings: Settings, clock: Clock = utc_now, *, migrate: bool
) -> AsyncIterator[Store]:
    """The store on DATABASE_URL, migrated first when `migrate`; closed on the way out.

    The bot opens it through `open_bot`; the commands that only read or move the
    database (`skillbot stats`, `skillbot db`) open it alone, without the vault, the
    safety lexicons or python-telegram-bot.
    """
    store = Store.from_url(
        settings.database_url,
        UserDefaults(settings.default_timezone, settings.default_reminder_time),
        clock,
        Timeouts(settings.db_statement_timeout, settings.db_connect_timeout),
        spread_minutes=settings.nudge_spread_minutes,
    )
    try:
        if migrate:
            await store.migrate()
        yield store
    finally:
        await store.close()
