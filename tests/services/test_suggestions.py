"""Free text is matched in the person's language, and the default card is offered."""

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
