"""Sending and editing: one place that knows Telegram's edit edge cases."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import MessageLimit
from telegram.error import BadRequest

from bot.telegram.context import BotContext
from bot.texts.html import split_message

log = logging.getLogger(__name__)

# Telegram refuses edits of messages that are too old, deleted, or not the bot's.
_CANNOT_EDIT = ("message to edit not found", "message can't be edited", "message_id_invalid")


async def show(
    update: Update,
    context: BotContext,
    text: str,
    keyboard: InlineKeyboardMarkup | None = None,
    *,
    edit: bool = False,
) -> None:
    """Show `text`: in place of the pressed message when `edit`, else as new messages.

    Long text is split; the keyboard goes under the last part. An edit that
    Telegram refuses (too old, deleted) falls back to a new message, and one that
    would change nothing is simply done.
    """
    parts = split_message(text, MessageLimit.MAX_TEXT_LENGTH)
    query = update.callback_query
    target = query.message if query is not None else None
    if edit and len(parts) == 1 and isinstance(target, Message):
        try:
            await target.edit_text(parts[0], reply_markup=keyboard)
            return
        except BadRequest as exc:
            reason = str(exc).lower()
            if "not modified" in reason:
                return
            if not any(marker in reason for marker in _CANNOT_EDIT):
                raise
            log.info("could not edit message %s (%s); sending a new one", target.id, exc)
    chat = update.effective_chat
    assert chat is not None
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        await context.bot.send_message(chat.id, part, reply_markup=keyboard if last else None)
