"""The language plumbing: picking a language, saying constants late, plurals and dates."""

from datetime import date, time
from pathlib import Path

import pytest

from bot.domain.models import Scenario
from bot.texts import basics, i18n, labels, practice
from bot.texts.i18n import clock_time, long_day, ngettext, pick, short_day, speaking
from bot.vault.library import Vault, VaultScenario


@pytest.mark.parametrize(
    ("code", "language"),
    [("de", "de"), ("de-AT", "de"), ("DE_ch", "de"), ("pt-BR", "en"), ("", "en"), (None, "en")],
)
def test_telegram_language_codes_are_picked_with_english_as_the_fallback(
    code: str | None, language: str
) -> None:
    assert pick(code) == language


def test_a_constant_is_said_in_the_language_of_the_moment_it_is_read() -> None:
    assert basics.STALE_BUTTON == "That button no longer works."
    with speaking("de"):
        assert basics.STALE_BUTTON == "Dieser Knopf funktioniert nicht mehr."
        assert labels.NEXT == "Weiter ▶"
    assert labels.NEXT == "Next ▶"
    with pytest.raises(AttributeError):
        basics.NO_SUCH_TEXT  # noqa: B018 (the attribute access is the test)


def test_speaking_restores_the_language_it_found() -> None:
    i18n.activate("de")
    try:
        with speaking("en"):
            assert i18n.current() == "en"
        assert i18n.current() == "de"
    finally:
        i18n.activate(None)


def test_plurals_follow_each_language() -> None:
    def steps(count: int) -> str:
        return ngettext(
            "{count} step, one at a time, at your pace.",
            "{count} steps, one at a time, at your pace.",
            count,
        ).format(count=count)

    assert steps(1).startswith("1 step,") and steps(5).startswith("5 steps,")
    with speaking("de"):
        assert steps(1).startswith("1 Schritt,") and steps(5).startswith("5 Schritte,")


def test_dates_and_times_use_babel_in_the_persons_language() -> None:
    day = date(2026, 3, 9)
    assert short_day(day) == "Mon 9 Mar"
    assert long_day(day) == "Monday, 9 March 2026"
    assert clock_time(time(7, 45)) == "07:45"
    with speaking("de"):
        assert short_day(day) == "Mo., 9. März"
        assert long_day(day) == "Montag, 9. März 2026"
        assert clock_time(time(7, 45)) == "07:45"


def test_an_unmoved_press_and_a_module_constant_built_from_it_are_both_translated() -> None:
    with speaking("de"):
        assert practice.SKILL_GONE.startswith("Diese Fähigkeit gibt es bei den Karten nicht mehr.")


def test_long_labels_are_cut_with_an_ellipsis_at_a_word() -> None:
    label = "Einverstanden: unser Schwerpunkt ist Partnerschaftlich statt abwehrend"
    short = labels.shortened(label)
    assert short.endswith("…") and len(short) <= labels.LABEL_LIMIT
    assert label.startswith(short[:-1])
    assert labels.shortened("Weiter ▶") == "Weiter ▶"
    compound = "Beziehungsfähigkeitsübungsfortschrittsübersichtsseite"
    assert labels.shortened(compound) == compound[: labels.LABEL_LIMIT - 1] + "…"


def test_russian_plurals_have_three_forms_and_spanish_dates_read_naturally() -> None:
    def streak(count: int) -> str:
        return ngettext("{count}-day streak", "{count}-day streak", count).format(count=count)

    with speaking("ru"):
        assert [streak(n) for n in (1, 3, 5, 21, 22, 11)] == [
            "1 день подряд",
            "3 дня подряд",
            "5 дней подряд",
            "21 день подряд",
            "22 дня подряд",
            "11 дней подряд",
        ]
        assert short_day(date(2026, 11, 29)) == "вс, 29 нояб."
        # After "до" a weekday in the nominative would be wrong: the date alone.
        assert long_day(date(2026, 3, 6)) == "6 марта 2026\u202fг."
    with speaking("es"):
        assert streak(1) == "racha de 1 día" and streak(4) == "racha de 4 días"
        assert long_day(date(2026, 3, 9)) == "lunes, 9 de marzo de 2026"


def test_a_scenario_is_said_in_the_language_it_has_else_in_english() -> None:
    german = Scenario("Wenn der andere still wird", "Es wird still.")
    quiet = VaultScenario("When they go quiet", "It goes quiet.", translations=(("de", german),))
    vault = Vault(root=Path(), scenarios=(quiet,))
    with speaking("de"):
        assert i18n.scenario_card(quiet) is german
        # A stored (English) title is named as the reader's language names it.
        assert i18n.card_titles(vault)("When they go quiet") == "Wenn der andere still wird"
        assert i18n.card_titles(vault)("Gone") == "Gone"
    with speaking("es"):
        assert i18n.scenario_card(quiet) is quiet
        assert i18n.card_titles(vault)("When they go quiet") == "When they go quiet"
    plain = Scenario("When they go quiet", "It goes quiet.")
    with speaking("de"):
        assert i18n.scenario_card(plain) is plain


def test_either_joins_with_the_languages_own_or() -> None:
    # "sounds like A, B could help too" read as two sentences run together (a tester).
    assert i18n.either(["A", "B"]) == "A or B"
    assert i18n.either(["A", "B", "C"]) == "A, B or C"
    for language, joined in (("de", "A oder B"), ("es", "A o B"), ("ru", "A или B")):
        with speaking(language):
            assert i18n.either(["A", "B"]) == joined
