"""Domain → Telegram HTML text. Every piece of vault or user text is escaped here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape

from bot.domain.models import PracticeSession, SessionStatus, Skill
from bot.domain.practice import shown_step
from bot.texts.commands import Command
from bot.vault.library import Vault, summary
from bot.vault.wikilinks import replace_links


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram counts message limits in."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def welcome(first_name: str) -> str:
    """The greeting /start sends."""
    return (
        f"Hi {escape(first_name)}! I’m a practice companion for relationship skills.\n\n"
        "I walk you through a skill one step at a time, remind you of your focus skill "
        "once a day, and show a skill’s common mistakes when you need them.\n\n"
        "Send /help to see everything I can do."
    )


def help_text(commands: tuple[Command, ...], admin: tuple[Command, ...] = ()) -> str:
    """The /help answer: exactly the commands that exist."""
    lines = ["<b>What I can do</b>", ""]
    lines += [_command_line(command) for command in commands]
    if admin:
        lines += ["", "<b>Admin</b>"]
        lines += [_command_line(command) for command in admin]
    lines += [
        "",
        "<i>I’m a practice companion, not a therapist or a crisis service. "
        "If you need help now, /support shows where to find it.</i>",
    ]
    return "\n".join(lines)


def _command_line(command: Command) -> str:
    usage = f" {escape(command.usage)}" if command.usage else ""
    return f"/{command.name}{usage} — {escape(command.description)}"


# Telegram's own commands are at most 32 characters; anything longer is shortened.
_COMMAND_SHOWN = 32


def unknown_command(name: str) -> str:
    """The answer to a command the bot does not have (a long name is shortened)."""
    if len(name) > _COMMAND_SHOWN:
        name = name[: _COMMAND_SHOWN - 1] + "…"
    return f"I don’t know /{escape(name)}. Send /help to see what I can do."


BUTTON_NOT_HERE = "This button only works in your private chat with me."
PRIVATE_ONLY = "I only talk in private chats: open a chat with me to practise."
NOT_ALLOWED = "Sorry, this bot is private and not open to you. Nothing about you was saved."
SOMETHING_WENT_WRONG = (
    "Something went wrong on my side. Your progress is safe — please try that again."
)
UNSUPPORTED_MESSAGE = (
    "I can only read text, so I can’t follow stickers, photos or voice messages. "
    "Send /help to see what I can do."
)
EDITED_MESSAGE = (
    "I only read new messages, not edits. If you meant to change something, send it again."
)


# -- vault text ---------------------------------------------------------------

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


def kind_label(kind: str) -> str:
    """`core_skill` → `Core skill`."""
    label = kind.replace("_", " ").replace("-", " ").strip()
    return label[:1].upper() + label[1:]


def skill_overview(skill: Skill) -> str:
    """A skill's card: title, kind, description, why it matters, and its size."""
    parts = [f"<b>{escape(skill.title)}</b> · <i>{escape(kind_label(skill.kind))}</i>"]
    if skill.description:
        parts.append(inline(skill.description))
    if skill.why_it_matters:
        parts.append(f"<b>Why it matters</b>\n{inline(skill.why_it_matters)}")
    count = len(skill.steps)
    parts.append(f"{count} step{'s' if count != 1 else ''}, one at a time, at your pace.")
    if skill.supporting_meta_skills:
        names = ", ".join(escape(link.name) for link in skill.supporting_meta_skills)
        parts.append(f"<i>Builds on:</i> {names}")
    return "\n\n".join(parts)


def step_text(skill: Skill, index: int) -> str:
    """One step: `Step 2 of 5`, the bold title and its explanation."""
    step = skill.steps[index]
    head = f"<i>{escape(skill.title)} · Step {index + 1} of {len(skill.steps)}</i>"
    body = f"<b>{escape(step.title)}</b>"
    if step.explanation:
        body += f"\n\n{inline(step.explanation)}"
    return f"{head}\n\n{body}"


def mistakes_text(skill: Skill) -> str:
    """A skill's common mistakes as a list."""
    head = f"<b>Common mistakes · {escape(skill.title)}</b>"
    if not skill.common_mistakes:
        return f"{head}\n\nThis card lists no common mistakes yet."
    items = "\n".join(f"• {inline(mistake)}" for mistake in skill.common_mistakes)
    return f"{head}\n\n{items}"


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


def vault_report(vault: Vault, changes: object | None = None) -> str:
    """The vault's state for admins: what loaded, what changed, each problem."""
    lines = [f"<b>Skill vault</b>: {escape(summary(vault))}"]
    if changes:
        lines.append(f"Changes: {escape(str(changes))}")
    shown = vault.problems[:30]
    if shown:
        lines.append("")
        lines += [f"• {escape(str(problem))}" for problem in shown]
    if len(vault.problems) > len(shown):
        lines.append(f"…and {len(vault.problems) - len(shown)} more (run skillbot check)")
    return "\n".join(lines)


# -- practice -----------------------------------------------------------------


def practice_intro(skill: Skill) -> str:
    """What /practice shows before the first step."""
    return f"{skill_overview(skill)}\n\nTap <b>Start</b> when you’re ready."


def reflect_prompt(skill: Skill) -> str:
    """The question after the last step."""
    return (
        f"<b>You’ve worked through all {len(skill.steps)} steps of {escape(skill.title)}.</b>\n\n"
        "What did you notice? Write it in your own words — a sentence or a page, "
        "whatever is true for you. Or tap <b>Skip</b>."
    )


def completed(skill: Skill, times: int, *, reflected: bool) -> str:
    """The completion message."""
    saved = "Your reflection is saved. " if reflected else ""
    return (
        f"<b>Well done.</b> {saved}That’s {_times(times)} you’ve practised {escape(skill.title)}."
    )


def _times(count: int) -> str:
    words = {1: "the first time", 2: "the second time", 3: "the third time"}
    return words.get(count, f"{count} times")


def paused(session: PracticeSession, skill: Skill) -> str:
    """After Pause."""
    return (
        f"Paused at step {shown_step(session, len(skill.steps)) + 1} of {len(skill.steps)} "
        f"of {escape(skill.title)}. Take the time you need — tap <b>Resume</b> or send "
        "/practice to pick up where you left off."
    )


def cancelled(skill_title: str) -> str:
    """After /cancel."""
    return f"Practice of {escape(skill_title)} ended. Send /practice whenever you like."


def resume_offer(session: PracticeSession, skill: Skill) -> str:
    """What /practice shows while a session is open."""
    where = (
        "at the reflection"
        if session.status is SessionStatus.REFLECTING
        else f"at step {session.step + 1} of {len(skill.steps)}"
    )
    return f"You’re in the middle of <b>{escape(skill.title)}</b>, {where}."


def abandoned(session: PracticeSession) -> str:
    """Said once when an idle session was closed."""
    return (
        f"Your practice of {escape(session.skill)} waited a long while at step "
        f"{session.step + 1}, so I closed it — no harm done, you can start fresh any time."
    )


def keep_going(skill: Skill) -> str:
    """Text typed mid-practice that is not a reflection."""
    return f"Tap <b>Next</b> when you’re ready — there’s no rush. ({escape(skill.title)})"


def skill_list(skills: tuple[Skill, ...], heading: str) -> str:
    """The text above a list of skill buttons: the skills grouped by kind."""
    groups: dict[str, list[str]] = {}
    for skill in skills:
        groups.setdefault(kind_label(skill.kind) + "s", []).append(escape(skill.title))
    lines = [f"<b>{escape(heading)}</b>"]
    lines += [f"\n<i>{escape(kind)}</i>\n" + "\n".join(names) for kind, names in groups.items()]
    return "\n".join(lines)


def not_found(query: str, *, guessed: bool, any_choices: bool, many: bool = False) -> str:
    """When a typed name matched no single skill."""
    shown = escape(query.strip())
    if any_choices and not guessed:
        more = " (the first few; type more of the name to narrow it down)" if many else ""
        return f"Several skills match “{shown}”{more}. Which one?"
    if any_choices:
        return f"I couldn’t find “{shown}”. Did you mean:"
    return f"I couldn’t find a skill called “{shown}”. Here are all of them:"


def focus_summary(skill: Skill, *, chosen: bool) -> str:
    """What /focus shows."""
    how = "you chose it" if chosen else "the vault suggests it until you choose your own"
    return (
        f"Your focus skill is <b>{escape(skill.title)}</b> ({how}). "
        "/practice and /mistakes offer it first."
    )


def focus_set(skill: Skill) -> str:
    """After choosing a focus."""
    return f"Your focus is now <b>{escape(skill.title)}</b>. /practice will offer it first."


NO_SKILLS = "The skill vault is empty right now, so there is nothing to practise. Sorry!"
STALE_BUTTON = "That button no longer works."
NOTHING_TO_CANCEL = "There’s no practice in progress. Send /practice to start one."
STRAY_TEXT_PRACTICE = (
    "I’m here to help you practise. Send /practice to begin, or /help to see everything."
)
DISMISSED = "Okay. Send /practice whenever you’re ready."
