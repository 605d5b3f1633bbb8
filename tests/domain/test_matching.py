"""The lexical skill matcher: stems, triggers, rarity, and its figures on labelled text."""

from pathlib import Path

import pytest

from bot.domain.matching import LexicalMatcher, Match, offered, stems
from bot.domain.models import Skill, Step
from tests.support.matching_figures import (
    TRANSLATED_SETS,
    frozen_vault,
    labelled,
    measure,
    translated_matcher,
)

VAULT = frozen_vault()
MATCHER = LexicalMatcher(VAULT.skills)


def titles(text: str, matcher: LexicalMatcher = MATCHER) -> list[str]:
    return [match.skill.title for match in matcher.rank(text)]


def card(title: str, **fields: object) -> Skill:
    defaults: dict[str, object] = {
        "kinds": ("meta_skill",),
        "description": "",
        "why_it_matters": "",
        "steps": (Step("Breathe"),),
        "common_mistakes": (),
        "source": Path(f"{title}.md"),
    }
    return Skill(title=title, **{**defaults, **fields})  # type: ignore[arg-type]


def test_stems_drop_small_words_and_fold_forms() -> None:
    assert stems("I don’t want to be DEFENDING myself") == ["defend"]
    assert stems("😢 I yelled at my partner again!") == ["yell"]  # "partner" names a person
    assert stems("partnering") == ["partner"]


def test_defensive_finds_defending() -> None:
    assert titles("I get so defensive")[0] == "Partnering Instead of Defending"
    skills = (card("Partnering Instead of Defending"), card("Staying Grounded"))
    assert titles("defensive", LexicalMatcher(skills)) == ["Partnering Instead of Defending"]


def test_a_trigger_phrase_counts_more_than_its_words() -> None:
    quiet = card("Quiet", triggers=("silent treatment",))
    words = card("Words", description="A silent walk is a treatment for many things.")
    ranked = LexicalMatcher((words, quiet)).rank("she gives me the silent treatment")
    assert ranked[0].skill.title == "Quiet"


def test_a_word_on_every_card_says_less_than_a_rare_one() -> None:
    a = card("A", description="partner partner", why_it_matters="kindness")
    b = card("B", description="partner")
    matcher = LexicalMatcher((a, b))
    assert matcher.scores("my partner")[0] < matcher.scores("kindness")[0]


def test_nothing_is_offered_for_nonsense_or_empty_text() -> None:
    for text in ("asdfghjkl", "", "🍕🍕", "12345", "the and of"):
        assert MATCHER.rank(text) == ()


def test_at_most_three_and_only_those_close_to_the_best() -> None:
    skills = [card(name) for name in "ABCDE"]
    ranked = [Match(skill, score) for skill, score in zip(skills, [10, 9, 5, 4, 3], strict=True)]
    assert [m.skill.title for m in offered(ranked)] == ["A", "B", "C"]
    assert [m.skill.title for m in offered(ranked, minimum=1, relative=0.8)] == ["A", "B"]
    assert offered([Match(skills[0], 0.5)]) == ()


def test_the_index_covers_every_field_of_a_card() -> None:
    skill = card(
        "Z",
        aliases=("zebra",),
        tags=("stripes",),
        triggers=("gallop",),
        description="savanna",
        why_it_matters="herds",
        steps=(Step("graze", "waterhole"),),
        common_mistakes=("lions",),
    )
    other = card("Other")
    matcher = LexicalMatcher((other, skill))
    for word in ("zebra", "stripes", "gallop", "savanna", "herds", "graze", "waterhole", "lions"):
        assert [m.skill.title for m in matcher.rank(word)] == ["Z"], word


def test_spanish_past_forms_keep_their_root() -> None:
    # Snowball reads "-aré" as a future ending: "reparé" would stem to "rep".
    assert stems("Reparé las cosas", "spanish") == stems("reparar cosas", "spanish")
    assert stems("me preparé", "spanish") == stems("prepararse", "spanish") == ["prepar"]
    assert stems("perdón", "spanish") == stems("perdon", "spanish")  # either spelling
    # Other past forms keep what the accent tells the stemmer.
    assert stems("me sentí mal", "spanish")[0] == stems("sentir", "spanish")[0] == "sent"
    assert stems("discutí", "spanish") == stems("discutir", "spanish")
    assert stems("no sé cómo, cada vez", "spanish") == []  # stop words, accents and all
    repair = card("Reparar", description="Reparar después de discutir.")
    other = card("Sostener la incomodidad", description="Quedarse con lo incómodo.")
    matcher = LexicalMatcher((other, repair), "spanish")
    assert [m.skill.title for m in matcher.rank("ayer reparé lo que dije")] == ["Reparar"]
    assert [m.skill.title for m in matcher.rank("discutí con él")] == ["Reparar"]


# Floors under the measured figures (docs/matching.md): a change that makes the
# matcher worse fails here.
def test_lexical_figures_on_the_labelled_messages() -> None:
    development = measure(MATCHER, VAULT, labelled("message"))
    assert development.messages >= 40
    assert development.top3 / development.messages >= 0.9
    assert development.shown / development.messages >= 0.9
    assert development.nonsense_quiet == development.nonsense
    held_out = measure(MATCHER, VAULT, labelled("held_out"))
    assert held_out.top3 / held_out.messages >= 0.6
    assert held_out.nonsense_quiet == held_out.nonsense


# A tester's hard-day messages, which found nothing while the translated cards had no
# `triggers:`; the English one always found Staying Grounded.
@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "I yelled at my partner again"),
        ("de", "Ich habe meinen Partner wieder angeschrien"),
        ("es", "Le grité a mi pareja otra vez"),
        ("ru", "Я опять накричал на жену"),
    ],
)
def test_yelling_finds_staying_grounded_in_every_language(language: str, text: str) -> None:
    matcher = translated_matcher(VAULT, language) if language != "en" else MATCHER
    grounded = VAULT.get("Staying Grounded")
    assert grounded is not None
    found = matcher.rank(text)
    assert found and found[0].skill is grounded.in_language(language)


def test_a_translated_cards_triggers_stay_in_its_language() -> None:
    grounded = VAULT.get("Staying Grounded")
    assert grounded is not None
    assert "angeschrien" in grounded.in_language("de").triggers
    assert "angeschrien" not in grounded.triggers  # stemmed as English they were noise


@pytest.mark.parametrize("language", TRANSLATED_SETS)
def test_lexical_figures_on_the_labelled_messages_per_language(language: str) -> None:
    matcher = translated_matcher(VAULT, language)
    written_with = measure(matcher, VAULT, labelled(language), language)
    assert written_with.messages >= 12
    assert written_with.top3 / written_with.messages >= 0.9
    assert written_with.shown / written_with.messages >= 0.9
    assert written_with.nonsense_quiet == written_with.nonsense
    held_out = measure(matcher, VAULT, labelled(f"{language}_held_out"), language)
    assert held_out.top3 / held_out.messages >= 0.6


def test_the_figures_can_fail() -> None:
    class Nothing:
        def scores(self, text: str) -> list[float]:
            return [0.0] * len(VAULT.skills)

        def rank(self, text: str, limit: int = 3) -> tuple[Match, ...]:
            return ()

    figures = measure(Nothing(), VAULT, labelled("message"))
    assert figures.top3 == 0 and figures.top1 == 0
    assert 0 < figures.shown < figures.messages  # only the messages the focus skill fits


@pytest.mark.parametrize("name", [skill.title for skill in VAULT.skills])
def test_every_starter_card_can_be_found_by_its_own_title(name: str) -> None:
    assert titles(name)[0] == name


def test_spanish_forms_of_to_be_say_nothing_of_a_skill() -> None:
    # "¿dónde estaba?" found the "estable" of a card (their stems share five letters).
    assert stems("¿Dónde estaba?", "spanish") == []
    assert stems("estábamos bien, había paz", "spanish") == stems("bien paz", "spanish")


def test_threads_stemming_at_once_each_get_their_own_stems() -> None:
    # Messages are matched in worker threads; one stemmer shared between them garbled
    # stems and raised IndexError. Thread switches every microsecond make the overlap
    # all but certain.
    import sys
    import threading

    from bot.domain.matching import stems

    texts = [
        "we keep fighting about the chores and he shuts down completely",
        "I apologised yesterday but she still seems distant and hurt",
        "whenever we argue I get defensive and stop listening",
        "our conversations about money always end in shouting",
    ]
    expected = [stems(text) for text in texts]
    wrong: list[str] = []
    start = threading.Barrier(len(texts))

    def stem_often(index: int) -> None:
        start.wait()
        for _ in range(300):
            try:
                if stems(texts[index]) != expected[index]:
                    wrong.append(texts[index])
            except IndexError:
                wrong.append("IndexError")

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=stem_often, args=(i,)) for i in range(len(texts))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert wrong == []
