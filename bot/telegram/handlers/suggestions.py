"""Free text outside a practice is never a dead end: offer the skills it is about."""

from __future__ import annotations

from telegram import Update

from bot.telegram import keyboards
from bot.telegram.context import BotContext
from bot.texts import i18n
from bot.texts import skills as skill_text
from bot.texts import suggestions as suggestion_text


async def offer_skills(update: Update, context: BotContext, text: str) -> None:
    """The one to three skills that match `text`, else the person's focus skill."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    services = context.services
    found = services.suggestions.for_text(text, i18n.current())
    if found:
        await message.reply_text(
            suggestion_text.offer(found), reply_markup=keyboards.suggestions(found)
        )
        return
    focus = await services.coach.focus_of(user.id)
    if focus is None:
        await message.reply_text(skill_text.NO_SKILLS)
        return
    await message.reply_text(
        suggestion_text.focus_instead(focus), reply_markup=keyboards.suggestions((focus,))
    )
