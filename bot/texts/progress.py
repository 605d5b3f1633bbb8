"""Telegram HTML for progress and reflections."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from html import escape

from bot.domain.models import Reflection
from bot.domain.progress import SkillProgress
from bot.domain.schedule import zone
from bot.texts.i18n import _, constant, ngettext, short_day, short_day_year

REFLECTIONS_PER_PAGE = 5


def progress(
    items: list[SkillProgress],
    today: date,
    *,
    explain: bool,
    name: Callable[[str], str] = str,
) -> str:
    """/progress: per skill, this week / month / all time, last practised, strength, streak.

    `explain`: say in one line what habit strength is (the first time it is shown).
    """
    heading = _("<b>Your progress</b>")
    if not items:
        return f"{heading}\n\n" + _(
            "No completed practices yet. Send /practice to begin — "
            "your calendar fills in as you go."
        )
    lines = [heading]
    for item in items:
        strength = _("habit strength {percent}%").format(percent=round(item.strength * 100))
        if item.streak > 1:
            strength += ", " + ngettext(
                "{count}-day streak", "{count}-day streak", item.streak
            ).format(count=item.streak)
        lines += [
            "",
            f"<b>{escape(name(item.skill))}</b> — {strength}",
            _("{week} this week · {month} this month · {all} in all · last {day}").format(
                week=item.this_week,
                month=item.this_month,
                all=item.all_time,
                day=_day(item.last_practised, today),
            ),
        ]
    if explain:
        lines += [
            "",
            _(
                "<i>Habit strength grows with each day you practise (several practices in one "
                "day count once) and fades gently on days off — a missed day never wipes it "
                "out.</i>"
            ),
        ]
    return "\n".join(lines)


def _day(day: date, today: date) -> str:
    if day == today:
        return _("today")
    if day == today - timedelta(days=1):
        return _("yesterday")
    return short_day(day)


_CONSTANTS = {
    "CALENDAR_CAPTION": lambda: _(
        "Your practice over the last 12 weeks (darker = more practice that day)."
    ),
}


def __getattr__(name: str) -> str:
    """The constants above, said in the current language when read."""
    return constant(_CONSTANTS, name)


def reflections(
    page: list[Reflection],
    total: int,
    number: int,
    tz: str,
    skill: str | None,
    name: Callable[[str], str] = str,
) -> str:
    """A page of reflections, newest first."""
    if not total:
        if skill:
            return _(
                "No reflections on {skill} yet. At the end of a practice I ask what you "
                "noticed; what you write appears here."
            ).format(skill=escape(name(skill)))
        return _(
            "No reflections yet. At the end of a practice I ask what you noticed; "
            "what you write appears here."
        )
    pages = -(-total // REFLECTIONS_PER_PAGE)
    if skill:
        heading = _(
            "<b>Your reflections on {skill}</b> (page {page} of {pages}, newest first)"
        ).format(skill=escape(name(skill)), page=number + 1, pages=pages)
    else:
        heading = _("<b>Your reflections</b> (page {page} of {pages}, newest first)").format(
            page=number + 1, pages=pages
        )
    lines = [heading]
    place = zone(tz)
    for item in page:
        when = short_day_year(item.written_at.astimezone(place))
        # A practice for a scenario is shown with its situation: the words belong to it.
        # `name` says the stored (default) title of either as the reader's language does.
        head = f"<b>{escape(name(item.skill))}</b>"
        if item.scenario:
            head += f" · <i>{escape(name(item.scenario))}</i>"
        lines += ["", f"{head} · {when}", escape(item.text)]
    return "\n".join(lines)
