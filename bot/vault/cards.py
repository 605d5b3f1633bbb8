"""Parse one Obsidian skill card (YAML frontmatter + Markdown body) into plain fields.

The body repeats the frontmatter more richly (`## Steps` carries an explanation
under each title, `## Common Mistakes` is a list where the frontmatter has one
sentence), so the body wins and the frontmatter fills gaps. Nothing here raises
on bad input: problems come back as CardIssues with a line number where known.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from bot.domain.models import MAX_SKILL_NAME, Step
from bot.vault.bounded_yaml import FrontmatterTooComplex, RepeatedKey, load_noting_repeats
from bot.vault.syntax import (
    closing_tags,
    fenced_spans,
    is_html_tag,
    strip_block_ids,
    strip_comments,
    unclosed_comment,
    unclosed_fence,
)
from bot.vault.wikilinks import (
    MARKDOWN_LINK,
    WikiLink,
    as_shown,
    find_links,
    find_markdown_links,
)

_BOUNDARY = re.compile(r"^-{3,}\s*$")
# Body parsing leans on whole-text regexes (run in C) rather than a Python loop
# over lines: a vault of a thousand cards loads several times faster this way.
# A heading's first `#` comes first and "at a line start" is checked after it, so the
# engine skips from `#` to `#` rather than trying every position (2-3x faster).
# The heading's text is the rest of the line; trailing spaces and #s are stripped in
# Python: a lazy `(.*?)[ \t#]*$` took time in the square of a long line of them.
_SECTION_HEADING = re.compile(r"(#(?<![^\n]#)#{0,5})[ \t]+([^\n]*)$", re.MULTILINE)
# Sections the bot reads, by heading folded to letters (`## Why It Matters`,
# `### why it matters`). Other headings stay inside the section they are in.
SECTIONS = frozenset(
    {
        "description",
        "whyitmatters",
        "steps",
        "commonmistakes",
        "supportingmetaskills",
        "relatedscenarios",
        "situation",
        "skills",
    }
)
_THEMATIC_BREAK = re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$\n?", re.MULTILINE)
# The same lines found from the newline before them: with a literal first character
# the engine jumps from newline to newline instead of trying `^` at every position.
_BREAK_AFTER_NEWLINE = re.compile(r"\n[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*(?=\n|\Z)")
_ITEM_START = r"^ ?(?:\d+[.)]|[-*+])[ \t]+"
# An item line, then every following line up to the next item start.
_ITEM = re.compile(_ITEM_START + r"(.*)((?:\n(?!" + _ITEM_START[1:] + r")[^\n]*)*)", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_NOT_LETTERS = re.compile(r"[^a-z]")
# `Step 1:`, and the same in the languages cards are translated into.
_STEP_PREFIX = re.compile(
    r"^\s*(?:step|schritt|paso|passo|шаг|étape|etape|stap|krok)\s*\d+\s*[:.)\-–—]\s*",
    re.IGNORECASE,
)
_STEP_PREFIX_STARTS = frozenset({"ste", "sch", "pas", "шаг", "éta", "eta", "sta", "kro"})
# The closing marks are the last of their run: in `***bold italic***` the third `*`
# belongs to the title, not to the text after it.
_LEADING_BOLD = re.compile(r"^\*\*(.+?)\*\*(?!\*)(.*)$|^__(.+?)__(?!_)(.*)$")
_ARROW = re.compile(r"^\s*(?:→|->|=>|—|–|-|>|:)\s*")
_ARROW_STARTS = frozenset("→-=—–>:")
# The same arrow at the start of any line of an item's continuation, found from the
# newline before it: every continuation line has one, so a single substitution
# cleans all of an item's lines.
_LINE_ARROW = re.compile(r"\n[^\S\n]*(?:→|->|=>|—|–|-|>|:)")
# Only arrows split a plain item into title and explanation: em dashes occur
# inside real titles ("Stay present — don’t rush the fix").
# Tried only where a run of whitespace begins (the lookbehind): from every space of a
# long run it took time in the square of the run's length.
# Texts longer than this are not kept in the parsing caches.
CACHED_TEXT_MAX = 200
# A description, why it matters, a step's explanation, a mistake or a scenario's situation
# shows at most about this many characters in a chat (bot/texts/html.py, card_text): about
# two messages, so a long step with its example callout is shown whole, and a card of a
# megabyte cannot fill a chat with hundreds. `skillbot check` names each longer text.
SHOWN_TEXT_LIMIT = 8_000
_INLINE_SPLIT = re.compile(r"(?<!\s)\s+(?:→|->)\s+")
_MARKERS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")
# `==highlight==` and `~~strike~~`, in pairs only: `a == b` stays as it is.
_PAIRED_MARKS = re.compile(r"(==|~~)(?=\S)(.+?)(?<=\S)\1")
# An HTML tag, by its shape: `a < b` is no tag.
_HTML_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
# A Markdown link (`[words](target)`) and a footnote marker (`[^1]`) in a step title.
_TITLE_LINK = re.compile(r"\[([^\[\]\n]*)\]\([^()\n]*\)")
# No `[` inside: from each of a long run of `[^` the pattern would scan to the end of
# the run, in time its square.
_TITLE_FOOTNOTE = re.compile(r"\[\^([^\[\]\s]+)\]")
# A task list's box (`- [ ] **Pause**`, `- [x] …`, Obsidian's `[-]`, `[>]` …).
_TASK_BOX = re.compile(r"\[[^\]\n]\][ \t]+")


@dataclass(frozen=True, slots=True)
class CardIssue:
    """A problem found in one card: errors exclude the card, warnings keep it."""

    message: str
    line: int | None = None
    error: bool = False


@dataclass(frozen=True, slots=True)
class ParsedCard:
    """Everything one card says, before links are resolved across the vault."""

    title: str
    kinds: tuple[str, ...]
    aliases: tuple[str, ...]
    description: str
    why_it_matters: str
    steps: tuple[Step, ...]
    common_mistakes: tuple[str, ...]
    supporting: tuple[WikiLink, ...]
    related: tuple[WikiLink, ...]
    current_focus: bool
    # Kept to find line numbers for problems only when there is one to report.
    text: str
    # Repair-bid messages the author wrote (`bids:`), offered instead of built ones.
    bids: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()  # phrases people may write that point to this skill
    tags: tuple[str, ...] = ()
    # A translation declares its language (`lang: de`) and links the card it
    # translates (`translations: ["[[Repair]]"]`); see docs/translating.md.
    lang: str = ""
    translations: tuple[WikiLink, ...] = ()

    def line_of_link(self, link: WikiLink) -> int | None:
        """The line where `link` first appears: as written, or `[[note` for a wikilink
        (its folders included, as a path-style link has them)."""
        folded = self.text.casefold()
        needle = link.written or f"[[{link.note}"
        index = folded.find(needle.casefold())
        return None if index < 0 else self.text.count("\n", 0, index) + 1


@dataclass(slots=True)
class Section:
    """A known section of a note's body: the line its heading is on, and its text."""

    line: int
    text: str
    # The heading, when it is worded differently from the section's name (`## Mistakes`).
    variant: str = ""


def title_from_filename(stem: str) -> str:
    """A note's title is its file name (Obsidian), in one Unicode normal form."""
    return unicodedata.normalize("NFC", stem).strip()


def decode(raw: bytes) -> str:
    """Bytes → text with any BOM dropped and CRLF line ends made LF."""
    # The BOM is sliced off and the rest decoded as plain UTF-8: the "utf-8-sig" codec
    # does the same through a Python-level wrapper, a quarter slower per note. A bad
    # byte's offset is the same either way (counted after the BOM).
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    return raw.decode("utf-8").replace("\r\n", "\n")


def parse_card(text: str, title: str) -> tuple[ParsedCard | None, list[CardIssue]]:
    """Parse one card's text. Returns None (and an error) when it cannot be used."""
    if not text.strip():
        return None, [CardIssue("empty file", error=True)]
    meta, problem = read_frontmatter(text)
    if problem is not None and problem.error:
        return None, [problem]
    card, issues = card_from(text, title, meta)
    return card, [problem, *issues] if problem is not None else issues


def card_from(
    text: str,
    title: str,
    meta: dict[str, Any],
    *,
    tags: tuple[str, ...] = (),
    body: Body | None = None,
) -> tuple[ParsedCard | None, list[CardIssue]]:
    """A skill card from a note's text and its frontmatter, already read (and its
    `tags` and `body` when the caller has them, so they are not worked out twice)."""
    if len(title) > MAX_SKILL_NAME:
        # Progress rows keep the title; a longer one would load and then fail at Start.
        return None, [
            CardIssue(
                f"the title (file name) is {len(title)} characters; at most "
                f"{MAX_SKILL_NAME} fit in the progress records",
                error=True,
            )
        ]
    issues: list[CardIssue] = []
    body = body or body_of(text)
    body_start = body.start
    unread: list[UnreadHeading] = []
    sections = sections_of(body, unread)
    if unread:
        issues += [_unread_issue(heading) for heading in unread[:UNREAD_HEADINGS_NAMED]]
        if len(unread) > UNREAD_HEADINGS_NAMED:
            more = len(unread) - UNREAD_HEADINGS_NAMED
            issues.append(CardIssue(f"and {more} more headings are not read"))
    # One character first: `"%%" in text` scans a card's body 50 times slower than
    # `"%" in text` (a body with any non-ASCII character has no memchr fast path).
    note = body.text
    if (
        ("%" in note and "%%" in note)
        or ("`" in note and "```" in note)
        or ("~" in note and "~~~" in note)
    ):
        issues += _unclosed(body)

    def meta_text(key: str) -> str:
        return scalar_text(meta.get(key), key, lambda: _field_line(text, body_start, key), issues)

    # Read even when the body wins, so YAML traps in them are still reported.
    front_description, front_why = meta_text("description"), meta_text("why_it_matters")
    steps = _body_steps(sections.get("steps"))
    front_titles = _front_step_titles(meta.get("steps"))
    if steps and front_titles and not _same_titles(steps, front_titles):
        issues.append(
            CardIssue(
                f"frontmatter steps ({len(front_titles)}) and ## Steps ({len(steps)}) disagree; "
                "using ## Steps",
                sections["steps"].line,
            )
        )
    # The frontmatter's steps are only compared when the body has its own.
    body_steps, steps = bool(steps), steps or tuple(Step(title) for title in front_titles)
    if not steps:
        return None, [*issues, _no_steps(body, sections.get("steps"))]

    body_mistakes = _mistakes(sections.get("commonmistakes"))
    mistakes = body_mistakes or _front_mistakes(meta.get("common_mistakes"))
    supporting = merge_links(
        front_links(meta.get("supporting_meta_skills")),
        section_links(sections.get("supportingmetaskills")),
    )
    related = merge_links(
        front_links(meta.get("related_scenarios")),
        section_links(sections.get("relatedscenarios")),
    )
    card = ParsedCard(
        title=title,
        kinds=names_in(meta.get("fileClass")),
        aliases=aliases_in(meta),
        description=paragraphs(sections.get("description")) or front_description,
        why_it_matters=paragraphs(sections.get("whyitmatters")) or front_why,
        steps=steps,
        common_mistakes=mistakes,
        supporting=supporting,
        related=related,
        current_focus=_flag(meta.get("current_focus")),
        text=text,
        bids=_bids(meta.get("bids"), issues),
        triggers=names_in(meta.get("triggers")),
        lang=language_code(meta_text("lang"), issues),
        translations=tuple(front_links(meta.get("translations"))),
        tags=tags,
    )
    if not card.description:
        issues.append(CardIssue("no description (## Description or description:)"))
    issues += _too_long_for_a_chat(card, sections)
    for key, section in sections.items():
        if section.variant and key in _FRONT_KEYS and meta.get(_FRONT_KEYS[key]):
            # Only a section that gave the card something replaced the frontmatter.
            given = {
                "description": card.description != front_description,
                "whyitmatters": card.why_it_matters != front_why,
                "steps": body_steps,
                "commonmistakes": bool(body_mistakes),
            }
            if given[key]:
                issues.append(_variant_issue(key, section))
    return card, issues


def _too_long_for_a_chat(card: ParsedCard, sections: Mapping[str, Section]) -> list[CardIssue]:
    """A warning for each text longer than a chat shows of it (SHOWN_TEXT_LIMIT): the
    bot cuts it there with a note, so a long passage never fills a chat with messages."""
    texts = [
        ("the description", card.description, "description"),
        ("why it matters", card.why_it_matters, "whyitmatters"),
    ]
    texts += [
        (f"step {number}'s explanation", step.explanation, "steps")
        for number, step in enumerate(card.steps, 1)
    ]
    texts += [
        (f"common mistake {number}", mistake, "commonmistakes")
        for number, mistake in enumerate(card.common_mistakes, 1)
    ]
    issues = []
    for what, text, key in texts:
        if len(text) > SHOWN_TEXT_LIMIT:
            section = sections.get(key)
            line = section.line if section is not None else None
            issues.append(CardIssue(long_text_warning(what, text), line))
    return issues


def long_text_warning(what: str, text: str) -> str:
    """The warning for a card text longer than SHOWN_TEXT_LIMIT. Counted in Markdown: what
    a chat shows of it (links and marks aside) may be shorter, and is cut only past the
    limit."""
    return (
        f"{what} is {len(text):,} characters long: a chat shows at most about "
        f"{SHOWN_TEXT_LIMIT:,} characters of it, then a note that it was shortened"
    )


_FRONT_KEYS = {
    "description": "description",
    "whyitmatters": "why_it_matters",
    "steps": "steps",
    "commonmistakes": "common_mistakes",
}


def _variant_issue(key: str, section: Section) -> CardIssue:
    """A heading worded differently that replaces what the frontmatter says: a note of
    one's own could reach every reader as the card's text, so it is said."""
    return CardIssue(
        f"the heading {section.variant!r} is read as the card's {_SECTION_NAMES[key]}, in "
        f"place of the frontmatter's {_FRONT_KEYS[key]}:; if it is a note of your own, "
        "give it another heading",
        section.line,
    )


# Headings left unread named one by one per card; the rest are counted (as the library
# does for broken links: a hostile card of thousands would flood the report).
UNREAD_HEADINGS_NAMED = 20
_SECTION_NAMES = {
    "description": "description",
    "whyitmatters": "why it matters",
    "steps": "steps",
    "commonmistakes": "common mistakes",
    "supportingmetaskills": "supporting meta skills",
    "relatedscenarios": "related scenarios",
    "situation": "situation",
    "skills": "skills",
}


def _unread_issue(unread: UnreadHeading) -> CardIssue:
    return CardIssue(
        f"the heading {unread.heading!r} is not read: the card's "
        f"{_SECTION_NAMES[unread.key]} come from {unread.read_heading!r} "
        f"(line {unread.read_line})",
        unread.line,
    )


def _unclosed(body: Body) -> list[CardIssue]:
    """Warnings for a `%%` comment or a code block that is never closed: in Obsidian
    either one swallows the rest of the note, and so it does here, but nothing on the
    card says why the sections after it are missing."""
    found = []
    comment = unclosed_comment(body.text)
    if comment is not None:
        found.append(
            CardIssue(
                "this %% comment is never closed, so everything after it is hidden (as in "
                "Obsidian); end it with %%",
                body.start + 1 + body.text.count("\n", 0, comment),
            )
        )
    fence = unclosed_fence(body.text)
    if fence is not None:
        found.append(
            CardIssue(
                "this code block (```) is never closed: the rest of its section shows as "
                "code (in Obsidian, the rest of the note); end it with a ``` line",
                body.start + 1 + body.text.count("\n", 0, fence),
            )
        )
    return found


# A heading that numbers a step (`### 1. Pause`, `### Step 2 – Ask`).
_STEP_HEADING = re.compile(
    r"^#{1,6}[ \t]+(?:step[ \t]*)?\d+[.):]?[ \t]+\S[^\n]*", re.IGNORECASE | re.MULTILINE
)


# `## Steps` in the languages cards are translated into (docs/translating.md), folded.
_TRANSLATED_STEPS = frozenset(
    {"schritte", "pasos", "шаги", "étapes", "etapes", "passi", "passos", "stappen", "kroki"}
)
_NOT_LETTERS_ANY = re.compile(r"[\W\d_]+")


def _no_steps(body: Body, section: Section | None) -> CardIssue:
    """The error for a card without steps, naming what the note has instead."""
    advice = "write each step as a numbered item (1. **Title**)"
    if section is not None:
        numbered = _STEP_HEADING.search(section.text)
        if numbered is not None:
            found = numbered.group(0).strip()
            message = f"no steps: the steps under ## Steps are headings ({found}); {advice}"
        else:
            message = f"no steps: ## Steps has no numbered or bulleted list; {advice}"
        return CardIssue(message, section.line, True)
    text = strip_comments(body.text, keep_lines=True)
    for match in _SECTION_HEADING.finditer(text):
        heading = match[2].rstrip(" \t#")
        line = body.start + 1 + text.count("\n", 0, match.start())
        if _STEP_HEADING.match(match.group(0)):
            message = (
                f"no steps: the steps are headings ({match.group(0).strip()}) and there is no "
                f"## Steps; put them under ## Steps and {advice}"
            )
            return CardIssue(message, line, True)
        if "step" in heading.casefold():
            message = (
                f"no steps: the heading {heading!r} is not read as ## Steps; name it "
                "## Steps, or add a steps: list in the frontmatter"
            )
            return CardIssue(message, line, True)
        if _NOT_LETTERS_ANY.sub("", heading.casefold()) in _TRANSLATED_STEPS:
            message = (
                f"no steps: the heading {heading!r} is not read: section headings are read "
                "in English, on a translated card too; name it ## Steps (the steps "
                "themselves stay in your language)"
            )
            return CardIssue(message, line, True)
    return CardIssue(
        "no steps: add a ## Steps list or a steps: list in the frontmatter", error=True
    )


def language_code(value: str, issues: list[CardIssue]) -> str:
    """A note's `lang:` as a language code (`de-AT` → `de`); "" (and a warning) for
    anything that is not one."""
    code = value.strip().lower().replace("_", "-").split("-", 1)[0]
    if code and not (code.isascii() and code.isalpha() and 2 <= len(code) <= 3):
        issues.append(CardIssue(f"lang: {value!r} is not a language code like de or es"))
        return ""
    return code


def read_frontmatter(text: str) -> tuple[dict[str, Any], CardIssue | None]:
    """The YAML frontmatter as a mapping, or the reason it cannot be read (an error);
    a warning comes with the mapping when a key is given twice."""
    stripped = text.lstrip()
    opening = _FM_BOUNDARY.match(stripped)  # python-frontmatter's YAMLHandler.detect
    if opening is None:
        return {}, None
    # Line numbers count from the file's first line, blank lines before `---` included.
    first = text[: len(text) - len(stripped)].count("\n") + 1
    # The text between the boundary lines, as YAMLHandler.split cuts it (its regex,
    # found from the newline before the closing line, which cannot start where the
    # opening match ends: that is a line end).
    closing = _FM_CLOSING.search(stripped, opening.end())
    if closing is None:
        return {}, CardIssue("frontmatter has no closing --- line", first, True)
    fm_text = stripped[opening.end() : closing.start() + 1]
    try:
        # Parsed once, within bounds; python-frontmatter's handler found and split it.
        data, repeated = load_noting_repeats(fm_text)
    except FrontmatterTooComplex as exc:
        # exc.line counts from 1 within fm_text, which starts on the opening --- line.
        line = first + exc.line - 1 if exc.line is not None else first
        return {}, CardIssue(str(exc), line, True)
    except (ValueError, OverflowError) as exc:
        # PyYAML checks a date's shape, not its value: `2024-13-45` fails in datetime.
        # One card's error, never a failed load of the whole vault.
        message = f"frontmatter has a value YAML cannot read ({exc}); put it in quotes"
        return {}, CardIssue(message, first, True)
    except yaml.YAMLError as exc:
        return {}, _yaml_error(exc, fm_text, first)
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        kind = type(data).__name__
        return {}, CardIssue(f"frontmatter is a {kind}, not key: value pairs", first, True)
    meta = {str(key): value for key, value in data.items()}
    return meta, _repeats_issue(repeated, first) if repeated else None


# A line that gives a key an unquoted wikilink (`supporting: [[A]], [[B]]`): YAML reads
# `[[` as the start of a nested list, and the `, [[B]]` after it is a syntax error.
_UNQUOTED_LINK = re.compile(r"^[^#'\"\n]*:[ \t]*\[\[[^\[\]\n]+\]\]")


def _yaml_error(exc: yaml.YAMLError, fm_text: str, first: int) -> CardIssue:
    """A YAML syntax error as a card error, on the line the author has to fix."""
    problem = str(getattr(exc, "problem", None) or str(exc).splitlines()[0])
    context = getattr(exc, "context", None)
    # Marks count lines from 0 at the first line of fm_text, which starts right after
    # the opening `---`, on that line: line `first` of the file.
    mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    at = mark.line if mark is not None else 0
    # A flow list or a quoted text left open is worth naming (`steps: [a, b` …); the
    # block mapping every error is inside is not.
    if (
        context
        and ("flow" in context or "scalar" in context)
        and context_mark is not None
        and context_mark.line != at
    ):
        if problem.startswith("found unexpected end of stream"):
            # A quote or bracket left open is found only at the end of the text: the
            # line where it opens is the one to fix.
            problem, at = f"{problem} {context}", context_mark.line
        else:
            problem += f" ({context} that starts on line {first + context_mark.line})"
    hint = ""
    lines = fm_text.split("\n")
    if any(_UNQUOTED_LINK.match(lines[n]) for n in {at, at - 1} if 0 <= n < len(lines)):
        hint = ' (put each wikilink in quotes: ["[[A]]", "[[B]]"])'
    elif "mapping values" in problem:
        hint = " (quote values that contain ': ')"
    elif 0 <= at < len(lines) and "\t" in lines[at][: len(lines[at]) - len(lines[at].lstrip())]:
        hint = " (indent with spaces: YAML does not allow tabs)"
    return CardIssue(f"frontmatter is not valid YAML: {problem}{hint}", first + at, True)


def _repeats_issue(repeated: list[RepeatedKey], first: int) -> CardIssue:
    # Key lines count from 0 at the opening `---` line (line `first` of the file): the
    # text read starts right after the `---`, on that line.
    said = "; ".join(
        f"{item.key!r} on lines {', '.join(str(first + at) for at in item.lines)}"
        for item in repeated
    )
    line = first + repeated[0].lines[-1]
    return CardIssue(f"frontmatter gives a key more than once ({said}); only the last is read",
                     line)  # fmt: skip


# python-frontmatter's boundary line (`---`), and the same line found from the newline
# before it: with a literal first character the engine jumps from newline to newline
# instead of trying `^` at every position of the frontmatter.
_FM_BOUNDARY = YAMLHandler.FM_BOUNDARY
_FM_CLOSING = re.compile(r"\n" + _FM_BOUNDARY.pattern.removeprefix("^"), re.MULTILINE)


def body_start_of(lines: list[str]) -> int:
    """The index of the first line after the frontmatter (0 when there is none)."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and _BOUNDARY.match(lines[start]):
        for index in range(start + 1, len(lines)):
            # The startswith test first: most lines are not boundaries, and it is cheaper.
            if lines[index].startswith("---") and _BOUNDARY.match(lines[index]):
                return index + 1
    return 0


@dataclass(frozen=True, slots=True)
class Body:
    """A note's body: the index of its first line (0 without frontmatter) and its text."""

    start: int
    text: str


# body_start_of's rules as three regexes over the whole text, so a note need not be
# split into lines to find its body: blank lines, an opening `---` line, and the
# next `---` line. ([^\S\n] is the whitespace str.strip() drops, minus the newline.)
_BLANK_LINES = re.compile(r"(?:[^\S\n]*\n)*")
_OPENING = re.compile(r"-{3,}[^\S\n]*(?:\n|\Z)")
# The closing line is found from the newline before it: with a literal first character
# the engine jumps from newline to newline instead of trying `^` at every position.
_CLOSING = re.compile(r"\n-{3,}[^\S\n]*$", re.MULTILINE)


def body_of(text: str) -> Body:
    """Where the body of `text` starts (as body_start_of says) and its text."""
    blank = _BLANK_LINES.match(text)  # always matches, perhaps nothing
    opening = _OPENING.match(text, blank.end() if blank else 0)
    # From the opening line's own newline: the closing line may be the next one.
    closing = _CLOSING.search(text, opening.end() - 1) if opening else None
    if closing is None:
        return Body(0, text)
    return Body(text.count("\n", 0, closing.start()) + 2, text[closing.end() + 1 :])


def _field_line(text: str, body_start: int, key: str) -> int | None:
    lines = text.split("\n")
    for index in range(body_start):
        if lines[index].startswith(f"{key}:"):
            return index + 1
    return None


@dataclass(frozen=True, slots=True)
class UnreadHeading:
    """A section heading that is not read because another gives that section already."""

    heading: str
    line: int
    key: str  # the section it would have been (a key of SECTIONS)
    read_heading: str  # the heading that section is read from
    read_line: int


def sections_of(note: Body, unread: list[UnreadHeading] | None = None) -> dict[str, Section]:
    """The body's known sections by folded heading, at any heading level.

    A section runs to the next known heading, or to a heading of its own level
    or higher; other headings inside it are part of its text. `%%comments%%` are
    dropped first (their line breaks kept, so line numbers stay true), and a heading
    inside a code block is code, not a heading.

    A heading as named (`## Common Mistakes`) is read at any level. A heading worded
    differently (`## Steps (5 min)`, `## Mistakes`, `## Common mistakes to avoid`) is
    read as the section it names when it is at a level the card's sections use (that of
    any of its headings as named, else ##) and not inside another section (`### Steps
    in practice` under `## Why It Matters` stays part of that text, `#### Mistakes`
    under `## Journal` is the journal's). When two headings give the same section, the
    first is read (a heading as named wins over a variant); the others go to `unread`.
    """
    body = strip_block_ids(strip_comments(note.text, keep_lines=True))
    headings = list(_SECTION_HEADING.finditer(body))
    if headings and (fences := fenced_spans(body)):
        # One bisect per heading over the fences (sorted, apart): a hostile card of
        # thousands of each would take a scan of every fence for every heading.
        starts = [start for start, _ in fences]
        headings = [match for match in headings if not _inside(match.start(), starts, fences)]
    levels: frozenset[int] = frozenset()  # those of the card's sections, when needed
    sections: dict[str, Section] = {}
    # For each section read: whether its heading is the exact name, the heading, its line.
    read: dict[str, tuple[bool, str, int]] = {}
    open_key, open_level, open_at, open_line = "", 0, 0, 0
    open_exact, open_heading = True, ""
    line, counted = note.start + 1, 0

    for match in headings:
        marks, heading = match[1], match[2].rstrip(" \t#")
        key = _heading_key(heading)
        exact = key in SECTIONS
        if not exact:
            if open_key and len(marks) > open_level:
                continue  # a heading inside the open section is part of its text
            levels = levels or _sections_levels(headings)
            key = (
                section_variant(heading)
                if len(marks) in levels and len(heading) <= CACHED_TEXT_MAX
                else ""
            )
            if not key and not open_key:
                continue
        start, end = match.span()
        if open_key:  # the open section ends here
            _close(sections, read, unread, open_key, open_exact, open_heading, open_line,
                   body[open_at:start])  # fmt: skip
        line += body.count("\n", counted, end)
        counted = end
        open_key, open_level, open_at, open_line = (
            (key, len(marks), end, line) if key else ("", 0, 0, 0)
        )
        open_exact, open_heading = exact, heading
    if open_key:
        _close(sections, read, unread, open_key, open_exact, open_heading, open_line,
               body[open_at:])  # fmt: skip
    return sections


def _heading_key(heading: str) -> str:
    # A long heading (a hostile line) is folded without the cache, so the cache never
    # holds megabytes of text across reloads.
    if len(heading) <= CACHED_TEXT_MAX:
        return _cached_section_key(heading)
    return _NOT_LETTERS.sub("", heading.casefold())


def _sections_levels(headings: list[re.Match[str]]) -> frozenset[int]:
    """The levels of a card's headings named as sections (`# Description`, `## Steps`:
    1 and 2), else ## alone. A variant at any of them is read: the level of the first
    one alone would drop a `## Mistakes` under a `# Description`."""
    levels = frozenset(
        len(match[1]) for match in headings if _heading_key(match[2].rstrip(" \t#")) in SECTIONS
    )
    return levels or frozenset({2})


def _inside(at: int, starts: list[int], spans: list[tuple[int, int]]) -> bool:
    """Whether `at` is in one of `spans` (sorted and apart; `starts` their starts)."""
    index = bisect_right(starts, at) - 1
    return index >= 0 and at < spans[index][1]


def _close(
    sections: dict[str, Section],
    read: dict[str, tuple[bool, str, int]],
    unread: list[UnreadHeading] | None,
    key: str,
    exact: bool,
    heading: str,
    line: int,
    text: str,
) -> None:
    """A section that ends: read; or, a second heading for a section already read, it
    replaces a variant when it is the section's own name, and the heading left unread is
    noted."""
    if key not in sections:
        sections[key] = Section(line, without_breaks(text), "" if exact else heading)
        read[key] = (exact, heading, line)
        return
    was_exact, was_heading, was_line = read[key]
    if exact and not was_exact:
        sections[key] = Section(line, without_breaks(text))
        read[key] = (exact, heading, line)
        heading, line, was_heading, was_line = was_heading, was_line, heading, line
    if unread is not None:
        unread.append(UnreadHeading(heading, line, key, was_heading, was_line))


# A heading worded differently from a section's name: the name in other words, perhaps
# with a remark in brackets (`Steps (5 min)`) or one of a few endings (`Common mistakes
# to avoid`). A heading that only starts with the words (`Mistakes I made last week`,
# `Description of a typical fight`) is the author's own, not the section.
_SECTION_VARIANTS = {
    ("description",): "description",
    ("why", "it", "matters"): "whyitmatters",
    ("why", "this", "matters"): "whyitmatters",
    ("why", "it", "is", "important"): "whyitmatters",
    ("steps",): "steps",
    ("the", "steps"): "steps",
    ("common", "mistakes"): "commonmistakes",
    ("mistakes",): "commonmistakes",
    ("typical", "mistakes"): "commonmistakes",
    ("supporting", "meta", "skills"): "supportingmetaskills",
    ("related", "scenarios"): "relatedscenarios",
    ("situation",): "situation",
    ("skills",): "skills",
}
_VARIANT_ENDINGS = frozenset(
    {
        (),
        ("to", "avoid"),
        ("to", "watch", "for"),
        ("to", "watch", "out", "for"),
        ("to", "me"),
        ("to", "us"),
        ("to", "follow"),
        ("to", "take"),
        ("to", "practice"),
        ("to", "practise"),
        ("in", "order"),
    }
)
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=1024)
def section_variant(heading: str) -> str:
    """The section a heading names in other words (`Steps (5 min)` → "steps"), or ""."""
    words = tuple(_WORD.findall(_BRACKETED.sub(" ", heading.casefold())))
    for size in (1, 2, 3, 4):
        key = _SECTION_VARIANTS.get(words[:size])
        if key and words[size:] in _VARIANT_ENDINGS:
            return key
    return ""


def without_breaks(text: str) -> str:
    """`text` without its thematic break lines (`---`, `***`, `___`), each with the line
    end after it: `_THEMATIC_BREAK.sub("", text)`, twice as fast on a card's sections."""
    if _THEMATIC_BREAK.match(text):  # a break on the first line has no newline before it
        return _THEMATIC_BREAK.sub("", text)
    # Each break goes with the newline before it rather than the one after, which leaves
    # the same text, except for a break on the last line: the newline before it stays.
    return _BREAK_AFTER_NEWLINE.sub(_final_newline, text)


def _final_newline(match: re.Match[str]) -> str:
    return "\n" if match.end() == len(match.string) else ""


@lru_cache(maxsize=1024)
def _cached_section_key(heading: str) -> str:
    # Cached: every card repeats the same few headings.
    return _NOT_LETTERS.sub("", heading.casefold())


def _clean_title(text: str) -> str:
    if "%" in text:
        # A frontmatter title still has its comments (the body's were dropped already).
        text = strip_comments(text)
    if "[[" in text:
        # A title is shown as plain bold text: a link reads as its name, as in Obsidian.
        text = as_shown(text)
    if "[" in text:
        # A Markdown link reads as its words; a footnote marker means nothing in a title.
        if "](" in text:
            text = _TITLE_LINK.sub(r"\1", text)
        if "[^" in text:
            text = _TITLE_FOOTNOTE.sub("", text)
    text = " ".join(text.split())  # also drops the stray \r, and strips
    if text[:3].casefold() in _STEP_PREFIX_STARTS:
        text = _STEP_PREFIX.sub("", text)  # ends in \s*: what is left is still stripped
    if "*" in text or "_" in text or "`" in text:
        text = _MARKERS.sub("", text).strip()
    if "<" in text:
        # An HTML tag (`<u>…</u>`, `<br>`) is dropped, as the card's text drops it; a
        # placeholder (`<feeling>`, or `<time>` never closed in the title) stays.
        closings = closing_tags(text)

        def dropped(tag: re.Match[str]) -> str:
            def closed(name: str) -> bool:
                return closings.get(name, -1) >= tag.end()

            return " " if is_html_tag(tag[0], closed) else tag[0]

        text = " ".join(_HTML_TAG.sub(dropped, text).split())
    if "=" in text or "~" in text:
        # A highlight or a strikethrough reads as its words in plain bold text. (A hostile
        # title of many openers and no closer would take the pattern time in the square
        # of its length: a long one loses the marks outright.)
        if len(text) <= CACHED_TEXT_MAX:
            text = _PAIRED_MARKS.sub(r"\2", text)
        else:
            text = " ".join(text.replace("==", " ").replace("~~", " ").split())
    return text


def _clean_explanation(text: str) -> str:
    # _ARROW's leading \s* does what a strip() would; split() drops the rest. Only a
    # line whose first character could start an arrow needs the regex.
    words = text.split()
    if words and words[0][0] in _ARROW_STARTS:
        words = _ARROW.sub("", text, count=1).split()
    return " ".join(words)


def _split_item(text: str) -> tuple[str, str]:
    text = text.strip()
    bold = _LEADING_BOLD.match(text)
    if bold is None and text[:1] == "[" and (box := _TASK_BOX.match(text)):
        # A task list's step (`- [ ] **Pause**`): the box is no part of the title.
        text = text[box.end() :]
        bold = _LEADING_BOLD.match(text)
    if bold:
        stars, after_stars, underscores, after_underscores = bold.groups()
        title, rest = (stars, after_stars) if stars else (underscores, after_underscores)
        return _clean_title(title), _clean_explanation(rest or "")
    parts = _INLINE_SPLIT.split(text, maxsplit=1)
    if len(parts) == 2:
        return _clean_title(parts[0]), _clean_explanation(parts[1])
    return _clean_title(text), ""


def _body_steps(section: Section | None) -> tuple[Step, ...]:
    if section is None:
        return ()
    steps: list[Step] = []
    # Most steps are a title and a sentence or two: looked for once in the section,
    # so only a step that holds more (a list, a callout) pays for reading it as such.
    blocks = _BLOCKS.search(section.text) is not None
    for first, more in _ITEM.findall(section.text):
        title, explanation = _split_item(first)
        if more and blocks and _BLOCKS.search(more):
            explanation = _explanation_blocks(explanation, more)
        elif more:
            # Each continuation line's words follow, without an arrow that starts the
            # line: what cleaning each line on its own and joining them gives.
            explanation = " ".join(f"{explanation} {_LINE_ARROW.sub(' ', more)}".split())
        if title:
            steps.append(Step(title, explanation))
    return tuple(steps)


# What makes a step's continuation more than sentences: a quote or callout, a table or a
# code block at any indentation, a list indented under the step (one at the margin is
# the next step), or a second paragraph (a blank line, then text that is no next step).
_BLOCKS = re.compile(
    r"\n[ \t]*(?:>|\||```|~~~)"
    r"|\n(?:\t| [ \t])[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)"
    r"|\n[ \t]*\n(?! ?(?:\d+[.)]|[-*+])[ \t])[ \t]*\S",
    re.MULTILINE,
)
# A line that starts a Markdown block the renderer shows as such: kept as written.
_BLOCK_LINE = re.compile(r"(?:>|\||(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)|#{1,6}(?:[ \t]|$))")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")


def _explanation_blocks(explanation: str, more: str) -> str:
    """A step's explanation as Markdown, when its continuation holds more than sentences.

    The continuation is indented under the step: without that indentation it is the
    Markdown Obsidian shows, so lists, callouts, tables and code blocks render as they do
    anywhere else on the card (`bot/texts/markdown.py`). Lines of plain text are cleaned
    as in a simple step (an arrow that starts one is dropped, and the lines of a paragraph
    are joined); paragraphs stay apart.
    """
    out = [explanation] if explanation else []
    prose = bool(explanation)  # the last line out is text the next text line joins
    fence = ""
    # `more` starts with the newline that ends the step's first line.
    for line in _dedent(more).split("\n")[1:]:
        stripped = line.strip()
        if fence:
            out.append(line)
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = ""
        elif not stripped:
            out.append("")
            prose = False
        elif opening := _FENCE.match(line):
            fence, prose = opening.group(1), False
            out.append(line)
        elif _BLOCK_LINE.match(stripped):
            out.append(line)
            prose = False
        elif words := _clean_explanation(stripped):
            if prose:
                out[-1] += f" {words}"
            else:
                out.append(words)
            prose = True
    paragraphs = (part.strip("\n") for part in _BLANK_LINE.split("\n".join(out)))
    return "\n\n".join(part for part in paragraphs if part.strip())


# A footnote's definition (`[^1]: Also called stonewalling.`) on a line of its own.
_FOOTNOTE_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*([^\n]*)\n?", re.MULTILINE)


_INDENT = re.compile(r"[ \t]*")


def _dedent(text: str) -> str:
    """`text` without the indentation its lines share, measured in columns (a tab runs to
    the next multiple of 4, as in Obsidian and CommonMark): a step's lines indented with
    spaces by the template and with a tab by Obsidian's Tab key are indented alike, where
    textwrap.dedent finds no common prefix. Leading tabs become spaces."""
    lines = text.split("\n")
    widths: list[int | None] = []
    for line in lines:
        indent = _INDENT.match(line).group(0)  # type: ignore[union-attr]
        if len(indent) == len(line):
            widths.append(None)  # a blank line: as textwrap.dedent, it sets no indent
        elif "\t" in indent:
            widths.append(len(indent.expandtabs(4)))
        else:
            widths.append(len(indent))
    shared = min((width for width in widths if width is not None), default=0)
    out = []
    for line, width in zip(lines, widths, strict=True):
        if width is None:
            out.append("")
        else:
            indent = _INDENT.match(line).group(0)  # type: ignore[union-attr]
            out.append(" " * (width - shared) + line[len(indent) :] if indent else line)
    return "\n".join(out)


def _mistakes(section: Section | None) -> tuple[str, ...]:
    """The common mistakes, each as Markdown: as a step's explanation, a list or a
    callout under an item stays one (`bot/texts/markdown.py` renders it), and a footnote
    defined at the end goes with the mistake that refers to it, not onto the last one."""
    if section is None:
        return ()
    text, notes, order = section.text, {}, {}
    if "[^" in text:
        notes = {m[1]: m[2].strip() for m in _FOOTNOTE_DEFINITION.finditer(text)}
        order = {name: index for index, name in enumerate(notes)}
        text = _FOOTNOTE_DEFINITION.sub("", text)
    blocks = _BLOCKS.search(text) is not None
    items = []
    for first, more in _ITEM.findall(text):
        item = " ".join(first.split())
        if more and blocks and _BLOCKS.search(more):
            item = _explanation_blocks(item, more)
        elif more:
            item = " ".join(f"{item} {more}".split())
        if notes and "[^" in item:
            # The item's markers looked up among the notes (a scan of every note for every
            # item took a hostile card of thousands of each the square of that), each
            # once, in the order the notes are defined.
            named = {m[1] for m in _TITLE_FOOTNOTE.finditer(item)}
            used = sorted(
                (order[name], f"[^{name}]: {notes[name]}") for name in named if name in notes
            )
            item += "\n\n" + "\n".join(note for _, note in used) if used else ""
        if item:
            items.append(item)
    if items:
        return tuple(items)
    # A section written as plain lines instead of a list: one line, one item.
    return tuple(line for line in (line.strip() for line in text.split("\n")) if line)


def _items(section: Section | None) -> tuple[str, ...]:
    if section is None:
        return ()
    # Whitespace is collapsed anyway, so the continuation lines need no splitting.
    items = [" ".join(f"{first} {more}".split()) for first, more in _ITEM.findall(section.text)]
    if not items:
        # A section written as plain lines instead of a list: one line, one item.
        items = [line.strip() for line in section.text.split("\n")]
    return tuple([item for item in items if item])


def paragraphs(section: Section | None) -> str:
    """A section's text as Markdown: its paragraphs, trimmed, one blank line apart
    (lines inside a paragraph are kept: they may be a list or a callout)."""
    if section is None:
        return ""
    text = section.text.strip()
    if "\n" not in text:
        return text  # one line, one paragraph (most are): nothing to split
    parts = (p.strip() for p in _BLANK_LINE.split(text))
    return "\n\n".join(p for p in parts if p)


# A tuple of types, not `list | tuple`: that expression builds a new union at every call.
_SEQUENCES = (list, tuple)


def _flatten(value: Any) -> list[Any]:
    """YAML turns an unquoted `[[X]]` into a nested list [['X']]; undo any nesting."""
    if not isinstance(value, _SEQUENCES):
        return [] if value is None else [value]
    # A loop rather than a call per item: most lists are flat lists of text.
    leaves: list[Any] = []
    for item in value:
        if isinstance(item, _SEQUENCES):
            leaves += _flatten(item)
        elif item is not None:
            leaves.append(item)
    return leaves


def _front_step_titles(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [line for line in value.split("\n") if line.strip()]
    # A frontmatter step is a title only: it is not split at an arrow.
    return [title for item in _flatten(value) if (title := _clean_title(str(item)))]


def _same_titles(steps: tuple[Step, ...], titles: list[str]) -> bool:
    return len(steps) == len(titles) and [step.title.casefold() for step in steps] == [
        title.casefold() for title in titles
    ]


def _front_mistakes(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(name for item in _flatten(value) if (name := str(item).strip()))
    if not isinstance(value, str) or not value.strip():
        return ()
    # "Defending your intent, minimizing their pain, …, or demanding instant resolution."
    parts = [part.strip() for part in value.replace("\r", "").rstrip(". ").split(",")]
    parts = [re.sub(r"^(?:or|and)\s+", "", part) for part in parts if part]
    return tuple(part[0].upper() + part[1:] for part in parts if part)


def _link(text: str) -> WikiLink | None:
    # As a heading in sections_of: a long text is read without the cache.
    return _read_link(text) if len(text) > CACHED_TEXT_MAX else _cached_link(text)


@lru_cache(maxsize=4096)
def _cached_link(text: str) -> WikiLink | None:
    # Cached: the same few link strings recur across a vault, in front and body.
    return _read_link(text)


def _read_link(text: str) -> WikiLink | None:
    text = text.strip().replace("\r", "")
    links = list(find_links(text))
    if links:
        return links[0]
    if "](" in text:
        # `[Note](Note.md)`: how Obsidian links when "Use [[Wikilinks]]" is off. A link
        # to a web page or a file is no card: it is not read as one.
        written = next(find_markdown_links(text), None)
        if written is not None or MARKDOWN_LINK.fullmatch(text):
            return written
    if ("|" in text or "#" in text) and "[" not in text and "]" not in text:
        # An unquoted `[[Note|alias]]` in the frontmatter: YAML read it as a nested list
        # holding "Note|alias", which is the link's inside.
        return next(find_links(f"[[{text}]]"), None) or WikiLink(text, None, None)
    return WikiLink(text, None, None) if text else None


def front_links(value: Any) -> list[WikiLink]:
    if isinstance(value, str):
        links = list(find_links(value))
        if links:
            return links
        value = value.split(",")
    return [link for item in _flatten(value) if (link := _link(str(item))) is not None]


def section_links(section: Section | None) -> list[WikiLink]:
    links: list[WikiLink] = []
    for item in _items(section):
        if item.count("[[") > 1:
            links.extend(find_links(item))
        elif item.count("](") > 1 and "[[" not in item:
            links.extend(find_markdown_links(item))
        elif (link := _link(item)) is not None:
            links.append(link)
    return links


def merge_links(*groups: list[WikiLink]) -> tuple[WikiLink, ...]:
    seen: dict[str, WikiLink] = {}
    for group in groups:
        for link in group:
            if link.target:
                seen.setdefault(link.target.casefold(), link)
    return tuple(seen.values())


def names_in(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    return tuple(name for item in _flatten(value) if (name := str(item).strip()))


def aliases_in(meta: dict[str, Any]) -> tuple[str, ...]:
    names = [*names_in(meta.get("aliases")), *names_in(meta.get("alias"))]
    return tuple(dict.fromkeys(names))


# A bid is a short message to a partner; longer lines are refused, not cut.
MAX_BID_LINE = 600


def _bids(value: Any, issues: list[CardIssue]) -> tuple[str, ...]:
    lines = [str(item).replace("\r", "").strip() for item in _flatten(value)]
    kept = tuple(line for line in lines if line and len(line) <= MAX_BID_LINE)
    if len(kept) < len([line for line in lines if line]):
        issues.append(CardIssue(f"bids: a line longer than {MAX_BID_LINE} characters is left out"))
    return kept


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().casefold() in ("true", "yes", "on", "1")
    return value is True


def scalar_text(
    value: Any, key: str, line: Callable[[], int | None], issues: list[CardIssue]
) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\r", "").strip()
    if isinstance(value, bool | int | float | date):
        # `no`, `on`, `12:30` and `2024-01-01` are booleans, numbers and dates to YAML.
        issues.append(
            CardIssue(f"{key}: YAML read this as {value!r}; put the text in quotes", line())
        )
        return str(value)
    if isinstance(value, list):
        return "\n\n".join(str(item).strip() for item in _flatten(value))
    issues.append(CardIssue(f"{key}: expected text, found a nested mapping", line()))
    return ""
