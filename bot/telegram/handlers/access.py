"""Keep the bot to ALLOWED_USER_IDS when that list is set."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.domain.feelings import only_harm, only_hurt
from bot.domain.heavy_words import heavy
from bot.domain.small_talk import SmallTalk, small_talk
from bot.telegram import keyboards
from bot.telegram.callbacks import ForgetPress, decode
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.handlers import safety
from bot.telegram.handlers.replies import answer_press, show
from bot.telegram.update_log import update_kind
from bot.texts import basics as basics_text
from bot.texts import privacy as privacy_text
from bot.texts import suggestions as suggestion_text

log = logging.getLogger(__name__)


async def refuse_strangers(update: Update, context: BotContext) -> None:
    """Politely refuse anyone not on the allow-list, and any chat that is not private,
    before any handler stores anything."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        await _set_aside(update)
        raise ApplicationHandlerStop
    settings = context.services.settings
    if chat.type != ChatType.PRIVATE:
        await _answer_group_once(update, context, chat.id)
        raise ApplicationHandlerStop
    if not settings.is_allowed(user.id):
        log.info("refused update from user %s: not in ALLOWED_USER_IDS", user.id)
        reason = basics_text.NOT_ALLOWED
    else:
        return
    if update.callback_query is not None:
        await answer_press(update.callback_query, reason, show_alert=True)
    elif update.message is not None:
        await update.message.reply_text(reason)
    raise ApplicationHandlerStop


async def _set_aside(update: Update) -> None:
    """Every handler serves a person in a chat; anything else stops here, answered
    where Telegram expects an answer (a press on a button in an inline message)."""
    log.info("update %s has no person or no chat; not handled", update_kind(update))
    if update.callback_query is not None:
        await answer_press(update.callback_query, basics_text.BUTTON_NOT_HERE, show_alert=True)


async def _answer_group_once(update: Update, context: BotContext, chat_id: int) -> None:
    """Say once, in the group, that the bot only works in private chats, then leave.

    Practice and reflections are personal; in a group everyone would see them.
    Leaving is what makes it "once": a bot that is not a member gets nothing more
    from the group, so nothing needs to be stored to remember that it already spoke.
    """
    change = update.my_chat_member
    if change is not None and change.new_chat_member.status not in (
        ChatMemberStatus.MEMBER,
        ChatMemberStatus.ADMINISTRATOR,
    ):
        return  # removed from the group: nothing to say, nowhere to say it
    try:
        if update.callback_query is not None:
            await answer_press(update.callback_query, basics_text.PRIVATE_ONLY, show_alert=True)
        else:
            await context.bot.send_message(chat_id, basics_text.PRIVATE_ONLY)
        await context.bot.leave_chat(chat_id)
    except TelegramError as exc:  # a channel the bot may not post in, say
        log.info("could not answer or leave group %s: %s", chat_id, exc)


async def welcome_unregistered(update: Update, context: BotContext) -> None:
    """Anyone without a record (new, or forgotten at their request) gets the welcome and
    the way to begin, and nothing else runs: only /start stores anything about a person."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or update.my_chat_member is not None:
        return  # membership changes store nothing for people without a record
    if _is_start(update) or _needs_no_record(update):
        return
    if await context.stored_person(user.id):
        return
    message = update.effective_message
    if message is not None and safety.speaks_of_danger(message):
        # Help comes first, whoever writes: someone new, or someone who just asked to
        # be forgotten. Answering stores nothing about them.
        await safety.answer_with_help(update, context)
        raise ApplicationHandlerStop
    written = update.message  # their words: not the bot's own under a pressed button
    if written is not None and (heard := _met_before_start(written.text or "", context)):
        # Their pain, or a plea, is met before the welcome, and still nothing is kept.
        await written.reply_text(heard, reply_markup=keyboards.begin(context.bot.username))
        raise ApplicationHandlerStop
    if update.callback_query is not None and decode(update.callback_query.data) == ForgetPress(
        True
    ):
        # "Yes, delete everything" from someone with no record: pressed again, or the
        # same press tried again after its answer was lost. It is done; the screen says so.
        await answer_press(update.callback_query)
        await show(update, context, privacy_text.FORGOTTEN, edit=True)
    elif update.callback_query is not None:
        await answer_press(update.callback_query, basics_text.SEND_START, show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(
            basics_text.unregistered_welcome(user.first_name),
            reply_markup=keyboards.begin(context.bot.username),
        )
    raise ApplicationHandlerStop


# Commands that read nothing about the person and store nothing: where to find help
# and what the bot can do are for anyone.
_FOR_ANYONE = frozenset({"/help", "/support"})


def _needs_no_record(update: Update) -> bool:
    return _command_of(update) in _FOR_ANYONE


def _command_of(update: Update) -> str | None:
    message = update.message  # a new message: an edited /start does not register
    if message is None or not message.text or not message.text.startswith("/"):
        return None
    return message.text.split()[0].split("@")[0].casefold()


def _met_before_start(text: str, context: BotContext) -> str | None:
    """The answer to pain, a plea for help or emoji of harm from someone without a
    record; None for anything else (they get the welcome)."""
    if only_harm(text):
        return suggestion_text.before_start(context.support_text(), harm=True)
    if small_talk(text) is SmallTalk.PLEA:
        return suggestion_text.before_start(context.support_text(), plea=True)
    if only_hurt(text):
        return suggestion_text.before_start(context.support_text(), wordless=True)
    if heavy(text, any_length=True):
        return suggestion_text.before_start(context.support_text())
    return None


def _is_start(update: Update) -> bool:
    return _command_of(update) == "/start"


async def admit(update: Update, context: BotContext) -> None:
    """Both checks in one handler: PTB runs only the first matching handler of a group."""
    await refuse_strangers(update, context)
    await welcome_unregistered(update, context)


def setup(app: BotApplication) -> None:
    """Run the allow-list check, then the registration check, before every other handler
    (group -2, right after the language)."""
    app.add_handler(TypeHandler(Update, admit), group=-2)
