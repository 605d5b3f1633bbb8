"""Telegram HTML mechanics: card Markdown → escaped HTML, UTF-16 length, splitting long
messages without breaking a tag. Every piece of vault or user text is escaped here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape

from bot.vault.wikilinks import replace_links


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram counts message limits in."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


MESSAGE_LIMIT = 4096


_BOLD = re.compile(r"\*\*(?=\S)([^<>]+?)(?<=\S)\*\*|__(?=\S)([^<>]+?)(?<=\S)__")


_ITALIC = re.compile(
    r"(?<![\w*])\*(?=\S)([^<>*]+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)([^<>_]+?)(?<=\S)_(?!\w)"
)


_CODE = re.compile(r"`([^`<>]+)`")


def inline(markdown: str) -> str:
    """One piece of card Markdown → Telegram HTML: escaped, with bold, italic, code and
    wikilinks (shown as their display name) converted deliberately.

    Converted paragraph by paragraph, so no tag spans a blank line and a long text
    can always be split between paragraphs.
    """
    return "\n\n".join(_inline_paragraph(part) for part in markdown.split("\n\n"))


def _inline_paragraph(markdown: str) -> str:
    text = escape(replace_links(markdown), quote=False)
    text = _BOLD.sub(lambda m: f"<b>{m.group(1) or m.group(2)}</b>", text)
    text = _ITALIC.sub(lambda m: f"<i>{m.group(1) or m.group(2)}</i>", text)
    return _CODE.sub(r"<code>\1</code>", text)


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split HTML into messages of at most `limit` UTF-16 units: at paragraph breaks when
    possible, then line breaks, then spaces, closing and reopening tags across a cut."""
    if utf16_len(text) <= limit:
        return [text]
    chunks: list[str] = []
    current = ""
    for paragraph in text.split("\n\n"):
        candidate = f"{current}\n\n{paragraph}" if current else paragraph
        if utf16_len(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
        if utf16_len(paragraph) <= limit:
            current = paragraph
        else:
            *full, current = _split_long(paragraph, limit)
            chunks += full
    if current:
        chunks.append(current)
    return chunks


_PIECE = re.compile(r"<[^>]+>|&[#\w]+;|\s+|[^<&\s]+")


def _split_long(text: str, limit: int) -> list[str]:
    chunks: list[str] = []
    open_tags: list[str] = []  # the full opening tags, to reopen after a cut
    current = ""

    def closing() -> str:
        return "".join(f"</{_tag_name(tag)}>" for tag in reversed(open_tags))

    def cut() -> None:
        nonlocal current
        if current.strip():
            chunks.append(current + closing())
        current = "".join(open_tags)

    for piece in _pieces(text, limit // 2):
        if utf16_len(current + piece + closing()) > limit and current.strip():
            cut()
            if piece.isspace():
                continue
        current += piece
        if piece.startswith("</"):
            open_tags.pop()
        elif piece.startswith("<"):
            open_tags.append(piece)
    if current.strip():
        chunks.append(current + closing())
    return chunks


def _pieces(text: str, longest: int) -> Iterator[str]:
    """Tags, entities, whitespace and words; words longer than `longest` are cut."""
    for match in _PIECE.finditer(text):
        piece = match.group(0)
        if piece.startswith(("<", "&")) or len(piece) <= longest:
            yield piece
        else:
            yield from (piece[i : i + longest] for i in range(0, len(piece), longest))


def _tag_name(tag: str) -> str:
    return tag[1:-1].split()[0]
