"""What a message asks the bot for in the person's own words: a skill's common mistakes
("what are the common mistakes with repair?", "typische Fehler bei Wiedergutmachen?"),
and which skill it names.

Pure: text in, an answer out. English, German, Spanish and Russian.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.domain.models import Skill

# Asking for them, not telling of one: "I made a mistake with Repair" is something that
# happened, and goes to the skills as any other text does.
_MISTAKES = re.compile(
    r"\b(?:common|typical|usual|frequent|biggest|main|classic) (?:mistakes?|pitfalls?)\b"
    r"|\b(?:mistakes|pitfalls) (?:of|with|in|for|to avoid|people make|when)\b"
    r"|^(?:the )?(?:mistakes|pitfalls)\b"
    r"|\bwhat (?:are|were) (?:the )?(?:mistakes|pitfalls)\b"
    r"|\b(?:häufige|haeufige|typische|übliche|uebliche|gängige|gaengige)n? fehler\b"
    r"|\bfehler (?:bei|von|beim|in|im)\b|^(?:die )?fehler\b"
    r"|\berrores (?:comunes|típicos|tipicos|frecuentes|habituales|de|en|al)\b|^(?:los )?errores\b"
    r"|\b(?:частые|типичные|распространённые|распространенные|главные|основные) ошибки\b"
    r"|\bошибки (?:в|при|с)\b|^ошибки\b"
)


def asks_for_mistakes(text: str) -> bool:
    """True when the message asks for a skill's common mistakes."""
    return _MISTAKES.search(" ".join(text.casefold().split())) is not None


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
