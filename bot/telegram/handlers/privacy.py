"""/export and /forget: a person's own data, to take away or to erase for good, all of it
or their notes alone."""

from __future__ import annotations

import json

from telegram import InputFile, Update

from bot.domain import practice
from bot.domain.models import SessionStatus
from bot.domain.practice import Move
from bot.telegram import keyboards
from bot.telegram.callbacks import DELETE_NOTES, KEEP_NOTES, ForgetPress, NotesPress
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.handlers.replies import answer_press, show
from bot.telegram.handlers.routes import command, on_press
from bot.telegram.partner_notices import end_pairing
from bot.texts import i18n
from bot.texts import privacy as privacy_text


async def export_command(update: Update, context: BotContext) -> None:
    """Send everything stored about the person as a JSON document."""
    user, message = update.effective_user, update.effective_message
    assert user and message
    data = await context.services.store.export_user(user.id)
    if data is None:
        await message.reply_text(privacy_text.NOTHING_STORED)
        return
    payload = json.dumps(data, indent=2, ensure_ascii=False).encode()
    await message.reply_document(
        InputFile(payload, filename=f"skillbot-export-{user.id}.json"),
        caption=privacy_text.EXPORT_CAPTION,
    )


async def forget_command(update: Update, context: BotContext) -> None:
    """Ask before deleting everything about the person (and say what it does to a pairing)."""
    user = update.effective_user
    assert user is not None
    paired = await context.services.store.pairing(user.id) is not None
    question = privacy_text.forget_question(paired=paired)
    await show(update, context, question, keyboards.forget_confirm())


async def forget_button(update: Update, context: BotContext, press: ForgetPress) -> None:
    """Delete, or not, after the confirmation."""
    query, user = update.callback_query, update.effective_user
    assert query and user
    await answer_press(query)
    if not press.confirmed:
        # Asked in the middle of a practice ("delete my data"): the way back to it.
        busy = await context.services.coach.open_practice(user.id)
        title = None if busy is None else i18n.card(busy.skill).title
        await show(update, context, privacy_text.forget_cancelled(title), edit=True)
        return
    store = context.services.store
    # The partner hears only that the pairing ended, never why.
    await end_pairing(context.bot, store, user.id)
    await store.forget_user(user.id)
    if context.chat_data is not None:
        # What this process keeps about the chat in memory (listening replies counted,
        # languages offered) goes with the rest.
        context.chat_data.clear()
    await show(update, context, privacy_text.FORGOTTEN, edit=True)


async def forget_notes_question(update: Update, context: BotContext) -> None:
    """Ask before deleting the person's notes (their reflections), and nothing else; or
    say there are none."""
    user = update.effective_user
    assert user is not None
    await _ask_about_notes(update, context, await _notes_of(context, user.id))


async def notes_button(update: Update, context: BotContext, press: NotesPress) -> None:
    """🗑 Delete my notes (under /reflections), then yes or no."""
    query, user = update.callback_query, update.effective_user
    assert query and user
    await answer_press(query)
    if press.step == KEEP_NOTES:
        await show(update, context, privacy_text.NOTES_KEPT, edit=True)
        return
    count = await _notes_of(context, user.id)
    if press.step != DELETE_NOTES or count == 0 or count != press.count:
        # Asked now, or asked again: a Yes under an older question (notes written since,
        # or deleted already) must not delete more, or fewer, than it said.
        await _ask_about_notes(update, context, count, edit=True)
        return
    deleted = await context.services.store.forget_reflections(user.id)
    parts = [privacy_text.notes_forgotten(deleted), privacy_text.NOTES_STILL_IN_CHAT]
    parts.extend(await _where_the_practice_stands(context, user.id))
    await show(update, context, "\n\n".join(parts), edit=True)


async def _notes_of(context: BotContext, user_id: int) -> int:
    _, count = await context.services.store.reflections(user_id, offset=0, limit=1)
    return count


async def _ask_about_notes(
    update: Update, context: BotContext, count: int, *, edit: bool = False
) -> None:
    if count == 0:
        await show(update, context, privacy_text.NO_NOTES, edit=edit)
        return
    question = privacy_text.notes_question(count)
    await show(update, context, question, keyboards.forget_notes_confirm(count), edit=edit)


async def _where_the_practice_stands(context: BotContext, user_id: int) -> list[str]:
    """After the notes went: a practice waiting for its note finishes without one (what
    they type next would be kept as a note, minutes after asking for none to be kept);
    one in progress is where they left it."""
    coach = context.services.coach
    busy = await coach.open_practice(user_id)
    if busy is None:
        return []
    if busy.session.status is SessionStatus.REFLECTING:
        step = practice.position(busy.session)
        await coach.press(user_id, busy.session.id, step, Move.SKIP_REFLECTION)
        return [privacy_text.REFLECTION_SKIPPED]
    return [privacy_text.practice_waits(i18n.card(busy.skill).title)]


def setup(app: BotApplication) -> None:
    """Register /export, /forget and the answer to "delete everything?"."""
    app.add_handler(command("export", export_command))
    app.add_handler(command("forget", forget_command))
    app.add_handler(command("delete", forget_command))  # what many people try first
    app.add_handler(on_press(ForgetPress, forget_button))
    app.add_handler(on_press(NotesPress, notes_button))
