"""Find a skill by what a person typed: title, alias, prefix or a close typo."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Protocol

from bot.domain.models import Skill

# Similarity (0–1) above which a typo counts as meaning that skill, and above
# which a skill is worth offering as "did you mean". At 0.55 "nonsense" was offered
# "Sostener la incomodidad" (half its letters shared); typos score 0.75 and more.
SURE = 0.8
SUGGEST = 0.65


@dataclass(frozen=True, slots=True)
class Found:
    """The skill meant (if clear), else the skills to offer as buttons."""

    skill: Skill | None
    choices: tuple[Skill, ...] = ()
    guessed: bool = False  # choices are typo guesses, not several exact prefix matches


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


class SkillIndex(Protocol):
    """What search needs of a loaded set of skills (the vault satisfies it)."""

    @property
    def skills(self) -> Sequence[Skill]: ...

    def get(self, name: str) -> Skill | None: ...


def find_skill(vault: SkillIndex, query: str) -> Found:
    """Resolve a typed name to one skill, several candidates, or suggestions."""
    wanted = _norm(query)
    if not wanted:
        return Found(None)
    exact = vault.get(wanted)
    if exact is not None:
        return Found(exact)
    tagged = _tagged(vault.skills, wanted)
    if len(tagged) == 1:
        return Found(tagged[0])
    if tagged:
        return Found(None, tagged)
    words = wanted.split()
    prefixed = _named(
        vault,
        lambda name: name.startswith(wanted) or any(w.startswith(wanted) for w in name.split()),
    )
    if len(prefixed) == 1:
        return Found(prefixed[0])
    if prefixed:
        return Found(None, prefixed)
    # Another form of a word in the name: "grounding" for "Staying Grounded", "defend"
    # for "Partnering Instead of Defending". Sure only when every word typed is one;
    # "holding hands" or "staying in love" share one word with a card, a guess at most.
    stemmed = _named(vault, lambda name: all(_stem_in(typed, name) for typed in words))
    if len(stemmed) == 1:
        return Found(stemmed[0])
    if stemmed:
        return Found(None, stemmed)
    partly = _named(vault, lambda name: any(_stem_in(typed, name) for typed in words))
    if partly:
        return Found(None, partly[:6], guessed=True)
    scored = sorted(
        (
            (max(_similarity(wanted, _norm(n)) for n in skill.names), skill)
            for skill in vault.skills
        ),
        key=lambda pair: -pair[0],
    )
    sure = [skill for score, skill in scored if score >= SURE]
    if len(sure) == 1:
        return Found(sure[0])
    close = [skill for score, skill in scored if score >= SUGGEST][:6]
    return Found(None, tuple(close), guessed=True)


# Two forms of one word share at least this much of their start ("ground" of
# "grounding" and "grounded"), and at least this share of the shorter one.
MIN_STEM = 5
STEM_SHARE = 0.7


def _named(vault: SkillIndex, fits: Callable[[str], bool]) -> tuple[Skill, ...]:
    """Skills one of whose names (folded) `fits`, each once, in the vault's order."""
    return _unique(
        skill for skill in vault.skills for name in map(_norm, skill.names) if fits(name)
    )


def _stem_in(typed: str, name: str) -> bool:
    return any(_same_stem(typed, word) for word in name.split())


def _same_stem(typed: str, word: str) -> bool:
    shared = next(
        (at for at, (a, b) in enumerate(zip(typed, word, strict=False)) if a != b),
        min(len(typed), len(word)),
    )
    return shared >= MIN_STEM and shared >= STEM_SHARE * min(len(typed), len(word))


def _tagged(skills: Sequence[Skill], wanted: str) -> tuple[Skill, ...]:
    """Skills carrying the tag typed (`#conflict`, `conflict`, or a nested `conflict/repair`)."""
    tag = wanted.lstrip("#")
    if not tag:
        return ()
    return _unique(
        skill
        for skill in skills
        for own in skill.tags
        if (folded := own.casefold()) == tag or folded.startswith(f"{tag}/")
    )


def _similarity(wanted: str, name: str) -> float:
    # Compare with the whole name, its start and each word, so "reapir" finds
    # "Repair" and "grouded" finds "Staying Grounded".
    candidates = [name, name[: len(wanted)], *name.split()]
    return max(SequenceMatcher(None, wanted, c).ratio() for c in candidates)


def _unique(skills: Iterable[Skill]) -> tuple[Skill, ...]:
    seen: dict[str, Skill] = {}
    for skill in skills:
        seen.setdefault(skill.title, skill)
    return tuple(seen.values())
