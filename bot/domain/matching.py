"""Match free text to the skills it is about, by the words they share (stemmed).

"I got defensive when he criticised me" should find *Partnering Instead of Defending*:
each word is reduced to its stem with the Snowball stemmer (`snowballstemmer`, pure
Python), stems that share a long enough beginning count as the same word ("defens" and
"defend", "apologis" and "apolog"), and each skill is scored by the stems it shares
with the text, weighted by where on the card they stand (a title or an author's
`triggers:` phrase says more than a step's explanation) and by how rare they are across
the skills. Pure: skills and text in, ranked skills out.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Protocol

import snowballstemmer

from bot.domain.models import Skill

# How much a stem counts by where it appears on a card.
WEIGHTS = {
    "trigger": 4.0,
    "title": 3.0,
    "alias": 3.0,
    "tag": 2.0,
    "description": 1.5,
    "step": 1.5,
    "mistake": 1.2,
    "explanation": 1.0,
    "why": 1.0,
}
# A whole trigger phrase found in the text adds this much per word it has.
PHRASE_BONUS = 2.0
# Stems sharing this many first letters (and most of the shorter one) are one word.
SHARED_PREFIX = 5
PARTIAL = 0.8  # …and count this much of an exact match
MIN_SCORE = 1.0  # below this a skill is not offered at all
RELATIVE = 0.4  # the second and third are offered only if this close to the best

_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=8)
def stopwords(language: str) -> frozenset[str]:
    """The words too common in `language` to say which skill a message is about (the
    lexicon's stopwords.<code>.txt); also what tells which language a message is in
    (bot/domain/language_guess.py)."""
    text = (
        resources.files("bot.domain")
        .joinpath("lexicons", f"stopwords.{_CODES.get(language, language)}.txt")
        .read_text(encoding="utf-8")
    )
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(word for line in lines for word in line.split())


_CODES = {"english": "en", "german": "de", "russian": "ru", "spanish": "es"}
# The Snowball stemmer for each language code we ship.
STEMMERS = {code: name for name, code in _CODES.items()}


# A Snowball stemmer keeps the word it is working on in itself, so two threads sharing
# one garble each other's stems (or raise IndexError): messages are matched in worker
# threads (bot/telegram/handlers/lookups.py), so each thread has its own.
_PER_THREAD = threading.local()


def _stemmer(language: str) -> Any:
    stemmers: dict[str, Any] | None = getattr(_PER_THREAD, "stemmers", None)
    if stemmers is None:
        stemmers = _PER_THREAD.stemmers = {}
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(language)
    return stemmers[language]


def _unaccented(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _stem(word: str, language: str) -> str:
    stemmer = _stemmer(language)
    stem = str(stemmer.stemWord(word))
    if language != "spanish":
        return stem
    # Snowball's Spanish stemmer reads a final -aré as the future ending, so the past
    # of verbs whose root ends in -ar loses it: "reparé" → "rep" (of "reparar"), as do
    # "preparé", "separé". Without the accent the same word keeps its root ("repar").
    # Only that ending: elsewhere the accent is what the stemmer needs ("sentí" → "sent",
    # unaccented "senti").
    if not word.endswith("aré"):
        return stem
    other = str(stemmer.stemWord(_unaccented(word)))
    return other if len(other) > len(stem) else stem


def folded_words(text: str) -> list[str]:
    """The words of `text` as they are matched: NFKC, case folded, apostrophes dropped
    ("don't" is "dont"), in order; also what tells the language (language_guess.py)."""
    return _WORD.findall(_APOSTROPHES.sub("", unicodedata.normalize("NFKC", text).casefold()))


def stems(text: str, language: str = "english") -> list[str]:
    """The stems of a text's meaningful words, in order."""
    stop = stopwords(language)
    words = [word for word in folded_words(text) if word not in stop and len(word) > 1]
    return [_stem(word, language) for word in words]


@dataclass(frozen=True, slots=True)
class Match:
    """A skill and how strongly a text points to it."""

    skill: Skill
    score: float


def _fields(skill: Skill) -> Iterable[tuple[str, str]]:
    yield "title", skill.title
    for alias in skill.aliases:
        yield "alias", alias
    for tag in skill.tags:
        yield "tag", tag.replace("/", " ").replace("_", " ").replace("-", " ")
    for trigger in skill.triggers:
        yield "trigger", trigger
    yield "description", skill.description
    yield "why", skill.why_it_matters
    for step in skill.steps:
        yield "step", step.title
        yield "explanation", step.explanation
    for mistake in skill.common_mistakes:
        yield "mistake", mistake


class LexicalMatcher:
    """Ranks a fixed set of skills against free text; build one per loaded vault."""

    def __init__(self, skills: Sequence[Skill], language: str = "english") -> None:
        self.skills = tuple(skills)
        self.language = language
        # stem → skill index → the highest weight it has on that card
        self._weights: dict[str, dict[int, float]] = defaultdict(dict)
        self._phrases: list[tuple[int, tuple[str, ...]]] = []
        for index, skill in enumerate(self.skills):
            for field, text in _fields(skill):
                found = stems(text, language)
                for stem in found:
                    known = self._weights[stem].get(index, 0.0)
                    self._weights[stem][index] = max(known, WEIGHTS[field])
                if field == "trigger" and len(found) > 1:
                    self._phrases.append((index, tuple(found)))
        self._by_prefix: dict[str, list[str]] = defaultdict(list)
        for stem in self._weights:
            self._by_prefix[stem[:SHARED_PREFIX]].append(stem)

    def _idf(self, stem: str) -> float:
        return math.log(1 + len(self.skills) / len(self._weights[stem]))

    def _same_words(self, stem: str) -> list[tuple[str, float]]:
        if stem in self._weights:
            return [(stem, 1.0)]
        if len(stem) < SHARED_PREFIX:
            return []
        return [
            (known, PARTIAL)
            for known in self._by_prefix.get(stem[:SHARED_PREFIX], [])
            if known.startswith(stem) or stem.startswith(known) or _close(known, stem)
        ]

    def scores(self, text: str) -> list[float]:
        """Each skill's score for `text`, in the order the skills were given."""
        totals = [0.0] * len(self.skills)
        query = stems(text, self.language)
        for stem in dict.fromkeys(query):
            best: dict[int, float] = {}
            for known, likeness in self._same_words(stem):
                idf = self._idf(known)
                for index, weight in self._weights[known].items():
                    best[index] = max(best.get(index, 0.0), weight * likeness * idf)
            for index, value in best.items():
                totals[index] += value
        joined = f" {' '.join(query)} "
        for index, phrase in self._phrases:
            if f" {' '.join(phrase)} " in joined:
                totals[index] += PHRASE_BONUS * len(phrase)
        return totals

    def rank(self, text: str, limit: int = 3) -> tuple[Match, ...]:
        """The skills worth offering for `text`, best first; empty when none fits."""
        ranked = sorted(
            (
                Match(skill, score)
                for skill, score in zip(self.skills, self.scores(text), strict=True)
            ),
            key=lambda match: -match.score,
        )
        return offered(ranked, limit)


def offered(
    ranked: Sequence[Match],
    limit: int = 3,
    *,
    minimum: float = MIN_SCORE,
    relative: float = RELATIVE,
) -> tuple[Match, ...]:
    """The best match if it clears `minimum`, and up to `limit - 1` more close to it."""
    if not ranked or ranked[0].score < minimum:
        return ()
    floor = max(minimum, ranked[0].score * relative)
    return tuple(match for match in ranked[:limit] if match.score >= floor)


class SkillMatcher(Protocol):
    """Anything that ranks skills for free text (lexical here, semantic in bot/vault)."""

    def scores(self, text: str) -> list[float]: ...

    def rank(self, text: str, limit: int = 3) -> tuple[Match, ...]: ...


def _close(a: str, b: str) -> bool:
    """Stems that share most of their letters from the start ("defens", "defend")."""
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared >= SHARED_PREFIX and shared >= 0.8 * min(len(a), len(b))
