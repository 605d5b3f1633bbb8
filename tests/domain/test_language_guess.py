"""Which of the bot's languages a message is plainly written in."""

import pytest

from bot.domain.language_guess import written_in


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Sprichst du Deutsch?", "de"),  # a tester's, answered in English
        ("Ich kann nicht mehr", "de"),
        ("Hallo, wie geht es dir?", "de"),
        ("hola, ¿hablas español?", "es"),
        ("no sé qué hacer con mi pareja", "es"),
        ("ya no puedo más", "es"),
        ("Мне очень плохо сегодня", "ru"),
        ("ты говоришь по-русски?", "ru"),
        ("we had a huge fight and I don't know what to do", "en"),
        ("do you speak english?", "en"),
    ],
)
def test_a_message_plainly_in_a_language_is_read_as_it(text: str, language: str) -> None:
    assert written_in(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "ok",
        "no",  # English and Spanish
        "Ben",
        "Berlin",
        "I love Berlin",  # too few of any language's own words
        "Danke",
        "gracias",
        "Typische Fehler bei Wiedergutmachen",
        "🙂",
        "1234",
        "привет",  # one word
        # a reviewer's: each was guessed, and would have been offered a language
        "Мені дуже погано, я не знаю що робити",  # Ukrainian: not offered Russian
        "Дякую",
        "Не знаю, що робити. Так погано",  # Ukrainian without і, ї or є
        "Не знам какво да правя и ми е тежко",  # Bulgarian
        "He's German",  # English about a nationality
        "I'm learning Spanish",
        "ja ja",  # a repeat is one word
        "gracias gracias",
        "non so cosa fare con la mia ragazza",  # Italian
        "não sei o que fazer com a minha namorada",  # Portuguese
        "j'ai peur de la réaction de mon mari",  # French
    ],
)
def test_a_message_that_could_be_any_is_no_guess(text: str) -> None:
    assert written_in(text) is None
