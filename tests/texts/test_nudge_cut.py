"""The daily nudge's long explanation is cut at a block boundary, outside every block,
and the nudge stays valid Telegram HTML."""

from datetime import date

from bot.domain.models import Skill, Step
from bot.offline.telegram_html import visible_text
from bot.texts.html import shortened
from bot.texts.nudges import NUDGE_EXPLANATION_LIMIT, nudge

NOTE = "(the whole step is in /practice)"
WORDS = "word " * 40
CODE = "```\n" + "".join(f"line {n} of code that is long enough\n" for n in range(30)) + "```"
QUOTE = "> [!tip] Tip\n" + "".join(f"> tip {n} blah blah blah blah blah\n" for n in range(30))
TABLE = "| A | B |\n|---|---|\n" + "".join(f"| cell {n} long | other {n} |\n" for n in range(40))


def _nudge(explanation: str) -> str:
    skill = Skill("S", ("core_skill",), "", "", (Step("T", explanation),), ())
    return nudge(skill, date(2026, 1, 1))


def test_a_code_block_or_callout_that_does_not_fit_is_left_out_whole() -> None:
    for block, tag in ((CODE, "<pre>"), (QUOTE, "<blockquote")):
        text = _nudge(f"Intro. {WORDS}\n{block}\nAfter.")
        visible_text(text)  # raises on invalid Telegram HTML
        assert tag not in text and text.endswith(f"{WORDS.strip()}\n{NOTE}")


def test_a_table_is_cut_between_rows_with_the_note_after_it() -> None:
    text = _nudge(f"Start.\n\n{TABLE}")
    shown = visible_text(text)
    last_row = shown.split("\n")[-2]
    # The last row shown is whole: both its cells, then the ellipsis.
    assert last_row.startswith("cell ") and " · other " in last_row
    assert last_row.rstrip("…")[-1].isdigit() and text.endswith(f"\n{NOTE}")


def test_a_block_too_long_on_its_own_is_cut_with_its_tags_closed() -> None:
    html = shortened(CODE, NUDGE_EXPLANATION_LIMIT, NOTE)
    assert html.endswith(f"</pre>\n{NOTE}")
    assert len(visible_text(html)) <= NUDGE_EXPLANATION_LIMIT + len(NOTE) + 2
    visible_text(html)


def test_a_short_explanation_is_whole() -> None:
    assert shortened("**Pause**, then breathe.", NUDGE_EXPLANATION_LIMIT, NOTE) == (
        "<b>Pause</b>, then breathe."
    )
