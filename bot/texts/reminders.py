"""Telegram HTML for the daily nudge settings: /remind, /pause and /resume."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.domain.models import User
from bot.domain.schedule import nudge_clock, zone
from bot.domain.timezones import city_of
from bot.texts.i18n import _, clock_time, constant, long_day, ngettext


def reminder_set(user: User) -> str:
    """After a change to the reminder settings."""
    city = escape(city_of(user.timezone))
    at = clock_time(user.reminder_time)
    if user.silent_nudges:
        when = _("<b>{time}</b> {city} time, silently").format(time=at, city=city)
    else:
        when = _("<b>{time}</b> {city} time").format(time=at, city=city)
    # Not _() inside an f-string: Python 3.11's tokenizer hides it from the extractor.
    silently = " " + _("The nudge comes silently.") if user.silent_nudges else ""
    if not user.reminders_enabled and not user.zone_chosen:
        # Not "UTC time": the time is theirs, waiting for a zone (as every screen says).
        off = _(
            "Daily nudges are off (when on: <b>{time}</b> your time, once you choose your "
            "time zone). <code>/remind on</code> or /settings turns them back on."
        ).format(time=at)
        return off + silently
    if not user.reminders_enabled:
        return _(
            "Daily nudges are off (when on: {when}). <code>/remind on</code> or /settings "
            "turns them back on."
        ).format(when=when)
    if not user.zone_chosen:
        # The time waits for a zone (nudge_clock): say so, or the person waits for a
        # nudge that comes at another hour.
        first = _first_contact_time(user)
        said = _(
            "Done: your daily nudge will come at <b>{time}</b> your time once you choose "
            "your time zone (the button below). Until then it comes at {first} UTC, the "
            "time of day you first wrote to me."
        ).format(time=at, first=first)
        return said + silently
    return _("Done: your daily nudge comes at {when}.").format(when=when)


def _first_contact_time(user: User) -> str:
    first, _zone = nudge_clock(
        user.reminder_time, user.timezone, zone_chosen=False, created_at=user.created_at
    )
    return clock_time(first)


def reminder_toast(user: User) -> str:
    """The short notice after a settings button (plain text, no HTML)."""
    if not user.reminders_enabled:
        return _("Daily nudges are off.")
    at = clock_time(user.reminder_time)
    if not user.zone_chosen:
        return _("Daily nudge at {time} your time, once you choose your time zone.").format(
            time=at
        )
    if user.silent_nudges:
        return _("Daily nudge at {time} silently.").format(time=at)
    return _("Daily nudge at {time}.").format(time=at)


def paused(until: datetime, tz: str) -> str:
    """After /pause N."""
    day = long_day(until.astimezone(zone(tz)))
    return _(
        "Nudges are paused until <b>{day}</b>. Your settings are kept; "
        "/resume ends the pause early."
    ).format(day=escape(day))


def pause_this_long(days: int) -> str:
    """Asked back when someone types "pause for a week": the button below pauses."""
    return ngettext(
        "Shall I pause your daily nudges for {count} day? Tap below to pause them. Your "
        "settings are kept, and /resume ends the pause early.",
        "Shall I pause your daily nudges for {count} days? Tap below to pause them. Your "
        "settings are kept, and /resume ends the pause early.",
        days,
    ).format(count=days)


def practice_stays_open(skill_title: str) -> str:
    """Under /pause's question, asked in the middle of a practice."""
    return (
        "<i>"
        + _(
            "This pauses the daily nudges. Your practice of {skill} stays where it is; the "
            "Pause button under its step pauses the practice."
        ).format(skill=escape(skill_title))
        + "</i>"
    )


def still_paused(until: datetime, tz: str) -> str:
    """Under a changed nudge time while nudges are paused."""
    day = long_day(until.astimezone(zone(tz)))
    return _("They are paused until <b>{day}</b>; /resume brings them back now.").format(
        day=escape(day)
    )


_CONSTANTS = {
    "RESUMED": lambda: _("Welcome back — daily nudges are on again."),
    "RESUMED_OFF": lambda: _(
        "The pause is over. Daily nudges are still off; <code>/remind on</code> turns them on."
    ),
    "NOT_PAUSED": lambda: _("Nudges aren’t paused. /settings shows your settings."),
    # /pause while the nudges are off: nothing to pause.
    "PAUSE_WHILE_OFF": lambda: _(
        "Your daily nudges are off already, so nothing comes to pause. "
        "<code>/remind on</code> turns them on again whenever you like."
    ),
    "BAD_TIME": lambda: _(
        "I couldn’t read that time. Send it like <code>/remind 07:45</code>, "
        "<code>/remind 7am</code> or <code>/remind 19:30</code>; "
        "<code>/remind off</code> and <code>/remind on</code> switch nudges off and on."
    ),
    "MORNING_OR_EVENING": lambda: _("<b>In the morning or in the evening?</b>"),
    "NUDGE_AT_THIS_TIME": lambda: _(
        "Shall your daily nudge come at this time? Tap it to set it, or /settings for more."
    ),
    "TIME_NOT_CAUGHT": lambda: _(
        "I didn’t catch a time in that. Send it like <code>07:45</code> or "
        "<code>7am</code>, or choose one below."
    ),
    "PAUSE_QUESTION": lambda: _(
        "<b>For how many days shall I pause the daily nudges?</b>\n\nChoose below, or "
        "send a number from 1 to 365. Your settings are kept."
    ),
    "STOP_QUESTION": lambda: _(
        "<b>Shall I stop the daily nudges?</b> Turn them off below (<code>/remind on</code> "
        "brings them back), or pause them for a week. To have everything about you "
        "deleted, /forget."
    ),
    # Under "Shall I stop the daily nudges?", turned off (or asked a second time): what
    # they asked for, plainly, without the time the nudges would come at.
    "STOPPED": lambda: _(
        "Okay: no more daily nudges. I’ll only write when you write to me. "
        "<code>/remind on</code> brings them back."
    ),
    "STOP_ALREADY_QUIET": lambda: _(
        "Your daily nudges are off, so I only write when you write to me. To have "
        "everything about you deleted, /forget."
    ),
    "BAD_PAUSE": lambda: _(
        "Send the number of days to pause, from 1 to 365, e.g. <code>/pause 7</code> "
        "for a week away."
    ),
}


def __getattr__(name: str) -> str:
    """The constants above, said in the current language when read."""
    return constant(_CONSTANTS, name)
