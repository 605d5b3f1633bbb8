"""The daily nudge policy: for a person whose nudge is due, send or skip, and when next. Pure.

Like `practice.apply` for practice sessions: nothing here reads the clock, the
database or Telegram. The store reads who is due, asks `decide`, and carries the
decision out in the same transaction that claims them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from bot.domain.models import LISTENING_DAYS
from bot.domain.schedule import local_date, next_occurrence, occurrence
from bot.domain.time_words import NUMBER_WORDS

# Snooze delays today's nudge only; the daily schedule stays.
SNOOZE = timedelta(hours=1)
MAX_PAUSE_DAYS = 365


class NudgeReason(StrEnum):
    """Why a nudge ended without reaching the person; the value is what is stored."""

    LATE = "late: the bot was not running"
    LATE_AFTER_CRASH = "late: the dispatcher stopped before sending"
    PAUSED = "paused"
    NO_SKILL = "no skill in the vault"
    PRACTISED = "already practised today"
    SKIPPED_BY_PERSON = "skipped by the person"
    TURNED_OFF = "nudges turned off"
    INTERRUPTED = "interrupted while sending; delivery unknown"


@dataclass(frozen=True, slots=True)
class SkillNames:
    """The skills there are right now: every name (title or alias, casefolded) → its title,
    and the title a person without a focus of their own gets."""

    titles: Mapping[str, str]
    default: str | None

    def focus(self, chosen: str | None) -> str | None:
        """The skill a person's nudge is about: their focus if it exists, else the default."""
        found = self.titles.get(chosen.strip().casefold()) if chosen else None
        return found or self.default


@dataclass(frozen=True, slots=True)
class NudgePolicy:
    """What `decide` needs besides the person: the grace window and the skills there are."""

    grace: timedelta
    skills: SkillNames


@dataclass(frozen=True, slots=True)
class DuePerson:
    """A person whose nudge is due, as the store reads them while claiming."""

    user_id: int
    due: datetime
    reminder_time: time
    timezone: str
    focus_skill: str | None = None
    paused_until: datetime | None = None
    snoozed_nudge_id: int | None = None
    # Completed practices of the last two days: (skill, finished_at).
    practised: tuple[tuple[str, datetime], ...] = ()
    # Their offset from `reminder_time` in the operator's spread window (schedule.spread_offset).
    shift: timedelta = timedelta(0)


@dataclass(frozen=True, slots=True)
class NudgeDecision:
    """What to do with one due person: their next nudge time, and this nudge's fate.

    With `snoozed_nudge_id` set, the nudge is that snoozed one coming back, not a
    new one for the day; `skip` None means send it.
    """

    user_id: int
    due: datetime
    following: datetime
    local_date: date
    skill: str | None
    skip: NudgeReason | None = None
    snoozed_nudge_id: int | None = None


def decide(person: DuePerson, now: datetime, policy: NudgePolicy) -> NudgeDecision:
    """Decide one due nudge: sent if on time, else skipped with the reason."""
    due = person.due
    # Never a burst after downtime: the next nudge is the first one that is not
    # already past the grace window.
    tz = person.timezone
    following = next_occurrence(
        max(due, now - policy.grace), person.reminder_time, tz, person.shift
    )
    day = local_date(due, tz)
    late = now - due > policy.grace
    paused = person.paused_until is not None and due < person.paused_until
    if person.snoozed_nudge_id is not None:
        skip = NudgeReason.LATE if late else NudgeReason.PAUSED if paused else None
        return NudgeDecision(
            person.user_id, due, following, day, None, skip, person.snoozed_nudge_id
        )
    skill = policy.skills.focus(person.focus_skill)
    if late:
        skip = NudgeReason.LATE
    elif paused:
        skip = NudgeReason.PAUSED
    elif skill is None:
        skip = NudgeReason.NO_SKILL
    elif _practised_that_day(person, skill, day):
        skip = NudgeReason.PRACTISED
    else:
        skip = None
    return NudgeDecision(person.user_id, due, following, day, skill, skip)


def next_nudge(
    now: datetime,
    at: time,
    tz: str,
    *,
    enabled: bool = True,
    blocked: bool = False,
    shift: timedelta = timedelta(0),
) -> datetime | None:
    """The next regular nudge after `now`, `shift` away from `at` (the person's spread
    offset); None when nudges are off or the bot is blocked."""
    if not enabled or blocked:
        return None
    return next_occurrence(now, at, tz, shift)


def rescheduled(
    current: datetime | None,
    now: datetime,
    at: time,
    tz: str,
    *,
    enabled: bool,
    blocked: bool,
    snoozed: bool,
    shift: timedelta = timedelta(0),
) -> datetime | None:
    """The next nudge after the settings changed (time, zone, on/off).

    A nudge already due (the dispatcher takes it within seconds) or a pending snooze
    keeps its time: the new settings apply from the next one on.
    """
    if not enabled:
        return None
    if snoozed or (current is not None and current <= now):
        return current
    following = next_nudge(now, at, tz, blocked=blocked, shift=shift)
    today = local_date(now, tz)
    if (
        following is not None
        and local_date(following, tz) > today
        and occurrence(today, at, tz) > now
    ):
        # A time chosen still ahead today whose spread offset already lies behind now
        # (09:00 set at 08:55, offset -10 min): today's nudge comes now rather than not
        # at all; it is still inside the person's spread window.
        return now
    return following


def snooze_until(now: datetime) -> datetime:
    """When a nudge snoozed at `now` comes back."""
    return now + SNOOZE


# After safety language the daily nudges rest this long: the days after someone said
# they are in danger, or thinking of harming themselves, are not days to push practice
# (a Repair step may tell them to reach out to the very partner they fear). As long as
# what they write is met rather than matched to a skill (User.listened_to).
REST_AFTER_SAFETY = LISTENING_DAYS


def back_from_pause(paused_until: datetime | None, now: datetime, *, nudged_since: bool) -> bool:
    """Whether a nudge sent `now` is the first since a pause ended (none has reached the
    person since): it welcomes them back rather than handing them a step, since the
    pause may have been the rest after safety language, when a Repair step ("reach out
    to them") is the last thing to send."""
    return paused_until is not None and paused_until <= now and not nudged_since


def rest_after_safety(now: datetime, paused_until: datetime | None) -> datetime | None:
    """Until when nudges rest after safety language at `now`; None when a pause the
    person chose already lasts that long (it is never shortened)."""
    until = now + REST_AFTER_SAFETY
    if paused_until is not None and paused_until >= until:
        return None
    return until


def pause_until(now: datetime, days: str) -> datetime | None:
    """When a pause of `days` (as typed) started at `now` ends; None unless 1 to 365."""
    count = pause_days(days)
    if count is None or not 1 <= count <= MAX_PAUSE_DAYS:
        return None
    return now + timedelta(days=count)


# How people name a pause in the bot's languages: "7", "7 days", "a week", "zwei Wochen",
# "una semana", "неделю".
_DAYS_IN = {
    **dict.fromkeys(("day", "days", "tag", "tage", "tagen", "día", "dia", "días", "dias"), 1),
    **dict.fromkeys(("день", "дня", "дней", "сутки"), 1),
    **dict.fromkeys(("week", "weeks", "woche", "wochen", "semana", "semanas"), 7),
    **dict.fromkeys(("неделя", "неделю", "недели", "недель"), 7),
}
_HOW_MANY = {
    **NUMBER_WORDS,  # one to twelve in English, German and Spanish
    **dict.fromkeys(("a", "an", "eine", "einen", "un"), 1),  # "a week", "eine Woche"
    **dict.fromkeys(("один", "одна", "одну"), 1),
    **dict.fromkeys(("два", "две"), 2),
    **dict.fromkeys(("три",), 3),
}


# "seven days please", "for a week", "bitte eine Woche", "por favor una semana".
_POLITE = frozenset({"please", "for", "bitte", "für", "fuer", "por", "favor", "пожалуйста", "на"})


def pause_days(text: str) -> int | None:
    """How many days a typed pause names, in any of the bot's languages; None when it
    names none (out of range is still a number: the caller says the range)."""
    words = [w for w in text.casefold().strip(".!").split() if w not in _POLITE]
    # isdecimal, not isdigit: "²" is a digit that int() cannot read.
    if len(words) == 1:
        word = words[0]
        return _number(word) if word.isdecimal() else _DAYS_IN.get(word)
    if len(words) != 2 or words[1] not in _DAYS_IN:
        return None
    count = _number(words[0]) if words[0].isdecimal() else _HOW_MANY.get(words[0])
    return None if count is None else count * _DAYS_IN[words[1]]


def _number(digits: str) -> int:
    # Python refuses to read more than 4,300 digits (a guard against slow conversions);
    # anything over six digits is out of range however it reads, and said to be so.
    return int(digits) if len(digits) <= 6 else MAX_PAUSE_DAYS + 1


# "a few days", "ein paar Tage", "unos días", "несколько дней": days, but how many?
_SOME = frozenset(
    {"few", "couple", "some", "paar", "einige", "unos", "algunos", "несколько", "пару"}
)
MAX_DAYS_WORDS = 4


def speaks_of_days(text: str) -> bool:
    """A short answer about days that names no number of them ("a few days"): asked
    again, rather than read as a message about something else."""
    words = [word.strip(",.!?") for word in text.casefold().split()]
    return len(words) <= MAX_DAYS_WORDS and any(w in _DAYS_IN or w in _SOME for w in words)


_PAUSE_WORDS = frozenset({"pause", "pausa", "пауза", "pausieren", "pausiere", "pausier"})


# What may follow the word for a pause when the nudges are meant ("pause the nudges for
# a week please"), besides the days themselves.
_ABOUT_NUDGES = frozenset(
    {"the", "my", "nudges", "reminders", "please", "for", "bitte", "die", "impulse",
     "erinnerungen", "los", "recordatorios", "por", "favor", "напоминания", "пожалуйста"}
)  # fmt: skip


def pause_asked(text: str) -> int | None:
    """How many days a typed request for a pause names: "pause for a week please",
    "pausa una semana", "пауза на неделю" (7): the word for a pause and a number of days,
    nothing else. None for anything else ("pause before you react" is the skill's own
    advice, "пауза в отношениях" a break between two people). Out of range is still a
    number: the caller says the range."""
    words = [word.strip(",.!?¿¡") for word in text.casefold().split()]
    if not words or words[0] not in _PAUSE_WORDS:
        return None
    rest = [word for word in words[1:] if word not in _ABOUT_NUDGES]
    return pause_days(" ".join(rest)) if rest else None


def step_of_the_day(step_count: int, day: date) -> int:
    """Which step a nudge carries on `day`: a different one each day, cycling."""
    return day.toordinal() % step_count


def is_todays(nudge_day: date, now: datetime, tz: str) -> bool:
    """Tell whether a nudge for `nudge_day` is today's where the person lives."""
    return nudge_day == local_date(now, tz)


def _practised_that_day(person: DuePerson, skill: str, day: date) -> bool:
    midnight = occurrence(day, time(0, 0), person.timezone)
    return any(
        done == skill and midnight <= finished <= person.due for done, finished in person.practised
    )
