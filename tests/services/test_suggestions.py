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


NEW_CARD = '---\nfileClass: meta_skill\nsteps: ["Step 1: Breathe"]\n---\n'


class Counted:
    """A copy of the fixture vault, and Suggestions on it that count the indexes built
    (one entry per index: how many cards it holds)."""

    def __init__(self, tmp_path: Path, wait: threading.Event | None = None) -> None:
        self.folder = tmp_path / "vault"
        shutil.copytree(VAULT, self.folder)
        self.holder = VaultHolder(self.folder)
        self.built: list[int] = []
        self.started = threading.Event()
        self.suggestions = Suggestions(self.holder, self._build)
        self._wait = wait

    def _build(self, cards: Sequence[Skill]) -> SkillMatcher:
        self.built.append(len(cards))
        self.started.set()
        if self._wait is not None:
            self._wait.wait()
        return LexicalMatcher(cards)

    def add_card(self, name: str) -> None:
        (self.folder / f"{name}.md").write_text(NEW_CARD)
        self.holder.reload()


ENGLISH = "I always get defensive when she brings it up"
GERMAN = "Ich verteidige mich immer"


def test_prepare_indexes_the_default_language_then_each_language_matched_before(
    tmp_path: Path,
) -> None:
    vault = Counted(tmp_path)
    vault.suggestions.prepare()  # at start-up: English
    assert len(vault.built) == 1
    assert vault.suggestions.for_text(ENGLISH)
    assert len(vault.built) == 1  # the first message waited for nothing
    vault.suggestions.for_text(GERMAN, "de")
    assert len(vault.built) == 2
    vault.add_card("New Card")
    vault.suggestions.prepare()  # after a reload: both languages in use, on the new vault
    assert vault.built[2:] == [vault.built[0] + 1, vault.built[0] + 1]
    vault.suggestions.for_text(GERMAN, "de")
    vault.suggestions.for_text(ENGLISH)
    assert len(vault.built) == 4


def test_prepare_builds_the_newest_vault_once_however_often_it_is_reloaded_meanwhile(
    tmp_path: Path,
) -> None:
    release = threading.Event()
    vault = Counted(tmp_path, wait=release)
    first = threading.Thread(target=vault.suggestions.prepare)
    first.start()
    vault.started.wait()
    for number in range(3):  # three reloads while the first build runs
        vault.add_card(f"New {number}")
        vault.suggestions.prepare()  # returns at once: the running one goes on to it
    release.set()
    first.join()
    assert vault.built == [6, 9]  # the vault it began with, then only the newest
    assert vault.suggestions.for_text(ENGLISH)
    assert vault.built == [6, 9]


def test_prepare_builds_every_language_ever_matched(tmp_path: Path) -> None:
    vault = Counted(tmp_path)
    vault.suggestions.for_text(GERMAN, "de")
    vault.add_card("New Card")
    # An English message before the reload's build: the index then holds English only.
    vault.suggestions.for_text(ENGLISH)
    built = len(vault.built)
    vault.suggestions.prepare()
    assert len(vault.built) == built + 1  # German too, for the next German message
    vault.suggestions.for_text(GERMAN, "de")
    assert len(vault.built) == built + 1
