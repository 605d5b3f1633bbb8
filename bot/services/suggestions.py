"""Which skills to offer for free text, from whichever vault is in service."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from bot.domain.matching import STEMMERS, LexicalMatcher, SkillMatcher
from bot.domain.models import Skill
from bot.vault.library import Vault, VaultHolder

MatcherFactory = Callable[[Sequence[Skill]], SkillMatcher]


class Suggestions:
    """Ranks the vault's skills against a message; the index is rebuilt when the vault is
    reloaded (a reload swaps the whole Vault object, so identity tells).

    A message in German is matched against the German cards (where a skill has one) with
    the German stemmer and stop words; the skill offered is always the default card, which
    practice and progress belong to.
    """

    def __init__(self, vault: VaultHolder, factory: MatcherFactory = LexicalMatcher) -> None:
        self.vault = vault
        self.factory = factory
        self._indexed: Vault | None = None
        self._matchers: dict[str, SkillMatcher] = {}
        # Messages are matched in worker threads (bot/telegram/handlers/lookups.py): an
        # index takes seconds to build for a big vault, and is built once, not by every
        # thread that asks while it is being built.
        self._building = threading.Lock()

    def _current(self, language: str) -> SkillMatcher:
        vault = self.vault.current
        with self._building:
            if self._indexed is not vault:
                self._matchers, self._indexed = {}, vault
            if language not in self._matchers:
                cards = [skill.in_language(language) for skill in vault.skills]
                if self.factory is LexicalMatcher and language in STEMMERS:
                    self._matchers[language] = LexicalMatcher(cards, STEMMERS[language])
                else:
                    self._matchers[language] = self.factory(cards)
            return self._matchers[language]

    def for_text(self, text: str, language: str = "en") -> tuple[Skill, ...]:
        """The one to three skills that fit `text` best; empty when none fits."""
        skills = self.vault.current.skills
        by_card = {id(skill.in_language(language)): skill for skill in skills}
        return tuple(
            by_card.get(id(match.skill), match.skill)
            for match in self._current(language).rank(text)
        )
