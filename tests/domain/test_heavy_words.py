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


# An independent review's probes (2026-12-01), written before it read the patterns, then
# aimed at them: someone else's pain, answers to a step, jokes, a turn for the better.
# Left out on purpose: "what's the point?" (met, as hopeless more often than a question to
# the bot), "I'm so tired" and "я так устала" (as often a long day as despair, in every
# language alike).
REVIEW_HEAVY = [
    "I'm so tired of everything",
    "I feel empty",
    "I feel like I'm drowning",
    "I'm falling apart",
    "I'm so lonely",
    "I've been crying for hours",
    "I feel worthless",
    "I can't take it anymore",
    "it hurts so much",
    "I'm broken",
    "I feel hopeless",
    "I'm not doing well at all",
    "everything feels pointless",
    "nobody loves me",
    "I'm so depressed",
    "i cant stop crying",
    "I feel like nothing matters",
    "I'm numb",
    "I'm struggling so much right now",
    "I feel so sad and alone",
    "I'm in so much pain",
    "I hate myself",
    "i'm a mess",
    "I'm so overwhelmed I can't think",
    "today was awful, I'm crying again",
    "I'm not ok",
    "i feel so alone",
    "I'm really not okay tonight",
    "Ich bin so traurig",
    "Ich fühle mich leer",
    "es geht mir gar nicht gut",
    "Ich kann einfach nicht mehr",
    "ich kann nicht mehr.",
    "estoy muy triste",
    "me siento vacía",
    "no aguanto más",
    "estoy fatal",
    "мне очень плохо",
    "я так устала от всего",
    "мне одиноко",
    "я всё время плачу",
    "мне так плохо.",
    "I feel so worthless",
    "I'm sobbing",
    "I'm scared and alone",
    "everything hurts",
    "I hate myself so much",
    "I'm done. I can't anymore.",
    "ich bin so müde von allem",
    "estoy muy mal",
    "estoy harta de todo",
    "мне очень одиноко",
]

REVIEW_NOT_HEAVY = [
    "я так устала",
    "I feel calmer now",
    "I'm exhausted but I did it",
    "I cried a bit but it felt good",
    "I feel a bit sad but lighter",
    "it was hard but I feel better",
    "I felt so alone before, now less",
    "I noticed I feel tired in my chest",
    "I feel sad, and that's okay",
    "my shoulders feel heavy",
    "I can't stop smiling",
    "I can't stop thinking about our date",
    "I hate my haircut",
    "I hate my life choices lol",
    "she said she feels so alone, how do I help?",
    'he said "I can\'t do this anymore" and left',
    "my wife keeps crying, what should I say?",
    "I give up on the dishes lol",
    "I'm not okay with him texting his ex",
    "I'm okay, just tired",
    "everything is falling into place",
    "nobody cares about the dishes but me",
    "what's the point of step 3?",
    "I'm done, what's next?",
    "I'm done with this step",
    "I can't do this exercise right now, maybe later",
    "I feel so loved tonight",
    "I feel so much better",
    "I don't feel alone anymore",
    "I'm lonely sometimes when he travels, is that normal?",
    "I was crying all day yesterday but today's better",
    "I'm feeling really good today",
    "I feel so relieved",
    "I'm sad the practice is over",
    "the movie made me cry so much",
    "I felt hurt when he forgot, I named it",
    "noticed the feeling: sad. breathed. it passed.",
    "it hurts less now",
    "I'm exhausted but happy",
    "so tired lol, long day at work, ready for step 2",
    "I hate my life sometimes when the baby won't sleep haha",
    "I'm crying, this is so sweet",
    "I'm heartbroken they cancelled the show",
    "I feel so alone in this, but I'll try the step",
    "I'm not feeling so alone anymore",
    "I can't stop crying at weddings haha",
    "the kids feel so sad about the dog",
    "I'm feeling low on battery, will continue tomorrow",
    "I feel so alone with the chores, how do I ask for help?",
    "he feels so alone tonight",
    "I'm not sad, just tired",
    "breathing helped, I feel less alone",
    "Ich kann nicht mehr warten!",
    "ich kann nicht mehr essen, ich bin satt",
    "mir geht es schon besser",
    "ich fühle mich ruhiger",
    "ich fühle mich nicht mehr so allein",
    "ya no puedo más de la risa",
    "me siento mejor ahora",
    "me siento tan feliz",
    "ya no me siento tan sola",
    "мне так хорошо",
    "мне плохо слышно",
    "я больше не могу есть, наелась",
    "в чём смысл этого шага?",
    "мне уже не так плохо",
    "the baby's been crying all night, what do we do",
    "my daughter has been crying all day",
    "my wife has been feeling really low lately",
    "my wife said she can't do this anymore",
    'he told me "I can\'t take it anymore"',
    "I'm alone right now, so we can start",
    "I'm alone tonight, kids at grandma's, let's practise",
    "I feel lost, what do I do in step 2?",
    "I felt so lost at first but then it clicked",
    "I feel overwhelmed, can we slow down?",
    "I'm struggling, can you explain again?",
    "I'm exhausted, step 2 done",
    "I can't anymore 😂 this is too funny",
    "I can't anymore lol",
    "nobody cares lol, just pick one",
    "I give up, what's the answer?",
    "I'm a mess lol but a happy one",
    "ich bin so kaputt, aber ich hab's geschafft",
    "ich bin erschöpft, aber stolz",
    "Ich bin gerade allein, wir können anfangen",
    "ich kann nicht mehr, so lecker!",
    "no estoy mal, gracias",
    "ya no estoy tan triste",
    "estoy sola ahora, podemos empezar",
    "estoy agotada pero lo hice",
    "мне тяжело, но я справилась",
    "мне тяжело сейчас понять этот шаг",
    "мне грустно, что практика закончилась",
    "я больше не могу уже ждать",
    "я больше не могу, так смешно",
]


@pytest.mark.parametrize("text", REVIEW_HEAVY)
def test_the_reviews_phrasings_of_pain_are_heavy(text: str) -> None:
    assert heavy(text)


@pytest.mark.parametrize("text", REVIEW_NOT_HEAVY)
def test_the_reviews_everyday_answers_and_other_peoples_pain_are_not(text: str) -> None:
    assert not heavy(text)


@pytest.mark.parametrize(
    "text",
    [
        # A second reviewer: the thing that hurt, told beside the pain, vetoed it.
        "She said she is leaving me. I can't stop crying",
        "he won't answer my calls, I feel so alone",
        "he hasn't texted back. I feel so alone",
        "I'll never be happy again, I feel so empty",
        "gracias, me siento tan sola",
        "no se que me paso, no puedo dejar de llorar",  # "pasó", not a step
        "он сказал что уходит. не могу перестать плакать",
        "я устала ждать, мне так плохо",
        "мне так плохо сейчас",
        "ich bin so traurig gerade",
    ],
)
def test_what_hurt_them_told_beside_the_pain_does_not_hide_it(text: str) -> None:
    assert heavy(text)


def test_someone_elses_words_quoted_are_not_the_writers_pain() -> None:
    assert not heavy('He said, "I can\'t do this anymore"')
    assert not heavy("my wife texted: I can't take it anymore")


# A second trial, through the console (2026-12-01): each of these got a skill, or the focus
# skill's Practise button.
SECOND_TRIAL_HEAVY = [
    "I'm worthless",
    "I'm a failure",
    "I feel like such a failure",
    "ich bin nichts wert",
    "no valgo nada",
    "я ничего не стою",
    "sorry I can't practice right now, I feel so empty and alone",
    "I can't do this step, I can't stop crying",
    "i feel so alone rn",
    "feeling really low today",
    "I feel so empty inside",
    "I feel so alone, is that ok?",
    "i'm not ok tbh",
    "cant stop crying rn",
    "i cant stop cryign",
    "I'm having a panic attack",
    "i just need someone to talk to",
    "I had a terrible day",
    "i give up on everything",
    "everything is too much",
    "mir gehts nicht gut",
    "es tut so weh",
    "Mir ist alles zu viel",
    "no estoy bien",
    "no puedo más con esto",
    "ya no aguanto",
    "я не в порядке",
]


@pytest.mark.parametrize("text", SECOND_TRIAL_HEAVY)
def test_the_second_trials_phrasings_of_pain_are_heavy(text: str) -> None:
    assert heavy(text)


@pytest.mark.parametrize(
    "text",
    [
        # …and answers to a step it found met as pain
        "I'm exhausted, next",
        "I'm exhausted and done",
        "I feel so drained today, but ready",
        "I felt so alone, then I breathed",
        "I'm useless at cooking",
        "I feel so lost in this step?",
    ],
)
def test_the_second_trials_answers_to_a_step_are_not(text: str) -> None:
    assert not heavy(text)


def test_a_reflection_of_any_length_that_says_their_pain_is_heavy() -> None:
    long = (
        "I noticed I always get defensive and honestly I just feel so alone and I can't "
        "stop crying"
    )
    assert not heavy(long)  # long free text goes to the skills, which may fit it
    assert heavy(long, any_length=True)  # but as the reflection it is met


@pytest.mark.parametrize(
    "text",
    [
        # A third review: a question beside the pain, or "it's fine", hid it.
        "I can't stop crying, what do I do?",
        "I feel so hopeless. What do I do now?",
        "I'm falling apart, it's fine",
        "I can't stop crying every night",
    ],
)
def test_a_question_beside_the_pain_does_not_hide_it(text: str) -> None:
    assert heavy(text)


@pytest.mark.parametrize(
    "text",
    [
        # …and a step named, an "ok next", or a good turn in a long reflection say otherwise
        "I feel lost. What is this step about?",
        "I'm exhausted, ok next",
        "Honestly I'm struggling and the breathing step helped a bit tonight",
        "I told him I feel so alone and he hugged me. It went really well, we talked for an hour.",
        "I realised I'm exhausted and that's why I snap at him. Good to know.",
    ],
)
def test_the_step_or_a_good_turn_says_it_is_not_pain(text: str) -> None:
    assert not heavy(text, any_length=True)


# The fourth hard-day round (the same words in every language): English "I can't go on
# like this" has long been a safety answer; in German, Spanish and Russian the everyday
# words for it ("Ich kann so nicht weitermachen", "я так больше не могу") are met as pain.
@pytest.mark.parametrize(
    "text",
    [
        "ich kann so nicht weitermachen",
        "Ich kann nicht mehr so weitermachen.",
        "ich kann so nicht mehr weiter",
        "Ich halte es nicht mehr aus",
        "no puedo seguir así",
        "ya no puedo seguir así",
        "я так больше не могу",
        "Я не могу так дальше",
        "я больше не выдержу",
    ],
)
def test_cant_go_on_like_this_in_every_language_is_heavy(text: str) -> None:
    assert heavy(text)


@pytest.mark.parametrize(
    "text",
    [
        "ich kann nicht weiter, der Akku ist leer",
        "ich kann so nicht weiterarbeiten",
        "ich halte es nicht mehr aus vor Freude",
        "no puedo seguir así con el trabajo",
        "я так больше не могу, пойду спать лол",
        "я не могу так дальше работать",
        "я не выдержу эту жару",
    ],
)
def test_going_on_with_a_task_or_a_laugh_is_not(text: str) -> None:
    assert not heavy(text)


# The fourth round's review (docs/safety.md): a tester's phrasings of "I can't go on like
# this" and of getting on with a task, as the second version of the round reads them.
REVIEW_4_HEAVY = [
    "So kann ich nicht weitermachen",
    "Ich halt's nicht mehr aus",
    "ich halte es einfach nicht mehr aus",
    "ich halt das nicht mehr aus",
    "Ich kann so echt nicht mehr weitermachen",
    "Ich kann nicht mehr so weitermachen, ich bin total leer",
    "ich kann so nicht mehr weiter und weiß nicht wohin",
    "no puedo seguir así",
    "no puedo seguir asi",
    "no puedo más así",
    "Así no puedo seguir",
    "no puedo seguir así con este dolor",
    "ya no puedo seguir así, estoy agotada",
    "я так больше не могу, всё, сил нет",
    "я больше так не могу",
    "я этого больше не выдержу",
    "не могу я так больше",
    "я больше не выдерживаю",
    "не могу так больше, честно",
]
REVIEW_4_NOT_HEAVY = [
    "Ich kann so nicht weiterarbeiten",
    "ich halte es nicht mehr aus vor Lachen",
    "no puedo seguir así con el trabajo, necesito un aumento",
    "no puedo seguir así de ocupada, necesito vacaciones",
    "я не могу так дальше работать",
    "я больше не выдержу этот дедлайн",
    "я так больше не могу, пойду спать лол",
]


@pytest.mark.parametrize("text", REVIEW_4_HEAVY)
def test_the_fourth_reviews_phrasings_of_going_on_are_heavy(text: str) -> None:
    assert heavy(text)


@pytest.mark.parametrize("text", REVIEW_4_NOT_HEAVY)
def test_the_fourth_reviews_everyday_words_are_not(text: str) -> None:
    assert not heavy(text)


# A tester on a hard day (2026-12-01, fifth session): each got a skill, or "I'm not sure
# which skill fits that" and the focus skill's button.
HARD_DAY_HEAVY = [
    # ("sometimes I think about ending it" is safety language: tests/domain/test_safety.py)
    "I don't want to be here",
    "I hate him so much right now",
    "I'm furious with my wife",
    "he makes me so mad",
    "my partner cheated on me",
    "I'm having a really bad day",
    "I feel really bad today",
    "I feel lonely in my marriage",
    "er hat mich betrogen",
    "mir geht es heute richtig schlecht",
]


@pytest.mark.parametrize("text", HARD_DAY_HEAVY)
def test_the_fifth_sessions_hard_day_is_heavy(text: str) -> None:
    assert heavy(text)


@pytest.mark.parametrize(
    "text",
    [
        # The same words about the relationship, a place, a story or the practice.
        "I'm thinking about ending it with him",
        "I don't want to be here when he gets home",
        "I hate him for what he said to my mum",
        "I'm mad at him for forgetting our anniversary",
        "he makes me so happy",
        "I feel bad about what I said",
        "he cheated at cards again",
        "I'm angry at myself for not practising",
        "I'm so mad lol",
        "mir geht es heute schon viel besser",
        # a review's: guilt told to find a skill, a question, exercises, Mondays
        "I feel so bad, I snapped at her this morning",
        "He made me so mad, what skill helps with that?",
        "These exercises, I hate them",
        "Mondays. I hate them.",
        # a sweep's: the feeling, then a request for a skill, gets one
        "I'm angry, how do I calm down?",
        "he cheated on me, how do I rebuild trust?",
        "I feel lonely in my marriage, how can we reconnect?",
    ],
)
def test_the_fifth_sessions_neighbours_are_not(text: str) -> None:
    assert not heavy(text)
