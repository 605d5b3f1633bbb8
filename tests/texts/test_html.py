"""Telegram HTML from vault text (bot/texts/html.py and the card texts built on it): escaped,
converted, split — and valid for Telegram."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.models import Step
from bot.offline.telegram_html import visible_text
from bot.texts import practice as practice_text
from bot.texts import skills as skill_text
from bot.texts.html import inline, split_message, utf16_len
from bot.vault.cards import SHOWN_TEXT_LIMIT
from bot.vault.library import load_vault
from tests.support.paths import TRAPS, VAULT


def test_inline_converts_markdown_and_escapes_everything_else() -> None:
    assert inline("**bold** *it* _it_ `x`") == "<b>bold</b> <i>it</i> <i>it</i> <code>x</code>"
    assert inline("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    # HTML is never passed on: its tags are dropped (a script with its text, as Obsidian).
    assert inline("<script>alert(1)</script>") == ""
    assert inline("a <span>b</span><br>c") == "a b\nc"
    assert inline("see [[Note|this]] and [[Other#Part]]") == "see this and Other"
    # CommonMark, as Obsidian: `2*3*4` is emphasis there too; spaced stars are not.
    assert inline("snake_case and 2 * 3 * 4") == "snake_case and 2 * 3 * 4"
    assert inline("](javascript:x)") == "](javascript:x)"


def test_overview_step_and_mistakes_of_the_seed() -> None:
    repair = load_vault(VAULT).get("Repair")
    assert repair is not None
    overview = skill_text.skill_overview(repair)
    assert overview.startswith("<b>Repair</b> · <i>Skill</i>")
    assert "5 steps" in overview and "Why it matters" in overview
    step = practice_text.step_text(repair, 1)
    assert "Step 2 of 5" in step
    assert "<b>Acknowledge their experience without defending</b>" in step
    assert "Focus on what they felt" in step
    assert "Stay present — don’t rush the fix" in practice_text.step_text(repair, 4)
    mistakes = skill_text.mistakes_text(repair)
    assert mistakes.count("• ") == 5 and "Rushing to explain your intent" in mistakes
    for text in (overview, step, mistakes):
        visible_text(text)  # raises if Telegram would reject it


def test_hostile_card_text_cannot_inject_markup() -> None:
    card = load_vault(TRAPS).get("Escapes")
    assert card is not None
    overview = skill_text.skill_overview(card)
    assert "<script>" not in overview and "alert" not in overview
    assert "Use care &amp; don't" in overview  # tags dropped, text escaped
    step = practice_text.step_text(card, 0)
    assert "<b>Say “I” &amp; mean it</b>" in step
    assert "<b>bold</b>" in step and "<i>italic</i>" in step
    visible_text(overview)
    visible_text(step)


def test_a_10000_character_text_is_split_into_valid_messages() -> None:
    card = load_vault(TRAPS).get("Long Step")
    assert card is not None
    text = inline(card.steps[0].explanation)
    assert utf16_len(text) > 10_000
    parts = split_message(text)
    assert len(parts) >= 3
    for part in parts:
        assert utf16_len(visible_text(part)) <= 4096  # Telegram counts what it shows


def test_a_10000_character_step_is_shown_shortened_in_three_messages_at_most() -> None:
    vault = load_vault(TRAPS)
    card = vault.get("Long Step")
    assert card is not None
    text = practice_text.step_text(card, 0)
    parts = split_message(text)
    assert len(parts) <= 3  # the heading, and the paragraph cut in two
    assert parts[0].startswith("<i>Long Step · Step 1 of 2</i>")
    shown = "".join(visible_text(part) for part in parts)
    assert shown.endswith("\n(Shortened: the rest is too long for a chat.)")
    assert SHOWN_TEXT_LIMIT < utf16_len(shown) < SHOWN_TEXT_LIMIT + 200
    # And the author is told, with where.
    [warning] = [p for p in vault.problems if "Long Step" in p.path and "shortened" in str(p)]
    assert "step 1's explanation is" in str(warning) and warning.severity == "warning"


def test_split_counts_what_telegram_shows_not_the_markup() -> None:
    # Telegram's 4096 is counted after the tags are parsed: 4,000 "&" written as "&amp;"
    # (20,000 characters of HTML) are one message, not five.
    text = "<b>" + "&amp;" * 4000 + "</b>"
    assert split_message(text) == [text]
    assert len(split_message("<b>" + "&amp;" * 5000 + "</b>")) == 2


def test_split_prefers_paragraph_breaks() -> None:
    text = "\n\n".join(["a" * 3000, "b" * 3000, "c" * 100])
    assert split_message(text) == ["a" * 3000, "b" * 3000 + "\n\n" + "c" * 100]


def test_split_closes_and_reopens_tags() -> None:
    text = "<b>" + " ".join(["word"] * 2000) + "</b>"
    parts = split_message(text, limit=1000)
    assert all(p.startswith("<b>") and p.endswith("</b>") for p in parts)
    assert all(utf16_len(visible_text(p)) <= 1000 for p in parts)


_markdown = st.text(
    alphabet=st.sampled_from(list("ab *_`<>&[]|#!\n→—’😀")) | st.characters(), max_size=300
)


@settings(max_examples=300, deadline=None)
@given(_markdown)
def test_any_card_text_renders_to_valid_telegram_html(text: str) -> None:
    visible_text(inline(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(_markdown, min_size=1, max_size=30), st.integers(min_value=60, max_value=600))
def test_split_always_gives_valid_bounded_messages(pieces: list[str], limit: int) -> None:
    text = "\n\n".join(f"<b>{inline(p)}</b> {inline(p)}" for p in pieces)
    parts = split_message(text, limit)
    for part in parts:
        assert utf16_len(visible_text(part)) <= limit
    joined = "".join(visible_text(part) for part in parts)
    assert "".join(joined.split()) == "".join(visible_text(text).split())


def test_bold_across_a_blank_line_never_spans_paragraphs() -> None:
    text = inline("**start\n\nend**")
    assert text == "**start\n\nend**"
    long_text = inline("**" + ("word " * 900) + "\n\n" + ("more " * 900) + "**")
    for part in split_message(long_text):
        visible_text(part)


def test_the_default_split_is_telegrams_message_limit() -> None:
    from telegram.constants import MessageLimit

    from bot.texts import html

    assert html.MESSAGE_LIMIT == MessageLimit.MAX_TEXT_LENGTH


def test_a_long_step_with_its_example_callout_is_shown_whole() -> None:
    # About one message of text with a callout at its end: nothing cut, nothing dropped
    # (a first limit of 3,500 characters dropped the callout, the words to say).
    step = Step("Say it", "word " * 700 + "\n\n> [!example] What to say\n> I hear you.")
    repair = load_vault(VAULT).get("Repair")
    assert repair is not None
    text = practice_text.step_text(replace(repair, steps=(step,)), 0)
    shown = visible_text(text)
    assert "I hear you." in shown and "Shortened" not in shown
    assert 3_500 < utf16_len(shown) <= 4096
