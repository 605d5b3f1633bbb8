"""Free text outside a practice is never a dead end: offer the skills it is about."""

from __future__ import annotations

from telegram import Update

from bot.domain.feelings import only_hurt
from bot.domain.small_talk import small_talk
from bot.telegram import keyboards
from bot.telegram.context import BotContext
from bot.texts import i18n
from bot.texts import skills as skill_text
from bot.texts import suggestions as suggestion_text


async def offer_skills(update: Update, context: BotContext, text: str) -> None:
    """The one to three skills that match `text`, else the person's focus skill; emoji of
    hurt alone are met first, with where to find a person to talk to, and a "help",
    "thanks", "hi" or "ok" is answered as a person would."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    if only_hurt(text):
        await message.reply_text(suggestion_text.HURT_WITHOUT_WORDS)
        return
    if (kind := small_talk(text)) is not None:  # "help", "thanks", "hi", "ok"
        await message.reply_text(suggestion_text.small_talk(kind))
        return
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
