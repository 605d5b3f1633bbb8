"""Keep the bot to ALLOWED_USER_IDS when that list is set."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.telegram.context import BotApplication, BotContext
from bot.telegram.update_log import update_kind
from bot.texts import basics as basics_text

log = logging.getLogger(__name__)


async def refuse_strangers(update: Update, context: BotContext) -> None:
    """Politely refuse anyone not on the allow-list, and any chat that is not private,
    before any handler stores anything."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        await _set_aside(update)
        raise ApplicationHandlerStop
    settings = context.services.settings
    if chat is not None and chat.type != ChatType.PRIVATE:
        # Practice and reflections are personal; in a group everyone would see them.
        reason = basics_text.PRIVATE_ONLY
    elif user is not None and not settings.is_allowed(user.id):
        log.info("refused update from user %s: not in ALLOWED_USER_IDS", user.id)
        reason = basics_text.NOT_ALLOWED
    else:
        return
    if update.callback_query is not None:
        await update.callback_query.answer(reason, show_alert=True)
    elif update.message is not None:
        await update.message.reply_text(reason)
    raise ApplicationHandlerStop


async def _set_aside(update: Update) -> None:
    """Every handler serves a person in a chat; anything else stops here, answered
    where Telegram expects an answer (a press on a button in an inline message)."""
    log.info("update %s has no person or no chat; not handled", update_kind(update))
    if update.callback_query is not None:
        await update.callback_query.answer(basics_text.BUTTON_NOT_HERE, show_alert=True)


def setup(app: BotApplication) -> None:
    """Run the allow-list check before every other handler (group -1 goes first)."""
    app.add_handler(TypeHandler(Update, refuse_strangers), group=-1)
