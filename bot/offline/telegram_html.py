"""Check text the way Telegram's HTML parse mode does, so the fake rejects what Telegram would."""

from __future__ import annotations

import html
import re

from telegram.constants import MessageLimit

MAX_MESSAGE_UTF16 = MessageLimit.MAX_TEXT_LENGTH
MAX_CAPTION_UTF16 = MessageLimit.CAPTION_LENGTH

# Tags Telegram's HTML parse mode accepts (https://core.telegram.org/bots/api#html-style).
ALLOWED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "a",
        "code",
        "pre",
        "span",
        "tg-spoiler",
        "tg-emoji",
        "blockquote",
    }
)
_TOKEN = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*)?)>|&(#\d+|#x[0-9a-fA-F]+|\w+);")
_NAMED_ENTITIES = frozenset({"lt", "gt", "amp", "quot"})
# Telegram's nesting rules: bold, italic, underline, strikethrough and spoiler nest
# freely; a blockquote cannot hold another; code holds nothing, pre only its code;
# the other entities (links, code, pre) cannot contain each other.
_SAME = {"strong": "b", "em": "i", "ins": "u", "strike": "s", "del": "s"}
_FREE = frozenset({"b", "i", "u", "s", "tg-spoiler", "span", "tg-emoji"})


class EntityError(ValueError):
    """Telegram's 'can't parse entities' error."""


def visible_text(text: str) -> str:
    """Parse Telegram HTML into the plain text a person sees; raise EntityError if invalid."""
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        out.append(_plain(text[pos : match.start()], match.start()))
        pos = match.end()
        closing, tag, attrs, entity = match.groups()
        if entity is not None:
            if entity.startswith("#") or entity in _NAMED_ENTITIES:
                out.append(html.unescape(match.group(0)))
                continue
            raise EntityError(f"Unsupported HTML entity at byte offset {match.start()}")
        tag = tag.lower()
        if tag not in ALLOWED_TAGS:
            raise EntityError(f'Unsupported start tag "{tag}" at byte offset {match.start()}')
        if closing:
            if not stack or stack[-1] != tag:
                raise EntityError(f'Unmatched end tag at byte offset {match.start()}, "{tag}"')
            stack.pop()
        else:
            if tag == "a" and "href=" not in attrs:
                raise EntityError("Can't find href attribute in the a tag")
            _check_nesting(stack, tag, match.start())
            stack.append(tag)
    out.append(_plain(text[pos:], pos))
    if stack:
        raise EntityError(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def _check_nesting(stack: list[str], tag: str, offset: int) -> None:
    inner = _SAME.get(tag, tag)
    outer = [_SAME.get(name, name) for name in stack]
    if "code" in outer or ("pre" in outer and (inner != "code" or outer[-1] != "pre")):
        raise EntityError(f"Can't nest {tag} inside code or pre at byte offset {offset}")
    if inner == "blockquote" and "blockquote" in outer:
        raise EntityError(f"Blockquotes can't be nested (byte offset {offset})")
    if inner not in _FREE and "a" in outer:
        raise EntityError(f"Can't nest {tag} inside a link at byte offset {offset}")
    if inner == "a" and any(name in ("code", "pre") for name in outer):
        raise EntityError(f"Can't nest a link inside code at byte offset {offset}")


def _plain(chunk: str, offset: int) -> str:
    for char in ("<", "&"):
        index = chunk.find(char)
        if index >= 0:
            raise EntityError(
                f"Unexpected {char!r} at byte offset {offset + index}: escape it as an entity"
            )
    return chunk
