"""How updates reach handlers: commands by name, button presses by the type of their data."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.telegram.callbacks import Press, decode
from bot.telegram.context import BotContext
from bot.telegram.handlers.replies import answer_press
from bot.texts import basics as basics_text

log = logging.getLogger(__name__)

P = TypeVar("P", bound=Press)
Handler = Callable[[Update, BotContext], Coroutine[Any, Any, None]]
PressHandler = Callable[[Update, BotContext, P], Coroutine[Any, Any, None]]


def command(name: str, callback: Handler) -> CommandHandler[BotContext, None]:
    """A CommandHandler for new messages only.

    PTB's CommandHandler also fires on edited messages, so editing an old /cancel
    or /pause would run it again; an edit gets the "I only read new messages" answer.
    """
    return CommandHandler(name, callback, filters=filters.UpdateType.MESSAGE)


def on_press(
    press_type: type[P], callback: PressHandler[P]
) -> CallbackQueryHandler[BotContext, None]:
    """Route presses whose data decodes to `press_type` to `callback`, decoded.

    Data that decodes to nothing this bot makes matches no route and reaches the
    catch-all, `reject_malformed`.
    """

    def matches(data: object) -> bool:
        return isinstance(data, str) and isinstance(decode(data), press_type)

    @functools.wraps(callback)  # the update log names the handler, not this wrapper
    async def routed(update: Update, context: BotContext) -> None:
        query = update.callback_query
        assert query is not None
        press = decode(query.data)
        if not isinstance(press, press_type):
            # `matches` lets only these through, but PTB hands a press that carries no
            # data at all (no client of ours sends one) to the first route unasked.
            await reject_press(update)
            return
        await callback(update, context, press)

    return CallbackQueryHandler(routed, pattern=matches)


async def reject_press(update: Update, reason: str | None = None) -> None:
    """Answer a button press that does nothing, so the spinner stops and the person knows
    (by default: the button no longer works, said in their language when pressed)."""
    query = update.callback_query
    if query is not None:
        await answer_press(query, basics_text.STALE_BUTTON if reason is None else reason)


async def reject_stale(update: Update, context: BotContext) -> None:
    """Well-formed data that no longer applies (a card reloaded away, a person forgotten
    mid-press): ordinary, so logged at INFO, and answered like any dead button."""
    user = update.effective_user
    log.info("button no longer applies for user %s", user.id if user else "?")
    await reject_press(update)


async def reject_malformed(update: Update, context: BotContext) -> None:
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
