"""Section headings as named are read at any level; a reworded one (`## Mistakes`) only
at a level the card's headings as named use."""

from __future__ import annotations

from bot.vault.cards import parse_card

HEAD = "---\nfileClass: meta_skill\n---\n"
FRONT = (
    "---\nfileClass: core_skill\ndescription: Repairing.\n"
    'steps: ["Regulate"]\ncommon_mistakes: Defending your intent.\n---\n'
)


def test_a_variant_at_the_level_of_a_later_heading_as_named_is_read() -> None:
    text = HEAD + (
        "# Description\nRepairing.\n\n## Steps\n1. **Pause**\n\n"
        "## Mistakes\n- Defending your intent\n"
    )
    parsed, issues = parse_card(text, "Repair")
    assert parsed is not None and issues == []
    assert parsed.description == "Repairing."
    assert [step.title for step in parsed.steps] == ["Pause"]
    assert parsed.common_mistakes == ("Defending your intent",)


def test_a_variant_beside_deeper_headings_as_named_is_read() -> None:
    text = HEAD + (
        "## Overview\n### Description\nRepairing.\n### Why it matters\nTrust.\n\n"
        "## Steps\n1. **Pause**\n\n## Mistakes\n- Defending your intent\n"
    )
    parsed, issues = parse_card(text, "Repair")
    assert parsed is not None and issues == []
    assert parsed.why_it_matters == "Trust."
    assert parsed.common_mistakes == ("Defending your intent",)


def test_headings_as_named_are_read_at_any_level() -> None:
    # `## Overview` then `### Why it matters`: the first heading as named sets no level
    # that hides `## Common Mistakes`, nor the reverse.
    text = HEAD + (
        "# Description\nRepairing.\n\n## Steps\n1. **Pause**\n\n"
        "### Why it matters\nTrust.\n\n## Common Mistakes\n- Defending your intent\n"
    )
    parsed, issues = parse_card(text, "Repair")
    assert parsed is not None and issues == []
    assert parsed.why_it_matters == "Trust."
    assert parsed.common_mistakes == ("Defending your intent",)
    text = HEAD + (
        "## Overview\n### Why it matters\nTrust.\n\n### Steps\n1. **Pause**\n\n"
        "## Common Mistakes\n- Defending your intent\n"
    )
    parsed, _ = parse_card(text, "Repair")
    assert parsed is not None
    assert parsed.common_mistakes == ("Defending your intent",)


def test_a_variant_at_no_level_of_the_headings_as_named_stays_text() -> None:
    text = FRONT + "## Journal\n### 2026-11-02\n#### Mistakes\n- Yelled at Sam\n"
    parsed, issues = parse_card(text, "Repair")
    assert parsed is not None and issues == []
    assert parsed.common_mistakes == ("Defending your intent",)
    # With headings as named at ## and ###, a #### variant is still no section.
    text = HEAD + (
        "## Steps\n1. **Pause**\n### Why it matters\nTrust.\n#### Mistakes I made\n- x\n"
        "#### Mistakes\n- Yelled\n"
    )
    parsed, _ = parse_card(text, "Repair")
    assert parsed is not None and parsed.common_mistakes == ()
