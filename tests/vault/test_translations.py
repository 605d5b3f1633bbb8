"""Cards and scenarios per language: `lang:` + `translations:` attach a translation to the
default-language card or scenario."""

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


SCENARIO = """---
fileClass: scenario
{front}
---

## Situation
{situation}
"""


def write_scenario(
    root: Path, title: str, *, front: str = "", situation: str = "It happens."
) -> None:
    path = root / f"{title}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SCENARIO.format(front=front, situation=situation), encoding="utf-8")


def test_a_scenario_translation_attaches_to_its_scenario(tmp_path: Path) -> None:
    write(tmp_path, "Repair")
    write(tmp_path, "de/Wiedergutmachen", front='lang: de\ntranslations: ["[[Repair]]"]')
    write_scenario(tmp_path, "When they go quiet", front='skills: ["[[Repair]]"]')
    write_scenario(
        tmp_path,
        "de/Wenn der andere still wird",
        front='lang: de\ntranslations: ["[[When they go quiet]]"]\n'
        'skills: ["[[Wiedergutmachen]]"]',
        situation="Es wird still.",
    )
    vault = load_vault(tmp_path)
    assert vault.problems == ()
    # One scenario, still known by its English title (what a practice stores).
    [quiet] = vault.scenarios
    assert quiet.title == "When they go quiet" and quiet.situation == "It happens."
    repair = vault.get("Repair")
    assert repair is not None and vault.scenarios_of(repair) == (quiet,)
    german = quiet.in_language("de")
    assert (german.title, german.situation) == ("Wenn der andere still wird", "Es wird still.")
    # Its link names the German card and points to the skill.
    [link] = german.skills
    assert (link.name, link.target) == ("Wiedergutmachen", "Repair")
    assert quiet.in_language("es") is quiet and quiet.in_language("en") is quiet


def test_a_skill_may_link_a_scenario_by_its_translated_title(tmp_path: Path) -> None:
    write(tmp_path, "Repair", front='related_scenarios: ["[[Wenn der andere still wird]]"]')
    write_scenario(tmp_path, "When they go quiet")
    write_scenario(
        tmp_path,
        "Wenn der andere still wird",
        front='lang: de\ntranslations: ["[[When they go quiet]]"]',
    )
    vault = load_vault(tmp_path)
    assert vault.problems == ()
    repair = vault.get("Repair")
    assert repair is not None
    assert [s.title for s in vault.scenarios_of(repair)] == ["When they go quiet"]


def test_a_translation_of_a_broken_scenario_waits_for_it(tmp_path: Path) -> None:
    (tmp_path / "When they go quiet.md").write_text(
        "---\nfileClass: scenario\nskills: [[[Repair\n---\nIt happens.\n", encoding="utf-8"
    )
    write_scenario(
        tmp_path,
        "Wenn der andere still wird",
        front='lang: de\ntranslations: ["[[When they go quiet]]"]',
    )
    vault = load_vault(tmp_path)
    # Standing alone it would be offered, in German, to everyone: it is left out instead.
    assert vault.scenarios == ()
    waiting = [p for p in vault.errors if p.path == "Wenn der andere still wird.md"]
    assert len(waiting) == 1
    assert "a translation of When they go quiet, which could not be loaded" in waiting[0].message


def test_a_scenario_translation_of_nothing_stands_alone_and_is_reported(tmp_path: Path) -> None:
    write_scenario(
        tmp_path, "Wenn der andere still wird", front='lang: de\ntranslations: ["[[Nowhere]]"]'
    )
    vault = load_vault(tmp_path)
    assert [s.title for s in vault.scenarios] == ["Wenn der andere still wird"]
    [problem] = vault.problems
    assert problem.severity == "warning"
    assert "none of them is a scenario in the default language" in problem.message


def test_a_scenario_translation_linking_other_skills_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "Repair")
    write(tmp_path, "Staying Grounded", kind="meta_skill")
    write_scenario(tmp_path, "When they go quiet", front='skills: ["[[Repair]]"]')
    write_scenario(
        tmp_path,
        "Wenn der andere still wird",
        front='lang: de\ntranslations: ["[[When they go quiet]]"]\n'
        'skills: ["[[Repair]]", "[[Staying Grounded]]", "[[Nowhere]]"]',
    )
    vault = load_vault(tmp_path)
    messages = sorted(p.message for p in vault.problems)
    assert len(messages) == 2, messages
    assert "link [[Nowhere]] points to no skill" in messages[0]
    assert "links [[Staying Grounded]], which When they go quiet is not offered for" in messages[1]
    # Which skills offer the scenario is the default note's to say.
    grounded = vault.get("Staying Grounded")
    assert grounded is not None and vault.scenarios_of(grounded) == ()


def test_a_scenario_language_that_is_no_code_is_reported(tmp_path: Path) -> None:
    write_scenario(tmp_path, "When they go quiet", front="lang: Deutsch please")
    vault = load_vault(tmp_path)
    assert any("is not a language code" in str(p) for p in vault.problems)
    assert [s.title for s in vault.scenarios] == ["When they go quiet"]
