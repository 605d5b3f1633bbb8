"""Notice language of self-harm, suicide, danger from a partner or harm to others, from a
lexicon per language.

The rules are data: `bot/domain/lexicons/safety.<language>.toml` (see the English file
for the format). Every installed lexicon is checked, so a message in any language we
have a file for is covered; adding a language is adding a file. docs/safety.md has the
measured figures and, plainly, what this cannot do.

Pure: text in, categories out. The lexicon files are read once, on first use.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from typing import Any


class SafetyCategory(StrEnum):
    """What kind of danger a message speaks of (the only thing logs may record)."""

    SELF_HARM = "self_harm"
    PARTNER_DANGER = "partner_danger"
    # The writer hurts, has hurt or threatens someone ("I hit my wife last night", "I'll
    # kill you if you leave me"): that person's safety comes first, and the writer is
    # pointed to help for people who want to stop; never coached with a skill.
    HARM_TO_OTHERS = "harm_to_others"


class LexiconError(ValueError):
    """A lexicon file cannot be used; the message names the file and the problem."""


_APOSTROPHES = re.compile(r"['’‘`´ʼʹ′]")
_CLAUSE_PUNCTUATION = re.compile(r"[.,;:!?…\n\r]+")
# Anything not a letter, digit or the clause marker becomes a space.
_SYMBOLS = re.compile(r"[^\w.]+|_")
_MACRO = re.compile(r"<([a-z_]+)>")


def normalise(text: str) -> str:
    """The form lexicon patterns are written against: folded case, no apostrophes,
    clause punctuation as " . ", every other symbol a space, single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _APOSTROPHES.sub("", text)
    text = _CLAUSE_PUNCTUATION.sub(" . ", text)
    return " ".join(_SYMBOLS.sub(" ", text).split())


@dataclass(frozen=True, slots=True)
class Lexicon:
    """One language's compiled rules."""

    language: str
    rules: tuple[tuple[SafetyCategory, re.Pattern[str]], ...]
    figures: re.Pattern[str] | None
    spellings: Mapping[str, str]
    spelling_pattern: re.Pattern[str] | None
    clause_break: re.Pattern[str]
    negated: re.Pattern[str]
    # Words that put what follows in someone else's mouth or hands ("he said", "me dijo",
    # "he was on top of me"): a threat or a blow after them is danger to the writer.
    reported: re.Pattern[str] | None = None

    def prepare(self, text: str) -> str:
        """Normalise, fix known misspellings, and blank out figures of speech."""
        prepared = normalise(text)
        if self.spelling_pattern is not None:
            prepared = self.spelling_pattern.sub(lambda m: self.spellings[m.group(0)], prepared)
        if self.figures is not None:
            # A clause marker, not a space: the words around a figure are not joined up.
            prepared = self.figures.sub(" . ", prepared)
        return prepared

    def categories(self, text: str) -> set[SafetyCategory]:
        """Every category with at least one match that is not negated."""
        prepared = self.prepare(text)
        found: set[SafetyCategory] = set()
        for category, pattern in self.rules:
            if category in found:
                continue
            for match in pattern.finditer(prepared):
                if self._is_negated(prepared, match.start()):
                    continue
                if category is SafetyCategory.HARM_TO_OTHERS and self._reported(prepared, match):
                    # Their words or their attack, told by the one it was aimed at: when
                    # in doubt the writer is the one at risk, never the one to correct.
                    found.add(SafetyCategory.PARTNER_DANGER)
                    continue
                found.add(category)
                break
        return found

    def _reported(self, text: str, match: re.Match[str]) -> bool:
        before = text[: match.start()]
        return self.reported is not None and self.reported.search(before) is not None

    def _is_negated(self, text: str, start: int) -> bool:
        before = text[:start]
        clause_start = max((m.end() for m in self.clause_break.finditer(before)), default=0)
        return self.negated.search(before[clause_start:]) is not None


def _words(items: Iterable[str]) -> str:
    # Longest first, so "do not" is tried before "do".
    ordered = sorted({_spaced(item) for item in items}, key=len, reverse=True)
    return "|".join(re.escape(item) for item in ordered)


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _expand(pattern: str, macros: Mapping[str, str], where: str, depth: int = 0) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise LexiconError(f"{where}: unknown macro <{name}>")
        if depth > 5:
            raise LexiconError(f"{where}: macros nest too deeply at <{name}>")
        return _expand(macros[name], macros, where, depth + 1)

    return _MACRO.sub(replace, pattern)


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(rf"\b(?:{pattern})\b")
    except re.error as exc:
        raise LexiconError(f"{where}: not a valid pattern ({exc})") from None


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LexiconError(f"{where}: expected a list of strings")
    return value


def parse_lexicon(text: str, name: str) -> Lexicon:
    """Compile one lexicon file's text; `name` appears in every error."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{name}: not valid TOML ({exc})") from None
    language = data.get("language")
    if not isinstance(language, str) or not language:
        raise LexiconError(f"{name}: `language` is missing")
    macros = data.get("macros", {})
    if not all(isinstance(v, str) for v in macros.values()):
        raise LexiconError(f"{name}: [macros] values must be strings")

    rules: list[tuple[SafetyCategory, re.Pattern[str]]] = []
    for index, rule in enumerate(data.get("rules", [])):
        where = f"{name}: rules[{index}]"
        try:
            category = SafetyCategory(rule.get("category"))
        except ValueError:
            known = ", ".join(SafetyCategory)
            raise LexiconError(f"{where}: category must be one of {known}") from None
        patterns = _strings(rule.get("patterns"), where)
        joined = "|".join(f"(?:{_expand(p, macros, where)})" for p in patterns)
        rules.append((category, _compile(joined, where)))
    if not rules:
        raise LexiconError(f"{name}: no [[rules]]")

    figure_list = _strings(data.get("figures", {}).get("patterns", []), f"{name}: figures")
    figures = (
        _compile("|".join(f"(?:{_expand(p, macros, name)})" for p in figure_list), name)
        if figure_list
        else None
    )
    spellings = {_spaced(k): _spaced(v) for k, v in data.get("spellings", {}).items()}
    spelling_pattern = _compile(_words(spellings), f"{name}: spellings") if spellings else None
    breaks = _strings(data.get("clause_breaks", []), f"{name}: clause_breaks")
    clause_break = re.compile(r"\.|\b(?:" + (_words(breaks) or "(?!)") + r")\b")
    negation = data.get("negation", {})
    negators = _words(_strings(negation.get("words", []), f"{name}: negation.words"))
    fillers = _words(_strings(negation.get("fillers", []), f"{name}: negation.fillers"))
    negated = re.compile(rf"\b(?:{negators or '(?!)'})(?: (?:{fillers or '(?!)'}))* ?$")
    reported_list = _strings(data.get("reported", []), f"{name}: reported")
    reported = (
        _compile("|".join(f"(?:{_expand(p, macros, name)})" for p in reported_list), name)
        if reported_list
        else None
    )
    return Lexicon(
        language, tuple(rules), figures, spellings, spelling_pattern, clause_break, negated,
        reported,
    )  # fmt: skip


def packaged_lexicons() -> tuple[Lexicon, ...]:
    """Every `safety.*.toml` shipped in `bot/domain/lexicons`, in file-name order."""
    folder = resources.files("bot.domain").joinpath("lexicons")
    files = sorted(
        (item for item in folder.iterdir() if item.name.startswith("safety.")),
        key=lambda item: item.name,
    )
    return tuple(
        parse_lexicon(item.read_text(encoding="utf-8"), item.name)
        for item in files
        if item.name.endswith(".toml")
    )


@dataclass(frozen=True, slots=True)
class SafetyDetector:
    """Checks a text against every lexicon it holds."""

    lexicons: tuple[Lexicon, ...]

    def detect(self, text: str) -> frozenset[SafetyCategory]:
        """The categories of danger the text speaks of; empty when none."""
        found: set[SafetyCategory] = set()
        for lexicon in self.lexicons:
            found |= lexicon.categories(text)
        return frozenset(found)


@lru_cache(maxsize=1)
def default_detector() -> SafetyDetector:
    """The detector built from the packaged lexicons (read on first use, then kept)."""
    return SafetyDetector(packaged_lexicons())
