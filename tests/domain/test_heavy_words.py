"""Short messages of the person's own pain are told from stories, questions and everyday
talk that share their words."""

import pytest

from bot.domain.heavy_words import heavy

HEAVY = [
    # A tester, as a person on a hard day: each got a skill or the focus skill's button.
    "I can't stop crying, what's the point",
    "what's the point anymore",
    "I can't do this anymore",
    "i hate my life",
    "I'm done, I can't anymore",
    "I feel so alone tonight",
    "I feel so sad",
    # Around them.
    "I'm not okay",
    "ive been crying all day",
    "I feel so alone and he doesn't care",
    "I'm feeling really low today",
    "nobody cares",
    "I give up.",
    "everything is falling apart",
    "Ich kann nicht mehr",
    "mir geht es so schlecht",
    "ich fühle mich so allein",
    "ich weine die ganze Zeit",
    "was soll das alles noch",
    "Ya no puedo más",
    "me siento tan sola",
    "no puedo dejar de llorar",
    "para qué seguir",
    "odio mi vida",
    "Мне так плохо",
    "я больше не могу",
    "какой смысл",
    "не могу перестать плакать",
    "ненавижу свою жизнь",
]


@pytest.mark.parametrize("text", HEAVY)
def test_their_own_pain_in_a_few_words_is_heavy(text: str) -> None:
    assert heavy(text)


@pytest.mark.parametrize(
    "text",
    [
        # A story: the feeling does not end its clause.
        "I feel sad about what I said to her",
        "I felt so alone when he left",
        "I'm sad he didn't come",
        # Negated, or past.
        "I don't feel sad anymore",
        "I'm not sad",
        "I'm not feeling lonely",
        # Everyday words that share theirs.
        "I'm lost, what does this step mean",
        "I'm crying laughing",
        "I'm down for that",
        "I'm alone now, we can start",
        "I took a breath and I feel calmer now",
        "what's the point of this step?",
        "I hate my job",
        "I can't do this step",
        "estoy perdida con este paso",
        "мне плохо видно кнопки",
        "какой смысл этого шага?",
        "ich bin fertig mit dem Schritt",
        # Long: the feeling is part of telling what happened, and skills may fit it.
        "he never listens and I feel so lonely and I don't know how to talk to him about it",
    ],
)
def test_stories_questions_and_everyday_words_are_not(text: str) -> None:
    assert not heavy(text)
