"""What the bot says when a message speaks of self-harm, suicide, danger from a partner, or
hurting someone.

One warm, plain line, then where to find help: the operator's SUPPORT_TEXT (or the one
for the person's language), else the bot's own general text in that language. Never
praise, never a practice in the same reply: the person comes first, the skills can wait.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from html import escape

from bot.domain.nudge_policy import REST_AFTER_SAFETY
from bot.domain.safety import SafetyCategory
from bot.texts.i18n import _, constant, current, ngettext


def support(configured: str, by_language: Mapping[str, str]) -> str:
    """Where to find help, in the language being spoken (plain text): the operator's
    text for that language, else their text for everyone, else the bot's own.

    Someone in crisis who reads little English must not get the help part in English:
    the bot's own text is translated; an operator's is used as they wrote it.
    """
    return (
        by_language.get(current())
        or configured
        or _(
            "This bot is a practice companion, not a therapist or a crisis service.\n\n"
            "If you are in danger or thinking about harming yourself, call your local "
            "emergency number now. To find a free, confidential helpline in your country, "
            "visit https://findahelpline.com.\n\n"
            "If a relationship feels unsafe, or the same hurt keeps coming back, a licensed "
            "therapist or counsellor can help in ways practice alone cannot."
        )
    )


def safety_reply(
    categories: Set[SafetyCategory],
    support_text: str,
    *,
    reflection_kept: bool = False,
    nudges_rest: bool = False,
    listening: bool = False,
) -> str:
    """The whole answer: the warm line, the support text, and how to find it again;
    then, in small print, what happened to their note and their daily nudges."""
    if categories >= {SafetyCategory.SELF_HARM, SafetyCategory.PARTNER_DANGER}:
        line = _(
            "I’m really glad you told me. What you describe sounds frightening and very heavy, "
            "and your safety matters more than anything else right now."
        )
    elif SafetyCategory.HARM_TO_OTHERS in categories and len(categories) == 1:
        line = _(
            "What you describe could put someone in danger, and their safety comes first. If "
            "anyone is hurt or at risk right now, call your local emergency number. If you "
            "want to stop hurting someone, there are people whose work is helping with "
            "exactly that, in confidence: a helpline can put you in touch with them."
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
    if SafetyCategory.PARTNER_DANGER in categories:
        # Couples exercises assume two people safe with each other; where one is not,
        # practising "repair" can keep them close to harm.
        parts.append(
            _(
                "Couples exercises, mine included, aren’t meant for a relationship with "
                "violence or threats in it. A domestic-violence helpline can help you make "
                "a plan to stay safe, whatever you decide."
            )
        )
        # Someone who hurts them may read their phone.
        parts.append(
            "<i>"
            + _(
                "If someone else may look at this phone, you can delete this chat in "
                "Telegram once you’ve read this; you can come back any time."
            )
            + "</i>"
        )
    if reflection_kept:
        parts.append("<i>" + _("What you wrote is kept with your practice, as always.") + "</i>")
    if listening:
        parts.append(
            "<i>"
            + _("For the next few days I’ll listen to what you write rather than suggest skills.")
            + "</i>"
        )
    if nudges_rest:
        parts.append(
            "<i>"
            + ngettext(
                "Your daily nudges will rest for the next {count} day; /resume brings them back.",
                "Your daily nudges will rest for the next {count} days; /resume brings them back.",
                REST_AFTER_SAFETY.days,
            ).format(count=REST_AFTER_SAFETY.days)
            + "</i>"
        )
    return "\n\n".join(parts)


def still_here(
    *, thanked: bool, practice_waits: bool, again: int = 0, deciding: bool = False
) -> str:
    """What someone writes in the days after help was given for safety language is met,
    not matched to a skill; `thanked`: they said thanks; `practice_waits`: a practice of
    theirs is open or waiting, and is promised to be kept (never to someone who started
    none); `again`: how many replies like this one came just before it (0: the first in
    a while, which says where help is). Those after it vary, so a person who goes on
    writing is not answered with the same words each time. `deciding`: they asked
    whether, or how, to leave (bot/domain/leaving.py), which is answered.

    None of them invites a practice: after danger from a partner, the safety reply said
    couples exercises are not meant for that relationship."""
    if thanked:
        return _("You’re welcome. I’m here whenever you need me, and /support is there any time.")
    if deciding:
        return "\n\n".join(
            [
                "<b>" + _("That’s a big decision, and it’s yours to make.") + "</b>",
                _(
                    "If you’re in danger right now, call your local emergency number. People "
                    "at a helpline can help you think it through and, if you decide to leave, "
                    "plan to do it safely. /support shows where to find them."
                ),
            ]
        )
    if again:
        return _LISTENING_AGAIN[(again - 1) % len(_LISTENING_AGAIN)]()
    danger = _(
        "If you or anyone else is in danger right now, please call your local "
        "emergency number; /support has people you can talk to. Tell me more if you like."
    )
    if practice_waits:
        danger += " " + _("Nothing you started is lost: it waits for whenever you want it.")
    return "\n\n".join(["<b>" + _("I’m here, and I’m listening.") + "</b>", danger])


_LISTENING_AGAIN = (
    lambda: (
        "<b>"
        + _("I’m still listening.")
        + "</b>\n\n"
        + _("Take all the time you need; there’s no right way to say it.")
    ),
    lambda: (
        "<b>"
        + _("Thank you for telling me.")
        + "</b>\n\n"
        + _("I’m here. If it gets to be too much, /support has people you can talk to.")
    ),
    lambda: (
        "<b>"
        + _("I hear you.")
        + "</b>\n\n"
        + _("Go on if you want to, or rest; nothing here needs anything from you.")
    ),
)


def __getattr__(name: str) -> str:
    """The constants below, said in the current language when read."""
    return constant(_CONSTANTS, name)


_CONSTANTS = {
    # After "I'm okay, suggest skills again".
    "BACK_TO_SKILLS": lambda: _(
        "Glad to hear it. Tell me what happened whenever you like and I’ll find a skill "
        "that fits, or send /practice. /support is there any time."
    ),
}
