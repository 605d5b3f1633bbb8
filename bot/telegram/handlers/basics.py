"""/start, /help, /support, and the answers to whatever no other handler takes."""

from __future__ import annotations

from telegram import MessageEntity, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import CallbackQueryHandler, ChatMemberHandler, MessageHandler, filters

from bot.telegram import keyboards
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.handlers.replies import show
from bot.telegram.handlers.routes import command, reject_malformed
from bot.telegram.partner_notices import end_pairing
from bot.texts import basics as basics_text
from bot.texts import i18n
from bot.texts import practice as practice_text
from bot.texts import privacy as privacy_text
from bot.texts.commands import admin_commands, public_commands


async def start(update: Update, context: BotContext) -> None:
    """Register the person (the only place anyone is registered) and welcome them, with
    a first thing to try and the time-zone question."""
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    assert user and chat and message
    services = context.services
    # First contact keeps the language chosen for this update (their Telegram app's).
    person, _ = await services.store.register(
        user.id, chat.id, unblock=True, language=i18n.current()
    )
    focus = services.coach.focus_skill(person)
    ask_zone = not person.zone_chosen  # once chosen, asking again would only confuse
    text = basics_text.welcome(user.first_name, focus, ask_zone=ask_zone)
    if person.at_risk(services.clock()):
        # /start again right after "he hit me": its Try … now goes straight to step 1,
        # past the card that says this first.
        text = f"{practice_text.GENTLE_FIRST}\n\n{text}"
    await message.reply_text(text, reply_markup=keyboards.welcome(focus, ask_zone=ask_zone))


async def show_help(update: Update, context: BotContext) -> None:
    """List the commands this person can use."""
    user, message = update.effective_user, update.effective_message
    assert user and message
    settings = context.services.settings
    admin = admin_commands() if settings.is_admin(user.id) else ()
    await message.reply_text(basics_text.help_text(public_commands(), admin))


async def support_command(update: Update, context: BotContext) -> None:
    """Where to find real help."""
    await show(update, context, privacy_text.support(context.support_text()))


async def unknown_command(update: Update, context: BotContext) -> None:
    """Answer a command that no handler took, naming it as Telegram marked it."""
    message = update.effective_message
    if message is None:
        return
    # The command is what Telegram's bot_command entity covers, not the first word:
    # "/abc,xxxx…" is the command /abc followed by text.
    found = message.parse_entities([MessageEntity.BOT_COMMAND])
    first = min(found, key=lambda entity: entity.offset, default=None)
    name = found[first] if first is not None else (message.text or "/").split()[0]
    await message.reply_text(basics_text.unknown_command(name.lstrip("/").split("@")[0]))


async def unsupported_message(update: Update, context: BotContext) -> None:
    """Answer stickers, photos, voice notes and the like, which the bot cannot read."""
    message = update.effective_message
    assert message
    if message.caption and message.caption.strip():
        # Words came with it: say they were seen, and how to have them read (a caption
        # is no reflection or bid; only what is typed as a message of its own is).
        await message.reply_text(basics_text.CAPTION_NOT_READ)
        return
    await message.reply_text(basics_text.UNSUPPORTED_MESSAGE)


async def edited_message(update: Update, context: BotContext) -> None:
    """Explain that edits are not re-read, so an edit never silently does nothing."""
    message = update.effective_message
    assert message
    await message.reply_text(basics_text.EDITED_MESSAGE)


async def membership_changed(update: Update, context: BotContext) -> None:
    """Telegram says the person blocked or unblocked the bot: stop or restart nudges now,
    rather than learning it from a failed nudge tomorrow."""
    change = update.my_chat_member
    if change is None or change.chat.type != ChatType.PRIVATE:
        return
    blocked = change.new_chat_member.status == ChatMemberStatus.BANNED
    store = context.services.store
    await store.set_blocked(change.from_user.id, blocked)
    if blocked:  # someone who blocked the bot is no one's partner any more
        await end_pairing(context.bot, store, change.from_user.id)


def setup(app: BotApplication) -> None:
    """Register /start and /help."""
    app.add_handler(command("start", start))
    app.add_handler(command("help", show_help))
    app.add_handler(command("support", support_command))
    app.add_handler(ChatMemberHandler(membership_changed, ChatMemberHandler.MY_CHAT_MEMBER))


def setup_fallbacks(app: BotApplication) -> None:
    """Register the catch-alls; they must come after every other handler."""
    app.add_handler(MessageHandler(filters.UpdateType.EDITED, edited_message))
    new = filters.UpdateType.MESSAGE
    app.add_handler(MessageHandler(new & filters.COMMAND, unknown_command))
    app.add_handler(MessageHandler(new, unsupported_message))
    app.add_handler(CallbackQueryHandler(reject_malformed))
