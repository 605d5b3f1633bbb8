"""A request for a skill's common mistakes, in words, and the skill it names."""

import pytest

from bot.domain.asking import asks_for_mistakes, confused_by_the_step, named_in
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


@pytest.mark.parametrize(
    "text",
    [
        "I don't get this step",
        "what does attunement mean?",
        "I'm confused",
        "I don't understand",
        "how do I do this?",
        "Ich verstehe das nicht",
        # a tester's, which was answered as if it were a story
        "ich verstehe diesen Schritt nicht",
        "ich versteh die Übung überhaupt nicht",
        "den Schritt verstehe ich nicht",
        "was bedeutet Einfühlung?",
        "no entiendo este paso",
        "¿qué significa esto?",
        "не понимаю",
        "что значит этот шаг?",
    ],
)
def test_not_understanding_the_step_is_told(text: str) -> None:
    assert confused_by_the_step(text)


@pytest.mark.parametrize(
    "text",
    [
        "I don't understand why he left me",  # a story
        "I'm lost, he left",
        "what does he mean when he says that",
        "I understand now",
        "I don't get why she always does this to me when we argue",
        "what does she mean",  # about the partner, not the step
        "what do they mean by that",
        "ich verstehe nicht, warum er mich verlassen hat",
        "ich verstehe meinen Mann nicht",
    ],
)
def test_a_story_with_the_same_words_is_not(text: str) -> None:
    assert not confused_by_the_step(text)
