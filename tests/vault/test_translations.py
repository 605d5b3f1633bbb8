"""Cards per language: `lang:` + `translations:` attach a translation to the default card."""

from pathlib import Path

from bot.vault.library import load_vault

CARD = """---
fileClass: {kind}
{front}
---

## Description
{description}

## Steps
{steps}

## Supporting Meta Skills
{links}
"""


def write(root: Path, title: str, *, front: str = "", steps: int = 2, links: str = "",
          kind: str = "core_skill", description: str = "About it.") -> None:  # fmt: skip
    numbered = "\n".join(f"{n}. **Step {n} of {title}**" for n in range(1, steps + 1))
    path = root / f"{title}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        CARD.format(kind=kind, front=front, description=description, steps=numbered, links=links),
        encoding="utf-8",
    )


def test_a_translation_attaches_to_its_card_and_is_no_skill_of_its_own(tmp_path: Path) -> None:
    write(tmp_path, "Repair", links="- [[Staying Grounded]]")
    write(tmp_path, "Staying Grounded", kind="meta_skill")
    write(
        tmp_path,
        "de/Wiedergutmachen",
        front='lang: de\ntranslations: ["[[Repair]]"]',
        links="- [[Geerdet bleiben]]",
        description="Darum geht es.",
    )
    write(
        tmp_path,
        "de/Geerdet bleiben",
        front='lang: de\ntranslations: ["[[Staying Grounded]]"]',
        kind="meta_skill",
    )
    vault = load_vault(tmp_path)
    assert [s.title for s in vault.skills] == ["Repair", "Staying Grounded"]
    assert vault.problems == ()
    repair = vault.get("Repair")
    assert repair is not None and vault.get("wiedergutmachen") is repair
    german = repair.in_language("de")
    assert german.title == "Wiedergutmachen" and german.description == "Darum geht es."
    assert repair.in_language("es") is repair and repair.in_language("en") is repair
    # The German card's link names the German card and opens the default one.
    [link] = german.supporting_meta_skills
    assert (link.name, link.target) == ("Geerdet bleiben", "Staying Grounded")


def test_a_translation_with_other_steps_is_reported_and_not_shown(tmp_path: Path) -> None:
    write(tmp_path, "Repair", steps=5)
    write(tmp_path, "Reparar", front='lang: es\ntranslations: ["[[Repair]]"]', steps=4)
    vault = load_vault(tmp_path)
    [problem] = vault.problems
    assert problem.path == "Reparar.md" and problem.severity == "warning"
    assert "has 4 steps and Repair has 5" in problem.message
    repair = vault.get("Repair")
    assert repair is not None and repair.in_language("es") is repair


def test_a_translation_of_nothing_stays_a_skill_and_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "Reparar", front='lang: es\ntranslations: ["[[Nowhere]]"]')
    vault = load_vault(tmp_path)
    assert [s.title for s in vault.skills] == ["Reparar"]
    assert any("none of them is a card in the default language" in str(p) for p in vault.problems)


def test_a_language_that_is_no_code_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "Repair", front="lang: Deutsch please")
    vault = load_vault(tmp_path)
    assert any("is not a language code" in str(p) for p in vault.problems)
