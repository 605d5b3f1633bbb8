"""A typed place is looked up in a worker thread: the event loop serves others meanwhile."""

import asyncio
import threading

import pytest

from bot.domain.timezones import ZoneMatch
from bot.telegram.handlers import zone_lookup
from bot.telegram.handlers.zone_lookup import zone_named


async def test_the_answer_is_resolve_zones() -> None:
    assert (await zone_named("Москва")).zone == "Europe/Moscow"
    assert (await zone_named("Berlni")).suggestions  # a typo: places to choose from


async def test_the_loop_goes_on_while_a_slow_lookup_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    served = threading.Event()
    seen: list[bool] = []

    def slow(text: str) -> ZoneMatch:
        # Holds its thread until the loop has served someone else; on the loop itself
        # it could not be served, and this would wait the whole second out.
        seen.append(served.wait(1.0))
        return ZoneMatch(None)

    async def someone_else() -> None:
        await asyncio.sleep(0)
        served.set()

    monkeypatch.setattr(zone_lookup, "resolve_zone", slow)
    await asyncio.gather(zone_named("Sna Francisco"), someone_else())
    assert seen == [True]
