"""The runner's upkeep jobs (the process itself is tested end to end in tests/e2e)."""

from datetime import timedelta
from typing import Any

from bot.domain.models import LISTENING_DAYS
from bot.telegram.context import BotApplication, services_of
from bot.telegram.inbox import InboxWorker
from bot.telegram.runner import _schedule_upkeep
from tests.support.clock import FakeClock


async def test_an_hourly_job_clears_times_of_safety_language_past_their_days(
    app: BotApplication, clock: FakeClock
) -> None:
    services = services_of(app.bot_data)
    store = services.store
    await store.register(7, 7)
    await store.note_safety(7, at_risk=True, harmed=False)
    assert app.job_queue is not None
    _schedule_upkeep(app, store, InboxWorker(app, store, clock=clock), services.settings)
    [job] = [job for job in app.job_queue.jobs() if job.name == "listening-expiry"]
    assert job.job.trigger.interval == timedelta(hours=1)
    callback: Any = job.callback

    await callback(None)  # within the days: kept
    person = await store.get_user(7)
    assert person is not None and person.at_risk_since == clock.now
    clock.advance(seconds=LISTENING_DAYS.total_seconds())
    await callback(None)
    person = await store.get_user(7)
    assert person is not None and person.at_risk_since is None
