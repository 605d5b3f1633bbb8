"""The language the bot speaks to each person: chosen on every update before any handler,
and changed with /language (or the Language row of /settings)."""

from __future__ import annotations

import logging
import re

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import TypeHandler

from bot.domain.language_guess import written_in
from bot.telegram import keyboards
from bot.telegram.callbacks import LanguagePress
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.handlers.replies import answer_press
from bot.telegram.handlers.routes import command, on_press, reject_press
from bot.texts import i18n
from bot.texts import languages as language_text

log = logging.getLogger(__name__)


async def speak_their_language(update: Update, context: BotContext) -> None:
    """Speak the person's stored language for this update; before they have one, the
    language their Telegram app is set to (`language_code`, English when we do not
    speak it). A person registered before languages existed gets theirs stored now, so
    their nudges follow too."""
    user = update.effective_user
    if user is None:
        i18n.activate(None)
        return
    store = context.services.store
    person = await context.stored_person(user.id)
    if person is not None and person.language is not None:
        i18n.activate(person.language)
        return
    language = i18n.pick(user.language_code)
    i18n.activate(language)
    if person is not None:
        await store.set_language(user.id, language)


async def show_languages(update: Update, context: BotContext) -> None:
    """/language: the languages, each by its own name; `/language de` (or `Deutsch`)
    chooses one straight away."""
    message, user, chat = update.effective_message, update.effective_user, update.effective_chat
    assert message and user and chat
    named = i18n.language_named(" ".join(context.args or []))
    if named is not None:
        store = context.services.store
        await store.ensure_user(user.id, chat.id)
        await store.set_language(user.id, named)
        i18n.activate(named)
        await message.reply_text(language_text.language_set(named))
        return
    await message.reply_text(
        language_text.LANGUAGE_QUESTION, reply_markup=keyboards.languages(i18n.current())
    )


async def choose_language(update: Update, context: BotContext, press: LanguagePress) -> None:
    """Store the chosen language and answer in it."""
    query, user, chat = update.callback_query, update.effective_user, update.effective_chat
    assert query and user and chat
    if press.language not in i18n.LANGUAGES:
        await reject_press(update)
        return
    store = context.services.store
    await store.ensure_user(user.id, chat.id)
    await store.set_language(user.id, press.language)
    i18n.activate(press.language)
    await answer_press(query)
    await query.edit_message_text(
        language_text.language_set(press.language),
        reply_markup=keyboards.languages(press.language),
    )


async def offer_their_language(update: Update, context: BotContext) -> None:
    """Someone who writes plainly in another language the bot speaks ("Sprichst du
    Deutsch?", "no sé qué hacer") is asked, in it, whether to speak it from now on, with
    a button for it and one for the language spoken now: once per chat and language
    while the bot runs (a restart, or another replica, may ask once more).

    Called after the free-text answer of skills (bot/telegram/handlers/suggestions.py),
    never after safety language, pain (however long), a plea, an answer to a question or
    a reflection: those are answered elsewhere, or there, and nothing should be put
    after them. Not for a forwarded
    message or one quoting someone ("she wrote: „…“"): those words are not theirs. A
    failure to send it is logged, and costs the update nothing."""
    message, user = update.message, update.effective_user  # written, not a button's
    kept = context.chat_data
    if message is None or user is None or not message.text or kept is None:
        return
    if message.forward_origin is not None or _QUOTES.search(message.text):
        return
    person = await context.stored_person(user.id)
    current = i18n.current()
    written = written_in(message.text)
    if person is None or written is None or written == current or written not in i18n.LANGUAGES:
        return
    if person.listened_to(context.services.clock()) or person.question is not None:
        return  # heard, in those days; or a question of the bot's is still open
    offered: set[str] = kept.setdefault(_OFFERED, set())
    if written in offered:
        return
    offered.add(written)
    try:
        await message.reply_text(
            language_text.offer(written), reply_markup=keyboards.language_offer(written, current)
        )
    except TelegramError as exc:
        log.info("could not offer a language: %s", type(exc).__name__)


_OFFERED = "languages_offered"
# Someone else's words, quoted: "she texted me: „Ich kann nicht mehr“".
_QUOTES = re.compile(r"[\"“”„«»‹›「」]")


def setup(app: BotApplication) -> None:
    """Choose the language before everything else (group -3: even the allow-list's
    refusal is said in the person's language), and the /language command."""
    app.add_handler(TypeHandler(Update, speak_their_language), group=-3)
    app.add_handler(command("language", show_languages))
    app.add_handler(on_press(LanguagePress, choose_language))
