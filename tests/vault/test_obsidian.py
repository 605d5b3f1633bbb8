"""Obsidian's own rules: templates, excluded files, hidden files, where .obsidian/ is."""

import json
from pathlib import Path

import pytest

from bot.vault.kinds import NoteKinds
from bot.vault.library import VaultHolder, load_vault, summary
from bot.vault.obsidian import read_rules, vault_root
from tests.support.vaults import real_vault


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return real_vault(tmp_path / "Vault")


STARTER = {
    "Repair",
    "Holding Discomfort",
    "Integrating Feedback",
    "Owning Impact",
    "Partnering Instead of Defending",
    "Staying Grounded",
}


def test_a_real_vault_loads_exactly_the_six_cards(vault_dir: Path) -> None:
    vault = load_vault(vault_dir)
    assert {s.title for s in vault.skills} == STARTER
    assert vault.errors == ()
    # Ordinary notes are counted, not reported; only the likely typo warns.
    assert [(p.path, p.severity) for p in vault.problems] == [("Notes/Typo class.md", "warning")]
    assert "core-skill" in vault.problems[0].message and "core_skill" in vault.problems[0].message
    assert set(vault.ignored) == {
        "Daily/2024-05-01.md",
        "Daily/2024-05-02.md",
        "Drafts/New idea.md",
        "Ideas/Steps to learn piano.md",
        "Meetings/Team sync 2024-05-03.md",
        "Notes/Broken frontmatter.md",
        "Notes/Tagged practice.md",
        "Notes/Typo class.md",
        "People/Alex.md",
        "People/Sam.md",
    }
    assert dict(vault.skipped) == {
        "Archive/Old Repair.md": "excluded",
        "Drafts/Old skill.md": "excluded",
        "Meta/Templates/Daily template.md": "template",
        "Meta/Templates/Skill template.md": "template",
        "Whiteboard.excalidraw.md": "excluded",
    }
    assert "10 other notes ignored" in summary(vault)


def test_skills_dir_inside_the_vault_finds_obsidian_settings_in_a_parent(vault_dir: Path) -> None:
    assert vault_root(vault_dir / "Skills" / "Core") == vault_dir.resolve()
    rules = read_rules(vault_dir / "Meta")
    assert rules.prefix == "Meta/"
    assert rules.skipped("Templates/Skill template.md") == "template"
    vault = load_vault(vault_dir / "Meta")
    assert vault.skills == () and len(vault.skipped) == 2


def test_without_obsidian_settings_a_templates_folder_is_still_skipped(tmp_path: Path) -> None:
    (tmp_path / "Templates").mkdir()
    (tmp_path / "Templates" / "Card.md").write_text(
        '---\nfileClass: core_skill\nsteps: ["Step 1: {{title}}"]\n---\n'
    )
    vault = load_vault(tmp_path)
    assert vault.skills == () and vault.skipped == (("Templates/Card.md", "template"),)


def test_hidden_files_and_folders_are_never_read(vault_dir: Path) -> None:
    vault = load_vault(vault_dir)
    names = {*vault.ignored, *dict(vault.skipped), *(str(s.source) for s in vault.skills)}
    assert not any(".trash" in name or ".obsidian" in name for name in names)


def test_an_excluded_file_filter_is_a_path_prefix_as_in_obsidian(vault_dir: Path) -> None:
    app = vault_dir / ".obsidian" / "app.json"
    app.write_text(json.dumps({"userIgnoreFilters": ["Skills/Meta/Owning"]}))
    vault = load_vault(vault_dir)
    assert "Owning Impact" not in {s.title for s in vault.skills}
    assert ("Skills/Meta/Owning Impact.md", "excluded") in vault.skipped


def test_editing_obsidian_settings_reloads_the_vault(vault_dir: Path) -> None:
    holder = VaultHolder(vault_dir)
    assert not holder.changed()
    app = vault_dir / ".obsidian" / "app.json"
    app.write_text(json.dumps({"userIgnoreFilters": ["Skills/Core/"]}))
    assert holder.changed()
    _, new = holder.reload()
    assert "Repair" not in {s.title for s in new.skills}


def test_a_configured_tag_makes_a_note_a_skill(vault_dir: Path) -> None:
    vault = load_vault(vault_dir, kinds=NoteKinds(skill_tags=("practice-skill",)))
    tagged = vault.get("Tagged practice")
    assert tagged is not None and tagged.tags == ("practice-skill",)
    # A deeper heading inside ## Steps stays part of the steps.
    assert [s.title for s in tagged.steps] == ["Say what you need"]


def test_links_in_step_titles_and_block_ids_read_as_obsidian_shows_them(
    tmp_path: Path,
) -> None:
    from bot.texts.practice import step_text

    (tmp_path / "Staying Grounded.md").write_text(
        "---\nfileClass: meta_skill\ndescription: Stay steady.\nsteps: [Breathe]\n---\n"
    )
    (tmp_path / "Mend.md").write_text(
        "---\nfileClass: core_skill\n---\n"
        "## Description\nRepairing after a rupture. ^desc\n\n"
        "## Steps\n"
        "1. Ground with [[Staying Grounded]] first ^s1\n"
        "2. **Name it** ^s2\n   Say it out loud. ^s2x\n"
        "3. Own it, see [[Staying Grounded#Steps|the grounding steps]] → then speak\n\n"
        "## Common mistakes\n- Rushing ^m1\n"
    )
    vault = load_vault(tmp_path)
    skill = vault.get("Mend")
    assert skill is not None, vault.problems
    assert [step.title for step in skill.steps] == [
        "Ground with Staying Grounded first",
        "Name it",
        "Own it, see the grounding steps",
    ]
    assert skill.steps[1].explanation == "Say it out loud."
    assert skill.common_mistakes == ("Rushing",)
    assert "^" not in skill.description
    assert "<b>Ground with Staying Grounded first</b>" in step_text(skill, 0)
