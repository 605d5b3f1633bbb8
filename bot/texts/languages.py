"""Telegram HTML for choosing the language the bot speaks."""

from __future__ import annotations

from bot.texts.i18n import _, constant, speaking


def offer(code: str) -> str:
    """Asked, in `code`, of someone who wrote in it while the bot spoke another."""
    with speaking(code):
        # Translators: name your own language here as the sentence needs it.
        return _("I speak English too. Shall I speak English with you from now on?")


def language_set(code: str) -> str:
    """After a language was chosen, said in it. Each catalogue names its own language the
    way its sentence wants ("auf Deutsch", "en español", "по-русски"): a name put in by a
    placeholder read "te hablo en este idioma (Español)"."""
    with speaking(code):
        # Translators: name your own language here as the sentence needs it.
        return _("Done: I’ll speak English with you from now on.")


_CONSTANTS = {
    "LANGUAGE_QUESTION": lambda: _(
        "Which language shall I speak with you? Skill cards come in your language when "
        "there is a translation; your practice and progress stay the same."
    ),
}


def __getattr__(name: str) -> str:
    """The constants above, said in the current language when read."""
    return constant(_CONSTANTS, name)
