"""The second re-test of the vault: placeholders in angle brackets, headings that only
look like sections, headings in code, tab indentation, and mistakes that hold blocks."""

from bot.texts.markdown import to_telegram_html
from bot.vault.cards import parse_card
from bot.vault.syntax import is_html_tag

HEAD = "---\nfileClass: meta_skill\ndescription: d\n---\n"
FRONT = (
    "---\nfileClass: core_skill\ndescription: Repairing.\n"
    'steps: ["Step 1: Regulate"]\ncommon_mistakes: Defending your intent, withdrawing.\n---\n'
)


# -- B8: placeholders --------------------------------------------------------


def test_only_real_html_tags_are_tags() -> None:
    for tag in ("<br>", "<br/>", "</span>", '<span style="x">', "<details open>", "<B>"):
        assert is_html_tag(tag), tag
    for text in ("<emotion>", "<partner name>", "<b and c>", "</feeling>", "<b x y>"):
        assert not is_html_tag(text), text


def test_placeholders_in_angle_brackets_are_shown() -> None:
    text = 'Say "I felt <emotion> when <event>" to <partner name>.'
    assert to_telegram_html(text) == (
        'Say "I felt &lt;emotion&gt; when &lt;event&gt;" to &lt;partner name&gt;.'
    )
    assert to_telegram_html("a<b and c>d") == "a&lt;b and c&gt;d"
    assert to_telegram_html("<partner name> is **here**") == "&lt;partner name&gt; is <b>here</b>"
    # Real tags are still dropped, their text kept.
    assert to_telegram_html('x <span class="a">y</span><br>z') == "x y\nz"
    assert to_telegram_html("<div>\n<emotion> now\n</div>") == "&lt;emotion&gt; now"


def test_a_placeholder_in_a_step_title_stays() -> None:
    parsed, _ = parse_card(HEAD + "## Steps\n1. **Fill the <blank>**\n2. **A <u>b</u>**\n", "C")
    assert parsed is not None
    assert [s.title for s in parsed.steps] == ["Fill the <blank>", "A b"]


# -- B2: headings that only start like a section -------------------------------


def test_a_deeper_mistakes_heading_under_a_journal_is_not_read() -> None:
    text = FRONT + "## Journal\n### 2026-11-02\n#### Mistakes\n- Yelled at Sam\n"
    parsed, issues = parse_card(text, "Repair")
    assert parsed is not None and issues == []
    assert parsed.common_mistakes == ("Defending your intent", "Withdrawing")


def test_headings_that_merely_start_with_a_section_name_are_not_read() -> None:
    text = FRONT + (
        "## Why It Matters\nBecause.\n\n## Mistakes I made last week\n- Yelled at Sam\n\n"
        "## Steps I still find hard\n- Acknowledging\n\n"
        "## Description of a typical fight\nIt starts with chores.\n"
    )
    parsed, issues = parse_card(text, "Repair")
    assert parsed is not None and issues == []
    assert parsed.common_mistakes == ("Defending your intent", "Withdrawing")
    assert [s.title for s in parsed.steps] == ["Regulate"]
    assert parsed.description == "Repairing."


def test_a_variant_at_another_level_than_the_sections_is_not_read() -> None:
    text = HEAD + "## Steps\n1. **One**\n## Notes\n### Mistakes\n- private\n"
    parsed, _ = parse_card(text, "C")
    assert parsed is not None and parsed.common_mistakes == ()
    # Cards whose sections are ### read ### variants.
    text = HEAD + "### Steps\n1. **One**\n### Mistakes\n- m\n"
    parsed, _ = parse_card(text, "C")
    assert parsed is not None and parsed.common_mistakes == ("m",)


def test_a_variant_that_replaces_the_frontmatter_is_a_warning() -> None:
    text = FRONT + "## Steps\n1. **Regulate**\n\n## Common mistakes to avoid\n- Yelling\n"
    parsed, issues = parse_card(text, "Repair")
    assert parsed is not None and parsed.common_mistakes == ("Yelling",)
    [issue] = issues
    assert not issue.error and issue.line == 10
    assert issue.message.startswith(
        "the heading 'Common mistakes to avoid' is read as the card's common mistakes, in "
        "place of the frontmatter's common_mistakes:"
    )


# -- B10: headings in code ------------------------------------------------------


def test_a_heading_inside_a_code_block_is_no_section() -> None:
    text = HEAD + (
        "## Description\nA card looks like this:\n```markdown\n## Steps\n"
        "1. **Example title**\n```\n\n## Steps\n1. **Real one**\n   → real\n2. **Real two**\n"
    )
    parsed, issues = parse_card(text, "C")
    assert parsed is not None and issues == []
    assert [s.title for s in parsed.steps] == ["Real one", "Real two"]
    assert "Example title" in parsed.description


# -- B1: tabs and spaces -----------------------------------------------------------


def test_mixed_tab_and_space_indentation_under_a_step_renders_blocks() -> None:
    steps = "1. **Mixed**\n   → Breathe.\n\t- sub a\n\t\t- deeper\n\t> [!tip] Tip\n\t> body\n"
    parsed, _ = parse_card(HEAD + "## Steps\n" + steps, "C")
    assert parsed is not None
    html = to_telegram_html(parsed.steps[0].explanation)
    assert html == (
        "Breathe.\n\n• sub a\n    ◦ deeper\n\n<blockquote><b>Tip</b>\nbody</blockquote>"
    )


# -- B5: common mistakes with blocks and a footnote ------------------------------


def test_mistakes_keep_their_lists_callouts_and_footnotes() -> None:
    text = HEAD + (
        "## Steps\n1. **One**\n\n## Common Mistakes\n- **Defending** your intent\n"
        '  - e.g. "I did not mean it"\n- Rushing\n  > [!warning] Careful\n  > It backfires.\n'
        "- Withdrawing[^1]\n\n[^1]: Also called stonewalling.\n"
    )
    parsed, _ = parse_card(text, "C")
    assert parsed is not None
    shown = [to_telegram_html(m) for m in parsed.common_mistakes]
    assert shown == [
        '<b>Defending</b> your intent\n\n• e.g. "I did not mean it"',
        "Rushing\n\n<blockquote><b>Careful</b>\nIt backfires.</blockquote>",
        "Withdrawing¹\n\n¹ Also called stonewalling.",
    ]
    # Plain items are as they were: one line each, whitespace collapsed.
    parsed, _ = parse_card(HEAD + "## Steps\n1. **One**\n## Common Mistakes\n- a\n  b\n- c\n", "C")
    assert parsed is not None and parsed.common_mistakes == ("a b", "c")


# -- B6: translated cards ---------------------------------------------------------


def test_translated_step_prefixes_are_stripped() -> None:
    steps = '["Schritt 1: Zur Ruhe kommen", "Paso 2: Reconocer", "Шаг 3: Ответственность"]'
    text = f"---\nfileClass: core_skill\nlang: de\ndescription: d\nsteps: {steps}\n---\n"
    parsed, _ = parse_card(text, "C")
    assert parsed is not None
    assert [s.title for s in parsed.steps] == ["Zur Ruhe kommen", "Reconocer", "Ответственность"]
    parsed, _ = parse_card(HEAD + "## Steps\n1. **Stay present**\n2. **Paste it**\n", "C")
    assert parsed is not None and [s.title for s in parsed.steps] == ["Stay present", "Paste it"]


def test_a_translated_steps_heading_gets_a_hint() -> None:
    for heading in ("Schritte", "Шаги", "Pasos"):
        parsed, [issue] = parse_card(HEAD + f"## {heading}\n1. **Eins**\n", "C")
        assert parsed is None and issue.error and issue.line == 5
        assert "section headings are read in English" in issue.message


# -- B7: links and footnotes in step titles ------------------------------------


def test_markdown_links_and_footnotes_in_step_titles_read_as_words() -> None:
    body = "## Steps\n1. **Do [Anchor](Anchor.md) first**\n2. **A [^1] note**\n\n[^1]: x\n"
    front = 'steps: ["~~s~~ [link](https://x.org)", "Do [Anchor](Anchor.md) first", "b"]\n'
    parsed, _ = parse_card(HEAD + body, "C")
    assert parsed is not None
    assert [s.title for s in parsed.steps] == ["Do Anchor first", "A note"]
    parsed, _ = parse_card(f"---\nfileClass: meta_skill\ndescription: d\n{front}---\n", "C")
    assert parsed is not None
    assert [s.title for s in parsed.steps] == ["s link", "Do Anchor first", "b"]
