"""body_of finds a note's body with regexes over the whole text; body_start_of's
line-by-line rules are the reference it must agree with."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.vault.cards import body_of, body_start_of

# Dashes, newlines and the kinds of whitespace str.strip() and the regexes might
# disagree on (vertical tab, file separator, NEL, no-break space, line separator).
NOTE_TEXT = st.text(alphabet="-\n \t\r\x0b\x1c\x85\xa0\u2028a#", max_size=40)


@settings(max_examples=2000, deadline=None)
@given(NOTE_TEXT)
def test_body_of_agrees_with_the_line_rules(text: str) -> None:
    lines = text.split("\n")
    start = body_start_of(lines)
    body = body_of(text)
    assert (body.start, body.text) == (start, "\n".join(lines[start:]))


def test_the_body_starts_after_the_closing_line() -> None:
    body = body_of("\n\n---\na: b\n---  \n## Steps\n1. x\n")
    assert (body.start, body.text) == (5, "## Steps\n1. x\n")
    assert body_of("---\na: b\n").start == 0  # never closed: no frontmatter, all body
    assert body_of("text\n---\n").text == "text\n---\n"  # a rule below text is no frontmatter
