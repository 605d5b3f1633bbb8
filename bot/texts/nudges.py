"""Telegram HTML for the daily nudge and the answers to its buttons."""

from __future__ import annotations

from datetime import date
from html import escape

from bot.domain.models import Skill
from bot.domain.nudge_policy import step_of_the_day
from bot.texts.html import shortened
from bot.texts.i18n import _, card, constant


def nudge(skill: Skill, day: date, *, ask_zone: bool = False) -> str:
    """The daily nudge: the focus skill and one of its steps as the thought for the day
    (and, the first time for someone who has not chosen a zone, the question again)."""
    skill = card(skill)
    index = step_of_the_day(len(skill.steps), day)
    step = skill.steps[index]
    lines = [
        "<b>" + _("Your focus: {skill}").format(skill=escape(skill.title)) + "</b>",
        "",
        "<i>"
        + _("Thought for today — step {number} of {count}:").format(
            number=index + 1, count=len(skill.steps)
        )
        + "</i>",
        f"<b>{escape(step.title)}</b>",
    ]
    if step.explanation:
        note = _("(the whole step is in /practice)")
        lines.append(shortened(step.explanation, NUDGE_EXPLANATION_LIMIT, note))
    if ask_zone:
        lines += ["", _zone_again()]
    return "\n".join(lines)


def welcome_back(skill: Skill, *, ask_zone: bool = False) -> str:
    """The first nudge after a pause: no step, a welcome, and the focus skill waiting
    (and, as any first nudge of someone without a zone, the question again)."""
    lines = [
        "<b>" + _("Welcome back.") + "</b>",
        _(
            "How are you doing? No step today — your focus, <b>{skill}</b>, is here "
            "whenever you want it."
        ).format(skill=escape(card(skill).title)),
    ]
    if ask_zone:
        lines += ["", _zone_again()]
    return "\n".join(lines)


def _zone_again() -> str:
    return _(
        "<i>I don’t know your time zone yet, so this came at the time of day you first wrote "
        "to me. Which zone are you in? Then it comes at a time you choose.</i>"
    )


# A nudge is a single short message; a very long explanation is cut (at a block
# boundary when it can be, outside any quote or code block) and the card has the rest.
NUDGE_EXPLANATION_LIMIT = 600


_CONSTANTS = {
    "ZONE_AGAIN": _zone_again,
    "SNOOZED": lambda: _("Okay — I’ll remind you again in an hour."),
    "SKIPPED_TODAY": lambda: _("Skipped for today. See you tomorrow."),
    "NUDGE_GONE": lambda: _("That nudge can’t be changed any more."),
}


def __getattr__(name: str) -> str:
    """The constants above, said in the current language when read."""
    return constant(_CONSTANTS, name)
