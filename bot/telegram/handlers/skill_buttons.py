"""Buttons about one skill (intro, start, mistakes, card, focus, reflections), the pages of a
skill list, and Cancel on a practice intro."""

from __future__ import annotations

import contextlib
import logging

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.telegram.callbacks import Dismiss, Done, ListPress, SkillAction, SkillPress, StartInstead
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.handlers import progress, skills
from bot.telegram.handlers.practice import show_intro, start_practice
from bot.telegram.handlers.replies import answer_press, show
from bot.telegram.handlers.routes import on_press
from bot.texts import practice as practice_text
from bot.texts import scenarios as scenario_text

log = logging.getLogger(__name__)


async def skill_button(update: Update, context: BotContext, press: SkillPress) -> None:
    """Intro, Start, Common mistakes, card or focus for one skill."""
    query, user, chat = update.callback_query, update.effective_user, update.effective_chat
    assert query and user and chat
    services = context.services
    skill = services.vault.current.by_key.get(press.key)
    if skill is None:
        await answer_press(query, practice_text.SKILL_GONE)
        return
    await answer_press(query)
    if press.action is SkillAction.INTRO:
        await show_intro(update, context, skill, edit=True)
    elif press.action is SkillAction.START:
        await start_practice(update, context, skill, edit=True)
    elif press.action is SkillAction.MISTAKES:
        await skills.show_mistakes(update, context, skill)
    elif press.action is SkillAction.CARD:
        await skills.show_card(update, context, skill)
    elif press.action is SkillAction.REFLECTIONS:
        await progress.show_reflections(update, context, 0, skill.title, edit=True)
    else:
        await skills.set_focus(update, context, skill)


async def list_button(update: Update, context: BotContext, press: ListPress) -> None:
    """Move to a page of a skill list."""
    query = update.callback_query
    assert query
    await answer_press(query)
    await skills.show_list(update, context, press.mode, press.page, edit=True)


async def dismiss_button(update: Update, context: BotContext, press: Dismiss) -> None:
    """Cancel on an intro: close the menu."""
    query = update.callback_query
    assert query
    await answer_press(query)
    await show(update, context, practice_text.DISMISSED, edit=True)


async def start_instead_button(update: Update, context: BotContext, press: StartInstead) -> None:
    """Start another skill, ending the open practice: the person chose this explicitly."""
    query = update.callback_query
    assert query
    vault = context.services.vault.current
    skill = vault.by_key.get(press.key)
    if skill is None:
        await answer_press(query, practice_text.SKILL_GONE)
        return
    scenario = vault.scenario(press.scenario_key) if press.scenario_key else None
    if press.scenario_key and scenario is None:
        await answer_press(query, scenario_text.SCENARIO_GONE)
        return
    await answer_press(query)
    await start_practice(
        update,
        context,
        skill,
        edit=True,
        scenario=scenario.title if scenario else None,
        replacing=press.session_id,
    )


async def done_button(update: Update, context: BotContext, press: Done) -> None:
    """Done under a completed practice: the words stay, the buttons go."""
    query = update.callback_query
    assert query
    await answer_press(query, practice_text.SEE_YOU)
    if isinstance(query.message, Message):
        with contextlib.suppress(BadRequest):  # already put away by a double tap
            await query.message.edit_reply_markup(InlineKeyboardMarkup([]))


def setup(app: BotApplication) -> None:
    """Register the skill, list and dismiss buttons."""
    app.add_handler(on_press(SkillPress, skill_button))
    app.add_handler(on_press(StartInstead, start_instead_button))
    app.add_handler(on_press(Done, done_button))
    app.add_handler(on_press(ListPress, list_button))
    app.add_handler(on_press(Dismiss, dismiss_button))
