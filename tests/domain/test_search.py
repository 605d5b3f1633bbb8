import pytest

from bot.domain.search import find_skill
from bot.vault.library import load_vault
from tests.support.paths import STARTER_VAULT, TRAPS, VAULT

SKILLS = load_vault(VAULT)


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("repair", "Repair"),
        ("  REPAIR ", "Repair"),
        ("staying", "Staying Grounded"),
        ("reapir", "Repair"),
        ("grouded", "Staying Grounded"),
        ("integrating feedbak", "Integrating Feedback"),
        ("partner", "Partnering Instead of Defending"),
        # Another form of a word in the name.
        ("grounding", "Staying Grounded"),
        ("defend", "Partnering Instead of Defending"),
        ("discomforts", "Holding Discomfort"),
    ],
)
def test_names_prefixes_and_typos_find_one_skill(query: str, title: str) -> None:
    found = find_skill(SKILLS, query)
    assert found.skill is not None and found.skill.title == title


def test_an_ambiguous_prefix_offers_the_candidates() -> None:
    found = find_skill(SKILLS, "o")
    assert found.skill is None and not found.guessed
    assert {s.title for s in found.choices} == {"Owning Impact", "Partnering Instead of Defending"}


def test_nonsense_finds_nothing() -> None:
    found = find_skill(SKILLS, "qqqqzzz")
    assert found.skill is None and found.choices == ()
    assert find_skill(SKILLS, "").skill is None


def test_aliases_count() -> None:
    traps = load_vault(TRAPS)
    found = find_skill(traps, "links card")
    assert found.skill is not None and found.skill.title == "Alias And Heading Links"


def test_tags_find_skills() -> None:
    from dataclasses import replace

    from bot.domain.models import Skill, Step
    from bot.domain.search import find_skill

    def skill(title: str, *tags: str) -> Skill:
        return Skill(title, ("meta_skill",), "", "", (Step("a"),), (), tags=tags)

    class Index:
        skills = (skill("Calm", "conflict/de-escalate"), skill("Listen", "conflict"))

        def get(self, name: str) -> Skill | None:
            return None

    assert find_skill(Index(), "#conflict").choices == Index.skills
    assert find_skill(Index(), "conflict/de-escalate").skill == Index.skills[0]
    assert replace(Index.skills[1]).tags == ("conflict",)


def test_a_word_that_merely_shares_letters_with_a_name_is_not_guessed() -> None:
    # "nonsense" and the Spanish "Sostener la incomodidad" share half their letters; a
    # "did you mean" for that reads as the bot confidently misunderstanding.
    vault = load_vault(STARTER_VAULT)
    found = find_skill(vault, "nonsense")
    assert found.skill is None and found.choices == ()
    assert find_skill(vault, "reparar").skill is not None  # a real near-miss still is
