"""What the bot says when a message speaks of self-harm, suicide or danger from a partner.

One warm, plain line, then the operator's SUPPORT_TEXT. Never praise, never a practice
in the same reply: the person comes first, the skills can wait.
"""

from __future__ import annotations

from collections.abc import Set
from html import escape

from bot.domain.safety import SafetyCategory
from bot.texts.i18n import _


def safety_reply(
    categories: Set[SafetyCategory], support_text: str, *, reflection_kept: bool = False
) -> str:
    """The whole answer: the warm line, the support text, and how to find it again."""
    if categories >= {SafetyCategory.SELF_HARM, SafetyCategory.PARTNER_DANGER}:
        line = _(
            "I’m really glad you told me. What you describe sounds frightening and very heavy, "
            "and your safety matters more than anything else right now."
        )
    elif SafetyCategory.PARTNER_DANGER in categories:
        line = _(
            "What you describe sounds frightening, and your safety matters more than any "
            "practice. You deserve support from a real person right now."
        )
    else:
        line = _(
            "I’m really glad you told me, and I’m sorry it hurts this much. "
            "You deserve support from a real person right now."
        )
    parts = [
        f"<b>{line}</b>",
        escape(support_text),
        _("You can see this again any time with /support."),
    ]
    if reflection_kept:
        parts.append("<i>" + _("What you wrote is kept with your practice, as always.") + "</i>")
    return "\n\n".join(parts)
