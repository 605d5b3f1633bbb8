"""What a step holds beyond a sentence (a callout, a list, a table, code, a second
paragraph) reaches the person as the rest of the card renders it, never as raw syntax;
its title is plain words, whatever marks it was written with."""

import pytest

from bot.domain.models import Step
from bot.offline.telegram_html import visible_text
from bot.texts.markdown import to_telegram_html
from bot.vault.cards import parse_card


def steps_of(body: str, front: str = "") -> tuple[Step, ...]:
    card, issues = parse_card(f"---\nfileClass: meta_skill\n{front}---\n## Steps\n{body}", "C")
    assert card is not None, issues
    return card.steps


def shown(explanation: str) -> str:
    html = to_telegram_html(explanation)
    visible_text(html)  # and Telegram would accept it
    return html


def test_a_callout_under_a_step_is_a_quote_with_its_title() -> None:
    [step] = steps_of("1. **Regulate**\n   → Breathe.\n   > [!tip] Tip\n   > Long exhale.\n")
    assert step == Step("Regulate", "Breathe.\n> [!tip] Tip\n> Long exhale.")
    assert shown(step.explanation) == (
        "Breathe.\n\n<blockquote><b>Tip</b>\nLong exhale.</blockquote>"
    )


def test_sub_bullets_and_a_task_list_stay_lists() -> None:
    [step] = steps_of(
        "1. **Speak**\n   → Speak slowly.\n   - one\n   - two\n     - nested\n"
        "   - [ ] Write it down\n   - [x] Say it aloud\n"
    )
    assert shown(step.explanation) == (
        "Speak slowly.\n\n• one\n• two\n    ◦ nested\n☐ Write it down\n☑ Say it aloud"
    )


def test_a_table_under_a_step_is_rows_not_pipes() -> None:
    [step] = steps_of("1. **Compare**\n   | Intent | Impact |\n   |---|---|\n   | a | b |\n")
    assert shown(step.explanation) == "<b>Intent · Impact</b>\na · b"


def test_a_code_block_under_a_step_keeps_its_lines_and_not_its_fence() -> None:
    step, _ = steps_of(
        "1. **Check**\n   → Check in.\n   ```python\n   print(1)\n   -> not an arrow\n   ```\n"
        "2. **Next**\n"
    )
    assert shown(step.explanation) == (
        'Check in.\n\n<pre><code class="language-python">print(1)\n-&gt; not an arrow</code></pre>'
    )


def test_paragraphs_of_a_step_stay_apart_and_their_lines_join() -> None:
    steps = steps_of(
        "1. **Pause**\n   Take a pause before answering.\n   Count to ten.\n\n"
        "   If needed, leave the room.\n2. **Ask**\n   Ask a curious question.\n"
    )
    assert steps == (
        Step(
            "Pause", "Take a pause before answering. Count to ten.\n\nIf needed, leave the room."
        ),
        Step("Ask", "Ask a curious question."),
    )


def test_a_step_of_sentences_reads_as_it_always_did() -> None:
    # The seed's shape: title, two trailing spaces, the arrow line, a blank line.
    steps = steps_of(
        "1. **Regulate yourself first**  \n   → Pause, breathe.\n\n"
        "2. **Acknowledge**  \n   → Focus on\n   → what they felt.\n"
    )
    assert steps == (
        Step("Regulate yourself first", "Pause, breathe."),
        Step("Acknowledge", "Focus on what they felt."),
    )


@pytest.mark.parametrize(
    ("item", "title"),
    [
        ("1. **Do ==this==**", "Do this"),
        ("1. **Use ~~strike~~ now**", "Use strike now"),
        ("1. **Do ==this==** %%note%%", "Do this"),
        ("- [ ] **Pause**", "Pause"),
        ("- [x] **Done**", "Done"),
        ("- [ ] Plain task step", "Plain task step"),
        ("1. **[[Anchor|The anchor]] first**", "The anchor first"),
        ("1. **[[Skills/Meta/Anchor]] first**", "Anchor first"),
        ("1. **Look ![[pic.png]] here**", "Look here"),
        ("1. **a == b**", "a == b"),
        ("1. **A <u>under</u> line<br>break**", "A under line break"),
        ("1. **a < b and c > d**", "a < b and c > d"),
    ],
)
def test_step_titles_are_plain_words(item: str, title: str) -> None:
    [step] = steps_of(f"{item}\n   → why\n")
    assert step == Step(title, "why")


def test_bold_italic_highlight_title_leaves_nothing_behind() -> None:
    [step] = steps_of("2. ***==Bold highlight==***\n")
    assert step == Step("Bold highlight", "")


def test_frontmatter_step_titles_are_cleaned_as_the_body_ones() -> None:
    steps = steps_of("", front='steps: ["Step 1: ==Mark== it %%x%%", "Step 2: ~~a~~ b"]\n')
    assert steps == (Step("Mark it"), Step("a b"))
