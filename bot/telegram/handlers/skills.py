"""/skills, /skill, /mistakes and /focus: browsing the vault and choosing a focus."""

from __future__ import annotations

from collections.abc import Callable

from telegram import Update

from bot.domain.models import Skill
from bot.domain.paging import page_of
from bot.telegram import keyboards
from bot.telegram.callbacks import ListMode, SkillAction
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.handlers.replies import show
from bot.telegram.handlers.routes import command
from bot.telegram.handlers.skill_choice import choose_skill
from bot.texts import scenarios as scenario_text
from bot.texts import skills as skill_text

# Read when a list is shown, in that person's language (read here at import, they were
# English for everyone).
LIST_HEADINGS: dict[ListMode, Callable[[], str]] = {
    ListMode.PRACTICE: lambda: skill_text.PRACTISE_HEADING,
    ListMode.CARD: lambda: skill_text.LIST_HEADING,
    ListMode.FOCUS: lambda: skill_text.FOCUS_HEADING,
    ListMode.MISTAKES: lambda: skill_text.MISTAKES_HEADING,
    ListMode.REFLECTIONS: lambda: skill_text.REFLECTIONS_HEADING,
}


async def skills_command(update: Update, context: BotContext) -> None:
    """All skills, core skills first, as buttons that open each card."""
    await show_list(update, context, ListMode.CARD, 0)


async def show_list(
    update: Update, context: BotContext, mode: ListMode, page: int, *, edit: bool = False
) -> None:
    """One page of the skill list."""
    skills = context.services.vault.current.skills
    if not skills:
        await show(update, context, skill_text.NO_SKILLS, edit=edit)
        return
    # Text and buttons show the same page, so a long list is one message, edited in
    # place by ‹ ›, never a flood of messages.
    shown = page_of(skills, page, keyboards.PAGE_SIZE)
    text = skill_text.skill_list(shown, LIST_HEADINGS[mode]())
    await show(update, context, text, keyboards.skill_list(shown, mode), edit=edit)


async def skill_command(update: Update, context: BotContext) -> None:
    """One skill's card, with its supporting skills as buttons."""
    wanted = " ".join(context.args or [])
    if not wanted:
        await show_list(update, context, ListMode.CARD, 0)
        return
    skill = await choose_skill(update, context, wanted, SkillAction.CARD)
    if skill is not None:
        await show_card(update, context, skill)


async def show_card(update: Update, context: BotContext, skill: Skill) -> None:
    """A skill's overview with its buttons."""
    is_focus = await _is_focus(update, context, skill)
    scenarios = context.services.vault.current.scenarios_of(skill)
    text = skill_text.skill_overview(skill) + scenario_text.on_card(scenarios)
    keyboard = keyboards.card(skill, is_focus=is_focus, scenarios=scenarios)
    await show(update, context, text, keyboard)


async def mistakes_command(update: Update, context: BotContext) -> None:
    """The common mistakes of the named skill, or of the focus skill."""
    skill = await _named_or_focus(update, context, SkillAction.MISTAKES)
    if skill is not None:
        await show_mistakes(update, context, skill)


async def show_mistakes(update: Update, context: BotContext, skill: Skill) -> None:
    """A skill's common mistakes with a button to practise it."""
    await show(update, context, skill_text.mistakes_text(skill), keyboards.practise(skill))


async def focus_command(update: Update, context: BotContext) -> None:
    """Show the focus skill, or set it when a name is given."""
    services = context.services
    person = await context.person(update)
    wanted = " ".join(context.args or [])
    if wanted:
        skill = await choose_skill(update, context, wanted, SkillAction.FOCUS)
        if skill is not None:
            await set_focus(update, context, skill)
        return
    focus = services.coach.focus_skill(person)
    if focus is None:
        await show(update, context, skill_text.NO_SKILLS)
        return
    chosen = person.focus_skill is not None and focus.title == person.focus_skill
    await show(
        update, context, skill_text.focus_summary(focus, chosen=chosen), keyboards.focus(focus)
    )


async def set_focus(update: Update, context: BotContext, skill: Skill) -> None:
    """Make `skill` the person's focus and say so."""
    person = await context.person(update)
    await context.services.store.set_focus(person.user_id, skill.title)
    await show(update, context, skill_text.focus_set(skill), keyboards.practise(skill))


async def _named_or_focus(
    update: Update, context: BotContext, action: SkillAction
) -> Skill | None:
    wanted = " ".join(context.args or [])
    if wanted:
        return await choose_skill(update, context, wanted, action)
    user = update.effective_user
    assert user
    skill = await context.services.coach.focus_of(user.id)
    if skill is None:
        await show(update, context, skill_text.NO_SKILLS)
    return skill


async def _is_focus(update: Update, context: BotContext, skill: Skill) -> bool:
    user = update.effective_user
    assert user
    return await context.services.coach.focus_of(user.id) == skill


def setup(app: BotApplication) -> None:
    """Register /skills, /skill, /mistakes and /focus."""
    app.add_handler(command("skills", skills_command))
    app.add_handler(command("skill", skill_command))
    app.add_handler(command("mistakes", mistakes_command))
    app.add_handler(command("focus", focus_command))
