"""Which skills to offer for free text, from whichever vault is in service."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.domain.matching import LexicalMatcher, SkillMatcher
from bot.domain.models import Skill
from bot.vault.library import Vault, VaultHolder

MatcherFactory = Callable[[Sequence[Skill]], SkillMatcher]


class Suggestions:
    """Ranks the vault's skills against a message; the index is rebuilt when the vault is
    reloaded (a reload swaps the whole Vault object, so identity tells)."""

    def __init__(self, vault: VaultHolder, factory: MatcherFactory = LexicalMatcher) -> None:
        self.vault = vault
        self.factory = factory
        self._indexed: Vault | None = None
        self._matcher: SkillMatcher | None = None

    def _current(self) -> SkillMatcher:
        vault = self.vault.current
        if self._matcher is None or self._indexed is not vault:
            self._matcher, self._indexed = self.factory(vault.skills), vault
        return self._matcher

    def for_text(self, text: str) -> tuple[Skill, ...]:
        """The one to three skills that fit `text` best; empty when none fits."""
        return tuple(match.skill for match in self._current().rank(text))
