"""Read any note of a vault: decide what it is, then parse it as that.

Most notes in an Obsidian vault are not skill cards. Only the frontmatter (and
tags) decide: a note whose class or tag makes it a skill is parsed as a card and
every problem with it is reported; a scenario is parsed as a scenario; any other
note is only counted.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from bot.vault.cards import (
    SHOWN_TEXT_LIMIT,
    Body,
    CardIssue,
    ParsedCard,
    aliases_in,
    body_of,
    card_from,
    front_links,
    language_code,
    long_text_warning,
    merge_links,
    names_in,
    paragraphs,
    read_frontmatter,
    scalar_text,
    section_links,
    sections_of,
)
from bot.vault.kinds import NoteKinds, Role
from bot.vault.syntax import front_tags, inline_tags
from bot.vault.wikilinks import WikiLink

# When the frontmatter cannot be read, a `fileClass:` line still says what the note
# meant to be, so a broken skill card is reported instead of silently ignored.
# To the end of the line, its "\r" left out: a Windows editor's note ends lines in CRLF.
_CLASS_LINE = re.compile(r"^fileClass:[ \t]*([^\r\n]*)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class ParsedScenario:
    """A situation to practise a skill in, before links are resolved."""

    title: str
    situation: str
    skills: tuple[WikiLink, ...]
    aliases: tuple[str, ...]
    tags: tuple[str, ...]
    path: str = ""  # relative to SKILLS_DIR, for problems
    # A translation declares its language (`lang: de`) and links the scenario it
    # translates (`translations: ["[[When they go quiet]]"]`), as a skill card does.
    lang: str = ""
    translations: tuple[WikiLink, ...] = ()


@dataclass(frozen=True, slots=True)
class Note:
    """What one note turned out to be, and what is wrong with it."""

    role: Role
    card: ParsedCard | None = None
    scenario: ParsedScenario | None = None
    issues: tuple[CardIssue, ...] = ()


Frontmatter = tuple[dict[str, Any], CardIssue | None]


def read_note(text: str, title: str, kinds: NoteKinds) -> Note:
    """Classify one note by its frontmatter and tags, and parse it as what it is."""
    return note_from(text, title, kinds, read_frontmatter(text))


def note_from(text: str, title: str, kinds: NoteKinds, frontmatter: Frontmatter) -> Note:
    """read_note, with the note's frontmatter already read by `read_frontmatter`."""
    if not text or text.isspace():
        return Note(Role.OTHER)
    meta, problem = frontmatter
    if problem is not None and problem.error:
        return Note(role_of_unreadable(text, kinds), issues=(problem,))
    note = _note_of(text, title, kinds, meta)
    if problem is None or note.role is Role.OTHER:
        return note  # (a note that is no card may repeat what keys it likes)
    return dataclasses.replace(note, issues=(problem, *note.issues))


def _note_of(text: str, title: str, kinds: NoteKinds, meta: dict[str, Any]) -> Note:
    classes = names_in(meta.get("fileClass"))
    body = body_of(text)
    tags = (*front_tags(meta.get("tags")), *front_tags(meta.get("tag")))
    tags = tuple(dict.fromkeys((*tags, *inline_tags(body.text))))
    role = kinds.role(classes, tags)
    if role is Role.SKILL:
        card, issues = card_from(text, title, meta, tags=tags, body=body)
        return Note(role, card, issues=tuple(issues))
    if role is Role.SCENARIO:
        return _scenario(title, meta, tags, body)
    typo = kinds.typo_of(classes)
    if typo is None:
        return _class_key_typo(text, kinds, meta, tags)
    written, meant = typo
    warning = CardIssue(
        f"fileClass {written!r} looks like {meant!r}; this note is not read until it matches",
        _class_line(text),
    )
    return Note(Role.OTHER, issues=(warning,))


def _class_key_typo(
    text: str, kinds: NoteKinds, meta: dict[str, Any], tags: tuple[str, ...]
) -> Note:
    """An ordinary note, with a warning when `fileclass:` or `FileClass:` (keys are read
    as written, so not as `fileClass`) would have made it a skill or a scenario."""
    if "fileClass" not in meta:
        for key, value in meta.items():
            if (
                key.casefold() == "fileclass"
                and kinds.role(names_in(value), tags) is not Role.OTHER
            ):
                line = next(
                    (n for n, row in enumerate(text.split("\n"), 1) if row.startswith(f"{key}:")),
                    None,
                )
                message = (
                    f"the key {key!r} looks like 'fileClass'; this note is not read until it "
                    "is spelt fileClass"
                )
                return Note(Role.OTHER, issues=(CardIssue(message, line),))
    return Note(Role.OTHER)


def role_of_unreadable(text: str, kinds: NoteKinds) -> Role:
    """What a note whose frontmatter (or bytes) cannot be read was meant to be."""
    match = _CLASS_LINE.search(text)
    if match is None:
        return Role.OTHER
    written = [part.strip(" '\"[]") for part in match.group(1).split(",")]
    return kinds.role(written, ())


def _class_line(text: str) -> int | None:
    match = _CLASS_LINE.search(text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


def _scenario(title: str, meta: dict[str, Any], tags: tuple[str, ...], body: Body) -> Note:
    issues: list[CardIssue] = []
    sections = sections_of(body)
    front = scalar_text(meta.get("description"), "description", lambda: None, issues)
    lang = language_code(scalar_text(meta.get("lang"), "lang", lambda: None, issues), issues)
    situation = paragraphs(sections.get("situation")) or paragraphs(sections.get("description"))
    if not situation and not sections:
        # A short note: its whole body is the situation.
        situation = body.text.strip()
    scenario = ParsedScenario(
        title=title,
        situation=situation or front,
        skills=merge_links(front_links(meta.get("skills")), section_links(sections.get("skills"))),
        aliases=aliases_in(meta),
        tags=tags,
        lang=lang,
        translations=tuple(front_links(meta.get("translations"))),
    )
    if len(scenario.situation) > SHOWN_TEXT_LIMIT:
        section = sections.get("situation") or sections.get("description")
        warning = long_text_warning("the situation", scenario.situation)
        issues.append(CardIssue(warning, section.line if section else None))
    return Note(Role.SCENARIO, scenario=scenario, issues=tuple(issues))
