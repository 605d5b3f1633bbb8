"""The card parser, against the user's real card and one fixture per trap."""

from pathlib import Path

import pytest

from bot.domain.models import Step
from bot.vault.cards import decode, parse_card, title_from_filename
from tests.support.paths import BROKEN, TRAPS, VAULT

SEED = VAULT / "Repair.md"


def parse_file(path: Path):  # type: ignore[no-untyped-def]
    return parse_card(decode(path.read_bytes()), title_from_filename(path.stem))


def test_the_seed_card_parses_exactly() -> None:
    card, issues = parse_file(SEED)
    assert issues == []
    assert card is not None
    assert card.title == "Repair"
    assert card.kinds == ("core_skill",)
    assert card.current_focus is True
    assert card.description == (
        "The intentional process of repairing emotional rupture in a relationship after "
        "disconnection, hurt, or misattunement."
    )
    assert card.why_it_matters.startswith("All relationships involve rupture.")
    assert card.steps == (
        Step(
            "Regulate yourself first",
            "Pause, breathe, and make sure you're grounded enough to show up emotionally "
            "instead of reactively.",
        ),
        Step(
            "Acknowledge their experience without defending",
            "Focus on what they felt, not whether it was fair. This is about emotional "
            "attunement, not logic.",
        ),
        Step(
            "Take responsibility for your impact",
            "Even if it wasn’t intentional. This validates their experience and opens the "
            "door to healing.",
        ),
        Step(
            "Express your care and desire to repair",
            "Let them know the relationship matters to you and you're here not to win, but "
            "to reconnect.",
        ),
        Step(
            "Stay present — don’t rush the fix",
            "The repair is the presence, not the solution. Let the emotional reconnection "
            "happen in its own time.",
        ),
    )
    assert card.common_mistakes == (
        "Rushing to explain your intent",
        "Getting defensive or factual",
        "Apologizing too early without attunement",
        "Shutting down when they don’t respond immediately",
        "Using words but not showing emotional availability",
    )
    assert [link.target for link in card.supporting] == [
        "Holding Discomfort",
        "Owning Impact",
        "Partnering Instead of Defending",
        "Staying Grounded",
        "Integrating Feedback",
    ]
    assert card.related == ()


def test_no_carriage_return_survives() -> None:
    card, _ = parse_file(SEED)
    assert card is not None
    for step in card.steps:
        assert "\r" not in step.title + step.explanation


def test_frontmatter_alone_is_enough() -> None:
    text = SEED.read_text()
    frontmatter_only = text[: text.index("## Description")]
    card, issues = parse_card(frontmatter_only, "Repair")
    assert card is not None, issues
    assert [s.title for s in card.steps][-1] == "Stay present — don’t rush the fix"
    assert all(s.explanation == "" for s in card.steps)
    # The one-sentence mistakes split into items, "or" dropped, capitalised.
    assert card.common_mistakes == (
        "Defending your intent",
        "Minimizing their pain",
        "Skipping straight to solutions or apologies",
        "Withdrawing emotionally",
        "Demanding instant resolution",
    )
    assert card.description.startswith("The intentional process")


@pytest.mark.parametrize("name", ["Crlf Card.md", "Bom Card.md"])
def test_crlf_and_bom_read_like_plain_cards(name: str) -> None:
    card, issues = parse_file(TRAPS / name)
    assert card is not None and issues == []
    assert card.kinds == ("meta_skill",)
    assert card.steps == (
        Step("First thing", "Why the first."),
        Step("Second thing", "Why the second."),
    )
    assert card.description == "A plain description."


def test_unquoted_wikilinks_become_links_not_nested_lists() -> None:
    card, _ = parse_file(TRAPS / "Unquoted Links.md")
    assert card is not None
    assert [link.target for link in card.supporting] == ["Repair", "Bom Card"]


def test_alias_heading_and_embed_links() -> None:
    card, _ = parse_file(TRAPS / "Alias And Heading Links.md")
    assert card is not None
    assert [(link.target, link.display) for link in card.supporting] == [
        ("Repair", "Repair"),
        ("Crlf Card", "the CRLF one"),
        ("Bom Card", "Bom Card"),
    ]
    assert card.aliases == ("AHL", "Links Card")


def test_missing_sections_fall_back_and_warn() -> None:
    card, issues = parse_file(TRAPS / "Missing Sections.md")
    assert card is not None
    assert card.kinds == ("core_skill", "practice")
    assert card.steps == (Step("Only step"),)
    assert card.common_mistakes == ()
    assert [i.message for i in issues] == ["no description (## Description or description:)"]


def test_yaml_traps_are_reported_with_their_line() -> None:
    card, issues = parse_file(TRAPS / "Yaml Traps.md")
    assert card is not None
    assert {(i.line, i.message.split(":")[0]) for i in issues} == {
        (3, "description"),
        (4, "why_it_matters"),
    }


def test_disagreeing_steps_warn_and_use_the_body() -> None:
    card, issues = parse_file(TRAPS / "Disagreeing Steps.md")
    assert card is not None
    assert [s.title for s in card.steps] == ["First thing", "Second thing"]
    assert any("disagree" in i.message and i.line == 20 for i in issues)


@pytest.mark.parametrize(
    ("name", "reason", "line"),
    [
        ("Empty.md", "empty file", None),
        ("Broken Yaml.md", "not valid YAML", 3),
        ("No Steps.md", "no steps", None),
        ("List Frontmatter.md", "not key: value pairs", 1),
    ],
)
def test_unusable_cards_are_errors_with_a_reason(name: str, reason: str, line: int | None) -> None:
    card, issues = parse_file(BROKEN / name)
    assert card is None
    [issue] = [i for i in issues if i.error]
    assert reason in issue.message and issue.line == line


def test_unterminated_frontmatter_is_an_error() -> None:
    card, issues = parse_card("---\ndescription: x\n## Steps\n1. **a**\n", "X")
    assert card is None and "no closing ---" in issues[0].message


def test_item_forms() -> None:
    text = (
        "## Steps\n---\n"
        "1. **Bold title** — explanation on the same line\n"
        "2) Plain title → arrow explanation\n"
        "- Step 3: Bullet with a prefix\n"
        "   continued explanation\n"
        "   → and more\n"
    )
    card, _ = parse_card(text, "Forms")
    assert card is not None
    assert card.steps == (
        Step("Bold title", "explanation on the same line"),
        Step("Plain title", "arrow explanation"),
        Step("Bullet with a prefix", "continued explanation and more"),
    )


def test_a_date_in_the_frontmatter_is_reported_and_kept() -> None:
    card, issues = parse_card('---\ndescription: 2024-01-01\nsteps: ["Step 1: a"]\n---\n', "D")
    assert card is not None and card.description == "2024-01-01"
    assert issues[0].message.startswith("description: YAML read this as datetime.date")


def test_triggers_are_read_from_the_frontmatter() -> None:
    card, _ = parse_card("---\ntriggers: [yelled, silent treatment]\nsteps: [one]\n---\n", "Calm")
    assert card is not None and card.triggers == ("yelled", "silent treatment")
    one, _ = parse_card("---\ntriggers: yelled, shouted\nsteps: [one]\n---\n", "Calm")
    assert one is not None and one.triggers == ("yelled", "shouted")
    none, _ = parse_card("---\nsteps: [one]\n---\n", "Calm")
    assert none is not None and none.triggers == ()


def test_a_card_may_carry_its_own_repair_bids() -> None:
    text = (
        "---\nfileClass: core_skill\n"
        'bids: ["I hear you.", "That was on me.\\r", "", "' + "x" * 601 + '"]\n'
        "---\n\n## Steps\n---\n1. **Listen**\n"
    )
    card, issues = parse_card(text, "Listening")
    assert card is not None and card.bids == ("I hear you.", "That was on me.")
    assert any("bids: a line longer than 600" in issue.message for issue in issues)
    plain, _ = parse_file(SEED)
    assert plain is not None and plain.bids == ()  # the seed builds its bids from its steps


def test_a_key_given_twice_is_a_warning_naming_both_lines() -> None:
    # YAML keeps the last one; the author may have edited the first, so they are told.
    text = "\n---\ndescription: first\nsteps: [one]\ndescription: second\n---\n"
    card, issues = parse_card(text, "Twice")
    assert card is not None and card.description == "second"
    [issue] = issues
    assert not issue.error and issue.line == 5
    assert issue.message == (
        "frontmatter gives a key more than once ('description' on lines 3, 5); "
        "only the last is read"
    )


def test_texts_longer_than_a_chat_shows_are_named_with_their_section() -> None:
    from bot.vault.cards import SHOWN_TEXT_LIMIT

    long = "word " * (SHOWN_TEXT_LIMIT // 5 + 1)
    text = (
        "---\nfileClass: core_skill\n---\n"
        f"## Description\n{long}\n\n"
        "## Steps\n1. **Pause** → breathe\n\n"
        f"## Common mistakes\n- Rushing\n- {long}\n"
    )
    parsed, issues = parse_card(text, "Long")
    assert parsed is not None
    assert [(issue.message.split(" is ")[0], issue.line, issue.error) for issue in issues] == [
        ("the description", 4, False),
        ("common mistake 2", 10, False),
    ]
    # Exactly at the limit: nothing to say.
    at_limit = text.replace(long, "x" * SHOWN_TEXT_LIMIT)
    assert parse_card(at_limit, "Long")[1] == []
