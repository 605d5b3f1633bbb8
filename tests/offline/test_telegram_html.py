import pytest

from bot.offline.telegram_html import EntityError, visible_text
from bot.texts.html import utf16_len


@pytest.mark.parametrize(
    ("html", "shown"),
    [
        ("plain", "plain"),
        ("<b>bold</b> &amp; <i>it</i>", "bold & it"),
        ('<a href="https://x">link</a>', "link"),
        ("&lt;script&gt; &#39; &#x41;", "<script> ' A"),
        ("<blockquote>q</blockquote><tg-spoiler>s</tg-spoiler>", "qs"),
        ("→ don’t — fine > ok", "→ don’t — fine > ok"),
        ('<pre><code class="language-py">x</code></pre>', "x"),
        ('<blockquote expandable><b>T</b> <a href="https://x"><i>l</i></a></blockquote>', "T l"),
        ("<b><code>c</code></b>", "c"),
    ],
)
def test_valid_html(html: str, shown: str) -> None:
    assert visible_text(html) == shown


@pytest.mark.parametrize(
    "html",
    [
        "<script>x</script>",
        "<b>open",
        "a < b",
        "Tom & Jerry",
        "<b><i>x</b></i>",
        "</b>",
        "&nbsp;",
        "<a>no href</a>",
        "<code><b>x</b></code>",
        "<pre><b>x</b></pre>",
        "<blockquote><blockquote>x</blockquote></blockquote>",
        '<a href="https://x"><code>x</code></a>',
        '<a href="https://x"><a href="https://y">x</a></a>',
    ],
)
def test_invalid_html_is_rejected_like_telegram(html: str) -> None:
    with pytest.raises(EntityError):
        visible_text(html)


def test_length_counts_utf16_units() -> None:
    assert utf16_len("abc") == 3
    assert utf16_len("😀") == 2
