"""Telegram HTML for choosing a time zone."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.domain.models import User
from bot.domain.schedule import zone
from bot.texts.i18n import _, clock_time


def zone_question(at: str) -> str:
    """The onboarding question after /start."""
    return _(
        "Once a day, at <b>{time}</b> your time, I can send a short nudge about your "
        "focus skill. Which time zone are you in?\n\n"
        "Tap one below, or send <code>/timezone</code> with your city, e.g. "
        "<code>/timezone Lisbon</code>."
    ).format(time=escape(at))


def zone_set(user: User, now: datetime) -> str:
    """After the zone was set."""
    return _(
        "Time zone set to <b>{zone}</b> (it’s {local} there now). "
        "Your daily nudge comes at {time}; /remind changes it."
    ).format(
        zone=escape(user.timezone),
        local=clock_time(now.astimezone(zone(user.timezone))),
        time=clock_time(user.reminder_time),
    )


def zone_which(text: str) -> str:
    """When a city name fits places in different time zones."""
    return _("There’s more than one “{text}”. Which one do you mean?").format(
        text=escape(text.strip())
    )


def zone_unknown(text: str, *, suggestions: bool) -> str:
    """When a typed zone or city was not recognised."""
    head = _("I don’t know the time zone “{text}”.").format(text=escape(text.strip()))
    if suggestions:
        return f"{head} " + _("Did you mean one of these?")
    return f"{head} " + _(
        "Send a city or an IANA zone name, for example "
        "<code>/timezone Berlin</code>, <code>/timezone new york</code> or "
        "<code>/timezone Asia/Kolkata</code>."
    )
