"""What the bot says to free text outside a practice: the skills that may help."""

from __future__ import annotations

from html import escape

from bot.domain.models import Skill
from bot.texts.html import inline


def _line(skill: Skill) -> str:
    first = skill.description.split("\n\n")[0]
    return (
        f"• <b>{escape(skill.title)}</b> — {inline(first)}"
        if first
        else f"• <b>{escape(skill.title)}</b>"
    )


def offer(skills: tuple[Skill, ...]) -> str:
    """Skills that match what the person wrote, best first."""
    head = "This may help with that:" if len(skills) == 1 else "These may help with that:"
    return "\n".join([head, "", *(_line(skill) for skill in skills)])


def focus_instead(focus: Skill) -> str:
    """Nothing matched: offer the focus skill, and the way to all of them."""
    return (
        "I’m not sure which skill fits that — I go by the words, so I may miss what you mean. "
        f"Your focus skill is <b>{escape(focus.title)}</b>; you can practise it now, "
        "or send /skills to see them all."
    )
