"""Telegram having a bad day: every nudge still ends accounted for, and nothing crashes."""

import pytest
from telegram import Bot

from bot.domain.models import NudgeOutcome
from bot.offline import FakeBotAPI
from bot.offline.chat import FakeChat
from bot.store import Store
from testkit.faults import RandomFaults
from testkit.fuzz import fuzz
from tests.support.app import AppFactory
from tests.support.clock import FakeClock
from tests.support.nudges import Sleeps, dispatcher, nudges_to, person

TERMINAL = {NudgeOutcome.SENT, NudgeOutcome.FAILED, NudgeOutcome.BLOCKED}


async def test_every_nudge_is_accounted_for_under_faults(
    store: Store, bot: Bot, api: FakeBotAPI, clock: FakeClock
) -> None:
    from datetime import UTC, datetime, timedelta

    people = range(1, 151)
    for user_id in people:
        await person(store, user_id)
    faults = RandomFaults(share=0.3, seed=5)
    api.fault = faults
    clock.now = datetime(2026, 3, 2, 9, 1, tzinfo=UTC)
    sleeps = Sleeps()
    report = await dispatcher(bot, store, clock, sleeps, concurrency=16).run_once()
    assert report.claimed == 150
    outcomes = {}
    for user_id in people:
        [record] = await store.nudges_of(user_id)
        assert record.outcome in TERMINAL, (user_id, record)
        assert record.outcome is NudgeOutcome.SENT or record.reason
        outcomes[user_id] = record.outcome
        assert len(nudges_to(api, user_id)) <= 1
    assert report.sent + report.failed + report.blocked == 150
    assert set(faults.injected) == {"429", "403", "500", "timeout", "drop"}

    faults.enabled = False  # the faults stop: the very next day is back to normal
    clock.now += timedelta(days=1)
    after = await dispatcher(bot, store, clock, Sleeps()).run_once()
    blocked = sum(outcome is NudgeOutcome.BLOCKED for outcome in outcomes.values())
    assert after.sent == 150 - blocked and after.failed == 0


@pytest.mark.parametrize("seed", [4, 5])
async def test_conversations_under_faults_never_crash(
    make_app: AppFactory, api: FakeBotAPI, seed: int
) -> None:
    app = await make_app()
    api.fault = RandomFaults(share=0.15, seed=seed)
    people = [FakeChat(app, api, user) for user in (21, 22, 23)]
    report = await fuzz(people, api, steps=60, seed=seed)
    assert report.updates == 180  # every update was processed; none escaped as an exception
