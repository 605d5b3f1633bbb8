"""Telegram HTML mechanics: card Markdown → escaped HTML, UTF-16 length, splitting long
messages without breaking a tag. Every piece of vault or user text is escaped here."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from bot.texts.i18n import _
from bot.texts.markdown import telegram_blocks, to_telegram_html
from bot.vault.cards import SHOWN_TEXT_LIMIT


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram counts message limits in."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


# Telegram's limit (PTB's MessageLimit.MAX_TEXT_LENGTH; texts do not import telegram, so
# the Telegram layer passes that constant and a test keeps this default equal to it).
MESSAGE_LIMIT = 4096


def inline(markdown: str) -> str:
    """Card Markdown → Telegram HTML (see bot/texts/markdown.py): everything escaped,
    only Telegram's tags emitted."""
    return to_telegram_html(markdown)


def card_text(markdown: str) -> str:
    """A card's text (a description, a step's explanation, a mistake…) as Telegram HTML,
    cut at about SHOWN_TEXT_LIMIT characters with a note saying so (`skillbot check`
    names every text that long)."""
    # Markup shows no more than it takes to write: a text this short is shown whole.
    if len(markdown) <= SHOWN_TEXT_LIMIT:
        return to_telegram_html(markdown)
    return shortened(
        markdown, SHOWN_TEXT_LIMIT, _("(Shortened: the rest is too long for a chat.)")
    )


# A block that does not fit is cut inside only when this much room is left for it (or
# nothing comes before it): a few words of a paragraph are not worth the cut.
_ROOM_WORTH_CUTTING = 100


def shortened(markdown: str, limit: int, note: str) -> str:
    """Card Markdown as Telegram HTML showing at most about `limit` characters: whole
    blocks while they fit, then (when there is room, or nothing else) the head of a
    paragraph, list or table cut at a line or a space with its tags closed, then `note`
    (plain text, escaped here) on a line of its own, outside every block. A code block or
    a quote is never cut unless it comes first, so a note never lands inside one."""
    blocks = telegram_blocks(markdown)
    sizes = [_shown_size(block) for block in blocks]
    if sum(sizes) <= limit:
        return "\n\n".join(blocks)
    kept: list[str] = []
    size = 0
    for block, shown in zip(blocks, sizes, strict=True):
        if size + shown <= limit:
            kept.append(block)
            size += shown + 2
            continue
        room = limit - size
        whole = block.startswith(("<pre", "<blockquote"))
        if not kept or (room >= _ROOM_WORTH_CUTTING and not whole):
            head = split_message(block, max(room, _ROOM_WORTH_CUTTING))[0]
            kept.append(head if whole else f"{head}…")
        break
    return "\n\n".join(kept) + "\n" + html.escape(note, quote=False)


def _shown_size(text: str) -> int:
    return sum(map(_shown, _pieces(text, MESSAGE_LIMIT)))


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split HTML into messages of at most `limit` UTF-16 units of what Telegram shows
    (its limit counts the text after the tags are parsed: "&amp;" is one character, a tag
    none): at paragraph breaks when possible, then line breaks, then spaces, closing and
    reopening tags across a cut (a quote or a code block may hold blank lines, so a tag
    can span a paragraph break)."""
    # The markup is never shorter than what it shows: most messages need no count.
    if utf16_len(text) <= limit or sum(map(_shown, _pieces(text, limit // 4))) <= limit:
        return [text]
    chunks: list[str] = []
    pieces: list[str] = []  # the current message so far
    size = 0  # what it shows
    for piece in _pieces(text, limit // 4):
        pieces.append(piece)
        size += _shown(piece)
        while size > limit:
            head, pieces = _cut(pieces, limit)
            if _shows_something(head):
                chunks.append(head)
            size = sum(map(_shown, pieces))
    rest = "".join(pieces)
    if _shows_something(rest):
        chunks.append(rest)
    return chunks


def _shown(piece: str) -> int:
    """How much of Telegram's limit a piece takes: a tag none, an entity its character."""
    if piece.startswith("<"):
        return 0
    return utf16_len(html.unescape(piece) if piece.startswith("&") else piece)


def _cut(pieces: list[str], limit: int) -> tuple[str, list[str]]:
    """The longest head that fits, cut at the best break (paragraph, line, space), and the
    rest with the tags open at the cut reopened."""
    fits: list[bool] = []  # fits[i]: pieces[:i] is within the limit
    size = 0
    for piece in pieces:
        fits.append(size <= limit)
        size += _shown(piece)
    for wanted in ("\n\n", "\n", " "):
        for index in range(len(pieces) - 1, 0, -1):
            piece = pieces[index]
            if fits[index] and piece.isspace() and wanted in piece:
                return _split_at(pieces, index, skip=1)
    # No break fits: cut between pieces (a word longer than a quarter message was
    # already cut into parts), as late as fits.
    index = max((i for i in range(1, len(pieces)) if fits[i]), default=1)
    return _split_at(pieces, index, skip=0)


def _split_at(pieces: list[str], index: int, *, skip: int) -> tuple[str, list[str]]:
    opened: list[str] = []  # the full opening tags still open at the cut
    for piece in pieces[:index]:
        if piece.startswith("</"):
            opened.pop()
        elif piece.startswith("<"):
            opened.append(piece)
    closing = "".join(f"</{_tag_name(tag)}>" for tag in reversed(opened))
    return "".join(pieces[:index]) + closing, [*opened, *pieces[index + skip :]]


def _shows_something(html_text: str) -> bool:
    return bool(_VISIBLE_TAG.sub("", html_text).strip())


_VISIBLE_TAG = re.compile(r"<[^>]+>")
_PIECE = re.compile(r"<[^>]+>|&[#\w]+;|\s+|[^<&\s]+")


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
