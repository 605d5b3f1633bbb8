"""Free text is matched in the person's language, and the default card is offered."""

import shutil
from collections.abc import Sequence
from pathlib import Path

from bot.domain.matching import LexicalMatcher, SkillMatcher
from bot.domain.models import Skill
from bot.services.suggestions import Suggestions
from bot.vault.library import VaultHolder
from tests.support.paths import VAULT


def test_german_text_is_matched_against_the_german_cards_with_the_german_stemmer() -> None:
    suggestions = Suggestions(VaultHolder(VAULT))
    found = suggestions.for_text("Ich verteidige mich immer, statt zuzuhören", "de")
    assert found and found[0].title == "Partnering Instead of Defending"
    assert found[0].lang == ""  # the default card: practice and progress belong to it
    repair = suggestions.for_text("Ich will es wiedergutmachen", "de")
    assert repair and repair[0].title == "Repair"


def test_english_is_unchanged_by_the_translations() -> None:
    suggestions = Suggestions(VaultHolder(VAULT))
    found = suggestions.for_text("I always get defensive when she brings it up")
    assert found and found[0].title == "Partnering Instead of Defending"


def test_prepare_indexes_the_default_language_then_each_language_matched_before(
    tmp_path: Path,
) -> None:
    vault_dir = tmp_path / "vault"
    shutil.copytree(VAULT, vault_dir)
    holder = VaultHolder(vault_dir)
    built: list[int] = []

    def counted(cards: Sequence[Skill]) -> SkillMatcher:
        built.append(len(cards))
        return LexicalMatcher(cards)

    suggestions = Suggestions(holder, counted)
    suggestions.prepare()  # at start-up: English
    assert len(built) == 1
    assert suggestions.for_text("I always get defensive when she brings it up")
    assert len(built) == 1  # the first message waited for nothing
    suggestions.for_text("Ich verteidige mich immer", "de")
    assert len(built) == 2
    (vault_dir / "New Card.md").write_text(
        '---\nfileClass: meta_skill\nsteps: ["Step 1: Breathe"]\n---\n'
    )
    holder.reload()
    suggestions.prepare()  # after a reload: both languages in use, on the new vault
    assert built[2:] == [built[0] + 1, built[0] + 1]
    suggestions.for_text("Ich verteidige mich immer", "de")
    suggestions.for_text("I always get defensive when she brings it up")
    assert len(built) == 4
