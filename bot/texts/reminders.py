"""Telegram HTML for nudges and reminder settings. Every piece of text is escaped here."""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from bot.domain.models import Skill, User
from bot.domain.schedule import zone
from bot.domain.timezones import city_of
from bot.texts.render import inline


def step_of_the_day(skill: Skill, day: date) -> int:
    """Which step a nudge carries on `day`: a different one each day, cycling."""
    return day.toordinal() % len(skill.steps)


def nudge(skill: Skill, day: date) -> str:
    """The daily nudge: the focus skill and one of its steps as the thought for the day."""
    index = step_of_the_day(skill, day)
    step = skill.steps[index]
    lines = [
        f"<b>Your focus: {escape(skill.title)}</b>",
        "",
        f"<i>Thought for today — step {index + 1} of {len(skill.steps)}:</i>",
        f"<b>{escape(step.title)}</b>",
    ]
    if step.explanation:
        lines.append(inline(_shortened(step.explanation)))
    return "\n".join(lines)


# A nudge is a single short message; a very long explanation is cut (before the
# Markdown is converted, so no tag is ever cut in half) and the card has the rest.
NUDGE_EXPLANATION_LIMIT = 600


def _shortened(text: str) -> str:
    if len(text) <= NUDGE_EXPLANATION_LIMIT:
        return text
    cut = text[:NUDGE_EXPLANATION_LIMIT].rsplit(" ", 1)[0]
    return f"{cut}… (the whole step is in /practice)"


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


def paused(until: datetime, tz: str) -> str:
    """After /pause N."""
    day = until.astimezone(zone(tz)).strftime("%A %d %B")
    return (
        f"Nudges are paused until <b>{escape(day)}</b>. Your settings are kept; "
        "/resume ends the pause early."
    )


SNOOZED = "Okay — I’ll remind you again in an hour."
SKIPPED_TODAY = "Skipped for today. See you tomorrow."
NUDGE_GONE = "That nudge can’t be changed any more."
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
