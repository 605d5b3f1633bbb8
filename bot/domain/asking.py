"""What a message asks the bot for in the person's own words: a skill's common mistakes
("what are the common mistakes with repair?", "typische Fehler bei Wiedergutmachen?"),
which skill it names, and help with the step in front of them ("I don't get this step").

Pure: text in, an answer out. English, German, Spanish and Russian.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.domain.models import Skill

# "Common mistakes", "typische Fehler": asking, wherever it stands in the message.
# "Biggest" and "main" only of several: "my biggest mistake was staying with him" tells.
_COMMON = re.compile(
    r"\b(?:common|typical|usual|frequent|classic) (?:mistakes?|pitfalls?)\b"
    r"|\b(?:biggest|main) (?:mistakes|pitfalls)\b"
    r"|\b(?:häufige|haeufige|typische|übliche|uebliche|gängige|gaengige)n? fehler\b"
    r"|\berrores (?:comunes|típicos|tipicos|frecuentes|habituales)\b"
    r"|\b(?:частые|типичные|распространённые|распространенные|главные|основные) ошибки\b"
)
# "Mistakes with Repair", "Fehler bei …", "errores de …", "ошибки в …": asking when it
# is a question, or a few words and nothing more.
_ABOUT = re.compile(
    r"\b(?:mistakes|pitfalls) (?:of|with|in|for|to avoid|people make|when)\b"
    r"|\b(?:what|which) (?:are |were )?(?:the )?(?:mistakes|pitfalls)\b"
    r"|\b(?:welche|was für|was fuer) fehler\b|\b(?:qué|que|cuáles|cuales) errores\b"
    r"|\bкакие ошибки\b"
    r"|\bfehler (?:bei|von|beim|in|im)\b|\berrores (?:de|en|al)\b|\bошибки (?:в|при|с)\b"
)
# The whole message: "mistakes?", "Fehler", "errores", "ошибки".
_BARE = re.compile(r"^(?:the |die |los )?(?:mistakes|pitfalls|fehler|errores|ошибки)\??$")
_QUESTION = re.compile(
    r"\?|^(?:what|which|show|tell|list|any|welche|was|zeig|nenn|cuáles|cuales|qué|que"
    r"|muéstrame|muestrame|dime|какие|покажи|расскажи|назови)\b"
)
# Telling of one's own: "I made a mistake", "we both made mistakes", "my mistakes",
# "ich habe einen Fehler gemacht", "cometí errores", "я совершил ошибки".
_TELLING = re.compile(
    # Bounded gaps: an unbounded one, tried from every "I" of a long message, is slow.
    r"\b(?:i|we|ive|weve)\b[^?]{0,80}?\b(?:made|make|making|learned|learnt|keep)\b"
    r"|\b(?:my|our|meine?n?|unsere?n?|mis|nuestros|мои|наши)\b (?:\w+ )?"
    r"(?:mistakes|fehler|errores|ошибки)"
    r"|\b(?:ich|wir)\b.{0,80}?\bgemacht\b"
    r"|\b(?:cometí|cometi|cometo|cometimos|cometemos|he cometido)\b"
    r"|\b(?:я|мы)\b.{0,80}?\b(?:совершил\w*|сделал\w*|делаю|делаем|наделал\w*)\b"
)
# Their own: "my biggest mistakes", "meine typischen Fehler".
_OWN = re.compile(
    r"\b(?:my|our|meine?n?|unsere?n?|mis|nuestros|мои|наши)\b (?:\w+ )?"
    r"(?:mistakes?|fehler|errores|ошибки)"
)
MAX_ASKING_WORDS = 5
# A message that opens by asking (not one that tells, then asks "what now?").
_ASKED = re.compile(r"^(?:what|which|welche|was für|was fuer|qué|que|cuáles|cuales|какие)\b")


def _folded(text: str) -> str:
    """Folded case, no apostrophes ("don't" is "dont"), single spaces: what the patterns
    here are written against."""
    return " ".join(text.casefold().replace("’", "'").replace("'", "").split())


def asks_for_mistakes(text: str) -> bool:
    """True when the message asks for a skill's common mistakes; telling of one's own
    ("I made a mistake with Repair", "we both made mistakes") is something that
    happened, and goes to the skills as any other text does."""
    folded = _folded(text)
    if (_COMMON.search(folded) and not _OWN.search(folded)) or _BARE.match(folded):
        return True  # "what common mistakes do I make in Repair?" asks, "I" or not
    if _ABOUT.search(folded) is None:
        return False
    if _ASKED.match(folded.lstrip("¿¡ ")):
        return True  # "what mistakes do I make in Repair?": asked, "I" or not
    if _TELLING.search(folded):
        return False
    return len(folded.split()) <= MAX_ASKING_WORDS or _QUESTION.search(folded) is not None


def named_in(text: str, names: Iterable[tuple[Skill, Iterable[str]]]) -> tuple[Skill, ...]:
    """The skills whose names (`names`: each skill with every name it answers to, its
    translations' too) appear in `text` as whole words, the first named first."""
    folded = " ".join(text.casefold().split())
    found: list[tuple[int, Skill]] = []
    for skill, its_names in names:
        places = [
            match.start()
            for name in its_names
            if (wanted := " ".join(name.casefold().split()))
            and (match := re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", folded))
        ]
        if places:
            found.append((min(places), skill))
    return tuple(skill for _, skill in sorted(found, key=lambda pair: pair[0]))


# Not understanding, said of what is in front of them: "I don't get this", "what does
# attunement mean?", "I'm confused", "ich verstehe das nicht", "no entiendo", "не понимаю".
# Only short messages: in a long one the words are part of a story ("I don't understand
# why he left").
_CONFUSED = re.compile(
    r"^(?:sorry |hmm |um |ok |but )?(?:i (?:dont|do not|really dont) (?:get|understand)"
    r"(?: (?:this|it|that|the step|this step|what (?:you mean|to do|this means)))?"
    r"|what (?:does|do) (?!(?:he|she|they|we|my|his|her|your)\b)(?:that|this|it|\w+(?: \w+)?)"
    r" mean|what do you mean|im (?:so |a bit )?"
    r"(?:confused|lost)(?: here| with this| by this)?|how do i do (?:this|that|it)"
    r"|ich (?:verstehe|versteh)(?: (?:das|es|das hier|den schritt|diesen schritt|die übung"
    r"|diese übung|die uebung|diese uebung))? (?:(?:gar|überhaupt|ueberhaupt) )?nicht"
    r"|(?:das|den schritt|diesen schritt) (?:verstehe|versteh) ich (?:(?:gar|überhaupt"
    r"|ueberhaupt) )?nicht|was (?:bedeutet|heißt|heisst)"
    r"(?: \w+){0,2}|wie (?:mache|mach) ich das|(?:yo )?no (?:lo )?entiendo(?: (?:este paso|esto))?"
    r"|(?:qué|que) significa(?: \w+){0,2}|(?:cómo|como) (?:lo )?hago(?: esto)?"
    r"|(?:я )?не понимаю(?: (?:этот шаг|это|что делать))?|что (?:это )?значит(?: \w+){0,2}"
    r"|как это делать"
    # "what is this?" on a step asks about the step (a review: it got the bot's help)
    r"|what is (?:this|that)(?: step)?|whats (?:this|that)(?: step)?|was ist das(?: hier)?"
    r"|(?:qué|que) es esto|что это(?: такое)?)\??$"
)
MAX_CONFUSED_WORDS = 8


def confused_by_the_step(text: str) -> bool:
    """True when a short message mid-practice says they do not understand what is in
    front of them: answered with help on the step, not with other skills."""
    folded = _folded(text).strip(" .!¿¡")
    return len(folded.split()) <= MAX_CONFUSED_WORDS and _CONFUSED.match(folded) is not None
