"""Typed answers to the bot's own questions: a number of days after /pause, a city after
the time-zone picker, a time after the reminder-time picker.

The question lives in the person's row (like a reflection awaited by a practice row), so a
restart or a second replica keeps it and /forget erases it. It is open for one update:
the update after it may answer it, and closes it whatever it is, so a "7" sent later is
never read as days. It also lapses after ANSWER_WINDOW.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, TypeHandler, filters

from bot.telegram.context import BotApplication, BotContext
from bot.telegram.handlers import partner, reminders


async def close_question(update: Update, context: BotContext) -> None:
    """Close the question asked before this update (the handlers below still see it in
    the record this update read, so this update may answer it; no later one may)."""
    user = update.effective_user
    if user is None:
        return
    person = await context.stored_person(user.id)
    if person is not None and person.question is not None:
        await context.services.store.close_question(user.id)


async def on_text(update: Update, context: BotContext) -> None:
    """The answer to the question just asked, when the text is one; any other text goes
    on to the repair bid, the practice and the skills, as if nothing had been asked."""
    user, message = update.effective_user, update.effective_message
    assert user and message and message.text is not None
    person = await context.stored_person(user.id)
    question = person.open_question(context.services.clock()) if person else None
    taken = (
        person is not None
        and question is not None
        and await reminders.take_answer(update, context, person, question, message.text)
    )
    if not taken:
        await partner.on_text(update, context)


def setup(app: BotApplication) -> None:
    """Close the last question after the allow-list (group -2), before any handler that
    may ask a new one (group 0)."""
    app.add_handler(TypeHandler(Update, close_question), group=-1)


def setup_text(app: BotApplication) -> None:
    """Register the text handler that takes an answer (before the repair bid's)."""
    app.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, on_text)
    )
