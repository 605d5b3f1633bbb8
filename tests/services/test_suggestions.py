"""Free text is matched in the person's language, and the default card is offered."""

import shutil
import threading
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


def test_prepare_builds_the_newest_vault_once_however_often_it_is_reloaded_meanwhile(
    tmp_path: Path,
) -> None:
    vault_dir = tmp_path / "vault"
    shutil.copytree(VAULT, vault_dir)
    holder = VaultHolder(vault_dir)
    built: list[int] = []
    started, release = threading.Event(), threading.Event()

    def slow(cards: Sequence[Skill]) -> SkillMatcher:
        built.append(len(cards))
        started.set()
        release.wait()
        return LexicalMatcher(cards)

    suggestions = Suggestions(holder, slow)
    first = threading.Thread(target=suggestions.prepare)
    first.start()
    started.wait()
    for number in range(3):  # three reloads while the first build runs
        (vault_dir / f"New {number}.md").write_text(
            '---\nfileClass: meta_skill\nsteps: ["Step 1: Breathe"]\n---\n'
        )
        holder.reload()
        suggestions.prepare()  # returns at once: the running one goes on to it
    release.set()
    first.join()
    assert built == [6, 9]  # the vault it began with, then only the newest
    assert suggestions.for_text("I always get defensive when she brings it up")
    assert built == [6, 9]


def test_prepare_builds_every_language_ever_matched(tmp_path: Path) -> None:
    vault_dir = tmp_path / "vault"
    shutil.copytree(VAULT, vault_dir)
    holder = VaultHolder(vault_dir)
    languages: list[int] = []

    def counted(cards: Sequence[Skill]) -> SkillMatcher:
        languages.append(len(cards))
        return LexicalMatcher(cards)

    suggestions = Suggestions(holder, counted)
    suggestions.for_text("Ich verteidige mich immer", "de")
    (vault_dir / "New Card.md").write_text(
        '---\nfileClass: meta_skill\nsteps: ["Step 1: Breathe"]\n---\n'
    )
    holder.reload()
    # An English message before the reload's build: the index then holds English only.
    suggestions.for_text("I always get defensive when she brings it up")
    built = len(languages)
    suggestions.prepare()
    assert len(languages) == built + 1  # German too, for the next German message
    suggestions.for_text("Ich verteidige mich immer", "de")
    assert len(languages) == built + 1
