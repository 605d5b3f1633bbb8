"""The safety detector: corpus figures, negation, figures of speech, and the lexicon format."""

import tomllib
from typing import Any

import pytest

from bot.domain.safety import (
    LexiconError,
    SafetyCategory,
    SafetyDetector,
    default_detector,
    normalise,
    packaged_lexicons,
    parse_lexicon,
)
from tests.support.safety_figures import (
    HARD_DAY,
    HARD_DAY_2,
    HARD_DAY_3,
    HARD_DAY_4,
    HARD_DAY_5,
    LANGUAGE_CORPORA,
    LEFT_OUT_2,
    LEFT_OUT_3,
    Figures,
    corpus_sets,
    language_corpus,
    measure,
)

SELF_HARM, DANGER = SafetyCategory.SELF_HARM, SafetyCategory.PARTNER_DANGER
HARM = SafetyCategory.HARM_TO_OTHERS


def test_the_corpus_meets_the_goals() -> None:
    total = Figures()
    for phrasings in corpus_sets().values():
        total.add(measure(phrasings, default_detector()))
    assert total.must_fire >= 80 and total.must_not_fire >= 70
    assert total.recall >= 0.97, f"recall {total.recall:.1%}; missed: {total.missed}"
    assert total.false_alarm_rate <= 0.03, f"false alarms: {total.wrongly_fired}"


@pytest.mark.parametrize("language", sorted(LANGUAGE_CORPORA))
def test_each_language_corpus_meets_the_same_goals(language: str) -> None:
    figures = measure(language_corpus(language), default_detector())
    assert figures.must_fire >= 30 and figures.must_not_fire >= 30
    assert figures.recall >= 0.97, f"recall {figures.recall:.1%}; missed: {figures.missed}"
    assert figures.false_alarm_rate <= 0.03, f"false alarms: {figures.wrongly_fired}"


def test_every_shipped_language_has_a_lexicon() -> None:
    from bot.texts.i18n import LANGUAGES

    assert {lexicon.language for lexicon in packaged_lexicons()} >= set(LANGUAGES)


def test_the_figures_count_what_they_say() -> None:
    # A detector that never fires has recall 0 and no false alarms; one that always
    # fires has a false-alarm rate of 1: the measure can fail.
    class Never:
        def detect(self, text: str) -> frozenset[SafetyCategory]:
            return frozenset()

    class Always:
        def detect(self, text: str) -> frozenset[SafetyCategory]:
            return frozenset(SafetyCategory)

    development = corpus_sets()["development"]
    never = measure(development, Never())  # type: ignore[arg-type]
    always = measure(development, Always())  # type: ignore[arg-type]
    assert never.recall == 0 and never.false_alarm_rate == 0
    assert always.recall == 1 and always.false_alarm_rate == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I Don’t  want to LIVE anymore!!", "i dont want to live anymore ."),
        ("self-harm", "self harm"),
        ("he’ll… she'll", "hell . shell"),
        ("😢 I yelled", "i yelled"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I don’t want to die",
        "I'm not suicidal",
        "I would never kill myself",
        "I’m not going to kill myself",
        "he has never hit me",
        "he doesn't hit me",
    ],
)
def test_a_negated_statement_does_not_fire(text: str) -> None:
    assert default_detector().detect(text) == frozenset()


@pytest.mark.parametrize(
    "text",
    [
        "I’m not suicidal but I want to die",  # a clause break ends the negation
        "I don’t want to die, I just want the pain to stop",  # a second signal
        "I’m not okay I want to die",  # other words between: not a negation of this
        "I don’t know if I want to die",
        "I don’t want to live",  # the pattern carries its own negation
    ],
)
def test_a_negation_does_not_reach_past_its_words(text: str) -> None:
    assert SELF_HARM in default_detector().detect(text)


def test_both_categories_can_fire_at_once() -> None:
    found = default_detector().detect("He hits me and I want to die")
    assert found == {SELF_HARM, DANGER}


def test_a_figure_of_speech_hides_only_its_own_words() -> None:
    detect = default_detector().detect
    assert detect("I nearly died laughing") == frozenset()
    assert detect("I nearly died laughing, then he hit me") == {DANGER}


def test_misspellings_and_shorthand_are_read_as_meant() -> None:
    detect = default_detector().detect
    for text in ("i want to kil my self", "thinking about sucide", "i want 2 die", "kms"):
        assert SELF_HARM in detect(text), text


def test_every_packaged_lexicon_loads() -> None:
    languages = [lexicon.language for lexicon in packaged_lexicons()]
    assert "en" in languages and len(languages) == len(set(languages))


GERMAN = """
language = "de"
clause_breaks = ["aber"]
[negation]
words = ["nicht"]
fillers = []
[macros]
ich = "(?:ich)"
[[rules]]
category = "self_harm"
patterns = ["<ich> will (?:nicht mehr leben|sterben)"]
"""


def test_a_language_is_a_file() -> None:
    detector = SafetyDetector((*packaged_lexicons(), parse_lexicon(GERMAN, "safety.de.toml")))
    assert detector.detect("Ich will nicht mehr leben") == {SELF_HARM}
    assert detector.detect("Ich will sterben") == {SELF_HARM}
    assert detector.detect("Ich will schlafen") == frozenset()
    assert detector.detect("I want to die") == {SELF_HARM}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("language = ", "not valid TOML"),
        ("[[rules]]\ncategory='self_harm'\npatterns=['x']", "`language` is missing"),
        ("language='xx'", "no [[rules]]"),
        ("language='xx'\n[[rules]]\ncategory='sadness'\npatterns=['x']", "category must be"),
        ("language='xx'\n[[rules]]\ncategory='self_harm'\npatterns=['(x']", "not a valid pattern"),
        ("language='xx'\n[[rules]]\ncategory='self_harm'\npatterns=['<who> x']", "<who>"),
        ("language='xx'\n[[rules]]\ncategory='self_harm'\npatterns='x'", "list of strings"),
    ],
)
def test_a_broken_lexicon_is_named_with_its_problem(text: str, problem: str) -> None:
    with pytest.raises(LexiconError, match=r"safety\.xx\.toml") as raised:
        parse_lexicon(text, "safety.xx.toml")
    assert problem in str(raised.value)


def _hard_day(kind: str, rounds: dict[str, Any] = HARD_DAY, prefix: str = "") -> list[Any]:
    """A hard-day round's phrasings of one kind, one case each, named by language, set
    (reported, probes, fresh) and category (docs/safety.md has their figures)."""
    return [
        pytest.param(category, text, id=f"{prefix}{language}-{name}-{category}-{index}")
        for language, sets in rounds.items()
        for name, phrasings in sets.items()
        for category, texts in phrasings[kind].items()
        for index, text in enumerate(texts)
    ]


@pytest.mark.parametrize(("category", "text"), _hard_day("must_fire"))
def test_the_hard_day_round_fires(category: str, text: str) -> None:
    found = default_detector().detect(text)
    if category == HARM:
        # Exactly this one: a confession read as danger to the writer would rest their
        # nudges and offer them the pause meant for someone at risk.
        assert found == {HARM}, text
    else:
        assert SafetyCategory(category) in found, text


@pytest.mark.parametrize(("category", "text"), _hard_day("must_not_fire"))
def test_the_hard_day_round_does_not_fire(category: str, text: str) -> None:
    assert default_detector().detect(text) == frozenset(), text


def test_every_language_knows_harm_to_others() -> None:
    for lexicon in packaged_lexicons():
        assert HARM in {category for category, _ in lexicon.rules}, lexicon.language


@pytest.mark.parametrize(
    "text",
    [
        "I would never hit her",
        "I'm not going to hurt you",
        "Ich habe sie nie geschlagen",
        "no te voy a matar",
        "я её не бил",
    ],
)
def test_a_denied_blow_is_not_a_confession(text: str) -> None:
    assert default_detector().detect(text) == frozenset()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I hit her", {HARM}),
        ("I hit her up", set()),  # a message, not a blow
        ("I hit my partner's car last night", set()),  # "her", "my partner's": whose
        ("I stabbed him in the back by telling his secret", set()),  # a figure
        ("I stabbed him in the back with a knife", {HARM}),
        ("I'm sorry I hurt you", set()),  # a repair bid: past "hurt" is left out
        ("I'll kill you if you leave me", {HARM}),
        ("I'll kill you, if you spoil the ending", set()),  # a comma ends no threat
        ("she put her hands on his neck and kissed him", set()),
        ("Hice una foto y la pegué.", set()),  # "la" is also "it"
        ("я толкнул его, чтобы он проснулся", set()),  # a nudge to wake him
        ("Ich bringe dich um acht zum Bahnhof", set()),  # a time, not a threat
    ],
)
def test_harm_to_others_reads_what_follows(text: str, expected: set[SafetyCategory]) -> None:
    assert default_detector().detect(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "He said I'll kill you if you leave me",
        "My husband texted me: I will kill you if you ever leave",
        "He was on top of me and I hit him in the face",
        "Er sagte: ich bring dich um",
        "Me dijo: te voy a matar si me dejas",
        "Он сказал: я тебя убью, если уйдёшь",
    ],
)
def test_a_threat_or_blow_told_by_the_one_it_was_aimed_at_is_danger_to_them(text: str) -> None:
    # Read as the writer's own, the victim was told how to stop hurting someone, and lost
    # the rest from nudges and the pause of sharing with the partner who threatened them.
    assert default_detector().detect(text) == {DANGER}


# The second hard-day round (English round 10; German, Spanish, Russian round 8).


@pytest.mark.parametrize(("category", "text"), _hard_day("must_fire", HARD_DAY_2, "2-"))
def test_the_second_hard_day_round_fires(category: str, text: str) -> None:
    assert SafetyCategory(category) in default_detector().detect(text), text


@pytest.mark.parametrize(("category", "text"), _hard_day("must_not_fire", HARD_DAY_2, "2-"))
def test_the_second_hard_day_round_does_not_fire(category: str, text: str) -> None:
    assert default_detector().detect(text) == frozenset(), text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(text, id=f"{lang}-{i}")
        for lang, texts in LEFT_OUT_2.items()
        for i, text in enumerate(texts)
    ],
)
def test_what_the_second_round_left_out_stays_quiet(text: str) -> None:
    # A decision, not a truth: each is as often everyday as danger, and after a disclosure
    # the bot listens, so here a false alarm costs more than a miss (docs/safety.md).
    # Changing it means changing LEFT_OUT_2 and the docs too.
    assert default_detector().detect(text) == frozenset(), text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # found by rereading the round's own patterns, after its probes passed
        ("he's banging on the door", {DANGER}),
        ("he's banging on the door lol", set()),
        ("he's banging on the door again, he always forgets his keys", set()),
        ("my husband is hammering the door frame", set()),  # DIY: no "on" or "at"
        ("they're banging on the door, it's the police", set()),  # not "they"
        ("he shook me", {DANGER}),
        ("he shook me hard to wake me up", set()),
        ("he shook me by the shoulders and said we won!", set()),
        ("he shakes me when I fall asleep on the couch", set()),
        ("he took my phone and my keys", {DANGER}),
        ("my son took my phone and my keys again, toddlers!", set()),
        ("they took my phone and my keys at security", set()),
        ("he took my phone and my keys and went to get the car", set()),
        ("he's outside the house now", {DANGER}),
        ("he's waiting outside my office now for our lunch date", set()),
        ("they're outside the house now, are you ready?", set()),
        ("my ex is outside my house", {DANGER}),
        ("my ex is outside my house, he came to collect his stuff", set()),
        ("my ex is at the door", set()),  # a handover of the kids, as often as not
        ("he's at the door again, he always forgets his keys", set()),
        ("he locked me out of the house again", {DANGER}),
        ("my husband locked me out of the house again, I'd forgotten my key", set()),
        ("he locked me out again lol, I went for a walk", set()),
        ("I locked myself in the bathroom and he's screaming at the TV", set()),
        ("i'm done. goodbye everyone", {SELF_HARM}),
        ("goodbye everyone, I'm sorry I couldn't make it to the party", set()),
        ("I'm done. bye everyone! off to bed", set()),
        ("I'm going to do something stupid tonight", {SELF_HARM}),
        ("I'm about to do something stupid, wish me luck", set()),
        ("I'm about to do something stupid. I'm going to tell him I love him", set()),
        ("I'm going to do something drastic: move to Spain", set()),
        ("I shouldn't be alive", {SELF_HARM}),
        ("I shouldn't be here anymore, it's time to find a new job", set()),
        ("Sie hat mir den Schlüssel weggenommen, weil ich betrunken war", set()),
        ("Ich mache heute etwas Dummes: ich kündige", set()),
        ("me sacudió y me desperté", set()),
        ("me quitó las llaves porque estaba borracho", set()),
        ("voy a hacer una locura: comprarme un coche", set()),
        ("он меня тряс, чтобы разбудить", set()),
        ("он ломится в дверь, забыл ключи", set()),
    ],
)
def test_the_second_round_reads_what_follows(text: str, expected: set[SafetyCategory]) -> None:
    assert default_detector().detect(text) == expected


@pytest.mark.parametrize(("category", "text"), _hard_day("must_fire", HARD_DAY_3, "3-"))
def test_the_third_hard_day_round_fires(category: str, text: str) -> None:
    assert SafetyCategory(category) in default_detector().detect(text), text


@pytest.mark.parametrize(("category", "text"), _hard_day("must_not_fire", HARD_DAY_3, "3-"))
def test_the_third_hard_day_round_does_not_fire(category: str, text: str) -> None:
    assert default_detector().detect(text) == frozenset(), text


@pytest.mark.parametrize(("category", "text"), _hard_day("must_fire", HARD_DAY_4, "4-"))
def test_the_fourth_round_fires_in_every_language_alike(category: str, text: str) -> None:
    assert SafetyCategory(category) in default_detector().detect(text), text


@pytest.mark.parametrize(("category", "text"), _hard_day("must_not_fire", HARD_DAY_4, "4-"))
def test_the_fourth_round_does_not_fire_on_everyday_words(category: str, text: str) -> None:
    assert default_detector().detect(text) == frozenset(), text


@pytest.mark.parametrize(("category", "text"), _hard_day("must_fire", HARD_DAY_5, "5-"))
def test_the_fifth_round_hears_what_comes_after_i_dont_know(category: str, text: str) -> None:
    assert SafetyCategory(category) in default_detector().detect(text), text


@pytest.mark.parametrize(("category", "text"), _hard_day("must_not_fire", HARD_DAY_5, "5-"))
def test_the_fifth_round_leaves_where_and_with_whom_alone(category: str, text: str) -> None:
    assert default_detector().detect(text) == frozenset(), text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # found by rereading the round's own patterns, after its probes passed
        ("I'm scared he'll hurt the kids when he's drunk", {DANGER}),
        ("I'm scared he'll hurt the kids by accident with that new trampoline", set()),
        ("I'm scared he'll hurt the kids if he drives after drinking", set()),
        ("I'm scared he'll beat the kids at chess again", set()),
        ("I'm afraid he'll take it out on the kids when he's stressed", set()),
        ("I'm scared they'll hurt the kids at that daycare", set()),
        ("ich habe Angst, dass er die Kinder schlägt, wenn er betrunken ist", {DANGER}),
        ("ich habe Angst, dass sie das Baby verletzt, sie ist so ungeschickt", set()),
        ("Ich will nicht mehr hier sein, lass uns nach Hause gehen", set()),
        ("tengo miedo de que le pegue a los niños cuando beba", {DANGER}),
        ("tengo miedo de que le haga daño a los niños con sus comentarios", set()),
        ("tengo miedo de que mi hermano le pegue a los niños jugando", set()),
        ("ya no quiero estar aquí, vámonos a casa", set()),
        ("боюсь, что он ударит детей, когда напьётся", {DANGER}),
        ("боюсь что он сделает больно детям своими словами", set()),
        ("больше не хочу здесь быть, пошли домой", set()),
        ("he beat the kids at chess and then he hit me", {DANGER}),
        # found by the independent review, after the fresh set
        ("he beat my son at the pool and everyone saw", {DANGER}),  # not a game
        ("he beat the kids in the game room last night", {DANGER}),
        ("I'm scared he'll beat the kids again, he never lets them win", set()),
        ("I'm scared he'll hurt the kids when he loses his temper", {DANGER}),
        ("I'm scared he'll hurt the kids if we tell them about the divorce", set()),
        ("tengo miedo de que les pegue a mis hijos cuando llegue borracho", {DANGER}),
        ("le pegue a mi hijo", {SafetyCategory.HARM_TO_OTHERS}),  # the writer: no "que"
        ("tengo miedo de que le toque a mi hija", set()),  # "that it falls to her"
        ("ya no quiero estar aquí, perdón", {SELF_HARM}),
        ("ya no quiero estar aquí, quiero volver a mi pueblo", set()),
        ("больше не хочу быть", {SELF_HARM}),
        ("больше не хочу быть, как моя мать", set()),
        # found by a second reviewer: what follows in a later sentence is not read
        ("I'm afraid he will hurt the kids. What do I say to them about the divorce?", {DANGER}),
        ("I'm scared he will hurt the kids. I can't win with him", {DANGER}),
        ("I'm scared he'll hurt the kids, emotionally I mean, by leaving", set()),
        # …and "pegue" without its accent is his after "que", with or without his name
        ("tengo miedo de que mi marido le pegue a mi hija", {DANGER}),
        ("temo que mi esposo les pegue a mis hijos", {DANGER}),
        ("miedo a que le pegue a mi hijo", {DANGER}),
        ("tengo miedo de que él pegue a mi hijo", set()),  # missed, but never the writer's
        ("ayer le pegue a mi mujer", {SafetyCategory.HARM_TO_OTHERS}),
        # found by a second trial: said plainly, without the fear word
        ("he's going to hurt the kids", {DANGER}),
        ("he's gonna hurt my kids", {DANGER}),
        ("I'm scared he'll hurt the kids if he finds out about the divorce", {DANGER}),
        ("I don't feel safe leaving the kids with him", {DANGER}),
        ("I'm scared for my kids when he drinks", {DANGER}),
        ("I'm scared he will hurt us", {DANGER}),
        ("ich hab angst er tut den kindern was an", {DANGER}),
        ("меня не должно быть", {SELF_HARM}),
        ("he'll hurt the kids' feelings", set()),
        ("she'll kill the kids when she sees the mess", set()),  # "kill" needs the fear
        ("the dog is gentle, he will never hurt the kids", set()),
        ("he's going to hurt the kids emotionally", set()),
        ("those budget cuts, they will hurt the kids", set()),  # "they", said plainly
        ("I'm scared they'll hurt the kids", {DANGER}),  # …and with the fear
        ("I'm scared my stepdad will hurt my little brother", {DANGER}),  # a step-parent
        ("my stepmom is nice", set()),
        # a third review: without the fear, only as the message's start, in the future
        ("my ex keeps cancelling visits, he will hurt the kids", set()),
        ("if she keeps missing their games she'll hurt the kids", set()),
        ("he hurt the kids again. He promised to come to the recital and didn't show", set()),
        ("my son is so rough, he will hurt the baby", set()),
        ("my husband is going to hurt the kids", {DANGER}),
    ],
)
def test_the_third_round_reads_what_follows(text: str, expected: set[SafetyCategory]) -> None:
    assert default_detector().detect(text) == expected


@pytest.mark.parametrize("text", [text for texts in LEFT_OUT_3.values() for text in texts])
def test_what_the_third_round_left_out_stays_quiet(text: str) -> None:
    # Changing it means changing LEFT_OUT_3 and the docs too.
    assert default_detector().detect(text) == frozenset(), text


# Round 10 (docs/safety.md): each sentence on its own, so a later change that loses one is
# named, not averaged into the corpus's 97%.
ROUND_10 = corpus_sets()["round10"]


@pytest.mark.parametrize("text", ROUND_10["must_fire"]["partner_danger"])
def test_round_ten_hears_control_and_the_children_held_over_leaving(text: str) -> None:
    assert DANGER in default_detector().detect(text)


@pytest.mark.parametrize("text", ROUND_10["must_fire"]["self_harm"])
def test_round_ten_hears_thinking_about_ending_it(text: str) -> None:
    assert SELF_HARM in default_detector().detect(text)


@pytest.mark.parametrize("text", ROUND_10["must_not_fire"]["sentences"])
def test_round_ten_leaves_the_sentences_sharing_its_words_alone(text: str) -> None:
    assert default_detector().detect(text) == frozenset()


GERMAN_ROUND_8 = tomllib.loads(LANGUAGE_CORPORA["de"].read_text(encoding="utf-8"))["round8"]


@pytest.mark.parametrize("text", GERMAN_ROUND_8["must_fire"]["self_harm"])
def test_german_round_eight_hears_nur_noch_verschwinden(text: str) -> None:
    assert SELF_HARM in default_detector().detect(text)


@pytest.mark.parametrize("text", GERMAN_ROUND_8["must_not_fire"]["everyday"])
def test_german_round_eight_leaves_leaving_alone(text: str) -> None:
    assert default_detector().detect(text) == frozenset()
