"""Which of the bot's languages a message is written in, when that is plain: "Sprichst du
Deutsch?", "hola, ¿hablas español?", "мне очень плохо сегодня". The bot offers to speak it
(bot/telegram/handlers/language.py); a guess that is not plain is no guess.

Plain means at least MIN_WORDS distinct words of a language's own (its stopwords, in
bot/domain/lexicons, that none of the other languages has: "ich", "nicht"; "que",
"pero"; "the", "and"; "это", "что"), and at least twice as many as of any other's; its
name for itself counts as MIN_WORDS ("Deutsch", "español"). For Russian the text must
also be mostly Cyrillic, with no letter Russian lacks (Ukrainian "і", "ї", "є", Kazakh
"ә", …) and none of the common Ukrainian or Bulgarian words written without them: those
people are not offered Russian (a short message may still slip through). Names,
one-word replies, repeats ("ja ja"), and text with common words of French, Italian or
Portuguese guess nothing.

Pure: text in, a language code or None out.
"""

from __future__ import annotations

from functools import lru_cache

from bot.domain.matching import folded_words, stopwords

LANGUAGES = ("en", "de", "es", "ru")
MIN_WORDS = 2
# A language's own name for itself, and asking whether it is spoken ("Sprichst du
# Deutsch?", "¿hablas español?"): each worth MIN_WORDS. Not the English names ("He's
# German" is English).
_NAMED = {
    "en": frozenset({"english"}),
    "de": frozenset({"deutsch", "sprichst"}),
    "es": frozenset({"español", "espanol", "castellano", "hablas"}),
    "ru": frozenset({"русский", "русски", "говоришь"}),
}
# A greeting or a thanks, worth one word of the language: "hola, ¿qué tal?".
_GREETINGS = {
    "en": frozenset({"hello", "thanks"}),
    "de": frozenset({"hallo", "danke", "bitte", "tschüss", "moin", "servus"}),
    "es": frozenset({"hola", "gracias", "buenos", "buenas", "adiós", "adios"}),
    "ru": frozenset({"привет", "спасибо", "здравствуй", "здравствуйте"}),
}
# Common words of languages we do not speak that share Spanish's look: "non so cosa
# fare", "não sei o que fazer", "j'ai peur de la réaction".
_OTHERS = frozenset(
    (  # noqa: SIM905 (words read better as words)
        "je pas est les des une avec mais vous nous cest jai très tres non che della sono "
        "mio mia perché perche ciao grazie não nao com uma você voce obrigado obrigada "
        "estou sei"
    ).split()
)
# Cyrillic letters Russian does not use (Ukrainian, Belarusian, Kazakh, Serbian, …), and
# common Ukrainian and Bulgarian words written without them ("Не знаю, що робити",
# "Не знам какво да правя").
_NOT_RUSSIAN = frozenset("іїєґўәғқңөұүһјљњђћџѓќѕ")
_NOT_RUSSIAN_WORDS = frozenset(
    (  # noqa: SIM905 (words read better as words)
        "що щоб це чи як він вона мені мене тобі дуже вже ще або бо й дякую добре жити "
        "робити вийшло хочу зараз какво съм това правя знам мен тежко"
    ).split()
)


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
    found = folded_words(text)
    letters = "".join(found)
    if not letters or any(char in _NOT_RUSSIAN for char in letters):
        return None
    words = set(found)
    if words & _OTHERS or words & _NOT_RUSSIAN_WORDS:
        return None
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
    if counts[best] < MIN_WORDS or counts[best] < 2 * others:
        return None
    cyrillic = sum("\u0400" <= char <= "\u04ff" for char in letters) * 2 > len(letters)
    return best if (best == "ru") == cyrillic else None
