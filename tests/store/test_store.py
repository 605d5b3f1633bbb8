from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import text

from bot.store import Store, UserDefaults
from tests.support.clock import FakeClock


async def test_only_register_creates_a_person(store: Store) -> None:
    from bot.domain.models import NotRegistered

    with pytest.raises(NotRegistered):
        await store.ensure_user(5, 500)
    assert await store.count_users() == 0


async def test_register_once_and_ensure_user_refreshes(store: Store, clock: FakeClock) -> None:
    first, created = await store.register(5, 500)
    assert created and first.user_id == 5 and first.chat_id == 500
    assert first.timezone == "UTC" and first.reminder_time == time(9, 0)
    assert first.reminders_enabled and first.focus_skill is None
    assert first.created_at == clock.now and first.created_at.tzinfo is not None

    clock.advance(hours=3)
    again = await store.ensure_user(5, 501)
    assert again.created_at == first.created_at
    assert again.last_seen_at == clock.now
    assert again.chat_id == 501
    assert await store.count_users() == 1


async def test_get_user_returns_none_for_strangers(store: Store) -> None:
    assert await store.get_user(999) is None
    await store.register(999, 1)
    found = await store.get_user(999)
    assert found is not None and found.user_id == 999


async def test_new_people_get_the_configured_defaults(store: Store) -> None:
    async with Store(
        store.engine, UserDefaults("Europe/Berlin", time(7, 30)), store.clock
    ) as custom:
        user, _ = await custom.register(7, 7)
    assert (user.timezone, user.reminder_time) == ("Europe/Berlin", time(7, 30))


async def test_times_come_back_aware_utc(store: Store, clock: FakeClock) -> None:
    clock.now = datetime(2026, 7, 1, 23, 59, 59, tzinfo=UTC)
    await store.register(1, 1)
    user = await store.get_user(1)
    assert user is not None and user.created_at == clock.now
    assert user.created_at.utcoffset() is not None


async def test_naive_datetimes_are_refused(store: Store) -> None:
    store.clock = lambda: datetime(2026, 1, 1)  # noqa: DTZ001 - the point of the test
    with pytest.raises((TypeError, ValueError), match="naive"):
        await store.register(1, 1)


async def test_ping(store: Store) -> None:
    await store.ping()


async def test_sqlite_runs_in_wal_with_a_busy_timeout(store: Store, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("SQLite pragmas only")
    async with store.engine.connect() as conn:
        assert (await conn.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
        assert (await conn.execute(text("PRAGMA busy_timeout"))).scalar() == 30000
        assert (await conn.execute(text("PRAGMA secure_delete"))).scalar() == 1


async def test_a_question_is_kept_until_closed(store: Store, clock: FakeClock) -> None:
    from bot.domain.models import Question

    await store.register(5, 500)
    await store.ask(5, Question.ZONE)
    asked = await store.get_user(5)
    assert asked is not None and asked.question is Question.ZONE
    assert asked.asked_at == clock.now
    clock.advance(minutes=1)
    await store.ask(5, Question.PAUSE_DAYS)  # a new question replaces the last
    again = await store.get_user(5)
    assert again is not None and again.question is Question.PAUSE_DAYS
    assert again.asked_at == clock.now
    await store.close_question(5, asked_at=clock.now - timedelta(seconds=1))
    kept = await store.get_user(5)  # asked after the update that would close it began
    assert kept is not None and kept.question is Question.PAUSE_DAYS
    await store.close_question(5, asked_at=clock.now)
    closed = await store.get_user(5)
    assert closed is not None and closed.question is None and closed.asked_at is None
    # A value this version does not know (written by a newer one) is no question.
    async with store.engine.begin() as conn:
        await conn.execute(text("UPDATE users SET question = 'someday' WHERE user_id = 5"))
    unknown = await store.get_user(5)
    assert unknown is not None and unknown.question is None


async def test_times_of_safety_language_are_cleared_once_their_days_are_over(
    store: Store, clock: FakeClock
) -> None:
    from bot.domain.models import LISTENING_DAYS

    await store.register(5, 500)
    await store.register(6, 600)
    await store.note_safety(5, at_risk=True, harmed=True)
    clock.advance(days=1)
    await store.note_safety(6, at_risk=True, harmed=False)
    # Within their days: kept, and still doing what they are for.
    clock.advance(seconds=(LISTENING_DAYS - timedelta(days=1)).total_seconds() - 1)
    assert await store.forget_listening_times() == 0
    ada = await store.get_user(5)
    assert ada is not None and ada.at_risk(clock.now) and ada.harmed(clock.now)
    # Ada's days end; Ben's, begun a day later, go on.
    clock.advance(seconds=1)
    assert await store.forget_listening_times() == 2
    ada, ben = await store.get_user(5), await store.get_user(6)
    assert ada is not None and ada.at_risk_since is None and ada.harmed_since is None
    assert ben is not None and ben.at_risk(clock.now)
    export = await store.export_user(5)
    assert export is not None
    [row] = export["users"]
    assert row["at_risk_since"] is None and row["harmed_since"] is None
    clock.advance(days=1)
    assert await store.forget_listening_times() == 1
    ben = await store.get_user(6)
    assert ben is not None and ben.at_risk_since is None
