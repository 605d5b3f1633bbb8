"""Whether a message asks if the writer should leave, or how to leave, their partner:
"should I leave him?", "how do I get away from her", "soll ich ihn verlassen?",
"¿debería dejarlo?", "мне уйти от него?".

Asked in the days after they spoke of danger, it is no skill's question, and the
listening reply that thanks them would not answer it: it is answered with where people
help with exactly that decision, and with leaving safely (bot/texts/safety.py).

Pure: text in, yes or no. English, German, Spanish and Russian, the bot's languages.
"""

from __future__ import annotations

import re

from bot.domain.safety import normalise

_PARTNER = (
    r"(?:him|her|them|my (?:husband|wife|partner|boyfriend|girlfriend|bf|gf|fiance|fiancee)"
    r"|this relationship|the relationship)"
)
_ASKS = re.compile(
    "|".join(
        (
            # English: "should I leave him", "should I just leave", "do I stay with her",
            # "how do I get away from him", "is it time to leave"
            r"\b(?:should|shall|do|can|could|must) i(?: \w+)? (?:leave|divorce|stay|go|get out"
            rf"|break up)(?: (?:with|from) {_PARTNER}| {_PARTNER})?(?= \.|$| or| now| for good"
            r"| already| yet| safely)",
            # ("how do I leave this chat" is not: the partner must be named)
            rf"\bhow (?:do|can|could|would|should) i (?:leave|get away from|get out of|escape)"
            rf" {_PARTNER}\b",
            r"\b(?:if|whether) i should (?:leave|go|stay|divorce|break up)(?= \.|$| or"
            rf"| {_PARTNER})",
            rf"\bi should (?:just |probably |really )?(?:leave|divorce) {_PARTNER}\b",
            r"\bis it time (?:for me )?to (?:leave|go|get out)\b",
            # German: "soll ich ihn verlassen", "soll ich gehen", "soll ich mich trennen",
            # "wie komme ich von ihm weg"
            r"\b(?:soll|sollte) ich (?:ihn |sie |meinen (?:mann|freund|partner) |meine "
            r"(?:frau|freundin|partnerin) )?verlassen\b",
            r"\b(?:soll|sollte) ich (?:einfach )?(?:gehen|bleiben|ausziehen)(?= \.|$| oder)",
            r"\b(?:soll|sollte) ich mich (?:von (?:ihm|ihr) )?(?:trennen|scheiden lassen)\b",
            r"\bwie (?:komme|kann) ich (?:von (?:ihm|ihr) )?(?:weg|loskommen|raus)\b",
            # Spanish: "¿debería dejarlo?", "¿debo irme?", "¿me separo?"
            r"\b(?:debo|debería|deberia|tengo que) (?:dejarlo|dejarla|dejar a mi \w+"
            r"|separarme|divorciarme)\b",
            r"\b(?:debo|debería|deberia|tengo que) (?:irme|quedarme)(?= \.|$| o)",
            r"\bc[oó]mo (?:lo |la )?dejo\b|\bc[oó]mo salgo de (?:esto|esta relaci[oó]n)\b",
            r"(?:^|\s)(?:lo|la) dejo(?= \.|$)|(?:^|\s)me separo(?= \.|$)",
            # Russian: "мне уйти от него?", "стоит ли уходить", "как от него уйти"
            # (not "мне уйти с работы?", "как уйти отсюда": from him or her, or nothing)
            r"(?:^|\s)(?:мне |стоит ли |должна ли я |должен ли я )(?:уйти|уходить|бросить его"
            r"|бросить её|развестись|остаться)(?= \.|$| от (?:него|неё|нее)| или)",
            r"(?:^|\s)как (?:от (?:него|неё|нее) уйти|уйти от (?:него|неё|нее))(?=\s|$)",
        )
    )
)


def asks_whether_to_leave(text: str) -> bool:
    """True when `text` asks whether, or how, the writer should leave their partner."""
    return _ASKS.search(normalise(text)) is not None
