"""Admin figures: /stats in Telegram HTML, and the same for a terminal (skillbot stats)."""

from __future__ import annotations

import re
from datetime import datetime
from html import escape, unescape

from bot.domain.models import BotStats, NudgeOutcome

_TAG = re.compile(r"<[^>]+>")


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


def updates_set_aside(count: int, errors: list[str]) -> str:
    """Tell admins that updates were set aside after failing (error classes only)."""
    kinds = ", ".join(escape(error) for error in sorted(set(errors)))
    what = "1 update" if count == 1 else f"{count} updates"
    return (
        f"{what} could not be handled and {'was' if count == 1 else 'were'} set aside "
        f"({kinds}). They are in the inbox table with state “quarantined”; the bot goes on."
    )
