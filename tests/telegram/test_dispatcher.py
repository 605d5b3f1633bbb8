"""The nudge dispatcher against a real database and the fake Bot API, with a fake clock."""

import asyncio
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from telegram import Bot

from bot.domain.models import NudgeOutcome
from bot.offline import FakeBotAPI
from bot.offline.chat import FakeChat, callback_answers
from bot.store import Store
from bot.store.engine import create_engine
from bot.telegram.app import BotApplication
from bot.telegram.context import services_of
from bot.telegram.dispatcher import DispatchConfig, Dispatcher
from bot.texts import nudges as nudge_text
from bot.vault.library import VaultHolder
from tests.support.app import AppFactory
from tests.support.clock import FakeClock
from tests.support.faults import telegram_error
from tests.support.nudges import FIRST_NUDGE, Sleeps, dispatcher, nudges_to, person
from tests.support.partners import practise
from tests.support.paths import TRAPS


async def test_a_due_nudge_is_sent_once_with_its_buttons(
    store: Store, bot: Bot, api: FakeBotAPI, clock: FakeClock
) -> None:
    await person(store, 1)
    run = dispatcher(bot, store, clock)
    clock.now = datetime(2026, 3, 2, 8, 59, tzinfo=UTC)
    assert (await run.run_once()).claimed == 0
    clock.now = datetime(2026, 3, 2, 9, 0, 20, tzinfo=UTC)
    report = await run.run_once()
    assert (report.claimed, report.sent) == (1, 1)
    await run.run_once()  # a second tick the same minute sends nothing more
    [text] = nudges_to(api, 1)
    assert "<b>Your focus: Repair</b>" in text and "Thought for today" in text
    message = api.sent(1)[-1]
    assert [b["text"] for b in message.buttons] == [
        "Practise now ▶",
        "Common mistakes",
        "Snooze 1 h",
        "Skip today",
    ]
    [record] = await store.nudges_of(1)
    assert record.outcome is NudgeOutcome.SENT and str(record.local_date) == "2026-03-02"
    user = await store.get_user(1)
    assert user is not None and user.next_nudge_at == datetime(2026, 3, 3, 9, tzinfo=UTC)


async def test_the_step_changes_each_day(
    store: Store, bot: Bot, api: FakeBotAPI, clock: FakeClock
) -> None:
    await person(store, 1)
    run = dispatcher(bot, store, clock)
    seen = []
    for day in range(6):
        clock.now = FIRST_NUDGE + timedelta(days=day)
        await run.run_once()
        seen.append(nudges_to(api, 1)[-1].split("step ")[1][:6])
    assert len(set(seen[:5])) == 5 and seen[5] == seen[0]  # five steps, then round again


async def _follow(
    run: Dispatcher,
    store: Store,
    api: FakeBotAPI,
    clock: FakeClock,
    users: list[int],
    until: datetime,
) -> dict[int, list[datetime]]:
    """Jump the clock from one due nudge to the next (checking a minute early first)
    and note when each person's nudges arrive."""
    arrived: dict[int, list[datetime]] = {user: [] for user in users}
    while True:
        due_times = []
        for user_id in users:
            user = await store.get_user(user_id)
            assert user is not None and user.next_nudge_at is not None
            due_times.append(user.next_nudge_at)
        due = min(due_times)
        if due > until:
            return arrived
        counts = {user: len(nudges_to(api, user)) for user in users}
        clock.now = due - timedelta(minutes=1)
        await run.run_once()
        assert counts == {user: len(nudges_to(api, user)) for user in users}, "sent early"
        clock.now = due + timedelta(seconds=20)
        await run.run_once()
        for user in users:
            arrived[user] += [clock.now] * (len(nudges_to(api, user)) - counts[user])


async def test_berlin_and_new_york_across_dst(
    store: Store, bot: Bot, api: FakeBotAPI, clock: FakeClock
) -> None:
    from bot.domain.schedule import zone

    run = dispatcher(bot, store, clock)
    # Spring: New York changes on 8 March, Berlin on 29 March; autumn: 25 Oct and 1 Nov.
    periods = [
        (datetime(2026, 3, 5, 12, tzinfo=UTC), datetime(2026, 4, 2, tzinfo=UTC)),
        (datetime(2026, 10, 20, 12, tzinfo=UTC), datetime(2026, 11, 5, tzinfo=UTC)),
    ]
    for number, (start, end) in enumerate(periods):
        clock.now = start
        berliner, new_yorker = 10 * number + 1, 10 * number + 2
        await person(store, berliner, "Europe/Berlin", time(8, 30))
        await person(store, new_yorker, "America/New_York", time(7, 0))
        arrived = await _follow(run, store, api, clock, [berliner, new_yorker], end)
        berlin = {
            (t - timedelta(seconds=20)).astimezone(zone("Europe/Berlin")).strftime("%H:%M")
            for t in arrived[berliner]
        }
        new_york = {
            (t - timedelta(seconds=20)).astimezone(zone("America/New_York")).strftime("%H:%M")
            for t in arrived[new_yorker]
        }
        assert berlin == {"08:30"} and new_york == {"07:00"}
        days = (end.date() - start.date()).days
        for user in (berliner, new_yorker):
            local_days = [t.date() for t in arrived[user]]
            assert len(local_days) == len(set(local_days)) and days - 1 <= len(local_days) <= days


async def test_people_spread_over_many_zones_each_get_theirs_at_local_time(
    store: Store, bot: Bot, api: FakeBotAPI, clock: FakeClock
) -> None:
    from bot.domain.schedule import zone

    zones = [
        "Pacific/Kiritimati",
        "Asia/Tokyo",
        "Asia/Kolkata",
        "Asia/Kathmandu",
        "Europe/Berlin",
        "UTC",
        "America/Sao_Paulo",
        "America/New_York",
        "America/Los_Angeles",
        "Pacific/Honolulu",
        "Australia/Lord_Howe",
        "Pacific/Chatham",
    ]
    clock.now = datetime(2026, 6, 1, 0, tzinfo=UTC)
    for number, name in enumerate(zones, 1):
        await person(store, number, name, time(7, 45))
    users = list(range(1, len(zones) + 1))
    arrived = await _follow(
        dispatcher(bot, store, clock),
        store,
        api,
        clock,
        users,
        datetime(2026, 6, 3, 0, tzinfo=UTC),
    )
    for number, name in enumerate(zones, 1):
        assert len(arrived[number]) == 2, name  # two days, one each
        for moment in arrived[number]:
            assert (moment - timedelta(seconds=20)).astimezone(zone(name)).strftime(
                "%H:%M"
            ) == "07:45"


def _claim_then_wait(store: Store, barrier: asyncio.Barrier) -> None:
    """Make `store`'s first claim wait at `barrier` once it holds its claims."""
    claim = store.claim_due_nudges
    waited = False

    async def claim_due_nudges(*args: Any, **kwargs: Any) -> Any:
        nonlocal waited
        batch = await claim(*args, **kwargs)
        if not waited:
            waited = True
            await barrier.wait()
        return batch

    store.claim_due_nudges = claim_due_nudges  # type: ignore[method-assign]


async def test_two_dispatchers_racing_send_each_nudge_exactly_once(
    database_url: str, bot: Bot, api: FakeBotAPI, clock: FakeClock
) -> None:
    stores = [Store(create_engine(database_url), clock=clock) for _ in range(2)]
    try:
        await stores[0].migrate()
        for user_id in range(1, 201):
            await person(stores[0], user_id)
        clock.now = datetime(2026, 3, 2, 9, 0, 30, tzinfo=UTC)
        # Each dispatcher's first claim waits for the other's before sending anything:
        # the two are then sure to race over the same rows however the machine schedules
        # them (left to chance, on a loaded machine one sometimes finished everything
        # before the other began, and the race this test is about never happened).
        both_claimed = asyncio.Barrier(2)
        for racer in stores:
            _claim_then_wait(racer, both_claimed)
        runs = [dispatcher(bot, s, clock, batch=25, concurrency=8) for s in stores]
        reports = await asyncio.gather(*(r.run_once() for r in runs), runs[0].run_once())
        assert sum(r.sent for r in reports) == 200
        for user_id in range(1, 201):
            assert len(nudges_to(api, user_id)) == 1, user_id
        assert all(r.claimed > 0 for r in reports[:2]), "both dispatchers took part"
    finally:
        for store in stores:
            await store.close()


async def test_a_crash_between_claim_and_send_is_sent_once_after_restart(
    store: Store, bot: Bot, api: FakeBotAPI, clock: FakeClock
) -> None:
    await person(store, 1)
    clock.now = datetime(2026, 3, 2, 9, 0, 30, tzinfo=UTC)
    run = dispatcher(bot, store, clock)
    batch = await store.claim_due_nudges(clock.now, run.policy(), limit=10)
    assert len(batch.claims) == 1  # ... and here the process dies
    clock.advance(seconds=30)
    assert (await run.run_once()).sent == 0  # another dispatcher waits out the lease
    clock.advance(minutes=2)
    assert (await run.run_once()).sent == 1
    await run.run_once()
    assert len(nudges_to(api, 1)) == 1
    assert [r.outcome for r in await store.nudges_of(1)] == [NudgeOutcome.SENT]


async def test_a_crash_while_sending_is_recorded_not_doubled(
    store: Store, bot: Bot, api: FakeBotAPI, clock: FakeClock
) -> None:
    await person(store, 1)
    clock.now = datetime(2026, 3, 2, 9, 0, 30, tzinfo=UTC)
    run = dispatcher(bot, store, clock)
    batch = await store.claim_due_nudges(clock.now, run.policy(), limit=10)
    await store.mark_sending([c.nudge_id for c in batch.claims])  # ... then the process dies
    clock.advance(minutes=5)
    await run.run_once()
    assert nudges_to(api, 1) == []
    [record] = await store.nudges_of(1)
    assert record.outcome is NudgeOutcome.FAILED and "delivery unknown" in (record.reason or "")


async def test_forbidden_blocks_until_start(
    store: Store, bot: Bot, api: FakeBotAPI, clock: FakeClock
) -> None:
    await person(store, 1)
    api.fault = telegram_error("sendMessage", 403, "Forbidden: bot was blocked by the user")
    clock.now = FIRST_NUDGE
    report = await dispatcher(bot, store, clock).run_once()
    assert report.blocked == 1
    user = await store.get_user(1)
    assert user is not None and user.blocked and user.next_nudge_at is None
    [record] = await store.nudges_of(1)
    assert record.outcome is NudgeOutcome.BLOCKED
    api.fault = None
    clock.advance(days=2)
    assert (await dispatcher(bot, store, clock).run_once()).claimed == 0
    await store.register(1, 1, unblock=True)  # /start
    user = await store.get_user(1)
    assert user is not None and not user.blocked and user.next_nudge_at is not None


async def test_retry_after_is_honoured(
    store: Store, bot: Bot, api: FakeBotAPI, clock: FakeClock
) -> None:
    await person(store, 1)
    api.fault = telegram_error(
        "sendMessage", 429, "Too Many Requests: retry after 7", times=1, retry_after=7
    )
    sleeps = Sleeps()
    clock.now = FIRST_NUDGE
    report = await dispatcher(bot, store, clock, sleeps).run_once()
    assert report.sent == 1 and sleeps.waits == [7.0]


async def test_network_errors_are_retried_with_backoff_then_recorded(
    store: Store, bot: Bot, api: FakeBotAPI, clock: FakeClock
) -> None:
    await person(store, 1)
    api.fault = telegram_error("sendMessage", 502, "Bad Gateway")
    sleeps = Sleeps()
    clock.now = FIRST_NUDGE
    report = await dispatcher(bot, store, clock, sleeps).run_once()
    assert report.failed == 1 and sleeps.waits == [0.5, 1.0]
    [record] = await store.nudges_of(1)
    assert record.outcome is NudgeOutcome.FAILED and "Bad Gateway" in (record.reason or "")


async def test_silent_setting_and_changing_the_time_after_todays_nudge(
    store: Store, bot: Bot, api: FakeBotAPI, clock: FakeClock
) -> None:
    await person(store, 1)
    await store.update_settings(1, silent_nudges=True)
    run = dispatcher(bot, store, clock)
    clock.now = FIRST_NUDGE
    await run.run_once()
    assert api.sent(1)[-1].disable_notification is True
    await store.update_settings(1, reminder_time=time(18, 0))  # later the same day
    clock.now = datetime(2026, 3, 2, 18, 1, tzinfo=UTC)
    await run.run_once()
    assert len(nudges_to(api, 1)) == 1  # never two for one local day
    clock.now = datetime(2026, 3, 3, 18, 1, tzinfo=UTC)
    await run.run_once()
    assert len(nudges_to(api, 1)) == 2


async def test_a_timeout_is_not_retried(
    store: Store, bot: Bot, api: FakeBotAPI, clock: FakeClock
) -> None:
    from telegram.error import TimedOut

    await person(store, 1)
    attempts = []

    async def timing_out(*args: Any, **kwargs: Any) -> None:
        attempts.append(1)
        raise TimedOut()

    run = dispatcher(bot, store, clock)
    run.bot = type("TimingOutBot", (), {"send_message": staticmethod(timing_out)})()  # type: ignore[assignment]
    clock.now = FIRST_NUDGE
    report = await run.run_once()
    assert report.failed == 1 and len(attempts) == 1
    [record] = await store.nudges_of(1)
    assert "delivery unknown" in (record.reason or "")


async def test_a_very_long_step_still_makes_a_valid_nudge(
    store: Store, bot: Bot, api: FakeBotAPI, clock: FakeClock, tmp_path: Any
) -> None:
    import shutil

    from bot.offline.telegram_html import visible_text

    shutil.copy(TRAPS / "Long Step.md", tmp_path)
    run = Dispatcher(bot, store, VaultHolder(tmp_path), DispatchConfig(), clock, Sleeps())
    await person(store, 1)
    for day in range(2):  # both steps: the 10,000-character one and the short one
        clock.now = FIRST_NUDGE + timedelta(days=day)
        assert (await run.run_once()).sent == 1
    for text in nudges_to(api, 1):
        assert len(visible_text(text)) < 1000


async def test_people_without_a_nudge_time_are_looked_for_at_start_only(
    store: Store, bot: Bot, clock: FakeClock, monkeypatch: Any
) -> None:
    # Every change since nudges exist sets the next time in the same transaction, so
    # an idle tick need not scan `users` for people who have none.
    asked: list[int] = []
    schedule = store.schedule_unscheduled

    async def counted(now: datetime, limit: int = 1000) -> int:
        asked.append(limit)
        return await schedule(now, limit)

    monkeypatch.setattr(store, "schedule_unscheduled", counted)
    run = dispatcher(bot, store, clock)
    await run.run_once()
    await run.run_once()
    assert len(asked) == 1


@pytest.mark.parametrize(
    ("rate", "paid"), [(29.5, False), (30.0, False), (30.5, True), (1000.0, True)]
)
async def test_nudges_are_paid_broadcasts_only_above_the_free_rate(
    make_app: AppFactory, api: FakeBotAPI, clock: FakeClock, rate: float, paid: bool
) -> None:
    app = await make_app(nudge_rate_limit=rate)
    services = services_of(app.bot_data)
    await FakeChat(app, api, 1).send("/start")
    await person(services.store, 1)
    clock.now = FIRST_NUDGE
    assert (await services.dispatcher.run_once()).sent == 1
    sends = [call for call in api.calls if call.method == "sendMessage"]
    [nudge] = [call for call in sends if "Your focus" in str(call.params.get("text"))]
    # As the Bot API received it: the flag is there only when it costs Stars.
    assert nudge.params.get("allow_paid_broadcast") is (True if paid else None)
    answers = [call for call in sends if call is not nudge]
    assert answers and all("allow_paid_broadcast" not in call.params for call in answers)


async def test_the_first_nudge_after_a_pause_welcomes_back_without_a_step(
    store: Store, bot: Bot, api: FakeBotAPI, clock: FakeClock
) -> None:
    # The pause may have been the rest after safety language: the first nudge back
    # hands them no Repair step ("reach out to them"), only the focus, waiting.
    await person(store, 1)
    await store.set_pause(1, FIRST_NUDGE - timedelta(hours=1))
    run = dispatcher(bot, store, clock)
    clock.now = FIRST_NUDGE + timedelta(seconds=20)
    await run.run_once()
    [welcome] = [m.text for m in api.sent(1)]
    assert welcome.startswith("<b>Welcome back.</b>") and "Thought for today" not in welcome
    assert "<b>Repair</b>" in welcome
    clock.now = FIRST_NUDGE + timedelta(days=1, seconds=20)
    await run.run_once()
    assert "Thought for today" in api.sent(1)[-1].text  # and then the days as before


async def when_the_next_nudge_is_due(app: BotApplication, clock: FakeClock, user_id: int) -> None:
    """Move the clock to just after the person's next nudge (never back) and dispatch."""
    services = services_of(app.bot_data)
    person = await services.store.get_user(user_id)
    assert person is not None and person.next_nudge_at is not None
    clock.now = max(clock.now, person.next_nudge_at) + timedelta(seconds=20)
    await services.dispatcher.run_once()


async def test_a_pause_ended_early_is_welcomed_back_too(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, chat: Any
) -> None:
    # The safety reply says /resume brings nudges back; the first one after it carries
    # no step either.
    ada = chat(7)
    await ada.send("/pause 7")
    await ada.send("/resume")
    await when_the_next_nudge_is_due(app, clock, 7)
    assert api.sent(7)[-1].text.startswith("<b>Welcome back.</b>")


async def test_the_welcome_back_is_said_once_even_when_skipped(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, chat: Any
) -> None:
    ada = chat(7)
    await ada.send("/pause 1")
    await when_the_next_nudge_is_due(app, clock, 7)  # the day the pause ends
    welcome = api.sent(7)[-1]
    assert welcome.text.startswith("<b>Welcome back.</b>")
    await ada.press("Skip today", welcome)
    await when_the_next_nudge_is_due(app, clock, 7)
    assert "Thought for today" in api.sent(7)[-1].text  # the days as before


async def test_a_snoozed_welcome_comes_back_as_the_days_nudge(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, chat: Any
) -> None:
    # They have been welcomed back once; an hour later the nudge brings the step.
    ada = chat(7)
    await ada.send("/pause 1")
    await when_the_next_nudge_is_due(app, clock, 7)
    welcome = api.sent(7)[-1]
    assert welcome.text.startswith("<b>Welcome back.</b>")
    snooze = next(b["callback_data"] for b in welcome.buttons if b["text"] == "Snooze 1 h")
    await ada.press("Snooze 1 h", welcome)
    # Tapped twice (or tried again): it is snoozed, and says so, not "can't be changed".
    assert callback_answers(await ada.press_data(snooze, welcome)) == [nudge_text.SNOOZED]
    await when_the_next_nudge_is_due(app, clock, 7)
    back = api.sent(7)[-1]
    assert back.message_id != welcome.message_id
    assert "Thought for today" in back.text and "Welcome back" not in back.text


async def test_a_practice_on_the_day_a_pause_ends_is_the_welcome(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, chat: Any
) -> None:
    # They came back on their own that morning: the next day's nudge needs no welcome.
    ada = chat(7)
    await ada.send("/pause 1")
    services = services_of(app.bot_data)
    person = await services.store.get_user(7)
    assert person is not None and person.paused_until is not None
    clock.now = person.paused_until - timedelta(hours=1)  # before that day's nudge
    await practise(ada, "Repair")
    for _ in range(2):  # that day's nudge (made unneeded by the practice), then the next
        await when_the_next_nudge_is_due(app, clock, 7)
    nudges = [m.text for m in api.sent(7) if "Welcome back" in m.text or "Your focus" in m.text]
    assert nudges and not any("Welcome back" in text for text in nudges)
