"""Deciding what a note is: skill classes and tags, typos, scenarios, sections, tags."""

import pytest

from bot.vault.kinds import NoteKinds, Role
from bot.vault.notes import read_note

CARD = """---
fileClass: {cls}
tags: [conflict, "#home"]
steps: ["Step 1: Breathe"]
---
Body text with an #inline-tag, not #123, not `#code`, not a [[Note#Heading]].

{level} Steps
1. **Breathe**
   → Slowly.
"""


@pytest.mark.parametrize("cls", ["core_skill", "meta_skill", "[meta_skill, extra]"])
def test_a_skill_class_makes_a_skill(cls: str) -> None:
    note = read_note(CARD.format(cls=cls, level="##"), "Breathing", NoteKinds())
    assert note.role is Role.SKILL and note.card is not None
    assert note.card.tags == ("conflict", "home", "inline-tag")


@pytest.mark.parametrize("cls", ["core-skill", "coreskill", "Core_Skill", "meta_skil"])
def test_a_class_that_looks_like_a_typo_warns_and_is_not_read(cls: str) -> None:
    note = read_note(CARD.format(cls=cls, level="##"), "Breathing", NoteKinds())
    assert note.role is Role.OTHER and note.card is None
    [issue] = note.issues
    assert not issue.error and issue.line == 2 and repr(cls) in issue.message


def test_any_other_class_or_none_is_quietly_ignored() -> None:
    for text in (CARD.format(cls="person", level="##"), "# Just a note\n\n## Steps\n1. a\n", ""):
        note = read_note(text, "X", NoteKinds())
        assert note.role is Role.OTHER and note.issues == ()


def test_classes_are_configurable() -> None:
    kinds = NoteKinds(skill_classes=("practice",))
    assert read_note(CARD.format(cls="practice", level="##"), "X", kinds).role is Role.SKILL
    assert read_note(CARD.format(cls="core_skill", level="##"), "X", kinds).role is Role.OTHER


@pytest.mark.parametrize("level", ["#", "##", "###", "####"])
def test_section_headings_of_any_level_and_case(level: str) -> None:
    text = CARD.format(cls="core_skill", level=level).replace("Steps", "STEPS")
    note = read_note(text, "X", NoteKinds())
    assert note.card is not None and note.card.steps[0].explanation == "Slowly."


def test_commented_out_steps_are_not_steps() -> None:
    text = (
        "---\nfileClass: core_skill\n---\n## Steps\n1. **Kept**\n%%\n2. **Draft**\n%%\n"
        "## Common Mistakes\n- One\n"
    )
    note = read_note(text, "X", NoteKinds())
    assert note.card is not None
    assert [s.title for s in note.card.steps] == ["Kept"]
    assert note.card.common_mistakes == ("One",)


def test_a_scenario_note() -> None:
    text = (
        '---\nfileClass: scenario\nskills: ["[[Repair]]", "[[Staying Grounded]]"]\n---\n'
        "## Situation\nYou argued about chores and the evening went cold.\n"
    )
    note = read_note(text, "After a fight about chores", NoteKinds())
    assert note.role is Role.SCENARIO and note.scenario is not None
    assert note.scenario.situation == "You argued about chores and the evening went cold."
    assert [link.target for link in note.scenario.skills] == ["Repair", "Staying Grounded"]


def test_a_short_scenario_is_its_body() -> None:
    note = read_note("---\nfileClass: scenario\n---\nThey go quiet.\n", "Quiet", NoteKinds())
    assert note.scenario is not None and note.scenario.situation == "They go quiet."


def test_a_situation_longer_than_a_chat_shows_is_named_with_its_line() -> None:
    from bot.vault.cards import SHOWN_TEXT_LIMIT

    text = "---\nfileClass: scenario\n---\n\n## Situation\n" + "word " * SHOWN_TEXT_LIMIT
    note = read_note(text, "Long", NoteKinds())
    assert note.scenario is not None
    [issue] = note.issues
    assert issue.message.startswith("the situation is ") and issue.line == 5
    assert not issue.error  # a warning: the scenario is kept
    short = read_note("---\nfileClass: scenario\n---\nThey go quiet.\n", "Quiet", NoteKinds())
    assert short.issues == ()


def test_a_broken_skill_card_is_still_an_error() -> None:
    note = read_note("---\nfileClass: core_skill\ndescription: a: b\n---\n", "X", NoteKinds())
    assert note.role is Role.SKILL and note.issues[0].error
