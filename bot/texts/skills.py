"""Telegram HTML for skills: a card, its common mistakes, lists of skills, the focus."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from bot.domain.models import Skill
from bot.domain.paging import Page
from bot.texts.html import card_text
from bot.texts.i18n import _, card, constant, ngettext

# Card kinds (`fileClass`) in the words a person reads, in their language: the internal
# names stay internal (a card's own other kind is shown as written).
_SKILL: Callable[[], tuple[str, str]] = lambda: (_("Skill"), _("Skills"))  # noqa: E731
_KINDS: dict[str, Callable[[], tuple[str, str]]] = {
    "core_skill": _SKILL,
    "skill": _SKILL,
    "meta_skill": lambda: (_("Building block"), _("Building blocks")),
}


def kind_label(kind: str) -> str:
    """`core_skill` → `Skill`, `meta_skill` → `Building block`, `my-kind` → `My kind`."""
    known = _KINDS.get(kind.strip().casefold().replace("-", "_"))
    if known is not None:
        return known()[0]
    label = kind.replace("_", " ").replace("-", " ").strip()
    return label[:1].upper() + label[1:]


def kind_plural(kind: str) -> str:
    """The heading for a group of cards of one kind."""
    known = _KINDS.get(kind.strip().casefold().replace("-", "_"))
    if known is not None:
        return known()[1]
    return kind_label(kind) + "s"


def skill_overview(skill: Skill) -> str:
    """A skill's card: title, kind, description, why it matters, and its size."""
    skill = card(skill)
    parts = [f"<b>{escape(skill.title)}</b> · <i>{escape(kind_label(skill.kind))}</i>"]
    if skill.description:
        parts.append(card_text(skill.description))
    if skill.why_it_matters:
        parts.append(_("<b>Why it matters</b>") + f"\n{card_text(skill.why_it_matters)}")
    count = len(skill.steps)
    parts.append(
        ngettext(
            "{count} step, one at a time, at your pace.",
            "{count} steps, one at a time, at your pace.",
            count,
        ).format(count=count)
    )
    if skill.supporting_meta_skills:
        names = ", ".join(escape(link.name) for link in skill.supporting_meta_skills)
        parts.append(_("<i>Builds on:</i> {skills}").format(skills=names))
    return "\n\n".join(parts)


def mistakes_text(skill: Skill) -> str:
    """A skill's common mistakes as a list."""
    skill = card(skill)
    head = "<b>" + _("Common mistakes · {skill}").format(skill=escape(skill.title)) + "</b>"
    items = (card_text(_one_item(mistake)) for mistake in skill.common_mistakes)
    # A mistake that shows nothing (only a comment) is its bullet alone: left out.
    shown = [item for item in items if item.strip() not in ("", "•")]
    if not shown:
        return f"{head}\n\n" + _("This card lists no common mistakes yet.")
    return f"{head}\n\n" + "\n".join(shown)


def _one_item(markdown: str) -> str:
    """A mistake as a list of one item, its own lines indented under it: a list or a
    callout it holds is shown inside its bullet (a sub-list indented, with ◦), not as
    more mistakes beside it."""
    return "- " + markdown.replace("\n", "\n  ")


def skill_list(skills: Page[Skill], heading: str, *, heading_is_html: bool = False) -> str:
    """The text above a page of skill buttons: that page's skills, grouped by kind.
    `heading_is_html`: the heading is Telegram HTML already (escaped once, not twice)."""
    groups: dict[str, list[str]] = {}
    for skill in skills.items:
        groups.setdefault(kind_plural(skill.kind), []).append(escape(card(skill).title))
    title = f"<b>{heading if heading_is_html else escape(heading)}</b>"
    if skills.count > 1:
        title += " " + _("(page {page} of {pages})").format(
            page=skills.number + 1, pages=skills.count
        )
    lines = [title]
    for kind, names in groups.items():
        # Under the heading "Skills" the skills need no second "Skills" above them.
        label = "" if kind == heading else f"<i>{escape(kind)}</i>\n"
        lines.append(f"\n{label}" + "\n".join(names))
    return "\n".join(lines)


# A name typed after /practice or /mistakes, said back: longer is not a skill's name.
MAX_QUERY_SHOWN = 60


def not_found(query: str, *, guessed: bool, any_choices: bool, many: bool = False) -> str:
    """When a typed name matched no single skill (a long one is shown cut short: it
    is said back, not pasted back)."""
    query = " ".join(query.split())
    if len(query) > MAX_QUERY_SHOWN:
        query = query[: MAX_QUERY_SHOWN - 1].rstrip() + "…"
    shown = escape(query)
    if any_choices and not guessed:
        if many:
            return _(
                "Several skills match “{query}” (the first few; type more of the name to "
                "narrow it down). Which one?"
            ).format(query=shown)
        return _("Several skills match “{query}”. Which one?").format(query=shown)
    if any_choices:
        return _("I couldn’t find “{query}”. Did you mean:").format(query=shown)
    return _("I couldn’t find a skill called “{query}”. Here are all of them:").format(query=shown)


def focus_summary(skill: Skill, *, chosen: bool) -> str:
    """What /focus shows."""
    title = escape(card(skill).title)
    if chosen:
        return _(
            "Your focus skill is <b>{skill}</b> (you chose it). "
            "/practice and /mistakes offer it first."
        ).format(skill=title)
    return _(
        "Your focus skill is <b>{skill}</b> (suggested until you choose your own). "
        "/practice and /mistakes offer it first."
    ).format(skill=title)


def focus_set(skill: Skill) -> str:
    """After choosing a focus."""
    return _("Your focus is now <b>{skill}</b>. /practice will offer it first.").format(
        skill=escape(card(skill).title)
    )


_CONSTANTS = {
    # Above a list of skill buttons, by what pressing one does.
    "PRACTISE_HEADING": lambda: _("Choose a skill to practise"),
    "LIST_HEADING": lambda: _("Skills"),
    "FOCUS_HEADING": lambda: _("Choose your focus skill"),
    "MISTAKES_HEADING": lambda: _("Whose common mistakes?"),
    "REFLECTIONS_HEADING": lambda: _("Your reflections on which skill?"),
    "NO_SKILLS": lambda: _(
        "There are no skill cards right now, so there is nothing to practise. Sorry!"
    ),
}


def __getattr__(name: str) -> str:
    """The constants above, said in the current language when read."""
    return constant(_CONSTANTS, name)
