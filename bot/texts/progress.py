"""Telegram HTML for progress and reflections."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from bot.domain.models import Reflection
from bot.domain.progress import SkillProgress
from bot.domain.schedule import zone

REFLECTIONS_PER_PAGE = 5


def progress(items: list[SkillProgress], today: date, *, explain: bool) -> str:
    """/progress: per skill, this week / month / all time, last practised, strength, streak.

    `explain`: say in one line what habit strength is (the first time it is shown).
    """
    if not items:
        return (
            "<b>Your progress</b>\n\nNo completed practices yet. Send /practice to begin — "
            "your calendar fills in as you go."
        )
    lines = ["<b>Your progress</b>"]
    for item in items:
        streak = f", {item.streak}-day streak" if item.streak > 1 else ""
        lines += [
            "",
            f"<b>{escape(item.skill)}</b> — habit strength {round(item.strength * 100)}%{streak}",
            f"{item.this_week} this week · {item.this_month} this month · "
            f"{item.all_time} in all · last {_day(item.last_practised, today)}",
        ]
    if explain:
        lines += [
            "",
            "<i>Habit strength grows with each practice and fades gently on days off — "
            "a missed day never wipes it out.</i>",
        ]
    return "\n".join(lines)


def _day(day: date, today: date) -> str:
    if day == today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    return f"{day:%a %d %b}"


CALENDAR_CAPTION = "Your practice over the last 12 weeks (darker = more practice that day)."


def reflections(
    page: list[Reflection], total: int, number: int, tz: str, skill: str | None
) -> str:
    """A page of reflections, newest first."""
    about = f" on {escape(skill)}" if skill else ""
    if not total:
        return (
            f"No reflections{about} yet. At the end of a practice I ask what you noticed; "
            "what you write appears here."
        )
    pages = -(-total // REFLECTIONS_PER_PAGE)
    lines = [f"<b>Your reflections{about}</b> (page {number + 1} of {pages}, newest first)"]
    place = zone(tz)
    for item in page:
        when = item.written_at.astimezone(place).strftime("%a %d %b %Y")
        # A practice for a scenario is shown with its situation: the words belong to it.
        head = f"<b>{escape(item.skill)}</b>"
        if item.scenario:
            head += f" · <i>{escape(item.scenario)}</i>"
        lines += ["", f"{head} · {when}", escape(item.text)]
    return "\n".join(lines)
