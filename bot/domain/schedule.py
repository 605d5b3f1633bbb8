"""When a person's daily nudge is due: local wall time + IANA zone → UTC instant.

08:30 stays 08:30 local across DST changes; a local time that does not exist
that day (spring forward) moves to the first valid minute after the gap; an
ambiguous one (fall back) fires once, at its first occurrence.

With a spread window (the operator's NUDGE_SPREAD_MINUTES) each person's nudge
leaves at a fixed offset from their chosen time, so a crowd who all chose 09:00
is not one queue at 09:00.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.time_words import clock_form
from bot.domain.timezones import fixed_offset_minutes

_CLOCK = re.compile(
    r"^\s*(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*"
    r"(am|pm|a\.m\.|p\.m\.|uhr|h|hs|horas?|час(?:а|ов)?|утра|ночи|дня|вечера)?\s*$",
    re.IGNORECASE,
)
# What follows the hour: morning (a 12-hour clock's first half), afternoon or evening
# (its second), or a word that says it is a 24-hour clock ("7 Uhr", "19 h", "7 часов").
_MORNING = ("a", "утра", "ночи")
_AFTERNOON = ("p", "дня", "вечера")


@lru_cache(maxsize=512)
def zone(name: str) -> tzinfo:
    """A zone by IANA name, or a fixed offset named like `UTC+05:30` (cached: the
    dispatcher asks for the same few zones)."""
    minutes = fixed_offset_minutes(name)
    if minutes is not None:
        return timezone(timedelta(minutes=minutes), name)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "America", a folder
        # A name this host's tz database lacks (stored on another host, or dropped by a
        # tzdata upgrade) reads as UTC, the zone of anyone who has not chosen one: the
        # dispatcher asks for everyone's zone, and one unknown name must not stop it.
        return UTC


def local_date(instant: datetime, tz: str) -> date:
    """The calendar date at `instant` in zone `tz`."""
    return instant.astimezone(zone(tz)).date()


def occurrence(day: date, at: time, tz: str) -> datetime:
    """The UTC instant of wall time `at` on `day` in `tz`.

    A wall time skipped by a DST gap resolves to the first minute after the gap;
    an ambiguous one to its first occurrence (fold=0).
    """
    place = zone(tz)
    wall = datetime.combine(day, at)
    for minutes in range(0, 24 * 60):
        candidate = (wall + timedelta(minutes=minutes)).replace(tzinfo=place, fold=0)
        instant = candidate.astimezone(UTC)
        if instant.astimezone(place).replace(tzinfo=None) == candidate.replace(tzinfo=None):
            return instant
    raise ValueError(f"no valid local time near {wall} in {tz}")  # pragma: no cover


def next_occurrence(
    after: datetime, at: time, tz: str, shift: timedelta = timedelta(0)
) -> datetime:
    """The first instant strictly after `after` whose local wall time in `tz` is `at`,
    moved by `shift` (a person's spread offset, see `shifted`)."""
    start = local_date(after, tz)
    for offset in range(3):
        instant = shifted(start + timedelta(days=offset), at, tz, shift)
        if instant > after:
            return instant
    raise AssertionError("a daily time always recurs within three days")  # pragma: no cover


def spread_offset(user_id: int, window_minutes: int) -> timedelta:
    """A person's offset from their chosen nudge time: within ±window/2, the same every day.

    Derived from the user id alone (a hash, not Python's `hash`, which changes between
    processes), so it does not move from day to day, across restarts or between replicas,
    and a crowd who chose the same minute is spread evenly over the window, in whole
    seconds. A window of 0 is no offset.
    """
    if window_minutes <= 0:
        return timedelta(0)
    digest = hashlib.blake2b(user_id.to_bytes(16, "big", signed=True), digest_size=8).digest()
    width = window_minutes * 60  # seconds; the offset is one of -width/2 … +width/2
    return timedelta(seconds=int.from_bytes(digest, "big") % (width + 1) - width // 2)


def shifted(day: date, at: time, tz: str, shift: timedelta) -> datetime:
    """The instant of wall time `at` on `day` in `tz`, moved by `shift` but kept on `day`.

    Why clamp rather than let a nudge chosen for 00:10 leave at 23:50 the evening before:
    the local day a nudge belongs to is read from its due instant (one nudge per person
    and local day, "already practised today", a snoozed or skipped nudge being today's).
    Kept inside the chosen day, every one of those rules holds unchanged; the price is that
    the few people whose offset would cross midnight leave at the day's first or last
    second instead. The shift itself is absolute time, so across a DST change a person is
    still never more than the offset away from the instant they chose.
    """
    instant = occurrence(day, at, tz) + shift
    if local_date(instant, tz) == day:
        return instant
    if shift < timedelta(0):
        return occurrence(day, time(0, 0), tz)
    return occurrence(day + timedelta(days=1), time(0, 0), tz) - timedelta(seconds=1)


def parse_reminder_time(text: str) -> time | None:
    """Read `07:45`, `7:45`, `7.45`, `7am`, `7:45 pm`, `19:30`, `19h30`, and as people
    write it in the bot's other languages: `7 Uhr`, `19 h`, `7 утра`, `7 вечера`; and in
    words (`time_words`): "every morning at 7", "half past eight", "noon", "um halb acht",
    "в 7 вечера". None if not a time, or a bare hour whose half of the day is not said."""
    match = _CLOCK.match(text)
    if not match:
        spoken = clock_form(text)
        match = None if spoken is None else _CLOCK.match(spoken)
    if not match:
        return None
    hour, minute, suffix = int(match[1]), int(match[2] or 0), (match[3] or "").lower()
    if suffix.startswith(_MORNING + _AFTERNOON):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix.startswith(_AFTERNOON) else 0)
    elif match[2] is None and not suffix and hour < 12:
        return None  # "7": morning or evening? Too ambiguous to guess (12 is noon, 19 is 19)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def nudge_clock(
    reminder_time: time, tz: str, *, zone_chosen: bool, created_at: datetime
) -> tuple[time, str]:
    """The wall time and zone a person's daily nudge keeps.

    Until they choose a zone, the bot cannot know when their night is, so the nudge
    comes at the UTC time of day they first wrote (they were awake then) rather than
    at a reminder time that may fall at 01:00 for them.
    """
    if zone_chosen:
        return reminder_time, tz
    first = created_at.astimezone(UTC)
    return time(first.hour, first.minute), "UTC"
