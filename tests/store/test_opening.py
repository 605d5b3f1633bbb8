"""open_store: the store the settings describe, migrated when asked, closed after."""

from dataclasses import replace
from datetime import time

import pytest

from bot.config import Settings
from bot.store import migrate
from bot.store.opening import open_store
from tests.support.clock import FakeClock


async def test_the_store_follows_the_settings_and_is_migrated(
    settings: Settings, clock: FakeClock
) -> None:
    settings = replace(
        settings,
        default_timezone="Europe/Berlin",
        default_reminder_time=time(7, 30),
        nudge_spread_minutes=20,
    )
    async with open_store(settings, clock, migrate=True) as store:
        assert await migrate.current_revision(store.engine) == migrate.head_revision()
        assert store.clock is clock and store.spread_minutes == 20
        assert store.defaults.timezone == "Europe/Berlin"
        assert store.defaults.reminder_time == time(7, 30)
        person, _new = await store.register(7, 7)
        assert person.timezone == "Europe/Berlin"


async def test_without_migrate_the_database_is_left_as_it_is(settings: Settings) -> None:
    async with open_store(settings, migrate=False) as store:
        assert await migrate.current_revision(store.engine) is None


async def test_the_store_is_closed_on_the_way_out_even_after_an_error(
    settings: Settings,
) -> None:
    with pytest.raises(RuntimeError, match="inside"):
        async with open_store(settings, migrate=True) as store:
            await store.ping()
            raise RuntimeError("inside")
    # Disposed: no connection is left checked in to the pool.
    assert store.engine.pool.checkedin() == 0
