"""Obsidian links: `[[Note]]`, `[[Note|alias]]`, `[[Note#Heading]]`, `![[Note]]`, and the
Markdown links Obsidian writes instead when "Use [[Wikilinks]]" is off
(`[Note](Folder/Note%20Name.md)`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

WIKILINK = re.compile(r"!?\[\[([^\[\]|#]*)(?:#([^\[\]|]*))?(?:\|([^\[\]]*))?\]\]")
# `[text](target)` or `[text](<target with spaces>)`, the forms Obsidian writes.
MARKDOWN_LINK = re.compile(r"(!?)\[([^\[\]\n]*)\]\((?:<([^<>\n]+)>|([^()\s]+))\)")


@dataclass(frozen=True, slots=True)
class WikiLink:
    """One parsed link to a note."""

    note: str
    heading: str | None
    alias: str | None
    # The note's name without folders or `.md` (`Folder/Note.md` links to `Note`, as
    # in Obsidian); computed once because link resolution asks for it many times.
    target: str = field(init=False)
    # The link as written, when that is not `[[note]]` (a Markdown link), so a problem
    # with it names what the author can find in the note.
    written: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        name = self.note.rsplit("/", 1)[-1].strip()
        if name[-3:].casefold() == ".md":
            name = name[:-3].rstrip()
        object.__setattr__(self, "target", name)

    @property
    def display(self) -> str:
        """What Obsidian shows for the link: the alias, else the note's name (without its
        folders), else the heading of a link within the note."""
        if self.alias:
            return self.alias
        if self.target:
            return self.target
        return self.heading or ""

    @property
    def shown_in_messages(self) -> str:
        """The link as a problem report names it: as written, or `[[name]]`."""
        return self.written or f"[[{self.target}]]"


def as_shown(text: str) -> str:
    """`text` with each wikilink replaced by what Obsidian shows for it (plain text, for
    a step's title; rendered Markdown links them by name in `bot/texts/markdown.py`).
    Embeds (`![[Note]]`) are left out, as the rendered text leaves them out."""

    def shown(match: re.Match[str]) -> str:
        if match.group(0).startswith("!"):
            return ""
        note, heading, alias = match.groups()
        return WikiLink(note.strip(), _clean(heading), _clean(alias)).display

    return WIKILINK.sub(shown, text) if "[[" in text else text


def find_links(text: str) -> Iterator[WikiLink]:
    """Every wikilink in `text`, in order."""
    for link, _ in iter_links(text):
        yield link


def iter_links(text: str) -> Iterator[tuple[WikiLink, int]]:
    """Every wikilink in `text` with the offset it starts at."""
    if "[[" not in text:
        return
    for match in WIKILINK.finditer(text):
        note, heading, alias = match.groups()
        yield WikiLink(note.strip(), _clean(heading), _clean(alias)), match.start()


def find_markdown_links(text: str) -> Iterator[WikiLink]:
    """Every Markdown link in `text` that points to a note in the vault (`[A](A.md)`,
    `[B](../Meta/B%20C.md#Steps)`), read as the wikilink Obsidian treats it as; links
    to web pages and to other files (`.png`, `.pdf`) are no notes and are left out."""
    if "](" not in text:
        return
    for match in MARKDOWN_LINK.finditer(text):
        if match.group(1):
            continue  # `![…](…)`: an embedded picture or note, never a link
        words, target = match.group(2), match.group(3) or match.group(4)
        parts = urlsplit(target)
        if parts.scheme or parts.netloc:
            continue  # https:, obsidian:, mailto: — not a note of this vault
        path = unquote(parts.path)
        name = path.rsplit("/", 1)[-1]
        if not name or ("." in name and name[-3:].casefold() != ".md"):
            continue  # a folder, or a file that is no note
        heading = _clean(unquote(parts.fragment)) if parts.fragment else None
        yield WikiLink(path.strip(), heading, _clean(words), written=match.group(0))


def replace_links(text: str) -> str:
    """Replace each wikilink with its display name."""
    return WIKILINK.sub(lambda m: next(find_links(m.group(0))).display, text)


def _clean(part: str | None) -> str | None:
    if part is None:
        return None
    return part.strip() or None
