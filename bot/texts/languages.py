"""Telegram HTML for choosing the language the bot speaks."""

from __future__ import annotations

from bot.texts.i18n import _, constant
from bot.texts.labels import language


def language_set(code: str) -> str:
    """After a language was chosen (said in the new language)."""
    return _("Done: I’ll speak {language} with you from now on.").format(language=language(code))


_CONSTANTS = {
    "LANGUAGE_QUESTION": lambda: _(
        "Which language shall I speak with you? Skill cards come in your language when "
        "there is a translation; your practice and progress stay the same."
    ),
}


def __getattr__(name: str) -> str:
    """The constants above, said in the current language when read."""
    return constant(_CONSTANTS, name)
