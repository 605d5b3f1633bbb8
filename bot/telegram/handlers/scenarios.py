"""Practising a skill for a scenario: the buttons under a card that name a situation."""

from __future__ import annotations

from telegram import Update

from bot.telegram.callbacks import ScenarioPress, SkillAction
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.handlers.practice import show_intro, start_practice
from bot.telegram.handlers.replies import answer_press
from bot.telegram.handlers.routes import on_press
from bot.texts import practice as practice_text
from bot.texts import scenarios as scenario_text


async def scenario_button(update: Update, context: BotContext, press: ScenarioPress) -> None:
    """The intro for a skill in a situation, or Start from that intro."""
    query, user, chat = update.callback_query, update.effective_user, update.effective_chat
    assert query and user and chat
    services = context.services
    vault = services.vault.current
    skill = vault.by_key.get(press.skill_key)
    if skill is None:
        await answer_press(query, practice_text.SKILL_GONE)
        return
    scenario = vault.scenario(press.scenario_key)
    if scenario is None:
        await answer_press(query, scenario_text.SCENARIO_GONE)
        return
    await answer_press(query)
    if press.action is SkillAction.START:
        await start_practice(update, context, skill, edit=True, scenario=scenario.title)
    else:
        await show_intro(update, context, skill, scenario=scenario, edit=True)


def setup(app: BotApplication) -> None:
    """Register the scenario buttons (before the catch-all for unknown buttons)."""
    app.add_handler(on_press(ScenarioPress, scenario_button))
