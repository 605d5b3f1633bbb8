"""Telegram HTML for choosing a time zone."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.domain.models import User
from bot.domain.schedule import zone


def zone_question(at: str) -> str:
    """The onboarding question after /start."""
    return (
        f"Once a day, at <b>{escape(at)}</b> your time, I can send a short nudge about your "
        "focus skill. Which time zone are you in?\n\n"
        "Tap one below, or send <code>/timezone</code> with your city, e.g. "
        "<code>/timezone Lisbon</code>."
    )


def zone_set(user: User, now: datetime) -> str:
    """After the zone was set."""
    local = now.astimezone(zone(user.timezone)).strftime("%H:%M")
    return (
        f"Time zone set to <b>{escape(user.timezone)}</b> (it’s {local} there now). "
        f"Your daily nudge comes at {user.reminder_time.strftime('%H:%M')}; /remind changes it."
    )


def zone_which(text: str) -> str:
    """When a city name fits places in different time zones."""
    return f"There’s more than one “{escape(text.strip())}”. Which one do you mean?"


def zone_unknown(text: str, *, suggestions: bool) -> str:
    """When a typed zone or city was not recognised."""
    head = f"I don’t know the time zone “{escape(text.strip())}”."
    if suggestions:
        return f"{head} Did you mean one of these?"
    return (
        f"{head} Send a city or an IANA zone name, for example "
        "<code>/timezone Berlin</code>, <code>/timezone new york</code> or "
        "<code>/timezone Asia/Kolkata</code>."
    )
