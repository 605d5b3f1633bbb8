"""Arrange helpers for nudge tests: a person with a reminder time, a dispatcher on the
fixture vault with a recording sleep, and the nudges a chat received."""

from datetime import time
from typing import Any

from telegram import Bot

from bot.offline import FakeBotAPI
from bot.store import Store
from bot.telegram.dispatcher import DispatchConfig, Dispatcher
from bot.vault.library import VaultHolder
from tests.support.clock import FakeClock
from tests.support.paths import VAULT

FIXTURE_VAULT = VaultHolder(VAULT)


class Sleeps:
    """A sleep that only records how long it was asked to wait."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def dispatcher(
    bot: Bot, store: Store, clock: FakeClock, sleeps: Sleeps | None = None, **config: Any
) -> Dispatcher:
    """A dispatcher on the fixture vault; `config` overrides DispatchConfig fields."""
    return Dispatcher(
        bot, store, FIXTURE_VAULT, DispatchConfig(**config), clock, sleeps or Sleeps()
    )


async def person(store: Store, user_id: int, tz: str = "UTC", at: time = time(9, 0)) -> None:
    """Someone who has talked to the bot and wants a nudge at `at` in zone `tz`."""
    await store.ensure_user(user_id, user_id)
    await store.update_settings(user_id, timezone=tz, reminder_time=at)


def nudges_to(api: FakeBotAPI, chat_id: int) -> list[str]:
    """The texts of the daily nudges the fake Telegram delivered to one chat."""
    return [m.text for m in api.sent(chat_id) if "Your focus" in m.text]
