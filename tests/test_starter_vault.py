"""The starter vault shipped in skills/: the only test module that reads it.

Every other test uses the frozen copy in tests/fixtures/vault/, so editing a card here
breaks at most this module — and only if the edit leaves the vault unfit to ship.
"""

from bot.vault.library import load_vault
from tests.support.paths import STARTER_VAULT


def test_the_starter_vault_is_clean() -> None:
    vault = load_vault(STARTER_VAULT)
    assert vault.skills and vault.problems == ()
    assert set(vault.counts_by_kind()) == {"core_skill", "meta_skill"}
    for skill in vault.skills:
        assert 3 <= len(skill.steps) <= 5 and all(s.explanation for s in skill.steps)
        assert skill.common_mistakes and skill.description and skill.why_it_matters
        assert all(link.target for link in skill.supporting_meta_skills)


def test_repair_is_the_focus_and_its_links_resolve() -> None:
    vault = load_vault(STARTER_VAULT)
    focus = vault.default_focus()
    assert focus is not None and focus.title == "Repair"
    assert [s.title for s in vault.skills if s.current_focus] == ["Repair"]
    assert focus.supporting_meta_skills
    for link in focus.supporting_meta_skills:
        assert link.target is not None and vault.get(link.target) is not None, link.name


def test_repair_has_its_scenarios_and_the_templates_are_left_out() -> None:
    vault = load_vault(STARTER_VAULT)
    repair = vault.get("Repair")
    assert repair is not None
    assert {s.title for s in vault.scenarios_of(repair)} == {
        "After a fight about chores",
        "After you snapped at them",
        "When they go quiet",
    }
    for scenario in vault.scenarios:
        assert scenario.situation and all(link.target for link in scenario.skills)
    assert {reason for _, reason in vault.skipped} == {"template"}


def test_every_starter_card_is_translated_into_german_russian_and_spanish() -> None:
    vault = load_vault(STARTER_VAULT)
    assert vault.errors == () and vault.warnings == ()
    for skill in vault.skills:
        assert {code for code, _ in skill.translations} == {"de", "es", "ru"}, skill.title
