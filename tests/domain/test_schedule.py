"""Nudge times across DST changes, many zones and every accepted way of writing a time."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.schedule import local_date, next_occurrence, occurrence, parse_reminder_time, zone


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
    ],
)
def test_times_people_type(text: str, expected: time) -> None:
    assert parse_reminder_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "7:60", "13pm", "0am", "seven", "7", "", "7:5"])
def test_not_times(text: str) -> None:
    assert parse_reminder_time(text) is None
