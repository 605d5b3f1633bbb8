"""Loading a whole folder: links, duplicates, focus, errors, reloads."""

import os
import shutil
from pathlib import Path

import pytest

from bot.vault.library import VaultHolder, changes_between, load_vault, report, summary
from tests.support.paths import BROKEN, TRAPS


@pytest.fixture
def traps() -> object:
    return load_vault(TRAPS)


def test_traps_folder_loads_every_card_and_skips_hidden_and_non_markdown() -> None:
    vault = load_vault(TRAPS)
    titles = {skill.title for skill in vault.skills}
    assert "Hidden" not in titles and "notes" not in titles
    assert "Repair Copy" in titles  # cards in sub-folders count
    assert len(vault.skills) == 13
    assert vault.errors == ()


def test_core_skills_come_first() -> None:
    vault = load_vault(TRAPS)
    kinds = [skill.kind for skill in vault.skills]
    assert kinds == sorted(kinds, key=lambda k: k != "core_skill")


def test_links_resolve_case_insensitively_and_dangling_ones_are_kept_as_names() -> None:
    vault = load_vault(TRAPS)
    dangling = vault.get("dangling link")
    assert dangling is not None
    assert [(link.name, link.target) for link in dangling.supporting_meta_skills] == [
        ("Repair", "Repair"),
        ("No Such Note", None),
    ]
    assert any(
        p.path == "Dangling Link.md" and "[[No Such Note]]" in p.message and p.line == 7
        for p in vault.warnings
    )


def test_names_and_aliases_find_skills() -> None:
    vault = load_vault(TRAPS)
    assert vault.get("AHL") is vault.get("Alias And Heading Links")
    assert vault.get("  links card ") is not None
    # "repair" is also an alias of Repair Copy; the title wins and a warning says so.
    found = vault.get("REPAIR")
    assert found is not None and found.title == "Repair"
    assert any("'repair' is also used by Repair.md" in p.message for p in vault.warnings)


def test_several_focus_cards_warn_and_the_first_is_the_default() -> None:
    vault = load_vault(TRAPS)
    focus = vault.default_focus()
    assert focus is not None and focus.title == "Repair"
    assert any("current_focus is also true" in p.message for p in vault.warnings)
    assert [s.title for s in vault.skills if s.current_focus] == ["Repair"]


def test_broken_cards_are_named_and_the_rest_still_loads() -> None:
    vault = load_vault(BROKEN)
    assert [s.title for s in vault.skills] == ["Good"]
    # Broken notes that say they are skill cards are errors; the rest carry no
    # fileClass, so they are ordinary notes, counted and left alone.
    assert {p.path for p in vault.errors} == {"Broken Yaml.md", "No Steps.md"}
    assert set(vault.ignored) == {"Empty.md", "Latin1.md", "List Frontmatter.md"}
    assert "1 card loaded (1 meta_skill), 3 other notes ignored" in summary(vault)
    data = report(vault)
    assert data["loaded"] == 1 and len(data["problems"]) == len(vault.problems)  # type: ignore[arg-type]


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    vault = load_vault(tmp_path / "nope")
    assert vault.skills == () and "not found" in vault.errors[0].message


def test_symlinks_out_of_the_vault_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text("---\nsteps: [a]\n---\n")
    vault_dir = tmp_path / "vault"
    vault_dir.mkdir()
    shutil.copy(TRAPS / "Bom Card.md", vault_dir)
    (vault_dir / "Leak.md").symlink_to(outside)
    (vault_dir / "linked-folder").symlink_to(tmp_path, target_is_directory=True)
    vault = load_vault(vault_dir)
    assert [s.title for s in vault.skills] == ["Bom Card"]
    assert [(p.path, p.severity) for p in vault.errors] == [("Leak.md", "error")]


def test_a_card_that_breaks_keeps_its_last_good_version(tmp_path: Path) -> None:
    shutil.copy(TRAPS / "Bom Card.md", tmp_path / "Card.md")
    holder = VaultHolder(tmp_path)
    assert not holder.changed()
    good = holder.current.get("Card")

    (tmp_path / "Card.md").write_text("---\ndescription: a: b\n---\n")
    _bump(tmp_path / "Card.md")
    assert holder.changed()
    old, new = holder.reload()
    assert new.get("Card") == good
    assert "last good version stays in service" in new.errors[0].message
    assert not changes_between(old, new)

    (tmp_path / "Card.md").unlink()
    _, gone = holder.reload()
    assert gone.get("Card") is None and gone.problems == ()


def test_a_reload_reads_only_the_files_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.vault import library

    for name in ("Bom Card.md", "Crlf Card.md"):
        shutil.copy(TRAPS / name, tmp_path / name)
    holder = VaultHolder(tmp_path)
    read: list[str] = []
    real = library._read_text

    def counted(file: library.CardFile, *args: object) -> str | library.Note:
        read.append(file.rel)
        return real(file, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(library, "_read_text", counted)
    _, same = holder.reload()
    assert read == [] and same.skills == holder.current.skills
    _bump(tmp_path / "Crlf Card.md")  # touched: its stamp changed, so it is read again
    holder.reload()
    assert read == ["Crlf Card.md"]


def _bump(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_the_same_file_name_in_two_folders_keeps_the_first_and_says_so(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(TRAPS / "Bom Card.md", tmp_path / folder / "Card.md")
    vault = load_vault(tmp_path)
    assert [(p.path, p.message) for p in vault.errors] == [
        (
            "b/Card.md",
            "the title 'Card' is also the title of a/Card.md, which is the card it opens; "
            "this card is left out until one of them is renamed",
        )
    ]
    # One "Card" to list and open, not two that both opened a/Card.md.
    assert [s.source for s in vault.skills if s.title == "Card"] == [tmp_path / "a/Card.md"]


def test_a_title_opens_its_own_card_whatever_alias_another_card_has(tmp_path: Path) -> None:
    card = '---\nfileClass: core_skill\ndescription: {0}\n{1}steps: ["{0}"]\n---\n'
    (tmp_path / "Alias.md").write_text(card.format("the alias card", 'aliases: ["Repair"]\n'))
    (tmp_path / "Repair.md").write_text(card.format("the real repair", ""))
    vault = load_vault(tmp_path)
    repair = vault.get("Repair")
    assert repair is not None and repair.source == tmp_path / "Repair.md"
    assert [(p.path, p.message) for p in vault.warnings] == [
        ("Alias.md", "the name 'Repair' is also used by Repair.md, which is the card it opens")
    ]


def test_a_vanished_folder_keeps_the_cards_in_service(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    shutil.copytree(TRAPS, folder)
    holder = VaultHolder(folder)
    count = len(holder.current.skills)
    shutil.move(folder, tmp_path / "elsewhere")
    assert holder.changed()
    _, during = holder.reload()
    assert len(during.skills) == count and "stay in service" in during.errors[0].message
    shutil.move(tmp_path / "elsewhere", folder)
    assert holder.changed()
    _, after = holder.reload()
    assert len(after.skills) == count and after.errors == ()


def test_translations_of_a_broken_card_wait_for_it_instead_of_standing_alone(
    tmp_path: Path,
) -> None:
    from bot.config import STARTER_VAULT

    vault_dir = tmp_path / "skills"
    shutil.copytree(STARTER_VAULT, vault_dir)
    (vault_dir / "Repair.md").write_text("---\nfileClass: core_skill\nsteps: [unclosed\n---\n")
    vault = load_vault(vault_dir)  # a fresh start: no last good version to keep
    titles = [skill.title for skill in vault.skills]
    assert not {"Reparar", "Wiedergutmachen", "Примирение"} & set(titles), titles
    waiting = [p for p in vault.errors if "left out until it loads again" in p.message]
    assert sorted(p.path for p in waiting) == ["de/Wiedergutmachen.md", "es/Reparar.md",
                                                "ru/Примирение.md"]  # fmt: skip
    assert vault.get("Staying Grounded") is not None  # the rest is served


def test_an_ordinary_note_with_broken_yaml_holds_back_no_translation(tmp_path: Path) -> None:
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "Escuchar.md").write_text(
        '---\nfileClass: core_skill\nlang: es\ntranslations: ["[[Listening]]"]\n'
        'steps: ["Escucha"]\n---\n'
    )
    (tmp_path / "Journal").mkdir()
    (tmp_path / "Journal" / "Listening.md").write_text("---\nmood: [unclosed\n---\nnotes\n")
    vault = load_vault(tmp_path)  # a journal entry is not the card it translates
    assert vault.get("Escuchar") is not None
