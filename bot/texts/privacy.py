"""Telegram HTML for a person's own data: export, erasure, and where to find real help."""

from __future__ import annotations

from html import escape

from bot.texts.i18n import _, constant, ngettext

_CONSTANTS = {
    "FORGOTTEN": lambda: _(
        "Done: everything about you has been deleted, and I keep nothing new about you. "
        "If you send /start again, we begin fresh."
    ),
    "FORGET_CANCELLED": lambda: _("Okay — nothing was deleted, and everything is kept as it was."),
    "NOTHING_STORED": lambda: _("I have nothing stored about you."),
    "EXPORT_CAPTION": lambda: _("Everything I store about you, as JSON."),
    "NOTES_KEPT": lambda: _("Okay — your reflections are kept. /reflections shows them."),
    "NO_NOTES": lambda: _(
        "You have no reflections to delete right now. /forget deletes everything else about you."
    ),
    "NOTES_STILL_IN_CHAT": lambda: _(
        "The messages in this chat stay on your phone until you delete them in Telegram."
    ),
    "REFLECTION_SKIPPED": lambda: _(
        "The practice you just finished is saved without a reflection, so nothing you type "
        "next is kept as one."
    ),
}


def __getattr__(name: str) -> str:
    """The constants above, said in the current language when read."""
    return constant(_CONSTANTS, name)


def forget_cancelled(practice: str | None) -> str:
    """ "No, keep it": nothing deleted; `practice`, the title of a practice left open
    (asked in the middle of it), is where they left it."""
    kept = _CONSTANTS["FORGET_CANCELLED"]()
    return kept if practice is None else f"{kept} {practice_waits(practice)}"


def practice_waits(practice: str) -> str:
    """The way back to a practice left open while they asked about their data."""
    back = _("Your practice of <b>{skill}</b> is where you left it: /practice.")
    return back.format(skill=escape(practice))


def forget_question(*, paired: bool) -> str:
    """/forget asks first; someone with a partner hears what happens to the pairing."""
    question = _(
        "<b>Delete everything about you?</b>\n\n"
        "This erases your settings, every practice and reflection, and your nudge history, "
        "for good, and I keep nothing about you until you send /start again. "
        "/export first if you want a copy."
    )
    if not paired:
        return question
    return (
        question
        + "\n\n"
        + _("Your pairing ends too: your partner is told only that it has ended, nothing more.")
    )


def notes_question(count: int) -> str:
    """Before deleting the person's notes (their reflections) and nothing else."""
    question = ngettext(
        "<b>Delete your reflection?</b>",
        "<b>Delete your {count} reflections, on every skill?</b>",
        count,
    ).format(count=count)
    return (
        question
        + "\n\n"
        + _(
            "What you wrote after practising is erased for good. Your practices, progress "
            "and settings stay as they are. /export first if you want a copy; /forget "
            "deletes everything about you instead."
        )
    )


def notes_forgotten(count: int) -> str:
    """The notes are gone; what is kept."""
    return ngettext(
        "Done: your reflection is deleted for good. Your practices and progress are kept.",
        "Done: your {count} reflections are deleted for good. Your practices and progress "
        "are kept.",
        count,
    ).format(count=count)


def support(text: str) -> str:
    """/support: the configured text, escaped."""
    return escape(text)
