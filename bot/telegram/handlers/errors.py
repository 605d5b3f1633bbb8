"""The error handler: log with context, tell the person in one friendly line."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot.telegram.context import BotContext
from bot.telegram.update_log import update_kind
from bot.texts import basics as basics_text

log = logging.getLogger(__name__)


def describe(update: object) -> str:
    """Name an update by kind and user id only: never message text."""
    if not isinstance(update, Update):
        return type(update).__name__
    user = update.effective_user
    return f"{update_kind(update)} {update.update_id} from user {user.id if user else '?'}"


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure and apologise to the person, without a traceback in the chat."""
    log.error("handler failed on %s", describe(update), exc_info=context.error)
    if not isinstance(update, Update) or isinstance(context.error, Forbidden):
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(basics_text.SOMETHING_WENT_WRONG, show_alert=True)
        elif update.effective_chat is not None:
            await context.bot.send_message(
                update.effective_chat.id, basics_text.SOMETHING_WENT_WRONG
            )
    except TelegramError:
        log.warning("could not tell %s about the failure", describe(update), exc_info=True)
