"""Telegram HTML for choosing a time zone."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.domain.models import User
from bot.domain.schedule import zone
from bot.domain.timezones import fixed_offset_minutes, zone_shown
from bot.texts.i18n import _, clock_time


def zone_set(user: User, now: datetime) -> str:
    """After the zone was set."""
    text = _(
        "Time zone set to <b>{zone}</b> (it’s {local} there now). "
        "Your daily nudge comes at {time}; /settings changes it."
    ).format(
        zone=escape(zone_shown(user.timezone)),
        local=clock_time(now.astimezone(zone(user.timezone))),
        time=clock_time(user.reminder_time),
    )
    if fixed_offset_minutes(user.timezone) is not None:
        text += "\n\n" + _(
            "This is a fixed offset, so it won’t follow daylight saving time: when "
            "your clocks change, send your city instead (<code>/timezone Lisbon</code>) "
            "or the new offset."
        )
    return text


def zone_current(user: User, now: datetime) -> str:
    """/timezone on its own: the zone as it stands, and how to change it."""
    if user.zone_chosen:
        head = _("Your time zone is <b>{zone}</b> (it’s {local} there now).").format(
            zone=escape(zone_shown(user.timezone)),
            local=clock_time(now.astimezone(zone(user.timezone))),
        )
    else:
        head = _(
            "You haven’t chosen a time zone yet, so I use UTC (it’s {local} UTC now)."
        ).format(local=clock_time(now.astimezone(zone("UTC"))))
    return f"{head}\n\n" + _(
        "To change it, choose below or send <code>/timezone</code> with a city "
        "(<code>/timezone Lisbon</code>), a zone (<code>/timezone Asia/Kolkata</code>) or "
        "an offset (<code>/timezone UTC+3</code>)."
    )


def zone_which(text: str) -> str:
    """When a city name fits places in different time zones."""
    return _("There’s more than one “{text}”. Which one do you mean?").format(
        text=escape(text.strip())
    )


def another_place(text: str) -> str:
    """Under the zone set for a name other places share: the others, one tap away."""
    return _("Another “{text}”? Tap it to set that time zone instead.").format(
        text=escape(text.strip())
    )


def zone_is_it(text: str) -> str:
    """A place typed after the time-zone question: confirmed with a press, not set."""
    return _("Is this the “{text}” you mean? Tap it to set your time zone.").format(
        text=escape(text.strip())
    )


def zone_unknown(text: str, *, suggestions: bool) -> str:
    """When a typed zone or city was not recognised."""
    head = _("I don’t know the time zone “{text}”.").format(text=escape(text.strip()))
    if suggestions:
        return f"{head} " + _("Did you mean one of these?")
    return f"{head} " + _(
        "Send a city, a zone name or an offset, for example "
        "<code>/timezone Berlin</code>, <code>/timezone new york</code>, "
        "<code>/timezone Asia/Kolkata</code> or <code>/timezone UTC+3</code>."
    )
