"""The fingerprint of a bot's last complete announcement: read back, replaced, per bot."""

from bot.store import Store
from tests.support.clock import FakeClock


async def test_a_fingerprint_is_kept_per_bot_and_replaced(store: Store, clock: FakeClock) -> None:
    assert await store.announced(1) is None
    await store.remember_announced(1, "a" * 64)
    await store.remember_announced(2, "b" * 64)
    clock.advance(minutes=5)
    await store.remember_announced(1, "c" * 64)
    assert await store.announced(1) == "c" * 64
    assert await store.announced(2) == "b" * 64
