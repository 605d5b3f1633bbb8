"""A request for a skill's common mistakes, in words, and the skill it names."""

import pytest

from bot.domain.asking import asks_for_mistakes, named_in
from bot.domain.models import Skill, Step


def make_skill(title: str) -> Skill:
    return Skill(title, ("meta_skill",), "", "", (Step("a"),), ())


@pytest.mark.parametrize(
    "text",
    [
        "what are the common mistakes with repair?",
        "Common mistakes?",
        "mistakes",
        "typical pitfalls of owning impact",
        "Was sind typische Fehler bei Wiedergutmachen?",
        "Fehler beim Zuhören",
        "¿Cuáles son los errores comunes al reparar?",
        "errores",
        "Какие типичные ошибки в восстановлении?",
        "ошибки",
        "mistakes with repair",
        # Found by a reviewer: asking about one's own, still asking.
        "What common mistakes do I make in Repair?",
        "¿Qué errores comunes cometo?",
        "Какие типичные ошибки я делаю?",
        # Found by a tester and an attacker: a question about one's own mistakes asks.
        "what mistakes do I make in repair?",
        "¿qué errores cometo al reparar?",
        "какие ошибки я делаю в примирении?",
        "Which mistakes do we keep making with repair?",
        "what mistakes do people make with repair?",
    ],
)
def test_asking_for_mistakes(text: str) -> None:
    assert asks_for_mistakes(text)


@pytest.mark.parametrize(
    "text",
    [
        "I made a mistake with Repair",
        "it was a mistake to shout at her",
        "I keep making the same mistake",
        "Ich habe einen Fehler gemacht",
        "Cometí un error con ella",
        "Я совершил ошибку",
        # Found by a reviewer: people telling of their own mistakes.
        "We both made mistakes in our marriage and now we barely talk",
        "I keep making the same mistakes with my partner",
        "I learned from my mistakes when I was young",
        "Das war mein Fehler in der Beziehung",
        "Ich habe einen Fehler beim Streiten gemacht",
        "Cometí errores en la relación",
        "Я совершил ошибки в отношениях",
        "Fehler passieren eben",
        # Found by a reviewer: telling, then asking "what now?", is still telling.
        "I made mistakes in our fight, what now?",
        "Cometí errores en la relación, ¿qué hago?",
        "я совершил ошибки в отношениях, что делать?",
        "ich habe fehler in der beziehung gemacht, was nun?",
        "we made so many mistakes in our marriage, can we fix it?",
        # Found by a reviewer: "biggest" of one, or of their own, tells.
        "my biggest mistake",
        "the biggest mistake was staying with him",
        "my biggest mistakes were about trust",
        "meine typischen Fehler",
    ],
)
def test_telling_of_a_mistake_is_not_asking_for_them(text: str) -> None:
    assert not asks_for_mistakes(text)


def test_the_skill_named_first_is_first_whatever_its_place_in_the_vault() -> None:
    repair, grounded = make_skill("Repair"), make_skill("Staying Grounded")
    names: list[tuple[Skill, tuple[str, ...]]] = [
        (repair, ("Repair", "Wiedergutmachen")),
        (grounded, ("Staying Grounded",)),
    ]
    assert named_in("mistakes of staying grounded, then repair", names) == (grounded, repair)
    assert named_in("Typische Fehler bei Wiedergutmachen", names) == (repair,)
    assert named_in("repairing things", names) == ()  # whole words only
