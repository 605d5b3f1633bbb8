"""Read a folder of skill cards into an immutable Vault, with a validation report.

One bad card never stops the rest: it is reported with its file name and the
reason, and (on a reload) its last good version stays in service.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from bot.domain.models import Link, Skill
from bot.vault.cards import CardIssue, ParsedCard, decode, parse_card, title_from_filename
from bot.vault.wikilinks import WikiLink

# A card is a short note; anything this large is not one and is not read.
MAX_CARD_BYTES = 1_000_000
KIND_ORDER = {"core_skill": 0, "meta_skill": 1}

Fingerprint = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one card, for `skillbot check` and the admins."""

    path: str
    message: str
    line: int | None = None
    severity: Literal["error", "warning"] = "warning"

    def __str__(self) -> str:
        where = f"{self.path}: {self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class Vault:
    """The loaded skills, how to find them by name, and what was wrong."""

    root: Path
    skills: tuple[Skill, ...] = ()
    problems: tuple[Problem, ...] = ()
    fingerprint: Fingerprint = ()
    cards: Mapping[str, ParsedCard] = field(default_factory=dict)
    index: Mapping[str, Skill] = field(default_factory=dict)
    by_key: Mapping[str, Skill] = field(default_factory=dict)
    # Cards that failed, by file, with the (mtime, size) they failed at: a reload
    # reads a failing card again only after the file changes.
    failures: Mapping[str, tuple[tuple[int, int], tuple[CardIssue, ...]]] = field(
        default_factory=dict
    )

    def get(self, name: str) -> Skill | None:
        """The skill with this title or alias, ignoring case."""
        return self.index.get(name.strip().casefold())

    def default_focus(self) -> Skill | None:
        """The card marked `current_focus: true` (the first, if several), else the first."""
        return next((s for s in self.skills if s.current_focus), None) or next(
            iter(self.skills), None
        )

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems that kept a card out."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Problems worth fixing that did not keep a card out."""
        return tuple(p for p in self.problems if p.severity == "warning")

    def counts_by_kind(self) -> dict[str, int]:
        """How many skills of each kind loaded, core skills first."""
        counts: dict[str, int] = {}
        for skill in self.skills:
            counts[skill.kind] = counts.get(skill.kind, 0) + 1
        return counts


@dataclass(frozen=True, slots=True)
class CardFile:
    """A Markdown file found in the vault folder."""

    rel: str
    path: str
    size: int
    mtime_ns: int
    is_link: bool


def scan(root: Path) -> tuple[Fingerprint, list[CardFile]]:
    """Find every card file, sorted, plus a fingerprint of their paths, mtimes and sizes."""
    files = sorted(_walk(str(root), ""), key=lambda f: f.rel)
    return tuple((f.rel, f.mtime_ns, f.size) for f in files), files


def _walk(folder: str, prefix: str) -> Iterator[CardFile]:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden: .obsidian/, .trash/, editor swap files
        try:
            # A linked folder could lead anywhere on the machine: never entered.
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path, f"{prefix}{entry.name}/")
            elif entry.name.lower().endswith(".md") and entry.is_file():
                stat = entry.stat()
                yield CardFile(
                    f"{prefix}{entry.name}",
                    entry.path,
                    stat.st_size,
                    stat.st_mtime_ns,
                    entry.is_symlink(),
                )
        except OSError:
            continue


def load_vault(root: Path, previous: Vault | None = None) -> Vault:
    """Load every card under `root`; keep `previous` versions of cards that now fail."""
    if not root.is_dir():
        if previous is not None and previous.skills:
            # A folder that vanishes for a moment (a remount, a sync tool swapping it)
            # must not take every card, and every open practice, with it.
            kept = Problem(str(root), "skills folder not found; the last loaded cards stay "
                           "in service", severity="error")  # fmt: skip
            return replace(previous, problems=(kept,), fingerprint=())
        problem = Problem(str(root), "skills folder not found", severity="error")
        return Vault(root=root, problems=(problem,))
    fingerprint, files = scan(root)
    real_root = root.resolve()
    problems: list[Problem] = []
    cards: dict[str, ParsedCard] = {}
    failures: dict[str, tuple[tuple[int, int], tuple[CardIssue, ...]]] = {}
    for file in files:
        rel = file.rel
        stamp = (file.mtime_ns, file.size)
        failed = previous.failures.get(rel) if previous is not None else None
        if failed is not None and failed[0] == stamp:
            card, issues = None, list(failed[1])
        else:
            card, issues = _read_card(file, real_root)
        if card is None:
            failures[rel] = (stamp, tuple(issues))
        if card is None and previous is not None and rel in previous.cards:
            card = previous.cards[rel]
            issues = [
                CardIssue(
                    f"{issue.message}; the last good version stays in service",
                    issue.line,
                    issue.error,
                )
                for issue in issues
            ]
        problems += [
            Problem(rel, i.message, i.line, "error" if i.error else "warning") for i in issues
        ]
        if card is not None:
            cards[rel] = card
    skills, link_problems = _link(root, cards)
    return Vault(
        root=root,
        skills=skills,
        problems=tuple(problems + link_problems),
        fingerprint=fingerprint,
        cards=cards,
        index=_index(skills),
        by_key={skill.key: skill for skill in reversed(skills)},
        failures=failures,
    )


def _read_card(file: CardFile, real_root: Path) -> tuple[ParsedCard | None, list[CardIssue]]:
    if file.is_link and not Path(file.path).resolve().is_relative_to(real_root):
        return None, [CardIssue("skipped: a link to a file outside the skills folder", None, True)]
    if file.size > MAX_CARD_BYTES:
        return None, [CardIssue("skipped: larger than 1 MB, not a skill card", None, True)]
    try:
        with open(file.path, "rb") as handle:  # noqa: PTH123 - plain open is measurably faster here
            text = decode(handle.read())
    except UnicodeDecodeError as exc:
        return None, [CardIssue(f"not UTF-8 text (byte {exc.start})", None, True)]
    except OSError as exc:
        return None, [CardIssue(f"cannot be read: {exc.strerror or exc}", None, True)]
    stem = file.rel.rsplit("/", 1)[-1][: -len(".md")]
    try:
        return parse_card(text, title_from_filename(stem))
    except (RecursionError, MemoryError) as exc:
        # The parser's bounds should make this unreachable; if a card still finds a
        # way, it is one card's error, never a failed reload of the whole vault.
        return None, [CardIssue(f"could not be parsed ({type(exc).__name__})", None, True)]


def _link(root: Path, cards: Mapping[str, ParsedCard]) -> tuple[tuple[Skill, ...], list[Problem]]:
    problems: list[Problem] = []
    owners: dict[str, str] = {}  # casefolded name → title that owns it
    titles: dict[str, str] = {}  # casefolded name → rel path that owns it
    for rel, card in cards.items():
        for name in dict.fromkeys((card.title, *card.aliases)):
            key = name.casefold()
            # Compared by file, not title: two files called Repair.md in different
            # folders share a title and must still be reported.
            if key in titles and titles[key] != rel:
                problems.append(
                    Problem(
                        rel,
                        f"the name {name!r} is also used by {titles[key]}, "
                        "which is the card it opens",
                    )
                )
            else:
                owners.setdefault(key, card.title)
                titles.setdefault(key, rel)

    def resolve(rel: str, card: ParsedCard, link: WikiLink) -> Link:
        target = owners.get(link.target.casefold())
        if target is None:
            line = card.line_of_link(link.target)
            problems.append(Problem(rel, f"link [[{link.target}]] points to no card", line))
        return Link(link.display, target)

    skills: list[Skill] = []
    focus: str | None = None
    for rel, card in cards.items():
        if card.current_focus:
            if focus is not None:
                problems.append(
                    Problem(rel, f"current_focus is also true in {focus}; {focus} is the default")
                )
            else:
                focus = rel
        skills.append(
            Skill(
                title=card.title,
                kinds=card.kinds,
                description=card.description,
                why_it_matters=card.why_it_matters,
                steps=card.steps,
                common_mistakes=card.common_mistakes,
                supporting_meta_skills=tuple(resolve(rel, card, x) for x in card.supporting),
                related_scenarios=tuple(resolve(rel, card, x) for x in card.related),
                aliases=card.aliases,
                current_focus=card.current_focus and focus == rel,
                source=root / rel,
                bids=card.bids,
            )
        )
    skills.sort(key=lambda s: (KIND_ORDER.get(s.kind, len(KIND_ORDER)), s.title.casefold()))
    return tuple(skills), problems


def _index(skills: tuple[Skill, ...]) -> dict[str, Skill]:
    by_title = {skill.title: skill for skill in skills}
    index: dict[str, Skill] = {}
    # Titles first, so an alias can never hide another card's title.
    for skill in skills:
        index.setdefault(skill.title.casefold(), skill)
    for skill in skills:
        for alias in skill.aliases:
            index.setdefault(alias.casefold(), by_title[skill.title])
    return index


class VaultHolder:
    """The vault in service; swapped whole, so a reader never sees half a reload."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.current = load_vault(root)

    def changed(self) -> bool:
        """Tell whether any card was added, edited or removed since the last load."""
        return scan(self.root)[0] != self.current.fingerprint

    def reload(self) -> tuple[Vault, Vault]:
        """Load the folder again; return (old, new)."""
        old = self.current
        self.current = load_vault(self.root, previous=old)
        return old, self.current


@dataclass(frozen=True, slots=True)
class Changes:
    """Which card files a reload added, edited and removed."""

    added: tuple[str, ...] = ()
    edited: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.edited or self.removed)

    def __str__(self) -> str:
        return f"{len(self.added)} added, {len(self.edited)} edited, {len(self.removed)} removed"


def changes_between(old: Vault, new: Vault) -> Changes:
    """Compare two loads of the same folder, card file by card file."""
    return Changes(
        added=tuple(sorted(new.cards.keys() - old.cards.keys())),
        edited=tuple(
            sorted(
                rel
                for rel in new.cards.keys() & old.cards.keys()
                if new.cards[rel] != old.cards[rel]
            )
        ),
        removed=tuple(sorted(old.cards.keys() - new.cards.keys())),
    )


def summary(vault: Vault) -> str:
    """One line: how many cards of each kind loaded and how many problems."""
    kinds = ", ".join(f"{count} {kind}" for kind, count in vault.counts_by_kind().items())
    loaded = f"{len(vault.skills)} card{'s' if len(vault.skills) != 1 else ''} loaded"
    problems = f"{len(vault.errors)} error(s), {len(vault.warnings)} warning(s)"
    return f"{loaded}" + (f" ({kinds})" if kinds else "") + f"; {problems}"


def report(vault: Vault) -> dict[str, object]:
    """The validation report as plain data (for `skillbot check --json`)."""
    return {
        "root": str(vault.root),
        "loaded": len(vault.skills),
        "kinds": vault.counts_by_kind(),
        "problems": [
            {"path": p.path, "line": p.line, "severity": p.severity, "message": p.message}
            for p in vault.problems
        ],
    }
