"""Obsidian wikilinks: `[[Note]]`, `[[Note|alias]]`, `[[Note#Heading]]`, `![[Note]]`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

WIKILINK = re.compile(r"!?\[\[([^\[\]|#]*)(?:#([^\[\]|]*))?(?:\|([^\[\]]*))?\]\]")


@dataclass(frozen=True, slots=True)
class WikiLink:
    """One parsed wikilink."""

    note: str
    heading: str | None
    alias: str | None
    # The note's name without folders (`Folder/Note` links to `Note`); computed
    # once because link resolution asks for it many times.
    target: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "target", self.note.rsplit("/", 1)[-1].strip())

    @property
    def display(self) -> str:
        """What Obsidian shows for the link: the alias, else the note (or heading) name."""
        if self.alias:
            return self.alias
        if self.note:
            return self.note
        return self.heading or ""


def as_shown(text: str) -> str:
    """`text` with each wikilink replaced by what Obsidian shows for it (plain text, for
    a step's title; rendered Markdown links them by name in `bot/texts/markdown.py`)."""

    def shown(match: re.Match[str]) -> str:
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


def replace_links(text: str) -> str:
    """Replace each wikilink with its display name."""
    return WIKILINK.sub(lambda m: next(find_links(m.group(0))).display, text)


def _clean(part: str | None) -> str | None:
    if part is None:
        return None
    return part.strip() or None
