"""The nudge store on each database, without a dispatcher or Telegram: what it claims,
skips, records and reschedules, and the snooze and skip buttons' effect on the schedule."""

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import DateTime, bindparam, text

from bot.domain.models import NudgeOutcome, NudgeResult, SessionStatus
from bot.domain.nudge_policy import NudgeReason
from bot.domain.schedule import spread_offset
from bot.store import Store, migrate
from bot.store.engine import create_engine
from tests.support.clock import FakeClock
from tests.support.nudges import (
    FIRST_NUDGE,
    GRACE,
    POLICY,
    claim_and_deliver,
    claim_due,
    person,
    todays_nudge,
)

TOMORROW_9 = datetime(2026, 3, 3, 9, tzinfo=UTC)


async def test_a_due_nudge_is_claimed_once_and_the_person_moves_to_the_next_day(
    store: Store, clock: FakeClock
) -> None:
    await person(store, 1)
    clock.now = datetime(2026, 3, 2, 8, 59, tzinfo=UTC)
    assert await claim_due(store, clock) == []
    clock.now = datetime(2026, 3, 2, 9, 0, 20, tzinfo=UTC)
    [claim] = await claim_due(store, clock)
    assert (claim.user_id, claim.chat_id, claim.skill) == (1, 1, "Repair")
    assert str(claim.local_date) == "2026-03-02" and not claim.silent
    assert await claim_due(store, clock) == []  # a second tick the same minute takes nothing
    user = await store.get_user(1)
    assert user is not None and user.next_nudge_at == TOMORROW_9


@pytest.mark.parametrize(
    ("down_for", "sent"), [(timedelta(minutes=90), 1), (timedelta(hours=3), 0)]
)
async def test_downtime_shorter_and_longer_than_the_grace_window(
    store: Store, clock: FakeClock, down_for: timedelta, sent: int
) -> None:
    await person(store, 1)
    clock.now = datetime(2026, 3, 2, 9, tzinfo=UTC) + down_for  # the bot comes back now
    assert len(await claim_and_deliver(store, clock)) == sent
    [record] = await store.nudges_of(1)
    assert record.outcome is (NudgeOutcome.SENT if sent else NudgeOutcome.SKIPPED)
    user = await store.get_user(1)
    assert user is not None and user.next_nudge_at == TOMORROW_9


async def test_days_of_downtime_never_send_a_burst(store: Store, clock: FakeClock) -> None:
    await person(store, 1)
    clock.now = datetime(2026, 3, 9, 9, 30, tzinfo=UTC)  # a week later, 30 min after today's
    assert len(await claim_and_deliver(store, clock)) == 1  # today's; missed days not replayed
    assert [(r.outcome, r.reason) for r in await store.nudges_of(1)] == [
        (NudgeOutcome.SKIPPED, NudgeReason.LATE),
        (NudgeOutcome.SENT, None),
    ]


async def test_already_practised_today_is_skipped(store: Store, clock: FakeClock) -> None:
    await person(store, 1)
    clock.now = datetime(2026, 3, 2, 7, tzinfo=UTC)
    session, _ = await store.start_session(1, "Repair")
    done = replace(session, status=SessionStatus.COMPLETED, finished_at=clock.now)
    assert await store.save_session(session, done)
    clock.now = FIRST_NUDGE
    assert await claim_due(store, clock) == []
    [record] = await store.nudges_of(1)
    assert (record.outcome, record.reason) == (NudgeOutcome.SKIPPED, NudgeReason.PRACTISED)
    clock.advance(days=1)
    assert len(await claim_due(store, clock)) == 1  # yesterday's practice does not count today


async def test_pause_skips_and_resume_restores(store: Store, clock: FakeClock) -> None:
    await person(store, 1)
    await store.set_pause(1, clock.now + timedelta(days=3))
    for day in range(5):
        clock.now = FIRST_NUDGE + timedelta(days=day)
        await claim_and_deliver(store, clock)
    outcomes = [(r.outcome, r.reason) for r in await store.nudges_of(1)]
    assert outcomes[:3] == [(NudgeOutcome.SKIPPED, NudgeReason.PAUSED)] * 3
    assert [o for o, _ in outcomes[3:]] == [NudgeOutcome.SENT, NudgeOutcome.SENT]


async def test_reminders_off_claims_nothing(store: Store, clock: FakeClock) -> None:
    await person(store, 1)
    await store.update_settings(1, reminders_enabled=False)
    clock.now = FIRST_NUDGE
    assert await claim_due(store, clock) == []
    assert await store.nudges_of(1) == []


async def test_a_snoozed_nudge_comes_back_in_an_hour_and_keeps_the_schedule(
    store: Store, clock: FakeClock
) -> None:
    record = await todays_nudge(store, clock)
    assert await store.snooze_nudge(1, record.id, clock.now + timedelta(hours=1))
    assert not await store.snooze_nudge(2, record.id, clock.now)  # not someone else's
    clock.advance(minutes=59)
    assert await claim_due(store, clock) == []
    clock.advance(minutes=2)
    [again] = await claim_and_deliver(store, clock)
    assert again.nudge_id == record.id  # the same day's nudge, again
    [record] = await store.nudges_of(1)  # still one record for the day
    assert record.outcome is NudgeOutcome.SENT
    user = await store.get_user(1)
    assert user is not None and user.next_nudge_at == TOMORROW_9


async def test_skip_today_cancels_a_snooze(store: Store, clock: FakeClock) -> None:
    record = await todays_nudge(store, clock)
    await store.snooze_nudge(1, record.id, clock.now + timedelta(hours=1))
    assert await store.skip_nudge(1, record.id)
    assert not await store.skip_nudge(1, record.id)  # a second press changes nothing
    clock.advance(hours=2)
    assert await claim_due(store, clock) == []
    [record] = await store.nudges_of(1)
    assert (record.outcome, record.reason) == (NudgeOutcome.SKIPPED, NudgeReason.SKIPPED_BY_PERSON)
    clock.now = FIRST_NUDGE + timedelta(days=1)
    assert len(await claim_due(store, clock)) == 1  # tomorrow as usual


async def test_only_todays_nudge_can_be_snoozed_or_skipped(store: Store, clock: FakeClock) -> None:
    yesterday = await todays_nudge(store, clock)
    clock.now = datetime(2026, 3, 3, 8, 30, tzinfo=UTC)
    assert not await store.snooze_nudge(1, yesterday.id, clock.now + timedelta(hours=1))
    assert not await store.skip_nudge(1, yesterday.id)
    clock.now = FIRST_NUDGE + timedelta(days=1)
    assert len(await claim_due(store, clock)) == 1  # today's still comes, once


async def test_a_snoozed_nudge_is_not_resent_during_a_pause(
    store: Store, clock: FakeClock
) -> None:
    record = await todays_nudge(store, clock)
    await store.snooze_nudge(1, record.id, clock.now + timedelta(hours=1))
    await store.set_pause(1, clock.now + timedelta(days=3))
    clock.advance(hours=2)
    assert await claim_due(store, clock) == []
    [record] = await store.nudges_of(1)
    assert (record.outcome, record.reason) == (NudgeOutcome.SKIPPED, NudgeReason.PAUSED)


async def test_changing_settings_keeps_a_snooze_and_a_due_nudge(
    store: Store, clock: FakeClock
) -> None:
    record = await todays_nudge(store, clock)
    await store.snooze_nudge(1, record.id, clock.now + timedelta(hours=1))
    await store.update_settings(1, silent_nudges=True)
    await store.update_settings(1, reminder_time=time(18, 0))
    clock.advance(hours=1, minutes=1)
    [snoozed] = await claim_and_deliver(store, clock)
    assert snoozed.nudge_id == record.id and snoozed.silent
    clock.now = datetime(2026, 3, 2, 18, 1, tzinfo=UTC)
    assert await claim_due(store, clock) == []  # the new time brings no second one today
    user = await store.get_user(1)
    assert user is not None and user.next_nudge_at == datetime(2026, 3, 3, 18, tzinfo=UTC)
    # Due but not yet taken when the time changes: still sent today.
    clock.now = datetime(2026, 3, 3, 18, 0, 10, tzinfo=UTC)
    await store.update_settings(1, reminder_time=time(7, 0))
    assert len(await claim_and_deliver(store, clock)) == 1
    # Turning nudges off ends a pending snooze, recorded as such.
    [*_, latest] = await store.nudges_of(1)
    await store.snooze_nudge(1, latest.id, clock.now + timedelta(hours=1))
    await store.update_settings(1, reminders_enabled=False)
    [*_, latest] = await store.nudges_of(1)
    assert (latest.outcome, latest.reason) == (NudgeOutcome.SKIPPED, NudgeReason.TURNED_OFF)


async def test_a_stale_claim_taken_over_by_another_dispatcher_is_sent_by_one_only(
    store: Store, clock: FakeClock
) -> None:
    await person(store, 1)
    clock.now = datetime(2026, 3, 2, 9, 0, 30, tzinfo=UTC)
    first = await store.claim_due_nudges(clock.now, POLICY, limit=10)
    clock.advance(minutes=3)  # the first dispatcher stalls past its lease...
    taken = await store.recover_stale_nudges(clock.now, lease=timedelta(minutes=2), grace=GRACE)
    assert [c.nudge_id for c in taken] == [c.nudge_id for c in first.claims]
    ids = [c.nudge_id for c in taken]
    assert await store.mark_sending(ids) == set(ids)  # ...the second one sends...
    assert await store.mark_sending(ids) == set()  # ...and the first, waking up, does not


async def test_a_recorded_block_stops_nudges_until_the_person_writes(
    store: Store, clock: FakeClock
) -> None:
    await person(store, 1)
    await store.record_nudge_results([NudgeResult(0, 1, NudgeOutcome.BLOCKED)])
    blocked = await store.get_user(1)
    assert blocked is not None and blocked.blocked and blocked.next_nudge_at is None
    clock.advance(days=2)
    assert await claim_due(store, clock) == []
    await store.ensure_user(1, 1)  # any command, e.g. /remind
    user = await store.get_user(1)
    assert user is not None and not user.blocked and user.next_nudge_at is not None


async def test_people_from_before_nudges_existed_get_scheduled(
    database_url: str, clock: FakeClock
) -> None:
    engine = create_engine(database_url)
    await migrate.upgrade(engine, "0002")
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO users (user_id, chat_id, timezone, reminder_time, "
                "reminders_enabled, created_at, last_seen_at) VALUES "
                "(5, 5, 'UTC', '09:00:00', true, :now, :now)"
                # Typed, so SQLAlchemy converts it (sqlite3's own datetime adapter is
                # deprecated since Python 3.12).
            ).bindparams(bindparam("now", type_=DateTime())),
            {"now": clock.now.replace(tzinfo=None)},
        )
    store = Store(engine, clock=clock)
    try:
        await store.migrate()
        assert await store.schedule_unscheduled(clock.now) == 1
        assert await store.schedule_unscheduled(clock.now) == 0
        clock.now = FIRST_NUDGE
        [claim] = await claim_due(store, clock)
        assert claim.user_id == 5
    finally:
        await store.close()


async def test_pending_work_says_who_is_due_and_which_claims_outlived_their_lease(
    store: Store, clock: FakeClock
) -> None:
    lease = timedelta(minutes=2)
    await person(store, 1)
    clock.now = datetime(2026, 3, 2, 8, 59, tzinfo=UTC)
    assert await store.pending_work(clock.now, lease=lease) == (False, False)
    clock.now = datetime(2026, 3, 2, 9, 0, 20, tzinfo=UTC)
    assert await store.pending_work(clock.now, lease=lease) == (True, False)
    batch = await store.claim_due_nudges(clock.now, POLICY, limit=10)
    assert len(batch.claims) == 1  # claimed, and then the dispatcher vanished
    assert await store.pending_work(clock.now, lease=lease) == (False, False)
    clock.advance(minutes=3)
    assert await store.pending_work(clock.now, lease=lease) == (False, True)
    await store.recover_stale_nudges(clock.now, lease=lease, grace=GRACE)
    assert await store.pending_work(clock.now, lease=lease) == (False, False)


async def test_with_a_spread_window_each_person_keeps_their_own_offset(
    store: Store, clock: FakeClock
) -> None:
    async with Store(store.engine, store.defaults, clock, spread_minutes=60) as spread:
        # Someone due early and someone due late within the hour around 09:00.
        early = next(u for u in range(1, 1000) if spread_offset(u, 60) < timedelta(minutes=-10))
        late = next(u for u in range(1, 1000) if spread_offset(u, 60) > timedelta(minutes=10))
        nine = datetime(2026, 3, 2, 9, tzinfo=UTC)
        for user_id in (early, late):
            await person(spread, user_id)
            user = await spread.get_user(user_id)
            assert user is not None and user.next_nudge_at == nine + spread_offset(user_id, 60)
        clock.now = nine
        [claim] = await claim_due(spread, clock)  # only the early one is due at 09:00
        assert claim.user_id == early and str(claim.local_date) == "2026-03-02"
        following = await spread.get_user(early)
        assert following is not None
        assert following.next_nudge_at == TOMORROW_9 + spread_offset(early, 60)
        clock.now = nine + timedelta(minutes=31)
        [claim] = await claim_due(spread, clock)
        assert claim.user_id == late and str(claim.local_date) == "2026-03-02"


async def test_an_offset_held_at_midnight_still_nudges_once_on_the_chosen_day(
    store: Store, clock: FakeClock
) -> None:
    async with Store(store.engine, store.defaults, clock, spread_minutes=120) as spread:
        # 00:05 in Berlin, and an offset that would take it to the evening before.
        user_id = next(u for u in range(1, 1000) if spread_offset(u, 120) < timedelta(minutes=-30))
        clock.now = datetime(2026, 3, 1, 12, tzinfo=UTC)
        await person(spread, user_id, tz="Europe/Berlin", at=time(0, 5))
        user = await spread.get_user(user_id)
        midnight = datetime(2026, 3, 1, 23, tzinfo=UTC)  # 00:00 on 2 March in Berlin
        assert user is not None and user.next_nudge_at == midnight
        clock.now = midnight
        [claim] = await claim_due(spread, clock)
        assert str(claim.local_date) == "2026-03-02"
        user = await spread.get_user(user_id)
        assert user is not None and user.next_nudge_at == midnight + timedelta(days=1)
