"""Telegram HTML for the daily nudge settings: /remind, /pause and /resume."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.domain.models import User
from bot.domain.schedule import zone
from bot.domain.timezones import city_of


def reminder_summary(user: User, now: datetime) -> str:
    """What /remind shows: time, zone, and whether nudges are on."""
    at = user.reminder_time.strftime("%H:%M")
    place = f"{escape(city_of(user.timezone))} time ({escape(user.timezone)})"
    if user.blocked:
        state = "off: Telegram told me you had blocked the bot. Send /start to turn them back on."
    elif not user.reminders_enabled:
        state = "off."
    elif user.is_paused(now) and user.paused_until is not None:
        until = user.paused_until.astimezone(zone(user.timezone)).strftime("%a %d %b")
        state = f"paused until {until}. /resume ends the pause."
    else:
        state = "on."
    sound = (
        "silently (no notification sound)" if user.silent_nudges else "with a notification sound"
    )
    return (
        f"<b>Daily nudge</b>: {at}, {place}, {sound}.\nNudges are {state}\n\n"
        "Choose a time below, or send <code>/remind 07:45</code> (also <code>7am</code>, "
        "<code>19:30</code>). <code>/timezone Berlin</code> changes your zone."
    )


def reminder_set(user: User) -> str:
    """After a change to the reminder settings."""
    when = (
        f"<b>{user.reminder_time.strftime('%H:%M')}</b> {escape(city_of(user.timezone))} time"
        + (", silently" if user.silent_nudges else "")
    )
    if not user.reminders_enabled:
        return (
            f"Daily nudges are off (when on: {when}). <code>/remind on</code> turns them back on."
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


NOT_PAUSED = "Nudges aren’t paused. /remind shows your settings."


BAD_TIME = (
    "I couldn’t read that time. Send it like <code>/remind 07:45</code>, "
    "<code>/remind 7am</code> or <code>/remind 19:30</code>; "
    "<code>/remind off</code> and <code>/remind on</code> switch nudges off and on."
)


BAD_PAUSE = (
    "Send the number of days to pause, from 1 to 365, e.g. <code>/pause 7</code> for a week away."
)
