"""Read a folder of skill cards into an immutable Vault, with a validation report.

One bad card never stops the rest: it is reported with its file name and the
reason, and (on a reload) its last good version stays in service.
"""

from __future__ import annotations

import codecs
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, TypeVar

from bot.domain.models import Link, Scenario, Skill
from bot.vault.cards import (
    CardIssue,
    ParsedCard,
    decode,
    names_in,
    read_frontmatter,
    title_from_filename,
)
from bot.vault.kinds import DEFAULT_KINDS, NoteKinds, Role
from bot.vault.notes import Note, ParsedScenario, note_from, role_of_unreadable
from bot.vault.obsidian import ObsidianRules, read_rules
from bot.vault.syntax import front_tags, inline_tags
from bot.vault.wikilinks import WikiLink

# A card is a short note; anything this large is not one and is not read.
MAX_CARD_BYTES = 1_000_000
# What a note that grew after the scan is read in, past the size the scan saw.
READ_CHUNK = 1 << 16
# Notes read and parsed together, a stage at a time (see _read_notes): at most this
# many, or until their files reach this size.
PARSE_BATCH = 128
PARSE_BATCH_BYTES = 1_000_000
# Broken links named one by one per card (with their line); the rest are counted.
DANGLING_LINKS_NAMED = 20
KIND_ORDER = {"core_skill": 0, "meta_skill": 1}
# Cards without `lang:` are in this language; translations attach to them.
DEFAULT_CARD_LANGUAGE = "en"

Fingerprint = tuple[tuple[str, int, int], ...]
T = TypeVar("T")


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


@dataclass(frozen=True, slots=True)
class VaultScenario(Scenario):
    """A scenario as the vault loads it: the default-language note, with its translations
    by language (`lang:` + `translations:`, as a skill card's). The title stays the
    scenario's identity (a practice stores it); a translation only changes what a person
    reads, so the texts pick it (`bot.texts.i18n.scenario_card`) and nothing else does."""

    lang: str = ""
    translations: tuple[tuple[str, Scenario], ...] = ()

    def in_language(self, language: str) -> Scenario:
        """The scenario as written for someone who reads `language`: its translation when
        there is one, else this note."""
        for code, translation in self.translations:
            if code == language:
                return translation
        return self


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
    scenarios: tuple[VaultScenario, ...] = ()
    # Every note as read, by file, with the (mtime, size) it was read at: a reload
    # parses only the files that changed and reuses the rest, so its cost follows
    # what changed rather than the size of the vault.
    notes: Mapping[str, tuple[tuple[int, int], Note]] = field(default_factory=dict)
    # Notes that are not skills or scenarios, and files Obsidian's settings leave out
    # (templates, excluded files): counted, named only when asked (`check --verbose`).
    ignored: tuple[str, ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()

    def scenario(self, key: str) -> VaultScenario | None:
        """The scenario with this button key."""
        return next((s for s in self.scenarios if s.key == key), None)

    def scenario_named(self, title: str | None) -> VaultScenario | None:
        """The scenario with this title (a practice stores the title), if still there."""
        folded = title.casefold() if title else None
        return next((s for s in self.scenarios if s.title.casefold() == folded), None)

    def scenarios_of(self, skill: Skill) -> tuple[VaultScenario, ...]:
        """The scenarios linked to a skill, from either side."""
        titles = {link.target for link in skill.related_scenarios if link.target}
        return tuple(s for s in self.scenarios if s.title in titles)

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
    """Find every note, sorted, plus a fingerprint of their paths, mtimes and sizes."""
    fingerprint, files, _ = scan_with_rules(root)
    return fingerprint, files


def scan_with_rules(
    root: Path, unreadable: list[tuple[str, str]] | None = None
) -> tuple[Fingerprint, list[CardFile], list[tuple[str, str]]]:
    """Every note Obsidian counts as one, the fingerprint, and the files its settings
    leave out with the reason (`template`, `excluded`); the folders that cannot be read
    go to `unreadable`, with the reason (`""` is SKILLS_DIR itself)."""
    rules = read_rules(root)
    files, skipped = [], []
    unreadable = [] if unreadable is None else unreadable
    for file in sorted(_walk(str(root), "", unreadable), key=lambda f: f.rel):
        reason = rules.skipped(file.rel)
        if reason is None:
            files.append(file)
        else:
            skipped.append((file.rel, reason))
    # Obsidian's settings are part of what was loaded: editing them reloads too.
    return (*_config_stamps(rules), *((f.rel, f.mtime_ns, f.size) for f in files)), files, skipped


def _config_stamps(rules: ObsidianRules) -> list[tuple[str, int, int]]:
    stamps = []
    for path in rules.config_files:
        try:
            stat = path.stat()
        except OSError:
            continue
        stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
    return stamps


def _walk(folder: str, prefix: str, unreadable: list[tuple[str, str]]) -> Iterator[CardFile]:
    try:
        entries = list(os.scandir(folder))
    except OSError as exc:
        # Said, not skipped in silence: the notes in it would vanish without a word
        # (a Docker volume owned by another user is the usual cause).
        unreadable.append((prefix, exc.strerror or type(exc).__name__))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden: .obsidian/, .trash/, editor swap files
        try:
            # A linked folder could lead anywhere on the machine: never entered.
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path, f"{prefix}{entry.name}/", unreadable)
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


def load_vault(
    root: Path, previous: Vault | None = None, kinds: NoteKinds = DEFAULT_KINDS
) -> Vault:
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
    unreadable: list[tuple[str, str]] = []
    fingerprint, files, skipped = scan_with_rules(root, unreadable)
    if unreadable and unreadable[0][0] == "":
        reason = unreadable[0][1]
        if previous is not None and previous.skills:
            kept = Problem(str(root), f"skills folder cannot be read ({reason}); the last "
                           "loaded cards stay in service", severity="error")  # fmt: skip
            return replace(previous, problems=(kept,), fingerprint=())
        problem = Problem(str(root), f"skills folder cannot be read ({reason})", severity="error")
        return Vault(root=root, problems=(problem,))
    real_root = root.resolve()
    problems: list[Problem] = [
        Problem(folder, f"folder cannot be read ({reason}); the notes in it are not loaded")
        for folder, reason in unreadable
    ]
    cards: dict[str, ParsedCard] = {}
    failures: dict[str, tuple[tuple[int, int], tuple[CardIssue, ...]]] = {}
    scenarios: list[ParsedScenario] = []
    ignored: list[str] = []
    # The names of files that are cards or may be (a fileClass YAML could not read) and
    # failed: a translation of one of them waits for it rather than standing alone.
    broken: set[str] = set()
    notes: dict[str, tuple[tuple[int, int], Note]] = {}
    unchanged = {} if previous is None else _unchanged(previous, files)
    fresh = _read_notes([file for file in files if file.rel not in unchanged], real_root, kinds)
    for file in files:
        rel = file.rel
        stamp = (file.mtime_ns, file.size)
        note = unchanged[rel] if rel in unchanged else fresh[rel]
        notes[rel] = (stamp, note)
        card, issues = note.card, list(note.issues)
        if card is None and note.role is not Role.OTHER and note.issues:
            failures[rel] = (stamp, note.issues)
        failed = any(issue.error for issue in issues)
        was_card = previous is not None and rel in previous.cards
        if note.scenario is not None:
            scenarios.append(replace(note.scenario, path=rel))
        elif note.role is Role.OTHER and not (failed and was_card):
            # An ordinary note, even one with broken YAML, is its author's business;
            # a card that broke so badly its fileClass cannot be read is still ours.
            ignored.append(rel)
            issues = [issue for issue in issues if not issue.error]
            failed = False
        if card is None and failed:
            # A card (or what its fileClass said was one) that failed: not an ordinary
            # note, whose broken YAML is its author's business and names no card.
            broken.add(title_from_filename(Path(rel).stem).casefold())
        if card is None and failed and previous is not None and rel in previous.cards:
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
    skills, link_problems = _link(root, cards, broken)
    skills, found = _link_scenarios(root, skills, scenarios, link_problems, broken)
    return Vault(
        root=root,
        skills=skills,
        problems=tuple(problems + link_problems),
        fingerprint=fingerprint,
        cards=cards,
        index=_index(skills),
        by_key={skill.key: skill for skill in reversed(skills)},
        failures=failures,
        scenarios=found,
        notes=notes,
        ignored=tuple(ignored),
        skipped=tuple(skipped),
    )


def _unchanged(previous: Vault, files: list[CardFile]) -> dict[str, Note]:
    """The notes `previous` read whose files have not changed since, by file."""
    kept: dict[str, Note] = {}
    for file in files:
        stamp = (file.mtime_ns, file.size)
        read = previous.notes.get(file.rel)
        if read is not None and read[0] == stamp:
            kept[file.rel] = read[1]
            continue
        known = previous.failures.get(file.rel)
        if known is not None and known[0] == stamp:
            kept[file.rel] = Note(Role.SKILL, issues=known[1])  # unchanged since it failed
    return kept


def _read_notes(files: list[CardFile], real_root: Path, kinds: NoteKinds) -> dict[str, Note]:
    """Each file's note, by file: read and parsed a batch of files at a time, one stage
    over the whole batch before the next (the files' text, every frontmatter, then the
    rest). Running one parser over many notes in a row keeps it in the processor's
    caches: 1,000 cards load ~5% faster than note by note. The batch is bounded, so a
    vault of large notes is never all in memory at once."""
    notes: dict[str, Note] = {}
    for batch in _batches(files):
        texts: list[tuple[str, str]] = []
        for file in batch:
            read = _read_text(file, real_root, kinds)
            if isinstance(read, Note):
                notes[file.rel] = read
            else:
                texts.append((file.rel, read))
        fronts = [_parsing(read_frontmatter, text) for _, text in texts]
        for (rel, text), front in zip(texts, fronts, strict=True):
            if isinstance(front, Note):
                notes[rel] = front
            else:
                stem = rel.rsplit("/", 1)[-1][: -len(".md")]
                notes[rel] = _parsing(note_from, text, title_from_filename(stem), kinds, front)
    return notes


def _batches(files: list[CardFile]) -> Iterator[list[CardFile]]:
    batch: list[CardFile] = []
    size = 0
    for file in files:
        batch.append(file)
        size += file.size
        if len(batch) == PARSE_BATCH or size >= PARSE_BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _parsing(parse: Callable[..., T], *args: Any) -> T | Note:
    """What `parse` returns, or the error note for whatever it raised."""
    try:
        return parse(*args)
    except Exception as exc:
        # Whatever a hostile or broken note makes a parser raise (PyYAML building
        # `!!int ''` or `!!bool abc`, an integer too long to print, a recursion) is
        # that note's own error, never a failed load of the whole vault.
        return _error(f"could not be parsed ({type(exc).__name__})")


def _error(message: str) -> Note:
    return Note(Role.SKILL, issues=(CardIssue(message, None, True),))


def _read_text(file: CardFile, real_root: Path, kinds: NoteKinds) -> str | Note:
    """The note's text, or the note that says why it cannot be read."""
    if file.is_link and not Path(file.path).resolve().is_relative_to(real_root):
        return _error("skipped: a link to a file outside the skills folder")
    if file.size > MAX_CARD_BYTES:
        return _oversized(file, kinds)
    try:
        raw = _read_bytes(file.path, file.size)
        text = decode(raw)
    except UnicodeDecodeError as exc:
        # Still say so when the note meant to be a skill card; any other note is its
        # author's business.
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # Notepad's "Unicode": readable enough to tell what it was meant to be.
            role = role_of_unreadable(raw.decode("utf-16", "replace"), kinds)
            problem = "not UTF-8 text (UTF-16: save it as UTF-8)"
        else:
            role = role_of_unreadable(raw.decode("utf-8", "replace"), kinds)
            problem = f"not UTF-8 text (byte {exc.start})"
        return Note(role, issues=(CardIssue(problem, None, True),))
    except OSError as exc:
        return _error(f"cannot be read: {exc.strerror or exc}")
    return text


# What is read of a note too large to be a card, to tell what it is: more than the
# longest frontmatter read (bounded_yaml.MAX_FRONTMATTER_CHARS), with its boundary lines.
OVERSIZED_HEAD_BYTES = 1 << 17


def _oversized(file: CardFile, kinds: NoteKinds) -> Note:
    """A note over MAX_CARD_BYTES: an ordinary note (a drawing, a log) is only ignored;
    a card or scenario is an error saying it is too large. Only its start is read, to
    find its frontmatter and the tags written near the top."""
    try:
        fd = os.open(file.path, os.O_RDONLY)
        try:
            head = os.read(fd, OVERSIZED_HEAD_BYTES)
        finally:
            os.close(fd)
    except OSError as exc:
        return _error(f"cannot be read: {exc.strerror or exc}")
    text = head.decode("utf-8", "replace").replace("\r\n", "\n")
    meta, problem = read_frontmatter(text)
    if problem is not None and problem.error:
        role = role_of_unreadable(text, kinds)
    else:
        tags = (*front_tags(meta.get("tags")), *front_tags(meta.get("tag")), *inline_tags(text))
        role = kinds.role(names_in(meta.get("fileClass")), tags)
    if role is Role.OTHER:
        return Note(Role.OTHER)
    what = "skill card" if role is Role.SKILL else "scenario"
    size = f"{file.size / 1_000_000:.1f} MB"
    message = (
        f"this {what} is too large to read ({size}; at most 1 MB): move what makes it large "
        "(pasted images, logs) into another note"
    )
    return Note(role, issues=(CardIssue(message, None, True),))


def _read_bytes(path: str, size: int) -> bytes:
    """The whole file, read through a bare descriptor: for a note of a few KB a
    buffered file object costs more than the read (7 → 3.5 ms for 1,000 notes)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        # One read of the size the scan saw; a file that grew since is read to its end.
        chunks = [os.read(fd, size + 1)]
        while chunks[-1]:
            chunks.append(os.read(fd, READ_CHUNK))
    finally:
        os.close(fd)
    return b"".join(chunks)


def _link_scenarios(
    root: Path,
    skills: tuple[Skill, ...],
    every: list[ParsedScenario],
    problems: list[Problem],
    broken: AbstractSet[str] = frozenset(),
) -> tuple[tuple[Skill, ...], tuple[VaultScenario, ...]]:
    """Resolve links between skills and scenarios both ways: a skill lists its
    `related_scenarios`, a scenario its `skills`, and either side is enough. A scenario's
    translations attach to it (see `_scenario_translations`) and link nothing of their own:
    which skills a scenario is offered under is the default note's to say."""
    parsed, versions = _scenario_translations(every, problems, broken)
    by_name: dict[str, ParsedScenario] = {}
    for scenario in parsed:
        for name in (scenario.title, *scenario.aliases):
            by_name.setdefault(name.casefold(), scenario)
    # A translation's names link to the scenario it translates, as a card's do.
    titled = {scenario.title: scenario for scenario in reversed(parsed)}
    for title, translations in versions.items():
        original = titled[title]
        for translation in translations:
            for name in (translation.title, *translation.aliases):
                by_name.setdefault(name.casefold(), original)
    skill_names = {name.casefold(): s.title for s in skills for name in s.names}
    pairs: dict[str, list[str]] = {s.title: [] for s in parsed}  # scenario → skill titles
    for skill in skills:
        for link in skill.related_scenarios:
            found = by_name.get((link.target or link.name).casefold())
            if found is None:
                where = skill.source.relative_to(root).as_posix()
                problems.append(Problem(where, f"link [[{link.target}]] points to no scenario"))
            elif skill.title not in pairs[found.title]:
                pairs[found.title].append(skill.title)

    def skill_links(scenario: ParsedScenario) -> tuple[Link, ...]:
        links: list[Link] = []
        for wiki in scenario.skills:
            title = skill_names.get(wiki.target.casefold())
            if title is None:
                message = f"link [[{wiki.target}]] points to no skill"
                problems.append(Problem(scenario.path, message))
            else:
                links.append(Link(wiki.display, title))
        return tuple(links)

    for scenario in parsed:
        for link in skill_links(scenario):
            if link.target is not None and link.target not in pairs[scenario.title]:
                pairs[scenario.title].append(link.target)

    def translation_of(original: ParsedScenario, translation: ParsedScenario) -> Scenario:
        links = skill_links(translation)
        others = [link.name for link in links if link.target not in pairs[original.title]]
        if others:
            problems.append(
                Problem(
                    translation.path,
                    f"this {translation.lang} translation of {original.title} links "
                    f"[[{others[0]}]], which {original.title} is not offered for; the skills "
                    "a scenario is offered for follow the default note",
                )
            )
        return Scenario(
            title=translation.title,
            situation=translation.situation,
            skills=links,
            aliases=translation.aliases,
            tags=translation.tags,
        )

    scenarios = tuple(
        sorted(
            (
                VaultScenario(
                    title=s.title,
                    situation=s.situation,
                    skills=tuple(Link(t, t) for t in pairs[s.title]),
                    aliases=s.aliases,
                    tags=s.tags,
                    lang=s.lang,
                    translations=tuple(
                        sorted(
                            ((t.lang, translation_of(s, t)) for t in versions.get(s.title, [])),
                            key=lambda pair: pair[0],
                        )
                    ),
                )
                for s in parsed
            ),
            key=lambda s: s.title.casefold(),
        )
    )
    linked = []
    for skill in skills:
        titles = [s.title for s in scenarios if skill.title in pairs[s.title]]
        if titles or skill.related_scenarios:
            skill = replace(skill, related_scenarios=tuple(Link(t, t) for t in titles))
        # else: nothing to link, and copying a frozen Skill is not free
        linked.append(skill)
    return tuple(linked), scenarios


def _scenario_translations(
    every: list[ParsedScenario], problems: list[Problem], broken: AbstractSet[str]
) -> tuple[list[ParsedScenario], dict[str, list[ParsedScenario]]]:
    """The scenarios that stand on their own, and the translations of each (by its title).

    As for cards (`_translations`): a translation declares a language other than the
    default and links the scenario it translates in `translations:`; the first link to a
    scenario in the default language wins. One whose scenario could not be loaded waits,
    left out with an error (standing alone, it would be offered in its own language to
    everyone); one whose links name no default-language scenario is reported and stands
    on its own.
    """
    originals = [s for s in every if s.lang in ("", DEFAULT_CARD_LANGUAGE)]
    default: dict[str, ParsedScenario] = {}
    # Titles first, then aliases: an alias never hides another scenario's title.
    for scenario in originals:
        default.setdefault(scenario.title.casefold(), scenario)
    for scenario in originals:
        for alias in scenario.aliases:
            default.setdefault(alias.casefold(), scenario)
    standing: list[ParsedScenario] = []
    versions: dict[str, list[ParsedScenario]] = {}
    for scenario in every:
        if scenario.lang in ("", DEFAULT_CARD_LANGUAGE) or not scenario.translations:
            standing.append(scenario)
            continue
        original = next(
            (
                default[link.target.casefold()]
                for link in scenario.translations
                if link.target.casefold() in default
            ),
            None,
        )
        if original is not None:
            versions.setdefault(original.title, []).append(scenario)
            continue
        alone = (
            "none of them is a scenario in the default language, so this scenario stands "
            "on its own"
        )
        if not _translation_waits(
            scenario.path, scenario.lang, scenario.translations, broken, problems, alone
        ):
            standing.append(scenario)
    return standing, versions


def _translation_waits(
    path: str,
    lang: str,
    translations: Iterable[WikiLink],
    broken: AbstractSet[str],
    problems: list[Problem],
    alone: str,
) -> bool:
    """For a translation whose links name no default-language note: True (an error, left
    out) when one names a note that could not be loaded, which it waits for; else False,
    reported as standing `alone` (a card's or a scenario's wording)."""
    failed = [link.target for link in translations if link.target.casefold() in broken]
    if failed:
        message = (
            f"lang: {lang}, a translation of {failed[0]}, which could not be loaded: left out "
            "until it loads again"
        )
        problems.append(Problem(path, message, severity="error"))
        return True
    problems.append(Problem(path, f"lang: {lang} with translations: {alone}"))
    return False


def _link(
    root: Path, every_card: Mapping[str, ParsedCard], broken: AbstractSet[str] = frozenset()
) -> tuple[tuple[Skill, ...], list[Problem]]:
    problems: list[Problem] = []
    owners: dict[str, str] = {}  # casefolded name → title that owns it
    titles: dict[str, str] = {}  # casefolded name → rel path that owns it
    # A name opens one card, as `Vault.get` finds it: titles first (a file's own name is
    # what Obsidian links to; an alias is a second name), then aliases, in path order.
    # Two files called Repair.md in different folders cannot both be "Repair": the
    # second is left out, or /skills would list two that both open the first.
    cards: dict[str, ParsedCard] = {}
    for rel, card in every_card.items():
        key = card.title.casefold()
        if key in titles:
            message = (
                f"the title {card.title!r} is also the title of {titles[key]}, which is the "
                "card it opens; this card is left out until one of them is renamed"
            )
            problems.append(Problem(rel, message, severity="error"))
            continue
        cards[rel] = card
        owners[key] = card.title
        titles[key] = rel
    for rel, card in cards.items():
        for name in dict.fromkeys(card.aliases):
            key = name.casefold()
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

    translated, waiting = _translations(cards, owners, titles, problems, broken)
    for rel in waiting:
        del cards[rel]
    for key in [key for key, rel in titles.items() if rel in waiting]:
        del titles[key], owners[key]
    for rel, canonical in translated.items():
        for name in (cards[rel].title, *cards[rel].aliases):
            # A translation's names open the card it translates (and link to it).
            if titles.get(name.casefold()) == rel:
                owners[name.casefold()] = canonical

    dangling: Counter[str] = Counter()

    def resolve(rel: str, card: ParsedCard, link: WikiLink) -> Link:
        target = owners.get(link.target.casefold())
        if target is None:
            dangling[rel] += 1
            # Each line number is a search of the whole card: a card of thousands of
            # broken links took minutes. The first few are named, the rest counted.
            if dangling[rel] <= DANGLING_LINKS_NAMED:
                line = card.line_of_link(link)
                message = f"link {link.shown_in_messages} points to no card"
                problems.append(Problem(rel, message, line))
        return Link(link.display, target)

    def skill_of(rel: str, card: ParsedCard, current_focus: bool) -> Skill:
        return Skill(
            title=card.title,
            kinds=card.kinds,
            description=card.description,
            why_it_matters=card.why_it_matters,
            steps=card.steps,
            common_mistakes=card.common_mistakes,
            # Lists, not generators, into tuple(): a generator costs a resume per item.
            supporting_meta_skills=tuple([resolve(rel, card, x) for x in card.supporting]),
            # Scenarios are linked once they are all read (_link_scenarios).
            related_scenarios=tuple([Link(x.display, x.target) for x in card.related]),
            aliases=card.aliases,
            current_focus=current_focus,
            source=root / rel,
            bids=card.bids,
            triggers=card.triggers,
            tags=card.tags,
            lang=card.lang,
        )

    skills: list[Skill] = []
    focus: str | None = None
    versions: dict[str, list[tuple[str, Skill]]] = {}
    for rel, card in cards.items():
        if rel in translated:
            translation = skill_of(rel, card, current_focus=False)
            versions.setdefault(translated[rel], []).append((card.lang, translation))
            continue
        if card.current_focus:
            if focus is not None:
                problems.append(
                    Problem(rel, f"current_focus is also true in {focus}; {focus} is the default")
                )
            else:
                focus = rel
        skills.append(skill_of(rel, card, current_focus=card.current_focus and focus == rel))
    for rel, count in dangling.items():
        if count > DANGLING_LINKS_NAMED:
            more = count - DANGLING_LINKS_NAMED
            problems.append(Problem(rel, f"and {more} more links point to no card"))
    for index, skill in enumerate(skills):
        found = versions.get(skill.title, [])
        for language, translation in found:
            if len(translation.steps) != len(skill.steps):
                problems.append(
                    Problem(
                        titles.get(translation.title.casefold(), translation.title),
                        f"this {language} translation of {skill.title} has "
                        f"{len(translation.steps)} steps and {skill.title} has "
                        f"{len(skill.steps)}; {language} readers see {skill.title} "
                        "until they agree",
                    )
                )
        if found:
            aliases = (*skill.aliases, *(n for _, t in found for n in t.names))
            # A translation's `triggers:` stay on the translation: free text is matched
            # in the person's language against the cards in it. Added to the default
            # card they were stemmed as English and were noise there (English top-1
            # 37 → 36 of 42, and "asdfghjkl" found Repair semantically, via "gekränkt").
            skills[index] = replace(
                skill,
                translations=tuple(sorted(found, key=lambda pair: pair[0])),
                aliases=tuple(dict.fromkeys(aliases)),
            )
    skills.sort(key=lambda s: (KIND_ORDER.get(s.kind, len(KIND_ORDER)), s.title.casefold()))
    return tuple(skills), problems


def _translations(
    cards: Mapping[str, ParsedCard],
    owners: Mapping[str, str],
    titles: Mapping[str, str],
    problems: list[Problem],
    broken: AbstractSet[str] = frozenset(),
) -> tuple[dict[str, str], set[str]]:
    """Which cards translate another (file → the title of the default-language card),
    and which wait, left out, for the card they translate to load again.

    A translation declares a language other than the default (`lang: de`) and links the
    card it translates in `translations:`; the first such link to a card without a
    language (or in English) wins. The links may also go the other way, or between
    translations: only a link to a default-language card decides. A translation whose
    card is there but broken is left out: standing alone it would be offered, in its
    own language, to everyone (a broken Repair.md put Reparar before English readers).
    """
    found: dict[str, str] = {}
    waiting: set[str] = set()
    for rel, card in cards.items():
        if not card.lang or card.lang == DEFAULT_CARD_LANGUAGE or not card.translations:
            continue
        for link in card.translations:
            target = titles.get(link.target.casefold())
            other = cards.get(target) if target else None
            if other is not None and other.lang in ("", DEFAULT_CARD_LANGUAGE):
                found[rel] = owners[link.target.casefold()]
                break
        else:
            alone = (
                "none of them is a card in the default language, so this card is a skill "
                "of its own"
            )
            if _translation_waits(rel, card.lang, card.translations, broken, problems, alone):
                waiting.add(rel)
    return found, waiting


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

    def __init__(self, root: Path, kinds: NoteKinds = DEFAULT_KINDS) -> None:
        self.root = root
        self.kinds = kinds
        self.current = load_vault(root, kinds=kinds)

    def changed(self) -> bool:
        """Tell whether any card was added, edited or removed since the last load."""
        return scan(self.root)[0] != self.current.fingerprint

    def reload(self) -> tuple[Vault, Vault]:
        """Load the folder again; return (old, new)."""
        old = self.current
        self.current = load_vault(self.root, previous=old, kinds=self.kinds)
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
    """One line: how many cards of each kind loaded, what else was there, the problems."""
    kinds = ", ".join(f"{count} {kind}" for kind, count in vault.counts_by_kind().items())
    loaded = f"{len(vault.skills)} card{'s' if len(vault.skills) != 1 else ''} loaded"
    others = []
    if vault.scenarios:
        others.append(f"{_count(len(vault.scenarios), 'scenario')}")
    if vault.ignored:
        others.append(f"{_count(len(vault.ignored), 'other note')} ignored")
    if vault.skipped:
        others.append(f"{_count(len(vault.skipped), 'template or excluded file', 's')} left out")
    problems = f"{len(vault.errors)} error(s), {len(vault.warnings)} warning(s)"
    return (
        f"{loaded}"
        + (f" ({kinds})" if kinds else "")
        + "".join(f", {other}" for other in others)
        + f"; {problems}"
    )


def _count(number: int, noun: str, plural: str = "s") -> str:
    return f"{number} {noun}{'' if number == 1 else plural}"


def report(vault: Vault) -> dict[str, object]:
    """The validation report as plain data (for `skillbot check --json`)."""
    return {
        "root": str(vault.root),
        "loaded": len(vault.skills),
        "kinds": vault.counts_by_kind(),
        "scenarios": [scenario.title for scenario in vault.scenarios],
        "ignored": len(vault.ignored),
        "skipped": len(vault.skipped),
        "problems": [
            {"path": p.path, "line": p.line, "severity": p.severity, "message": p.message}
            for p in vault.problems
        ],
    }
