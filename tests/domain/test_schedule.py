"""Nudge times across DST changes, many zones and every accepted way of writing a time."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.schedule import (
    local_date,
    next_occurrence,
    occurrence,
    parse_reminder_time,
    shifted,
    spread_offset,
    zone,
)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_0830_stays_0830_local_across_berlin_spring_and_autumn() -> None:
    at = time(8, 30)
    # 2026-03-29: Berlin goes from UTC+1 to UTC+2.
    before = next_occurrence(utc(2026, 3, 28, 0), at, "Europe/Berlin")
    after = next_occurrence(before, at, "Europe/Berlin")
    assert before == utc(2026, 3, 28, 7, 30)
    assert after == utc(2026, 3, 29, 6, 30)
    # 2026-10-25: back to UTC+1.
    autumn = next_occurrence(utc(2026, 10, 25, 0), at, "Europe/Berlin")
    assert autumn == utc(2026, 10, 25, 7, 30)
    assert next_occurrence(autumn, at, "Europe/Berlin") == utc(2026, 10, 26, 7, 30)


def test_new_york_spring_and_autumn() -> None:
    at = time(7, 0)
    # 2026-03-08 and 2026-11-01 are New York's changes.
    assert next_occurrence(utc(2026, 3, 7, 20), at, "America/New_York") == utc(2026, 3, 8, 11)
    assert next_occurrence(utc(2026, 3, 6, 20), at, "America/New_York") == utc(2026, 3, 7, 12)
    assert next_occurrence(utc(2026, 11, 1, 0), at, "America/New_York") == utc(2026, 11, 1, 12)


def test_a_time_in_the_spring_gap_moves_to_the_first_valid_minute() -> None:
    # 02:30 does not exist in Berlin on 2026-03-29: clocks jump from 02:00 to 03:00.
    instant = occurrence(date(2026, 3, 29), time(2, 30), "Europe/Berlin")
    assert instant == utc(2026, 3, 29, 1, 0)
    assert instant.astimezone(zone("Europe/Berlin")).time() == time(3, 0)


def test_an_ambiguous_time_fires_once() -> None:
    # 02:30 happens twice in Berlin on 2026-10-25; only the first counts.
    first = next_occurrence(utc(2026, 10, 24, 23), time(2, 30), "Europe/Berlin")
    assert first == utc(2026, 10, 25, 0, 30)
    following = next_occurrence(first, time(2, 30), "Europe/Berlin")
    assert following == utc(2026, 10, 26, 1, 30)  # the next day, not 01:30 UTC the same day


ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/Santiago",
    "Asia/Kathmandu",
    "Pacific/Kiritimati",
]


@given(
    st.datetimes(
        min_value=datetime(2020, 1, 1),  # noqa: DTZ001 - hypothesis wants naive bounds
        max_value=datetime(2035, 1, 1),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
    st.times(),
    st.sampled_from(ZONES),
)
def test_one_nudge_per_local_day_in_every_zone(after: datetime, at: time, tz: str) -> None:
    at = at.replace(second=0, microsecond=0)
    first = next_occurrence(after, at, tz)
    second = next_occurrence(first, at, tz)
    assert after < first < second
    assert local_date(second, tz) == local_date(first, tz) + timedelta(days=1)
    assert second - first <= timedelta(hours=26)
    shown = first.astimezone(zone(tz)).time()
    assert shown == at or shown > at  # equal, or moved forward out of a DST gap


def test_the_spread_offset_is_the_same_every_time_for_a_person() -> None:
    offsets = [spread_offset(user_id, 60) for user_id in range(1, 1001)]
    assert offsets == [spread_offset(user_id, 60) for user_id in range(1, 1001)]
    # Pinned: a new release must not move everyone's nudge.
    assert spread_offset(1, 60) == timedelta(seconds=-1739)
    assert spread_offset(42, 120) == timedelta(seconds=1962)
    # People who chose the same minute are spread apart (1,000 draws from 3,601 seconds).
    assert len(set(offsets)) > 800


@given(st.integers(min_value=-(2**63), max_value=2**63), st.integers(min_value=1, max_value=120))
def test_the_spread_offset_stays_within_half_the_window(user_id: int, window: int) -> None:
    offset = spread_offset(user_id, window)
    assert abs(offset) <= timedelta(minutes=window) / 2
    assert offset.microseconds == 0  # whole seconds


def test_a_window_of_zero_is_no_offset() -> None:
    assert {spread_offset(user_id, 0) for user_id in range(1, 100)} == {timedelta(0)}


def test_the_spread_fills_the_window_evenly() -> None:
    minutes = [spread_offset(user_id, 60) / timedelta(minutes=1) for user_id in range(1, 10_001)]
    assert min(minutes) < -29.5 and max(minutes) > 29.5
    tenths = [sum(1 for m in minutes if -30 + 6 * k <= m < -24 + 6 * k) for k in range(10)]
    assert all(900 <= count <= 1100 for count in tenths), tenths


def test_a_spread_nudge_keeps_its_offset_across_a_dst_change() -> None:
    at, shift = time(8, 30), timedelta(minutes=20)
    # 2026-03-29: Berlin goes from UTC+1 to UTC+2; 08:50 local both days.
    before = next_occurrence(utc(2026, 3, 28, 0), at, "Europe/Berlin", shift)
    after = next_occurrence(before, at, "Europe/Berlin", shift)
    assert before == utc(2026, 3, 28, 7, 50)
    assert after == utc(2026, 3, 29, 6, 50)
    # A time in the spring gap: 02:30 moves to 03:00 local, and the offset is added to that.
    gap = next_occurrence(utc(2026, 3, 28, 23), time(2, 30), "Europe/Berlin", shift)
    assert gap == utc(2026, 3, 29, 1, 20)
    assert local_date(gap, "Europe/Berlin") == date(2026, 3, 29)


def test_an_offset_never_moves_a_nudge_to_another_local_day() -> None:
    # 00:10 less 30 minutes would be 23:40 the evening before: it stays at midnight.
    early = shifted(date(2026, 3, 2), time(0, 10), "Europe/Berlin", timedelta(minutes=-30))
    assert early == utc(2026, 3, 1, 23, 0)  # 00:00 in Berlin
    assert local_date(early, "Europe/Berlin") == date(2026, 3, 2)
    # 23:50 plus 30 minutes would be tomorrow: it stays at the day's last second.
    late = shifted(date(2026, 3, 2), time(23, 50), "Europe/Berlin", timedelta(minutes=30))
    assert late == utc(2026, 3, 2, 22, 59, 59)
    # Within the day the offset is kept exactly, on a 23-hour day too.
    inside = shifted(date(2026, 3, 29), time(12, 0), "Europe/Berlin", timedelta(minutes=-45))
    assert inside == utc(2026, 3, 29, 9, 15)


@given(
    st.datetimes(
        min_value=datetime(2020, 1, 1),  # noqa: DTZ001 - hypothesis wants naive bounds
        max_value=datetime(2035, 1, 1),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
    st.times(),
    st.sampled_from(ZONES),
    st.integers(min_value=-3600, max_value=3600),
)
def test_with_an_offset_still_one_nudge_per_local_day_in_every_zone(
    after: datetime, at: time, tz: str, seconds: int
) -> None:
    at, shift = at.replace(second=0, microsecond=0), timedelta(seconds=seconds)
    first = next_occurrence(after, at, tz, shift)
    second = next_occurrence(first, at, tz, shift)
    assert after < first < second
    day = local_date(first, tz)
    assert local_date(second, tz) == day + timedelta(days=1)
    # On the chosen day, at most the offset away from the chosen time.
    assert abs(first - occurrence(day, at, tz)) <= abs(shift)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07:45", time(7, 45)),
        ("7:45", time(7, 45)),
        ("7.45", time(7, 45)),
        ("7am", time(7, 0)),
        ("7 AM", time(7, 0)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("7:45pm", time(19, 45)),
        ("19:30", time(19, 30)),
        ("19h30", time(19, 30)),
        ("0:00", time(0, 0)),
        ("23:59", time(23, 59)),
        # as people write them in the bot's other languages
        ("7 Uhr", time(7, 0)),
        ("19 Uhr", time(19, 0)),
        ("7:30 Uhr", time(7, 30)),
        ("19h", time(19, 0)),
        ("8 horas", time(8, 0)),
        ("7 утра", time(7, 0)),
        ("7 вечера", time(19, 0)),
        ("3 дня", time(15, 0)),
        ("2 ночи", time(2, 0)),
    ],
)
def test_times_people_type(text: str, expected: time) -> None:
    assert parse_reminder_time(text) == expected


@pytest.mark.parametrize(
    "text", ["25:00", "7:60", "13pm", "0am", "seven", "7", "", "7:5", "25 Uhr", "13 вечера"]
)
def test_not_times(text: str) -> None:
    assert parse_reminder_time(text) is None


def test_a_zone_this_host_does_not_know_reads_as_utc() -> None:
    # One person's unresolvable stored zone must not stop the dispatcher for everyone.
    assert zone("Nowhere/Atlantis") is UTC
    assert zone("../../etc/passwd") is UTC
    assert next_occurrence(
        datetime(2026, 3, 2, 8, tzinfo=UTC), time(9), "Nowhere/Atlantis"
    ) == datetime(2026, 3, 2, 9, tzinfo=UTC)
