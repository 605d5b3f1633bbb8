"""Arrange helpers for nudge tests: a person with a reminder time, a dispatcher on the
fixture vault with a recording sleep, the store's claim-and-deliver cycle without a
dispatcher, and the nudges a chat received."""

from datetime import UTC, datetime, time, timedelta
from typing import Any

from telegram import Bot

from bot.domain.models import NudgeClaim, NudgeOutcome, NudgeRecord, NudgeResult
from bot.domain.nudge_policy import NudgePolicy, SkillNames
from bot.offline import FakeBotAPI
from bot.store import Store
from bot.telegram.dispatcher import DispatchConfig, Dispatcher
from bot.vault.library import VaultHolder
from tests.support.clock import FakeClock
from tests.support.paths import VAULT

FIXTURE_VAULT = VaultHolder(VAULT)
# How late a nudge may still go out (the dispatcher's default grace window).
GRACE = timedelta(hours=2)
# The clock's first day (Monday 2 March 2026), a minute after a 09:00 UTC reminder.
FIRST_NUDGE = datetime(2026, 3, 2, 9, 1, tzinfo=UTC)


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
    settings = DispatchConfig(**config)
    return Dispatcher(bot, store, FIXTURE_VAULT, settings, clock, sleeps or Sleeps())


async def person(store: Store, user_id: int, tz: str = "UTC", at: time = time(9, 0)) -> None:
    """Someone who has talked to the bot and wants a nudge at `at` in zone `tz`."""
    await store.register(user_id, user_id)
    await store.update_settings(user_id, timezone=tz, reminder_time=at)


def nudges_to(api: FakeBotAPI, chat_id: int) -> list[str]:
    """The texts of the daily nudges the fake Telegram delivered to one chat."""
    return [m.text for m in api.sent(chat_id) if "Your focus" in m.text]


# The policy a dispatcher on the fixture vault would use, written out: store tests need
# no vault. Everyone's nudge is about Repair, the fixture vault's focus.
POLICY = NudgePolicy(GRACE, SkillNames({"repair": "Repair"}, "Repair"))


async def claim_due(store: Store, clock: FakeClock) -> list[NudgeClaim]:
    """Claim as a dispatcher would at the clock's time: batch after batch until no one
    due is left; return the nudges to send."""
    claims: list[NudgeClaim] = []
    while True:
        batch = await store.claim_due_nudges(clock.now, POLICY, limit=50)
        if not batch.examined:
            return claims
        claims += batch.claims


async def deliver(store: Store, claims: list[NudgeClaim]) -> None:
    """Record the claims as sent, the way a dispatcher does once Telegram took them."""
    mine = await store.mark_sending([claim.nudge_id for claim in claims])
    await store.record_nudge_results(
        [
            NudgeResult(c.nudge_id, c.user_id, NudgeOutcome.SENT)
            for c in claims
            if c.nudge_id in mine
        ]
    )


async def claim_and_deliver(store: Store, clock: FakeClock) -> list[NudgeClaim]:
    """One dispatcher tick without Telegram: claim what is due and record it as sent."""
    claims = await claim_due(store, clock)
    await deliver(store, claims)
    return claims


async def todays_nudge(store: Store, clock: FakeClock, user_id: int = 1) -> NudgeRecord:
    """A person with a 09:00 UTC reminder whose first nudge has just been sent."""
    await person(store, user_id)
    clock.now = FIRST_NUDGE
    await claim_and_deliver(store, clock)
    [record] = await store.nudges_of(user_id)
    return record
