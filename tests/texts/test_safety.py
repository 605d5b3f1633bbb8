"""Where the help part of a safety answer comes from, and in which language."""

import pytest

from bot.texts.i18n import speaking
from bot.texts.safety import support

OPERATOR = "Samaritans: 116 123, any time."
OPERATOR_DE = "TelefonSeelsorge: 0800 111 0 111, rund um die Uhr."


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "call your local emergency number now"),
        ("de", "ruf jetzt den Notruf an"),
        ("es", "llama ahora al número de emergencias"),
        ("ru", "позвони прямо сейчас в местную экстренную службу"),
    ],
)
def test_without_an_operator_text_the_bots_own_is_in_the_persons_language(
    language: str, words: str
) -> None:
    with speaking(language):
        text = support("", {})
    assert words in text and "https://findahelpline.com" in text


def test_the_operators_text_for_a_language_comes_first_then_the_one_for_everyone() -> None:
    by_language = {"de": OPERATOR_DE}
    with speaking("de"):
        assert support(OPERATOR, by_language) == OPERATOR_DE
    with speaking("es"):
        assert support(OPERATOR, by_language) == OPERATOR
    with speaking("ru"):  # a language the operator wrote nothing for, nor for everyone
        assert "findahelpline.com" in support("", by_language)
