"""Card Markdown (Obsidian flavour) → the small HTML subset Telegram accepts.

markdown-it-py parses (CommonMark plus tables, strikethrough, task lists and
footnotes); two small inline rules of ours add what Obsidian has and CommonMark lacks
(`[[wikilinks]]`, `![[embeds]]`, `==highlight==`). The renderer below is ours
because Telegram is not a browser: it knows only b, i, u, s, code, pre, a and
blockquote, forbids nesting some of them (a blockquote in a blockquote, anything
in code, code in a link), and has no lists, headings, tables or images. So each
construct becomes the closest thing a person can read in a chat, and all text
is escaped. HTML in a card is parsed only to be taken apart: its tags are dropped
(a `<br>` is a line break) and its text is shown, escaped like the rest. Only tags of
real HTML elements are tags: a placeholder (`I felt <emotion>`) is text, and shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from html import escape, unescape
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.footnote.index import footnote_def
from mdit_py_plugins.tasklists import tasklists_plugin

from bot.vault.syntax import closing_tags, is_html_tag, strip_block_ids, strip_comments
from bot.vault.wikilinks import WIKILINK, WikiLink

# Links a person may open from a chat; anything else (file:, obsidian:, javascript:)
# is shown as its text only.
LINK_SCHEMES = frozenset({"http", "https", "tg"})
# A callout longer than this (in characters shown) starts folded, as Telegram's
# expandable blockquote, so a long aside never buries the step it belongs to.
EXPAND_AFTER = 300
_CALLOUT = re.compile(r"^\[!([\w-]+)\]([+-]?)[ \t]*")
_LANGUAGE = re.compile(r"^[\w+#.-]{1,32}$")
# Code blocks that are queries for a plugin (Dataview, Obsidian's search, Tasks): what
# they show is computed in Obsidian, and the query itself means nothing to a reader.
QUERY_LANGUAGES = frozenset({"dataview", "dataviewjs", "query", "tasks"})
# Dataview's inline fields: `[key:: value]` shows as "key: value", `(key:: value)` as
# the value alone, and `key:: value` as "key: value".
_BRACKET_FIELD = re.compile(r"\[([^\[\]:\n]+?)::[ \t]*([^\[\]\n]*)\]")
_PAREN_FIELD = re.compile(r"\(([^()\n:]+?)::[ \t]*([^()\n]*)\)")
_LINE_FIELD = re.compile(r"(?<=[\w)*_])::(?=[ \t])")
# A footnote reference whose definition is not in the same text (a step's note defined
# under ## Description): the marker alone means nothing.
# No `[` inside: from each of a long run of `[^` it would scan to the run's end.
_LOOSE_FOOTNOTE = re.compile(r"\[\^[^\[\]\s]+\]")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# HTML: a tag that ends a line of text, one that is a line break, and any tag at all.
_HTML_BREAK = re.compile(
    r"<br\s*/?>|</(?:p|div|summary|details|li|tr|h[1-6]|blockquote)\s*>", re.I
)
# A tag stops at the next `<`: `<[^>]*>` would scan to the end of the text from each of
# a long run of `<` without a `>`, in time the square of the run.
_HTML_TAG = re.compile(r"<[^<>]*>")
_HIDDEN_ELEMENT = re.compile(r"<(script|style)\b", re.IGNORECASE)


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    """`[[Note|alias]]` and `![[embed]]` as one token carrying the parsed link."""
    src, pos = state.src, state.pos
    if src[pos] not in "![" or not src.startswith(("[[", "![["), pos):
        return False
    match = WIKILINK.match(src, pos, state.posMax)
    if match is None:
        return False
    if not silent:
        note, heading, alias = match.groups()
        token = state.push("wikilink", "", 0)
        token.meta = {
            "link": WikiLink(note.strip(), heading and heading.strip(), alias and alias.strip()),
            "embed": src[pos] == "!",
        }
    state.pos = match.end()
    return True


def _highlight_rule(state: StateInline, silent: bool) -> bool:
    """`==text==` (Obsidian's highlight), its inside parsed as Markdown."""
    src, start = state.src, state.pos
    if not src.startswith("==", start) or start + 2 >= state.posMax:
        return False
    if src[start + 2].isspace() or src[start + 2] == "=":
        return False
    end = src.find("==", start + 3, state.posMax)
    while end > 0 and src[end - 1].isspace():
        end = src.find("==", end + 1, state.posMax)
    if end < 0:
        return False
    if not silent:
        old_max = state.posMax
        state.push("mark_open", "mark", 1)
        state.pos, state.posMax = start + 2, end
        state.md.inline.tokenize(state)
        state.push("mark_close", "mark", -1)
        state.posMax = old_max
    state.pos = end + 2
    return True


def _any_link(url: str) -> bool:
    return True


_IN_FOOTNOTE = "skillbot_in_footnote"


def _footnote_def_outside_footnotes(
    state: StateBlock, start_line: int, end_line: int, silent: bool
) -> bool:
    """The plugin's footnote definition, but never inside another one: there (`[^1]: -
    [^2]: …`) the plugin moves the inner definition out of the list holding it and leaves
    the list's closing tokens without their openings, which no syntax tree can be built
    from. An inner one is read as CommonMark reads it (a link reference definition,
    which shows nothing, or text). (Asked only whether a line
    starts one, `silent`, it answers as ever: a definition still ends the paragraph
    before it, and the next definition starts there, at the outer level.)"""
    if silent:
        return footnote_def(state, start_line, end_line, silent)
    if state.env.get(_IN_FOOTNOTE):
        return False
    state.env[_IN_FOOTNOTE] = True
    try:
        return footnote_def(state, start_line, end_line, silent)
    finally:
        state.env[_IN_FOOTNOTE] = False


# How deep blocks nest (quotes, lists) before markdown-it stops reading them:
# commonmark's own limit, kept over the re-parses of placeholder lines (_Renderer.block).
MAX_NESTING = 20


@lru_cache(maxsize=MAX_NESTING)
def _parser(nesting: int = MAX_NESTING) -> MarkdownIt:
    # HTML is parsed so that its tags can be dropped, as Obsidian hides them, rather than
    # shown as a literal `<br>`; the renderer passes none of it on.
    md = MarkdownIt("commonmark", {"html": True, "breaks": True, "maxNesting": nesting})
    md.enable(["table", "strikethrough"])
    md.use(tasklists_plugin)
    md.use(footnote_plugin, inline=False)
    md.block.ruler.at(
        "footnote_def", _footnote_def_outside_footnotes, {"alt": ["paragraph", "reference"]}
    )
    # Every link parses, so one we will not pass on (javascript:, file:) still shows its
    # words rather than raw brackets; `link` below decides what becomes a tappable link.
    md.validateLink = _any_link  # type: ignore[method-assign]
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    md.inline.ruler.before("emphasis", "highlight", _highlight_rule)
    return md


_MD = _parser(MAX_NESTING)


@lru_cache(maxsize=4096)
def to_telegram_html(markdown: str) -> str:
    """Render card Markdown as Telegram HTML: blocks separated by blank lines.

    Cached: a vault has a few hundred texts, shown again at every step and nudge.
    """
    return "\n\n".join(telegram_blocks(markdown)).strip()


@lru_cache(maxsize=1024)
def telegram_blocks(markdown: str) -> tuple[str, ...]:
    """The Telegram HTML of each top-level block of card Markdown (a paragraph, a list, a
    quote, a code block, a table), those that show something: a text shortened between
    them never cuts a block in half."""
    source = strip_block_ids(strip_comments(markdown))
    tree = SyntaxTreeNode(_MD.parse(source))
    renderer = _Renderer(source)
    return tuple(part for part in map(renderer.block, tree.children) if part.strip())


class _Renderer:
    """Walks the syntax tree; `quoted` and the inline context keep Telegram's nesting rules."""

    def __init__(self, source: str = "") -> None:
        self.quoted = False
        self.source = source
        # Where each element's last closing tag is: a known element's tag (`<time>`) is
        # one only when void or closed later in the text, else a placeholder, shown.
        self.closings = closing_tags(source)
        self.line_starts: list[int] | None = None
        self.offset = 0  # where the block being rendered starts in `source`
        # The nesting that the enclosing re-parses of placeholder lines used up: each
        # re-parse is given only what is left, so hostile nesting ends, not the stack.
        self.level = 0

    def closed(self, name: str) -> bool:
        """Whether an element's closing tag comes after the start of this block."""
        return self.closings.get(name, -1) >= self.offset

    def _at(self, node: SyntaxTreeNode) -> None:
        """Note where `node` starts (the source's own blocks only, not a re-parse's)."""
        if self.closings and self.level == 0 and node.map:
            if self.line_starts is None:
                starts = [0]
                starts += (m.end() for m in re.finditer("\n", self.source))
                self.line_starts = starts
            line = node.map[0]
            if line < len(self.line_starts):
                self.offset = max(self.offset, self.line_starts[line])

    # -- blocks ---------------------------------------------------------------

    def blocks(self, nodes: list[SyntaxTreeNode], separator: str) -> str:
        parts = (self.block(node) for node in nodes)
        return separator.join(part for part in parts if part.strip())

    def block(self, node: SyntaxTreeNode) -> str:
        kind = node.type
        self._at(node)
        if kind == "paragraph":
            return self.inline_of(node)
        if kind == "heading":
            text = self.inline_of(node)
            return f"<b>{text}</b>" if text.strip() else ""
        if kind in ("bullet_list", "ordered_list"):
            return self.items(node, depth=0)
        if kind == "blockquote":
            return self.quote(node)
        if kind in ("fence", "code_block"):
            return self.code_block(node)
        if kind == "table":
            return self.table(node)
        if kind == "hr":
            return ""  # a break between blocks is already a blank line
        if kind == "html_block":
            if not _starts_with_markup(node.content, self.closed):
                # `<partner name> is …` on a line of its own: a placeholder, not HTML.
                # Read as Markdown, the `<` escaped so it cannot start a tag again.
                return self.placeholder_block(node)
            return _html_text(node.content, self.closed)
        if kind == "footnote_block":
            return self.footnotes(node)
        return escape(node.content, quote=False)

    def placeholder_block(self, node: SyntaxTreeNode) -> str:
        """An HTML block that starts with a placeholder, read again as Markdown, within
        the nesting its place in the card leaves."""
        text = node.content.lstrip()
        level, parent = self.level, node.parent
        while parent is not None and parent.parent is not None:
            level, parent = level + 1, parent.parent
        if level >= MAX_NESTING:
            return escape(text.strip(), quote=False)
        tree = SyntaxTreeNode(_parser(MAX_NESTING - level).parse("&lt;" + text[1:]))
        outer, self.level = self.level, level + 1
        try:
            return self.blocks(tree.children, "\n\n")
        finally:
            self.level = outer

    def items(self, node: SyntaxTreeNode, depth: int) -> str:
        ordered = node.type == "ordered_list"
        number = int(node.attrs.get("start", 1)) if ordered else 0
        indent = "    " * depth
        lines = []
        for item in node.children:
            marker = f"{number}." if ordered else ("•" if depth == 0 else "◦")
            number += 1
            content = self.item(item, depth)
            if self._is_task(item):
                marker = "☑" if self._is_done(item) else "☐"
                content = content.lstrip()
            head, _, rest = content.partition("\n")
            lines.append(f"{indent}{marker} {head}" + (f"\n{rest}" if rest else ""))
        return "\n".join(lines)

    def item(self, node: SyntaxTreeNode, depth: int) -> str:
        parts = []
        for child in node.children:
            if child.type in ("bullet_list", "ordered_list"):
                parts.append(self.items(child, depth + 1))
            else:
                text = self.block(child)
                if text.strip():
                    parts.append(text)
        return "\n".join(parts)

    @staticmethod
    def _is_task(item: SyntaxTreeNode) -> bool:
        return "task-list-item" in str(item.attrs.get("class", ""))

    @staticmethod
    def _is_done(item: SyntaxTreeNode) -> bool:
        first = item.children[0] if item.children else None
        inline = first.children[0] if first is not None and first.children else None
        box = inline.children[0] if inline is not None and inline.children else None
        return box is not None and "checked" in box.content

    def footnotes(self, node: SyntaxTreeNode) -> str:
        """The footnotes, below the text: `¹ The note.` (the plugin lists only those
        the text refers to)."""
        lines = []
        for note in node.children:
            number = str(int(note.meta.get("id", 0)) + 1).translate(_SUPERSCRIPT)
            text = self.blocks([c for c in note.children if c.type != "footnote_anchor"], "\n")
            lines.append(f"{number} {text}")
        return "\n".join(lines)

    def quote(self, node: SyntaxTreeNode) -> str:
        if self.quoted:
            # Telegram cannot nest quotes: the inner one reads as part of the outer,
            # a callout's title as a bold line.
            title, _, body = self._callout(node)
            if title is None:
                return body
            return f"<b>{title}</b>" + (f"\n{body}" if body.strip() else "")
        self.quoted = True
        try:
            title, expand, body = self._callout(node)
        finally:
            self.quoted = False
        if title is None:
            return f"<blockquote>{body}</blockquote>" if body.strip() else ""
        text = f"<b>{title}</b>" + (f"\n{body}" if body.strip() else "")
        long = expand or len(_visible(body)) > EXPAND_AFTER
        return f"<blockquote{' expandable' if long else ''}>{text}</blockquote>"

    def _callout(self, node: SyntaxTreeNode) -> tuple[str | None, bool, str]:
        """A quote's callout title (None for a plain quote), whether it folds, and its body."""
        first = node.children[0] if node.children else None
        inline = first.children[0] if first is not None and first.children else None
        text = inline.children[0] if inline is not None and inline.children else None
        match = _CALLOUT.match(text.content) if text is not None and text.type == "text" else None
        if first is None or inline is None or text is None or match is None:
            return None, False, self.blocks(node.children, "\n")
        kind, fold = match.group(1), match.group(2)
        # The title is the rest of the callout's first line; the body is what follows.
        pieces = inline.children
        cut = next((i for i, c in enumerate(pieces) if c.type in ("softbreak", "hardbreak")), None)
        head = pieces[1:] if cut is None else pieces[1:cut]
        tail = [] if cut is None else pieces[cut + 1 :]
        title = escape(text.content[match.end() :], quote=False) + self.inlines(head)
        title = title.strip() or escape(kind.replace("-", " ").capitalize())
        body = [self.inlines(tail)] + [self.block(child) for child in node.children[1:]]
        return title, fold == "-", "\n".join(part for part in body if part.strip())

    def code_block(self, node: SyntaxTreeNode) -> str:
        code = escape(node.content.rstrip("\n"), quote=False)
        if not code.strip():
            return ""
        language = node.info.split()[0] if node.info.strip() else ""
        if language.casefold() in QUERY_LANGUAGES:
            return ""
        if _LANGUAGE.match(language):
            return f'<pre><code class="language-{escape(language)}">{code}</code></pre>'
        return f"<pre>{code}</pre>"

    def table(self, node: SyntaxTreeNode) -> str:
        lines = []
        for section in node.children:  # thead, tbody
            for row in section.children:
                cells = [self.inline_of(cell) for cell in row.children]
                line = " · ".join(cell for cell in cells if cell.strip())
                if line:
                    lines.append(f"<b>{line}</b>" if section.type == "thead" else line)
        return "\n".join(lines)

    # -- inline ---------------------------------------------------------------

    def inline_of(self, node: SyntaxTreeNode) -> str:
        return "".join(self.inlines(child.children) for child in node.children)

    def inlines(self, nodes: list[SyntaxTreeNode], *, in_link: bool = False) -> str:
        if not any(node.type == "html_inline" for node in nodes):
            return "".join(self.one(node, in_link) for node in nodes)
        parts, hidden = [], ""
        for node in nodes:
            # A <script> or <style> element shows nothing in Obsidian: its text neither.
            if hidden:
                if node.type == "html_inline" and node.content.lower().startswith(hidden):
                    hidden = ""
                continue
            if node.type == "html_inline" and (opening := _HIDDEN_ELEMENT.match(node.content)):
                hidden = f"</{opening.group(1).lower()}"
                continue
            parts.append(self.one(node, in_link))
        return "".join(parts)

    def one(self, node: SyntaxTreeNode, in_link: bool) -> str:
        kind = node.type
        if kind == "text":
            return escape(_obsidian_text(node.content), quote=False)
        if kind in ("softbreak", "hardbreak"):
            return "\n"
        if kind == "code_inline":
            code = escape(node.content, quote=False)
            return code if in_link else f"<code>{code}</code>"  # Telegram: no code in a link
        if kind in _WRAP:
            inner = self.inlines(node.children, in_link=in_link)
            tag = _WRAP[kind]
            return f"<{tag}>{inner}</{tag}>" if inner.strip() else inner
        if kind == "link":
            return self.link(node, in_link)
        if kind == "wikilink":
            return self.wikilink(node)
        if kind == "image":
            return ""  # a picture cannot be shown inside a text message
        if kind == "html_inline":
            # A tag (the task list's checkbox among them): dropped, its text stays. What
            # only looks like one (`<emotion>`, `<b and c>`) is text.
            if not _starts_with_markup(node.content, self.closed):
                return escape(node.content, quote=False)
            return "\n" if _HTML_BREAK.fullmatch(node.content.strip()) else ""
        if kind == "footnote_ref":
            return str(int(node.meta.get("id", 0)) + 1).translate(_SUPERSCRIPT)
        return escape(node.content, quote=False)

    def link(self, node: SyntaxTreeNode, in_link: bool) -> str:
        href = str(node.attrs.get("href", ""))
        inner = self.inlines(node.children, in_link=True)
        if not inner.strip():
            inner = escape(href, quote=False)
        scheme = urlsplit(href).scheme.casefold() if href else ""
        if in_link or scheme not in LINK_SCHEMES:
            return inner
        return f'<a href="{escape(href)}">{inner}</a>'

    @staticmethod
    def wikilink(node: SyntaxTreeNode) -> str:
        if node.meta["embed"]:
            # ![[photo.png]], ![[Note]], ![[Note#Heading]]: another note's text or a file,
            # which a chat message cannot hold; its name alone would read as a stray line.
            return ""
        link: WikiLink = node.meta["link"]
        return escape(link.display, quote=False)


def _obsidian_text(text: str) -> str:
    """Plain text with what Obsidian's plugins would not show as typed: Dataview's inline
    fields and footnote markers that have no definition here."""
    if "::" in text:
        text = _BRACKET_FIELD.sub(r"\1: \2", text)
        text = _PAREN_FIELD.sub(r"\2", text)
        text = _LINE_FIELD.sub(":", text)
    if "[^" in text:
        text = _LOOSE_FOOTNOTE.sub("", text)
    return text


def _html_text(html_text: str, closed: Callable[[str], bool] | None = None) -> str:
    """An HTML block as its text: comments, scripts and styles dropped, tags dropped, a
    closing block tag or `<br>` a line break, entities read (the text is escaped again
    for Telegram)."""
    text = _without_between(html_text, "<!--", "-->")
    if "<" in text:
        text = _without_between(text, "<script", "</script>")
        text = _without_between(text, "<style", "</style>")
    text = _HTML_TAG.sub(
        lambda tag: "" if is_html_tag(tag[0], closed) else tag[0], _HTML_BREAK.sub("\n", text)
    )
    lines = (" ".join(line.split()) for line in unescape(text).split("\n"))
    return escape("\n".join(line for line in lines if line), quote=False)


def _starts_with_markup(html_text: str, closed: Callable[[str], bool] | None = None) -> bool:
    """Whether HTML starts with what Obsidian hides: a comment, a declaration, or a tag
    of a real HTML element (`<emotion>` is none)."""
    text = html_text.lstrip()
    if text.startswith(("<!", "<?")):
        return True
    tag = _HTML_TAG.match(text)
    return tag is not None and is_html_tag(tag.group(0), closed)


def _without_between(text: str, opening: str, closing: str) -> str:
    """`text` without each stretch from `opening` to `closing` (any case), one left open
    running to the end. Found with str.find, in one pass: a regex `opening.*?closing`
    rescans to the end from every opening that is never closed."""
    folded = text.lower()
    kept, at = [], 0
    while (start := folded.find(opening, at)) >= 0:
        kept.append(text[at:start])
        end = folded.find(closing, start + len(opening))
        if end < 0:
            return "".join(kept)
        at = end + len(closing)
    kept.append(text[at:])
    return "".join(kept)


_WRAP = {"strong": "b", "em": "i", "s": "s", "mark": "u"}
_TAG = re.compile(r"<[^>]+>")


def _visible(html_text: str) -> str:
    return _TAG.sub("", html_text)
