"""Turn a typed skill name into a skill, or offer buttons when it is not clear."""

from __future__ import annotations

from telegram import Update

from bot.domain.models import Skill
from bot.domain.paging import page_of
from bot.telegram import keyboards
from bot.telegram.callbacks import ListMode, SkillAction
from bot.telegram.context import BotContext
from bot.telegram.handlers.lookups import skill_named
from bot.telegram.handlers.replies import show
from bot.texts import skills as skill_text

_LIST_MODE = {
    SkillAction.INTRO: ListMode.PRACTICE,
    SkillAction.FOCUS: ListMode.FOCUS,
    # The whole list, when nothing matched, still does what was asked for.
    SkillAction.MISTAKES: ListMode.MISTAKES,
    SkillAction.REFLECTIONS: ListMode.REFLECTIONS,
}


async def choose_skill(
    update: Update, context: BotContext, wanted: str, action: SkillAction
) -> Skill | None:
    """The skill `wanted` names; otherwise send choice buttons (each doing `action`)."""
    vault = context.services.vault.current
    found = await skill_named(vault, wanted)
    if found.skill is not None:
        return found.skill
    many = len(found.choices) > keyboards.MAX_CHOICES
    text = skill_text.not_found(
        wanted, guessed=found.guessed, any_choices=bool(found.choices), many=many
    )
    if found.choices:
        await show(update, context, text, keyboards.choices(found.choices, action))
    elif vault.skills:
        mode = _LIST_MODE.get(action, ListMode.CARD)
        shown = page_of(vault.skills, 0, keyboards.PAGE_SIZE)
        listing = skill_text.skill_list(shown, text, heading_is_html=True)
        await show(update, context, listing, keyboards.skill_list(shown, mode))
    else:
        await show(update, context, skill_text.NO_SKILLS)
    return None
