"""Sending and editing: one place that knows Telegram's edit edge cases."""

from __future__ import annotations

import contextlib
import functools
import logging
from typing import Any

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import MessageLimit
from telegram.error import BadRequest
from telegram.ext import ExtBot

from bot.telegram.context import BotContext
from bot.texts.html import split_message

log = logging.getLogger(__name__)

# Telegram refuses edits of messages that are too old, deleted, or not the bot's.
_CANNOT_EDIT = ("message to edit not found", "message can't be edited", "message_id_invalid")
# Telegram takes one answer per press, and only for a while after it: a press answered
# already (the update is tried again after a later call failed) or handled late (a
# backlog after a restart) is refused with "query is too old and response timeout
# expired or query ID is invalid".
_CANNOT_ANSWER = ("query is too old", "query id is invalid", "query_id_invalid")


async def answer_press(
    query: CallbackQuery, text: str | None = None, *, show_alert: bool = False
) -> None:
    """Answer a button press (stop its spinner, show `text` as a toast or an alert).

    An answer Telegram no longer takes is let go: it only ever acknowledged the press,
    and the press's own work (a step moved, the message edited) must not fail for it,
    or the update would be tried again and again and finally set aside.
    """
    try:
        await query.answer(text, show_alert=show_alert)
    except BadRequest as exc:
        if not any(marker in str(exc).lower() for marker in _CANNOT_ANSWER):
            raise
        log.info("press %s could not be answered any more; going on without", query.id)


# What a button can carry besides a label and its data (a link, a web app, a game...).
_BUTTON_EXTRAS = tuple(
    field for field in InlineKeyboardButton.__slots__ if field not in ("text", "callback_data")
)


def keyboard_request(keyboard: InlineKeyboardMarkup) -> dict[str, Any] | InlineKeyboardMarkup:
    """`keyboard` as its request sends it: the JSON, when every button is a label and its
    data (all this bot's practice buttons are), else the keyboard for PTB to serialize.

    PTB serializes any object the same generic way (each field of each class it is
    made of, looked up and checked by name): for a step's three buttons, 50 us, a
    fortieth of a press (docs/benchmarks.md, "Edit answer"). The JSON of a plain
    button is its two fields; tests/telegram/handlers/test_replies.py holds it to PTB's.
    """
    if (
        type(keyboard) is not InlineKeyboardMarkup
        or keyboard.api_kwargs
        or not keyboard.inline_keyboard  # PTB sends an empty one as {}
    ):
        return keyboard
    rows = []
    for row in keyboard.inline_keyboard:
        plain = []
        for button in row:
            if (
                type(button) is not InlineKeyboardButton
                or button.api_kwargs
                or not isinstance(button.callback_data, str)
                or any(getattr(button, field) is not None for field in _BUTTON_EXTRAS)
            ):
                return keyboard
            plain.append({"callback_data": button.callback_data, "text": button.text})
        rows.append(plain)
    return {"inline_keyboard": rows}


@functools.cache
def _previews_request(options: LinkPreviewOptions) -> dict[str, Any]:
    # The bot's one Defaults object, serialized once rather than on every edit (by
    # PTB's generic serializer: 16 us, docs/benchmarks.md, "Edit answer").
    return options.to_dict()


async def drop_buttons(message: Message) -> None:
    """Take a message's buttons away (one Telegram no longer edits keeps them)."""
    with contextlib.suppress(BadRequest):
        await message.edit_reply_markup(None)


async def edit_in_place(
    bot: ExtBot[Any], message: Message, text: str, keyboard: InlineKeyboardMarkup | None
) -> None:
    """Edit `message` to `text` and `keyboard`, as `Message.edit_text` would, without
    reading Telegram's answer.

    Telegram answers an edit with the whole message as it now stands, and PTB's
    `edit_text` builds a `Message` of it (every field, its keyboard, its chat and
    sender): an eighth of a button press's time (docs/benchmarks.md, "Edit answer"), for
    an object no caller here looks at. PTB has no public way to send a method it knows
    without that: `do_api_request` returns the JSON as it came, but warns for a method
    PTB has (an error wherever warnings are, as in the tests). So this goes one step
    below `edit_message_text`, to `_post`, which each of PTB's methods sends through:
    the same bot, its rate limiter, its errors (a refused edit still raises
    BadRequest). Only the defaults are named here, as edit_text would take them.
    `_post` is PTB's own, typed (mypy checks this call at each PTB upgrade), and
    tests/telegram/handlers/test_replies.py pins what it must do.

    A bot that keeps callback data in PTB's cache (`arbitrary_callback_data`, off in
    this one) has its keyboards rewritten by `edit_message_text`: it goes that way.
    """
    if bot.callback_data_cache is not None:
        await bot.edit_message_text(
            text,
            chat_id=message.chat_id,
            message_id=message.message_id,
            reply_markup=keyboard,
            business_connection_id=message.business_connection_id,
        )
        return
    request: dict[str, object] = {
        "chat_id": message.chat_id,
        "message_id": message.message_id,
        "text": text,
        "reply_markup": None if keyboard is None else keyboard_request(keyboard),
        "business_connection_id": message.business_connection_id,
    }
    defaults = bot.defaults
    if defaults is not None:  # (a None among them is left out of the request)
        request["parse_mode"] = defaults.parse_mode
        options = defaults.link_preview_options
        request["link_preview_options"] = None if options is None else _previews_request(options)
    await bot._post("editMessageText", request)  # PTB's own; see above


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
            await edit_in_place(context.bot, target, parts[0], keyboard)
            return
        except BadRequest as exc:
            reason = str(exc).lower()
            if "not modified" in reason:
                return
            if not any(marker in reason for marker in _CANNOT_EDIT):
                raise
            log.info("could not edit message %s (%s); sending a new one", target.id, exc)
    if edit and len(parts) > 1 and isinstance(target, Message) and target.reply_markup:
        # Too long to take the pressed message's place: sent below it, and its buttons,
        # which would now only refuse, are taken away.
        await drop_buttons(target)
    chat = update.effective_chat
    assert chat is not None
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        await context.bot.send_message(chat.id, part, reply_markup=keyboard if last else None)
