"""Sending and editing: one place that knows Telegram's edit edge cases."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import CommandHandler, ContextTypes, filters

from bot.texts import render

log = logging.getLogger(__name__)

# Telegram refuses edits of messages that are too old, deleted, or not the bot's.
_CANNOT_EDIT = ("message to edit not found", "message can't be edited", "message_id_invalid")


async def show(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
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
    parts = render.split_message(text)
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


async def reject_press(update: Update, reason: str = render.STALE_BUTTON) -> None:
    """Answer a button press that does nothing, so the spinner stops and the person knows."""
    query = update.callback_query
    if query is not None:
        await query.answer(reason)


async def reject_malformed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any button data this bot would never have produced: log it and say so."""
    user = update.effective_user
    data = update.callback_query.data if update.callback_query else None
    # The data itself is not logged: it is whatever a client chose to send.
    log.warning(
        "rejected malformed button data from user %s (%d bytes)",
        user.id if user else "?",
        len(data or ""),
    )
    await reject_press(update)


def command(
    name: str, callback: Callable[[Update, Any], Coroutine[Any, Any, None]]
) -> CommandHandler[Any, None]:
    """A CommandHandler for new messages only.

    PTB's CommandHandler also fires on edited messages, so editing an old /cancel
    or /pause would run it again; an edit gets the "I only read new messages" answer.
    """
    return CommandHandler(name, callback, filters=filters.UpdateType.MESSAGE)
