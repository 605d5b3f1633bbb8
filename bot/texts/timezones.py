"""Telegram HTML for choosing a time zone."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.domain.models import User
from bot.domain.schedule import zone
from bot.domain.timezones import fixed_offset_minutes


def zone_set(user: User, now: datetime) -> str:
    """After the zone was set."""
    local = now.astimezone(zone(user.timezone)).strftime("%H:%M")
    text = (
        f"Time zone set to <b>{escape(user.timezone)}</b> (it’s {local} there now). "
        f"Your daily nudge comes at {user.reminder_time.strftime('%H:%M')}; /settings "
        "changes it."
    )
    if fixed_offset_minutes(user.timezone) is not None:
        text += (
            "\n\nThis is a fixed offset, so it won’t follow daylight saving time: when "
            "your clocks change, send your city instead (<code>/timezone Lisbon</code>) "
            "or the new offset."
        )
    return text


def zone_current(user: User, now: datetime) -> str:
    """/timezone on its own: the zone as it stands, and how to change it."""
    local = now.astimezone(zone(user.timezone)).strftime("%H:%M")
    if user.zone_chosen:
        head = f"Your time zone is <b>{escape(user.timezone)}</b> (it’s {local} there now)."
    else:
        head = (
            "You haven’t chosen a time zone yet, so I use UTC "
            f"(it’s {now.astimezone(zone('UTC')).strftime('%H:%M')} UTC now)."
        )
    return (
        f"{head}\n\nTo change it, choose below or send <code>/timezone</code> with a city "
        "(<code>/timezone Lisbon</code>), a zone (<code>/timezone Asia/Kolkata</code>) or "
        "an offset (<code>/timezone UTC+3</code>)."
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
        f"{head} Send a city, a zone name or an offset, for example "
        "<code>/timezone Berlin</code>, <code>/timezone new york</code>, "
        "<code>/timezone Asia/Kolkata</code> or <code>/timezone UTC+3</code>."
    )
