"""Keep the bot to ALLOWED_USER_IDS when that list is set."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes, TypeHandler

from bot import render
from bot.services import services_of

log = logging.getLogger(__name__)


async def refuse_strangers(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Politely refuse anyone not on the allow-list, before any handler stores anything."""
    user = update.effective_user
    settings = services_of(context.bot_data).settings
    if user is None or settings.is_allowed(user.id):
        return
    log.info("refused update from user %s: not in ALLOWED_USER_IDS", user.id)
    if update.callback_query is not None:
        await update.callback_query.answer(render.NOT_ALLOWED, show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(render.NOT_ALLOWED)
    raise ApplicationHandlerStop


def setup(app: Application) -> None:  # type: ignore[type-arg]
    """Run the allow-list check before every other handler (group -1 goes first)."""
    app.add_handler(TypeHandler(Update, refuse_strangers), group=-1)
