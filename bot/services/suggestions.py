"""Which skills to offer for free text, from whichever vault is in service."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from bot.domain.matching import STEMMERS, LexicalMatcher, SkillMatcher
from bot.domain.models import Skill
from bot.texts.i18n import DEFAULT_LANGUAGE
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
        # The vault indexed and its matchers by language, replaced together.
        self._index: tuple[Vault | None, dict[str, SkillMatcher]] = (None, {})
        # Messages are matched in worker threads (bot/telegram/handlers/lookups.py): an
        # index takes seconds to build for a big vault, and is built once, not by every
        # thread that asks while it is being built. A built one is read without the lock.
        self._building = threading.Lock()
        # Every language a message was matched in, the default first (a dict as an
        # ordered set): what `prepare` builds, from a copy taken with list().
        self._languages: dict[str, None] = {DEFAULT_LANGUAGE: None}
        # One `prepare` at a time; a call while one runs returns at once, and the one
        # running goes on to any vault reloaded meanwhile.
        self._preparing = threading.Lock()

    def _current(self, vault: Vault, language: str) -> SkillMatcher:
        indexed, matchers = self._index
        if indexed is vault and language in matchers:
            return matchers[language]
        with self._building:
            indexed, matchers = self._index
            if indexed is not vault:
                matchers = {}
                # A thread that read the vault before a reload must not put the old
                # vault's index back in place of the new one's.
                if vault is self.vault.current:
                    self._index = (vault, matchers)
            if language not in matchers:
                self._languages[language] = None
                cards = [skill.in_language(language) for skill in vault.skills]
                if self.factory is LexicalMatcher and language in STEMMERS:
                    matchers[language] = LexicalMatcher(cards, STEMMERS[language])
                else:
                    matchers[language] = self.factory(cards)
            return matchers[language]

    def prepare(self) -> None:
        """Index the vault in service now, in every language a message was matched in
        (the default language at first): for a vault of a thousand cards that takes
        seconds, which the first person to write after a start or a reload would
        otherwise wait. Slow: run it in a worker thread.

        Reloads in quick succession cost one build of the newest vault, not one of each:
        a call while another runs returns at once, and the one running leaves a vault
        replaced meanwhile for the one in service."""
        while self._preparing.acquire(blocking=False):
            try:
                vault = self.vault.current
                for language in list(self._languages):
                    if vault is not self.vault.current:
                        break
                    self._current(vault, language)
            finally:
                self._preparing.release()
            if vault is self.vault.current:
                return
            # Reloaded meanwhile: a call made then found this one running and left it
            # the new vault.

    def for_text(self, text: str, language: str = DEFAULT_LANGUAGE) -> tuple[Skill, ...]:
        """The one to three skills that fit `text` best; empty when none fits."""
        vault = self.vault.current  # once: a reload meanwhile changes nothing here
        by_card = {id(skill.in_language(language)): skill for skill in vault.skills}
        return tuple(
            by_card.get(id(match.skill), match.skill)
            for match in self._current(vault, language).rank(text)
        )
