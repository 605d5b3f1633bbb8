"""Obsidian's own inline syntax that CommonMark lacks: `%%comments%%` and `#tags`."""

from __future__ import annotations

import re
from collections.abc import Callable

# %%…%% (over lines too); one left open runs to the end of the note. Code spans
# and fences are matched first so a %% inside code is kept.
_COMMENT = re.compile(r"(```.*?(?:```|\Z)|`[^`\n]*`)|%%.*?(?:%%|\Z)", re.DOTALL)
_CODE = re.compile(r"```.*?(?:```|\Z)|`[^`\n]*`", re.DOTALL)
# A tag follows a space or starts a line; letters, digits, _, - and / (nesting);
# Obsidian needs at least one character that is not a digit (`#1` is no tag).
# Written `#` first, then "not after a non-space", so the regex engine jumps from
# one `#` to the next instead of trying every position (30x faster on a card).
_TAG = re.compile(r"#(?<!\S#)([\w/-]+)")


def strip_comments(text: str, *, keep_lines: bool = False) -> str:
    """Remove `%%comments%%` (code keeps its %%); `keep_lines` leaves their line breaks,
    so line numbers after a comment stay true."""
    # One character first: "%%" is searched for 50 times slower than "%" in a text
    # with any non-ASCII character (no memchr fast path), and most notes have no "%".
    if "%" not in text or "%%" not in text:
        return text

    def drop(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(1)
        return "\n" * match.group(0).count("\n") if keep_lines else ""

    return _COMMENT.sub(drop, text)


def unclosed_comment(text: str) -> int | None:
    """Where a `%%` comment that is never closed opens (it hides the rest of the note,
    in Obsidian and here), or None."""
    if "%" not in text or "%%" not in text:
        return None
    for match in _COMMENT.finditer(text):
        found = match.group(0)
        if match.group(1) is None and (len(found) < 4 or not found.endswith("%%")):
            return match.start()
    return None


# A fence line: ``` or ~~~ (three or more), at any indentation (a fence in a list item
# is indented), and what follows it on the line.
_FENCE_LINE = re.compile(r"^[ \t]*(`{3,}|~{3,})([^\n]*)", re.MULTILINE)


def unclosed_fence(text: str) -> int | None:
    """Where a code block that is never closed opens (CommonMark, and Obsidian, show the
    rest of the note as code), or None."""
    if ("`" not in text or "```" not in text) and ("~" not in text or "~~~" not in text):
        return None
    opened: re.Match[str] | None = None
    for match in _FENCE_LINE.finditer(text):
        fence, rest = match.group(1), match.group(2)
        if opened is None:
            if not (fence[0] == "`" and "`" in rest):  # ``` x ``` on one line is code
                opened = match
        elif (
            fence[0] == opened.group(1)[0]
            and len(fence) >= len(opened.group(1))
            and not rest.strip()
        ):
            opened = None
    return None if opened is None else opened.start()


# Obsidian's block id: `^name` ending a paragraph or list item, for [[Note#^name]] links.
# The run of blanks is matched only from its start (the lookbehind): tried from each of
# its blanks, a long run before a lone "^" took time in the square of its length.
_BLOCK_ID = re.compile(r"(?<![ \t])[ \t]+\^[A-Za-z0-9-]+(?=[ \t]*\r?$)", re.MULTILINE)


def strip_block_ids(text: str) -> str:
    """Remove block ids (`… the last words ^s2`): Obsidian hides them, and so must the bot."""
    if "^" not in text:
        return text
    return _BLOCK_ID.sub("", text)


def inline_tags(body: str) -> tuple[str, ...]:
    """The `#tags` written in a note's text (not in code), without the `#`."""
    if "#" not in body:
        return ()
    if "`" in body:
        body = _CODE.sub(" ", body)
    found = (tag.strip("/") for tag in _TAG.findall(body))
    return tuple(dict.fromkeys(t for t in found if t and not t.replace("-", "").isdigit()))


def front_tags(value: object) -> tuple[str, ...]:
    """Frontmatter `tags:` as Obsidian reads it: a list, or words split by commas or
    spaces, each with or without its `#`."""
    if value is None:
        return ()
    items = value if isinstance(value, list | tuple) else [value]
    words = (word for item in items for word in re.split(r"[,\s]+", str(item)))
    return tuple(dict.fromkeys(w.lstrip("#") for w in words if w.lstrip("#")))


# The HTML elements a note may use (Obsidian hides their tags). Anything else in angle
# brackets is text: skill cards are full of placeholders (`I felt <emotion> when
# <event>`), which must be shown, not dropped as unknown tags.
# fmt: off
HTML_ELEMENTS = frozenset({
    "a", "abbr", "address", "article", "aside", "audio", "b", "bdi", "bdo", "big",
    "blockquote", "br", "button", "caption", "center", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "dialog", "div", "dl", "dt", "em", "figcaption",
    "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i",
    "iframe", "img", "input", "ins", "kbd", "label", "li", "main", "mark", "nav", "ol", "p",
    "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "script", "section", "small",
    "source", "span", "strike", "strong", "style", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "video",
    "wbr",
})
# Attributes written without a value that real HTML uses (`<details open>`): any other
# bare word makes `a<b and c>d` text, not a <b> tag.
_BARE_ATTRIBUTES = frozenset({
    "open", "checked", "disabled", "hidden", "controls", "autoplay", "loop", "muted",
    "selected", "readonly", "required", "reversed", "allowfullscreen", "async", "defer",
    "novalidate", "nowrap",
})
# Elements that have no closing tag: a tag of one is always a tag.
VOID_ELEMENTS = frozenset({"br", "col", "hr", "img", "input", "source", "wbr"})
# fmt: on
# A tag's name and what follows it; each attribute as `name=value` or a bare name.
_TAG_PARTS = re.compile(r"<(/?)([A-Za-z][\w-]*)(.*?)/?>\Z", re.DOTALL)
_ATTRIBUTE = re.compile(
    r"""\s*([^\s"'=<>`/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?\s*|\s*/\s*"""
)


_CLOSING_TAG = re.compile(r"</([A-Za-z][\w-]*)")


def closing_tags(text: str) -> dict[str, int]:
    """Where the last closing tag (`</time>`) of each element name in `text` starts, by
    the name in lower case: in one pass, so each tag's question is a look-up."""
    if "</" not in text:
        return {}
    return {match[1].lower(): match.start() for match in _CLOSING_TAG.finditer(text)}


def is_html_tag(tag: str, closed: Callable[[str], bool] | None = None) -> bool:
    """Whether `<…>` is a tag of a real HTML element (not `<emotion>`, `<b and c>`).

    `closed` says whether an element's closing tag (by its name in lower case) comes
    later in the tag's text. Given it, a known element's opening tag is a tag only when
    the element is void (`<br>`) or closed later: `Meet at <time> in <place>` is a
    placeholder, shown, and `<table border>…</table>` a tag, whatever its bare
    attributes. Without it, by the tag alone: a known element, with attributes that have
    values or are known to stand alone."""
    parts = _TAG_PARTS.match(tag)
    if parts is None or (name := parts.group(2).lower()) not in HTML_ELEMENTS:
        return False
    closing, rest = parts.group(1), parts.group(3)
    any_bare = False
    if closed is not None and not closing and name not in VOID_ELEMENTS:
        if not closed(name):
            return False
        any_bare = True  # its closing tag makes it an element: `<a download href=…>`
    if not rest.strip():
        return True
    if closing or not rest[0].isspace():
        return False
    at = 0
    while at < len(rest):
        attribute = _ATTRIBUTE.match(rest, at)
        if attribute is None or attribute.end() == at:
            return False
        word = (attribute.group(1) or "").lower()
        bare = word and "=" not in attribute.group(0)
        if (
            bare
            and not any_bare
            and word not in _BARE_ATTRIBUTES
            and not word.startswith(("data-", "aria-"))
        ):
            return False
        at = attribute.end()
    return True


def fenced_spans(text: str) -> list[tuple[int, int]]:
    """Where the closed code blocks of `text` are (from the opening fence line to the end
    of the closing one), as unclosed_fence pairs them. One never closed is left out: a
    warning names it, and what follows it is still read."""
    if ("`" not in text or "```" not in text) and ("~" not in text or "~~~" not in text):
        return []
    spans: list[tuple[int, int]] = []
    opened: re.Match[str] | None = None
    for match in _FENCE_LINE.finditer(text):
        fence, rest = match.group(1), match.group(2)
        if opened is None:
            if not (fence[0] == "`" and "`" in rest):
                opened = match
        elif (
            fence[0] == opened.group(1)[0]
            and len(fence) >= len(opened.group(1))
            and not rest.strip()
        ):
            spans.append((opened.start(), match.end()))
            opened = None
    return spans
