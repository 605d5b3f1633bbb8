"""Progress arithmetic: counts, habit strength and streaks from completed practices. Pure.

Habit strength follows Loop Habit Tracker's score: each day the score moves a
fixed share of the way towards 1 if the person practised that day and towards 0
if not, so it rises with practice and fades gently, roughly halving after two
weeks without practice, instead of a streak that drops to zero after one
missed day. The streak is shown as well, for those who like it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.domain.schedule import local_date

# Loop Habit Tracker's daily multiplier: 0.5 ** (sqrt(1) / 13) ≈ 0.948, i.e. a score
# with no practice halves in 13 days.
HALF_LIFE_DAYS = 13
DECAY = 0.5 ** (1 / HALF_LIFE_DAYS)
CALENDAR_WEEKS = 12


@dataclass(frozen=True, slots=True)
class SkillProgress:
    """One skill's figures for one person."""

    skill: str
    this_week: int
    this_month: int
    all_time: int
    last_practised: date
    strength: float  # 0..1
    streak: int  # consecutive days up to today (or yesterday)


def practice_days(finished: Iterable[datetime], tz: str) -> Counter[date]:
    """How many practices were completed on each local day."""
    return Counter(local_date(moment, tz) for moment in finished)


def habit_strength(days: Iterable[date], today: date) -> float:
    """The decaying score (0..1) on `today` given the days practised."""
    practised = set(days)
    if not practised:
        return 0.0
    score = 0.0
    day = min(practised)
    while day <= today:
        score = score * DECAY + (1 - DECAY) * (day in practised)
        day += timedelta(days=1)
    return score


def streak(days: Iterable[date], today: date) -> int:
    """Consecutive practice days ending today, or ending yesterday if today is still open."""
    practised = set(days)
    day = today if today in practised else today - timedelta(days=1)
    count = 0
    while day in practised:
        count += 1
        day -= timedelta(days=1)
    return count


def skill_progress(
    completions: Iterable[tuple[str, datetime]], tz: str, now: datetime
) -> list[SkillProgress]:
    """Per skill, most recently practised first, from (skill, finished_at) pairs."""
    today = local_date(now, tz)
    week_start = today - timedelta(days=today.weekday())
    month_start = today.replace(day=1)
    by_skill: dict[str, list[date]] = {}
    for skill, finished in completions:
        by_skill.setdefault(skill, []).append(local_date(finished, tz))
    result = [
        SkillProgress(
            skill=skill,
            this_week=sum(day >= week_start for day in days),
            this_month=sum(day >= month_start for day in days),
            all_time=len(days),
            last_practised=max(days),
            strength=habit_strength(days, today),
            streak=streak(days, today),
        )
        for skill, days in by_skill.items()
    ]
    return sorted(result, key=lambda p: (p.last_practised, p.all_time), reverse=True)


def calendar_days(today: date, weeks: int = CALENDAR_WEEKS) -> list[date]:
    """The days the calendar shows: whole weeks (Monday first) ending with today's week."""
    last_monday = today - timedelta(days=today.weekday())
    first = last_monday - timedelta(weeks=weeks - 1)
    return [first + timedelta(days=offset) for offset in range(weeks * 7)]
