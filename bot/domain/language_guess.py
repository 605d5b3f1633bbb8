"""Which of the bot's languages a message is written in, when that is plain: "Sprichst du
Deutsch?", "hola, ¿hablas español?", "привет". The bot offers to speak it (bot/telegram/
handlers/language.py); a guess that is not plain is no guess.

Plain means: Cyrillic letters for Russian (the one language in that script), or at least
MIN_WORDS of a language's own common words (its stopwords, bot/domain/lexicons, that no
other of the languages has: "ich", "nicht"; "que", "pero"; "the", "and") and at least
twice as many as of any other's. Names, one-word replies ("ok", "no") and mixed
messages guess nothing.

Pure: text in, a language code or None out.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.domain.matching import stopwords

LANGUAGES = ("en", "de", "es", "ru")
MIN_WORDS = 2
# Words that say the language on their own, each worth MIN_WORDS: its name, and asking
# whether it is spoken ("Sprichst du Deutsch?", "¿hablas español?").
_NAMED = {
    "en": frozenset({"english", "englisch", "inglés", "ingles"}),
    "de": frozenset({"deutsch", "sprichst", "german", "alemán", "aleman"}),
    "es": frozenset({"español", "espanol", "castellano", "hablas", "spanish", "spanisch"}),
    "ru": frozenset(),  # its script says it
}
# A greeting or a thanks, worth one word of the language: "hola, ¿qué tal?".
_GREETINGS = {
    "en": frozenset({"hello", "thanks"}),
    "de": frozenset({"hallo", "danke", "bitte", "tschüss", "moin", "servus"}),
    "es": frozenset({"hola", "gracias", "buenos", "buenas", "adiós", "adios"}),
    "ru": frozenset(),
}
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _own_words() -> dict[str, frozenset[str]]:
    """Each language's common words that none of the others has."""
    words = {language: stopwords(language) for language in LANGUAGES}
    return {
        language: mine
        - frozenset().union(*(words[other] for other in LANGUAGES if other != language))
        for language, mine in words.items()
    }


def written_in(text: str) -> str | None:
    """The language `text` is plainly written in, or None."""
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return None
    cyrillic = sum("\u0400" <= char <= "\u04ff" for char in letters)
    if cyrillic * 2 > len(letters):
        return "ru"
    words = _WORD.findall(text.casefold())
    own = _own_words()
    counts = {
        language: sum(
            MIN_WORDS
            if word in _NAMED[language]
            else word in own[language] or word in _GREETINGS[language]
            for word in words
        )
        for language in LANGUAGES
    }
    best = max(counts, key=lambda language: counts[language])
    others = max(count for language, count in counts.items() if language != best)
    if counts[best] >= MIN_WORDS and counts[best] >= 2 * others:
        return best
    return None
