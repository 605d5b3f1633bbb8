"""Which notes are skill cards, which are scenarios, and which are just notes.

An Obsidian vault holds far more ordinary notes than skill cards, so a note is
a skill only when it says so: a `fileClass` from SKILL_CLASSES, or a tag from
SKILL_TAGS. Everything else is counted and left alone, except a `fileClass`
that looks like a slip of the keyboard for a skill class, which is worth a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

DEFAULT_SKILL_CLASSES = ("core_skill", "meta_skill")
DEFAULT_SCENARIO_CLASSES = ("scenario",)
# How alike (0–1) an unknown fileClass must be to a skill class to count as its typo.
_TYPO = 0.85
_NOT_LETTERS = re.compile(r"[^a-z]")


class Role(StrEnum):
    """What a note is to the bot."""

    SKILL = "skill"
    SCENARIO = "scenario"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class NoteKinds:
    """The settings that decide a note's role (see SKILL_CLASSES, SKILL_TAGS, SCENARIO_CLASSES)."""

    skill_classes: tuple[str, ...] = DEFAULT_SKILL_CLASSES
    skill_tags: tuple[str, ...] = ()
    scenario_classes: tuple[str, ...] = DEFAULT_SCENARIO_CLASSES

    def role(self, classes: Iterable[str], tags: Iterable[str]) -> Role:
        """A skill if a class or tag says so, a scenario if its class says so, else other."""
        classes = tuple(classes)
        if any(c in self.skill_classes for c in classes):
            return Role.SKILL
        wanted = {_tag(t) for t in self.skill_tags}
        if wanted and any(_tag(t) in wanted for t in tags):
            return Role.SKILL
        if any(c in self.scenario_classes for c in classes):
            return Role.SCENARIO
        return Role.OTHER

    def typo_of(self, classes: Iterable[str]) -> tuple[str, str] | None:
        """(written, meant) when a class looks like a misspelt skill or scenario class."""
        known = (*self.skill_classes, *self.scenario_classes)
        for written in classes:
            folded = _NOT_LETTERS.sub("", written.casefold())
            for meant in known:
                target = _NOT_LETTERS.sub("", meant.casefold())
                if folded == target or SequenceMatcher(None, folded, target).ratio() >= _TYPO:
                    return written, meant
        return None


def _tag(tag: str) -> str:
    # Obsidian tags ignore case and may be written with their #.
    return tag.lstrip("#").casefold()


def names(setting: str) -> tuple[str, ...]:
    """A comma-separated setting as a tuple of names."""
    return tuple(dict.fromkeys(part.strip() for part in setting.split(",") if part.strip()))


DEFAULT_KINDS = NoteKinds()
