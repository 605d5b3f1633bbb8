"""Telegram HTML for progress, reflections, export, erasure, support and admin stats."""

from __future__ import annotations

import re
from datetime import datetime
from html import escape, unescape

from bot.domain.models import BotStats, NudgeOutcome, Reflection
from bot.domain.progress import SkillProgress
from bot.domain.schedule import zone

REFLECTIONS_PER_PAGE = 5
_TAG = re.compile(r"<[^>]+>")


def progress(items: list[SkillProgress], tz: str) -> str:
    """/progress: per skill, this week / month / all time, last practised, strength, streak."""
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
            f"{item.all_time} in all · last {item.last_practised:%a %d %b}",
        ]
    lines += [
        "",
        "<i>Habit strength grows with each practice and fades gently on days off — "
        "a missed day never wipes it out.</i>",
    ]
    return "\n".join(lines)


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
        lines += ["", f"<b>{escape(item.skill)}</b> · {when}", escape(item.text)]
    return "\n".join(lines)


FORGET_QUESTION = (
    "<b>Delete everything about you?</b>\n\n"
    "This erases your settings, every practice and reflection, and your nudge history, "
    "for good. /export first if you want a copy."
)
FORGOTTEN = (
    "Done: everything about you has been deleted. If you send /start again, we begin fresh."
)
FORGET_CANCELLED = "Nothing was deleted."
NOTHING_STORED = "I have nothing stored about you."
EXPORT_CAPTION = "Everything I store about you, as JSON."


def support(text: str) -> str:
    """/support: the configured text, escaped."""
    return escape(text)


def stats(figures: BotStats, now: datetime) -> str:
    """/stats for admins."""
    lines = [
        f"<b>Stats</b> ({now:%Y-%m-%d %H:%M} UTC)",
        f"People: {figures.people}, active in the last 7 days: {figures.active_last_7_days}",
        "",
        "<b>Completed practices per skill</b>",
    ]
    lines += [f"{escape(skill)}: {count}" for skill, count in figures.completed_per_skill.items()]
    if not figures.completed_per_skill:
        lines.append("none yet")
    sent = figures.nudges_last_7_days
    lines += [
        "",
        f"<b>Nudges, last 7 days</b>: {sent[NudgeOutcome.SENT]} sent, "
        f"{sent[NudgeOutcome.FAILED]} failed, {sent[NudgeOutcome.BLOCKED]} blocked",
    ]
    return "\n".join(lines)


def stats_plain(figures: BotStats, now: datetime) -> str:
    """The same for a terminal."""
    return unescape(_TAG.sub("", stats(figures, now)))
