"""A few words that are not about a skill at all: asking for help, thanks, a greeting, an
"ok". Answered as a person would, not with "I'm not sure which skill fits".

Pure: text in, a kind (or None) out. Whole messages only, in the bot's languages.
"""

from __future__ import annotations

import re
from enum import StrEnum


class SmallTalk(StrEnum):
    """What a short message is, when it is none of a skill's business."""

    HELP = "help"
    THANKS = "thanks"
    HELLO = "hello"
    OK = "ok"


_WORDS: dict[SmallTalk, tuple[str, ...]] = {
    SmallTalk.HELP: (
        "help", "help me", "help please", "please help", "what can you do", "how does this work",
        "hilfe", "hilf mir", "was kannst du",
        "ayuda", "ayúdame", "ayudame", "qué puedes hacer",
        "помощь", "помоги", "помогите", "что ты умеешь",
    ),
    SmallTalk.THANKS: (
        "thanks", "thank you", "thank you so much", "thanks a lot", "thx", "ty", "cheers",
        "danke", "danke schön", "dankeschön", "vielen dank",
        "gracias", "muchas gracias",
        "спасибо", "спасибо большое", "благодарю",
    ),
    SmallTalk.HELLO: (
        "hi", "hello", "hey", "hi there", "good morning", "good evening",
        "hallo", "hi du", "guten morgen", "guten abend", "servus", "moin",
        "hola", "buenos días", "buenas", "buenas tardes", "buenas noches",
        "привет", "здравствуйте", "здравствуй", "добрый день", "доброе утро", "добрый вечер",
    ),
    SmallTalk.OK: (
        "ok", "okay", "k", "kk", "alright", "got it", "sure", "fine", "cool",
        "gut", "alles klar", "passt",
        "vale", "bueno", "de acuerdo", "entendido",
        "ок", "окей", "ладно", "хорошо", "понятно", "ясно",
    ),
}  # fmt: skip
_KIND = {words: kind for kind, phrases in _WORDS.items() for words in phrases}
_TRIM = re.compile(r"[^\w\s]+")


def small_talk(text: str) -> SmallTalk | None:
    """What this message is, when it is only one of these few words (punctuation and
    emoji aside); None for anything else."""
    words = " ".join(_TRIM.sub(" ", text.casefold()).split())
    return _KIND.get(words)
