"""The error handler: log with context, tell the person in one friendly line."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot.domain.models import NotRegistered
from bot.store import is_unreachable
from bot.telegram.context import BotContext
from bot.telegram.handlers.replies import answer_press
from bot.telegram.update_log import from_inbox, is_final_attempt, update_kind
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
    error = context.error
    if isinstance(error, NotRegistered):
        # Forgotten (or never started) between the access check and the handler's own
        # read, e.g. a /forget that landed in between: an answer, not a bug.
        log.info("%s came from someone not registered (any more)", describe(update))
        await _tell(update, context, basics_text.SEND_START)
        return
    if error is not None and is_unreachable(error):
        # No traceback: the database not answering is a state, not a bug.
        log.warning("database unreachable while handling %s: %s", describe(update),
                    type(error).__name__)  # fmt: skip
        if from_inbox():
            return  # the inbox worker tells the person and tries again later
        await _tell(update, context, basics_text.CANT_REACH_NOTES)
        return
    if update is None and context.job is not None:
        # A job's failure (the start-up report, the index of typed words, a sweep)
        # comes with no update: named by the job, where it read "NoneType".
        log.error("job %s failed", context.job.name, exc_info=error)
        return
    log.error("handler failed on %s", describe(update), exc_info=error)
    if not isinstance(update, Update) or isinstance(error, Forbidden):
        return
    if not is_final_attempt():
        return  # tried again; the person hears once, if the last attempt fails too
    await _tell(update, context, basics_text.SOMETHING_WENT_WRONG)


async def _tell(update: object, context: BotContext, text: str) -> None:
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:
            await answer_press(update.callback_query, text, show_alert=True)
        elif update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError:
        log.warning("could not tell %s about the failure", describe(update), exc_info=True)
