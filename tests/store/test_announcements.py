"""The fingerprint of a bot's last complete announcement: read back, replaced, forgotten,
per bot."""

from bot.store import Store
from tests.support.clock import FakeClock


async def test_a_fingerprint_is_kept_per_bot_replaced_and_forgotten(
    store: Store, clock: FakeClock
) -> None:
    assert await store.announced(1) is None
    await store.remember_announced(1, "a" * 64)
    first = clock()
    await store.remember_announced(2, "b" * 64)
    clock.advance(minutes=5)
    await store.remember_announced(1, "c" * 64)
    assert await store.announced(1) == ("c" * 64, clock())
    assert await store.announced(2) == ("b" * 64, first)
    await store.forget_announced(1)
    assert await store.announced(1) is None
    assert await store.announced(2) == ("b" * 64, first)
