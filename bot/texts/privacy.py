"""Telegram HTML for a person's own data: export, erasure, and where to find real help."""

from __future__ import annotations

from html import escape

from bot.texts.i18n import _, constant

_CONSTANTS = {
    "FORGET_QUESTION": lambda: _(
        "<b>Delete everything about you?</b>\n\n"
        "This erases your settings, every practice and reflection, and your nudge history, "
        "for good, and I keep nothing about you until you send /start again. "
        "/export first if you want a copy."
    ),
    "FORGOTTEN": lambda: _(
        "Done: everything about you has been deleted, and I keep nothing new about you. "
        "If you send /start again, we begin fresh."
    ),
    "FORGET_CANCELLED": lambda: _("Nothing was deleted."),
    "NOTHING_STORED": lambda: _("I have nothing stored about you."),
    "EXPORT_CAPTION": lambda: _("Everything I store about you, as JSON."),
}


def __getattr__(name: str) -> str:
    """The constants above, said in the current language when read."""
    return constant(_CONSTANTS, name)


def support(text: str) -> str:
    """/support: the configured text, escaped."""
    return escape(text)
