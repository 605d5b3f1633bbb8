"""Emoji of hurt, alone, are told apart from words and from other emoji."""

import pytest

from bot.domain.feelings import only_hurt


@pytest.mark.parametrize(
    "text", ["😭😭😭", "🔪", " 💔 ", "😢…", "☠️", "😔 😔", ":(", ":'(", ";-((", ":( :(", "):"]
)
def test_emoji_of_hurt_alone(text: str) -> None:
    assert only_hurt(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "👍",
        "🙂🙂",
        "😭 I yelled at him",
        "💔 again",
        "!!!",
        "3 😢",
        "😂💀",
        "🤣😭",
        ":)",
        "(",
        ":( ok",
    ],
)
def test_words_or_other_emoji_are_not(text: str) -> None:
    assert not only_hurt(text)


def test_laughter_does_not_hide_a_broken_heart_or_a_knife() -> None:
    assert only_hurt("😅💔") and only_hurt("😆🔪")
