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
