"""Telegram HTML for skills: a card, its common mistakes, lists of skills, the focus."""

from __future__ import annotations

from html import escape

from bot.domain.models import Skill
from bot.domain.paging import Page
from bot.texts.html import inline

# Card kinds (`fileClass`) in the words a person reads: the internal names stay internal.
_KIND_LABELS = {"core_skill": "Skill", "meta_skill": "Building block", "skill": "Skill"}
_KIND_PLURALS = {"Skill": "Skills", "Building block": "Building blocks"}


def kind_label(kind: str) -> str:
    """`core_skill` → `Skill`, `meta_skill` → `Building block`, `my-kind` → `My kind`."""
    known = _KIND_LABELS.get(kind.strip().casefold().replace("-", "_"))
    if known is not None:
        return known
    label = kind.replace("_", " ").replace("-", " ").strip()
    return label[:1].upper() + label[1:]


def kind_plural(kind: str) -> str:
    """The heading for a group of cards of one kind."""
    label = kind_label(kind)
    return _KIND_PLURALS.get(label, f"{label}s")


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


def mistakes_text(skill: Skill) -> str:
    """A skill's common mistakes as a list."""
    head = f"<b>Common mistakes · {escape(skill.title)}</b>"
    if not skill.common_mistakes:
        return f"{head}\n\nThis card lists no common mistakes yet."
    items = "\n".join(f"• {inline(mistake)}" for mistake in skill.common_mistakes)
    return f"{head}\n\n{items}"


def skill_list(skills: Page[Skill], heading: str) -> str:
    """The text above a page of skill buttons: that page's skills, grouped by kind."""
    groups: dict[str, list[str]] = {}
    for skill in skills.items:
        groups.setdefault(kind_plural(skill.kind), []).append(escape(skill.title))
    title = f"<b>{escape(heading)}</b>"
    if skills.count > 1:
        title += f" (page {skills.number + 1} of {skills.count})"
    lines = [title]
    lines += [f"\n<i>{escape(kind)}</i>\n" + "\n".join(names) for kind, names in groups.items()]
    return "\n".join(lines)


# Above a list of skill buttons, by what pressing one does.
PRACTISE_HEADING = "Choose a skill to practise"
LIST_HEADING = "Skills"
FOCUS_HEADING = "Choose your focus skill"


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
    how = "you chose it" if chosen else "suggested until you choose your own"
    return (
        f"Your focus skill is <b>{escape(skill.title)}</b> ({how}). "
        "/practice and /mistakes offer it first."
    )


def focus_set(skill: Skill) -> str:
    """After choosing a focus."""
    return f"Your focus is now <b>{escape(skill.title)}</b>. /practice will offer it first."


NO_SKILLS = "There are no skill cards right now, so there is nothing to practise. Sorry!"
