"""Telegram HTML for the daily nudge settings: /remind, /pause and /resume."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.domain.models import User
from bot.domain.schedule import zone
from bot.domain.timezones import city_of


def reminder_set(user: User) -> str:
    """After a change to the reminder settings."""
    when = (
        f"<b>{user.reminder_time.strftime('%H:%M')}</b> {escape(city_of(user.timezone))} time"
        + (", silently" if user.silent_nudges else "")
    )
    if not user.reminders_enabled:
        return (
            f"Daily nudges are off (when on: {when}). <code>/remind on</code> or /settings "
            "turns them back on."
        )
    return f"Done: your daily nudge comes at {when}."


def reminder_toast(user: User) -> str:
    """The short notice after a settings button (plain text, no HTML)."""
    if not user.reminders_enabled:
        return "Daily nudges are off."
    sound = " silently" if user.silent_nudges else ""
    return f"Daily nudge at {user.reminder_time.strftime('%H:%M')}{sound}."


def paused(until: datetime, tz: str) -> str:
    """After /pause N."""
    day = until.astimezone(zone(tz)).strftime("%A %d %B")
    return (
        f"Nudges are paused until <b>{escape(day)}</b>. Your settings are kept; "
        "/resume ends the pause early."
    )


RESUMED = "Welcome back — daily nudges are on again."


NOT_PAUSED = "Nudges aren’t paused. /settings shows your settings."


BAD_TIME = (
    "I couldn’t read that time. Send it like <code>/remind 07:45</code>, "
    "<code>/remind 7am</code> or <code>/remind 19:30</code>; "
    "<code>/remind off</code> and <code>/remind on</code> switch nudges off and on."
)


BAD_PAUSE = (
    "Send the number of days to pause, from 1 to 365, e.g. <code>/pause 7</code> for a week away."
)
