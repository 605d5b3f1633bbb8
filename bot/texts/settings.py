"""Telegram HTML for the /settings screen. Every piece of text is escaped here."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.domain.models import Skill, User
from bot.domain.schedule import nudge_clock, zone
from bot.domain.timezones import city_of, describe_zone


def settings(user: User, focus: Skill | None, now: datetime, notice: str = "") -> str:
    """The one settings screen: every setting on a line, and what just changed."""
    at = user.reminder_time.strftime("%H:%M")
    sound = "quietly" if user.silent_nudges else "with sound"
    if not user.reminders_enabled:
        state = "off"
    elif user.blocked:
        state = "off until you send /start (Telegram said you had blocked me)"
    else:
        state = "on"
    lines = ["<b>Your settings</b>", ""]
    if user.zone_chosen:
        place = escape(describe_zone(user.timezone))
        lines.append(f"Daily nudge: <b>{at}</b> {place}, {sound} — {state}.")
    else:
        first, _ = nudge_clock(
            user.reminder_time, user.timezone, zone_chosen=False, created_at=user.created_at
        )
        lines.append(f"Daily nudge: {sound} — {state}.")
        lines.append(
            f"Time zone: <b>not chosen yet</b>. Until you choose one, the nudge comes at "
            f"{first.strftime('%H:%M')} UTC, the time of day you first wrote to me; then at "
            f"<b>{at}</b> your time."
        )
    if user.is_paused(now) and user.paused_until is not None:
        until = user.paused_until.astimezone(zone(user.timezone)).strftime("%a %d %b, %H:%M")
        lines.append(f"Paused until {until}.")
    if focus is not None:
        lines.append(f"Focus skill: <b>{escape(focus.title)}</b>")
    if notice:
        lines += ["", f"<i>{notice}</i>"]
    return "\n".join(lines)


TIME_CHOICE = (
    "<b>When should the daily nudge come?</b>\n\nChoose a time, or <b>Other…</b> for any "
    "quarter hour. You can also send <code>/remind 07:45</code>."
)
HOUR_CHOICE = "<b>Which hour?</b>"
ZONE_CHOICE = (
    "<b>Which time zone are you in?</b>\n\nChoose one below, or send <code>/timezone</code> "
    "with your city (<code>/timezone Lisbon</code>) or offset (<code>/timezone UTC+3</code>)."
)
FOCUS_CHOICE = (
    "<b>Which skill should I offer first?</b>\n\n/practice, /mistakes and the daily nudge use it."
)
CLOSED = "Settings saved. /settings opens them again."


def minute_choice(hour: str) -> str:
    """Above the quarter-hour buttons."""
    return f"<b>{escape(hour)}:…?</b>"


def time_set(user: User) -> str:
    """The notice after choosing a time."""
    return f"Daily nudge at {user.reminder_time.strftime('%H:%M')}."


def zone_set(user: User, now: datetime) -> str:
    """The notice after choosing a zone."""
    local = now.astimezone(zone(user.timezone)).strftime("%H:%M")
    return f"Time zone set to {escape(city_of(user.timezone))}; it’s {local} there now."


def paused_for(days: int) -> str:
    """The notice after a pause button."""
    if days == 0:
        return "The pause is over; nudges are back."
    return "Nudges paused for a day." if days == 1 else f"Nudges paused for {days} days."


def switched(user: User) -> str:
    """The notice after on/off or sound."""
    if not user.reminders_enabled:
        return "Daily nudges are off."
    return "Nudges come quietly now." if user.silent_nudges else "Nudges are on, with sound."


def focus_set(skill: Skill) -> str:
    """The notice after choosing a focus."""
    return f"Your focus is now {escape(skill.title)}."
