"""Angle brackets in card text: a known element's tag is a tag when the element is void
or closed later in the text; otherwise (`<time>`, `<label>`) it is a placeholder, shown.
And placeholder lines nested in quotes render, however deep."""

from __future__ import annotations

from bot.texts.markdown import to_telegram_html
from bot.vault.cards import parse_card
from bot.vault.syntax import is_html_tag

HEAD = "---\nfileClass: meta_skill\ndescription: d\n---\n"


def test_placeholders_named_like_elements_are_shown() -> None:
    assert to_telegram_html("Meet at <time> in <place>") == (
        "Meet at &lt;time&gt; in &lt;place&gt;"
    )
    assert to_telegram_html("Ask <label> first") == "Ask &lt;label&gt; first"
    assert to_telegram_html("<time> on a line of its own") == "&lt;time&gt; on a line of its own"
    # Closed later, it is the element: its tags dropped, its text kept.
    assert to_telegram_html("At <time>9 am</time> sharp") == "At 9 am sharp"
    assert to_telegram_html("<details>\n\nHidden\n\n</details>") == "Hidden"
    # A void element needs no closing tag; a closing tag is one.
    assert to_telegram_html("a<br>b<hr>") == "a\nb"
    assert "span" not in to_telegram_html("x </span> y")


def test_tags_with_any_bare_attribute_are_tags_when_closed() -> None:
    assert to_telegram_html("<table border><tr><td>x</td></tr></table>") == "x"
    assert to_telegram_html('See <a download href="f.pdf">the form</a>.') == "See the form."
    # Unclosed, a bare word not on the list is still text.
    assert to_telegram_html("a<b and c>d") == "a&lt;b and c&gt;d"


def test_the_rule_by_the_tag_and_its_closing() -> None:
    def closed(name: str) -> bool:
        return True

    def never(name: str) -> bool:
        return False

    assert is_html_tag("<table border>", closed)
    assert is_html_tag("<a download href=x>", closed)
    assert not is_html_tag("<time>", never)
    assert not is_html_tag("<label>", never)
    assert is_html_tag("<br>", never) and is_html_tag("<img src=x>", never)
    assert is_html_tag("</time>", never)
    assert not is_html_tag("<emotion>", closed)


def test_a_step_title_keeps_a_placeholder_named_like_an_element() -> None:
    text = HEAD + "## Steps\n1. **Pick a <time>**\n2. **A <u>b</u>**\n3. **<label> it**\n"
    parsed, _ = parse_card(text, "C")
    assert parsed is not None
    assert [step.title for step in parsed.steps] == ["Pick a <time>", "A b", "<label> it"]


def test_placeholder_lines_nested_in_quotes_render() -> None:
    # Each re-parse of a placeholder line once began with its own nesting limit: 100
    # levels of them overflowed the stack, and every view of the card raised.
    text = "<x>\n" + "".join("> " * i + "<x>\n" for i in range(1, 100))
    html = to_telegram_html(text)
    assert html.startswith("&lt;x&gt;")
    assert "&lt;x&gt;" in html
    deep = "".join("> " * i + "<x> and **y**\n" for i in range(1, 300))
    assert "&lt;x&gt;" in to_telegram_html("<x>\n" + deep)


def test_a_long_run_of_footnote_openers_renders() -> None:
    # From each `[^` the loose-footnote pattern scanned to the end of the run (8 s).
    assert to_telegram_html("[^" * 50_000 + "x").endswith("[^x")
