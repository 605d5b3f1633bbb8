"""Telegram HTML for the /settings screen. Every piece of text is escaped here."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.domain.models import Skill, User
from bot.domain.schedule import nudge_clock, zone
from bot.domain.timezones import city_of, fixed_offset_minutes
from bot.texts.i18n import _, card, clock_time, constant, ngettext, short_day


def _place(zone_name: str) -> str:
    """`Europe/Berlin` → `Berlin time`; `UTC` and `UTC+05:30` stay as they are."""
    if zone_name == "UTC" or fixed_offset_minutes(zone_name) is not None:
        return zone_name
    return _("{city} time").format(city=city_of(zone_name))


def settings(
    user: User,
    focus: Skill | None,
    now: datetime,
    notice: str = "",
    *,
    partner: str | None = None,
    sharing: bool = False,
) -> str:
    """The one settings screen: every setting on a line, and what just changed.
    `partner` names the person's partner when they have one; `sharing` is whether the
    partner hears on the days they practise."""
    at = clock_time(user.reminder_time)
    sound = _("quietly") if user.silent_nudges else _("with sound")
    # A pause is told only while it is what keeps nudges away (not beside "off").
    paused = user.reminders_enabled and not user.blocked and user.is_paused(now)
    if not user.reminders_enabled:
        state = _("off")
    elif user.blocked:
        state = _("off until you send /start (Telegram said you had blocked me)")
    elif paused:
        state = _("paused")  # "on" beside "Paused until…" read as a contradiction
    else:
        state = _("on")
    lines = [_("<b>Your settings</b>"), ""]
    if user.zone_chosen:
        place = escape(_place(user.timezone))
        lines.append(
            _("Daily nudge: <b>{time}</b> {place}, {sound} — {state}.").format(
                time=at, place=place, sound=sound, state=state
            )
        )
    else:
        first, _zone = nudge_clock(
            user.reminder_time, user.timezone, zone_chosen=False, created_at=user.created_at
        )
        lines.append(_("Daily nudge: {sound} — {state}.").format(sound=sound, state=state))
        lines.append(
            _(
                "Time zone: <b>not chosen yet</b>. Until you choose one, the nudge comes at "
                "{first} UTC, the time of day you first wrote to me; then at "
                "<b>{time}</b> your time."
            ).format(first=clock_time(first), time=at)
        )
    if paused and user.paused_until is not None:
        until = user.paused_until.astimezone(zone(user.timezone))
        # With the zone it is told in: before one is chosen, that is UTC, not "your time".
        lines.append(
            _("Paused until {day}, {time} ({place}).").format(
                day=short_day(until), time=clock_time(until), place=escape(_place(user.timezone))
            )
        )
    if focus is not None:
        lines.append(_("Focus skill: <b>{skill}</b>").format(skill=escape(card(focus).title)))
    if partner is not None:
        name = escape(partner)
        lines.append(
            _("Practice days: shared with {partner} (the skill only).").format(partner=name)
            if sharing
            else _("Practice days: not shared with {partner}.").format(partner=name)
        )
    if notice:
        lines += ["", f"<i>{notice}</i>"]
    return "\n".join(lines)


_CONSTANTS = {
    "TIME_CHOICE": lambda: _(
        "<b>When should the daily nudge come?</b>\n\nChoose a time, or <b>Other…</b> for any "
        "quarter hour. You can also send a time, such as <code>07:45</code>."
    ),
    "HOUR_CHOICE": lambda: _("<b>Which hour?</b>"),
    "ZONE_CHOICE": lambda: _(
        "<b>Which time zone are you in?</b>\n\nChoose one below, or send your city "
        "(<code>Lisbon</code>) or your offset (<code>UTC+3</code>)."
    ),
    "ZONE_LATER": lambda: _(
        "All right. Choose your time zone whenever you like: /timezone, or in /settings."
    ),
    "FOCUS_CHOICE": lambda: _(
        "<b>Which skill should I offer first?</b>\n\n/practice, /mistakes and the daily nudge "
        "use it."
    ),
    "SHARING_SWITCH_OUTDATED": lambda: _(
        "That switch was from an older screen and no longer fits your pairing, so I "
        "changed nothing. Here is how it stands now."
    ),
    "CLOSED": lambda: _("Settings saved. /settings opens them again."),
    "LANGUAGE_CHOICE": lambda: _(
        "<b>Which language shall I speak with you?</b>\n\nSkill cards come in your language "
        "when there is a translation; your practice and progress stay the same."
    ),
}


def __getattr__(name: str) -> str:
    """The constants above, said in the current language when read."""
    return constant(_CONSTANTS, name)


def minute_choice(hour: str) -> str:
    """Above the quarter-hour buttons."""
    return f"<b>{escape(hour)}:…?</b>"


def time_set(user: User, *, turned_on: bool = False) -> str:
    """The notice after choosing a time; `turned_on`: nudges were off, and choosing a
    time turned them on."""
    at = clock_time(user.reminder_time)
    if not user.zone_chosen:
        # The time waits for a zone (nudge_clock); the screen's zone button is below.
        text = _("Daily nudge at {time} your time, once you choose your time zone below.")
        text = text.format(time=at)
        return f"{text} " + _("Nudges are on again.") if turned_on else text
    if turned_on:
        return _("Daily nudge at {time} — nudges are on again.").format(time=at)
    return _("Daily nudge at {time}.").format(time=at)


def zone_set(user: User, now: datetime) -> str:
    """The notice after choosing a zone."""
    return _("Time zone set to {city}; it’s {local} there now.").format(
        city=escape(city_of(user.timezone)),
        local=clock_time(now.astimezone(zone(user.timezone))),
    )


def paused_for(days: int, *, nudges_on: bool = True) -> str:
    """The notice after a pause button (`nudges_on`: whether nudges are switched on, so
    the end of a pause brings them back)."""
    if days == 0:
        if not nudges_on:
            return _("The pause is over. Daily nudges are still off; turn them on below.")
        return _("The pause is over; nudges are back.")
    if days == 1:
        return _("Nudges paused for a day.")
    return ngettext(
        "Nudges paused for {count} day.", "Nudges paused for {count} days.", days
    ).format(count=days)


def switched(user: User, *, sound: bool = False) -> str:
    """The notice after on/off, or (`sound`) after the sound switch: what was pressed."""
    if not user.reminders_enabled:
        return _("Daily nudges are off.")
    if not sound:
        return _("Daily nudges are on.")
    return _("Nudges come quietly now.") if user.silent_nudges else _("Nudges are on, with sound.")


def focus_set(skill: Skill) -> str:
    """The notice after choosing a focus."""
    return _("Your focus is now {skill}.").format(skill=escape(card(skill).title))
