"""Habit strength, streaks and counts, in the person's own time zone."""

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.progress import (
    DECAY,
    calendar_days,
    habit_strength,
    practice_days,
    skill_progress,
    streak,
)

D = date(2026, 3, 10)


def test_strength_rises_with_practice_and_halves_after_about_two_weeks() -> None:
    daily = [D - timedelta(days=n) for n in range(60)]
    strong = habit_strength(daily, D)
    assert strong > 0.9
    later = habit_strength(daily, D + timedelta(days=13))
    assert later == pytest.approx(strong / 2, rel=0.01)
    assert habit_strength([], D) == 0.0
    assert habit_strength([D], D) == pytest.approx(1 - DECAY)


def test_a_missed_day_dents_the_strength_but_does_not_wipe_it() -> None:
    with_gap = [D - timedelta(days=n) for n in range(30) if n != 1]
    without = [D - timedelta(days=n) for n in range(30)]
    assert (
        0.8 * habit_strength(without, D) < habit_strength(with_gap, D) < habit_strength(without, D)
    )


def test_streak_counts_to_today_or_yesterday() -> None:
    assert streak([D, D - timedelta(days=1), D - timedelta(days=2)], D) == 3
    assert streak([D - timedelta(days=1), D - timedelta(days=2)], D) == 2  # today still open
    assert streak([D - timedelta(days=2)], D) == 0
    assert streak([], D) == 0


def test_days_are_the_persons_local_days() -> None:
    # 23:30 UTC on 9 March is already 10 March in Berlin and still 9 March in New York.
    moment = datetime(2026, 3, 9, 23, 30, tzinfo=UTC)
    assert practice_days([moment], "Europe/Berlin") == {date(2026, 3, 10): 1}
    assert practice_days([moment], "America/New_York") == {date(2026, 3, 9): 1}


def test_streak_across_the_spring_dst_change() -> None:
    # Practised at 08:00 local every day through Berlin's change on 29 March.
    moments = [
        datetime(2026, 3, 27, 7, tzinfo=UTC),
        datetime(2026, 3, 28, 7, tzinfo=UTC),
        datetime(2026, 3, 29, 6, tzinfo=UTC),
        datetime(2026, 3, 30, 6, tzinfo=UTC),
    ]
    [item] = skill_progress(
        [("Repair", m) for m in moments], "Europe/Berlin", datetime(2026, 3, 30, 20, tzinfo=UTC)
    )
    assert item.streak == 4 and item.all_time == 4


def test_counts_per_skill_this_week_month_and_all_time() -> None:
    now = datetime(2026, 3, 11, 12, tzinfo=UTC)  # a Wednesday
    completions = [
        ("Repair", datetime(2026, 2, 20, 9, tzinfo=UTC)),
        ("Repair", datetime(2026, 3, 2, 9, tzinfo=UTC)),
        ("Repair", datetime(2026, 3, 9, 9, tzinfo=UTC)),
        ("Repair", datetime(2026, 3, 11, 9, tzinfo=UTC)),
        ("Owning Impact", datetime(2026, 3, 10, 9, tzinfo=UTC)),
    ]
    repair, owning = skill_progress(completions, "UTC", now)
    assert (repair.skill, repair.this_week, repair.this_month, repair.all_time) == (
        "Repair",
        2,
        3,
        4,
    )
    assert repair.last_practised == date(2026, 3, 11) and repair.streak == 1
    assert (owning.this_week, owning.all_time, owning.streak) == (1, 1, 1)


def test_calendar_covers_twelve_whole_weeks_ending_this_week() -> None:
    days = calendar_days(D)  # a Tuesday
    assert len(days) == 84 and days[0].weekday() == 0
    assert days[-1] == D + timedelta(days=5) and D in days
