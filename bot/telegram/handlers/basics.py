"""/start, /help, /support, and the answers to whatever no other handler takes."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches

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
from bot.texts.commands import COMMANDS, admin_commands, public_commands

# What people type for a command in their own words, so /hilfe or /idioma is answered
# with the command they meant: the British spelling the buttons use ("Practise"), the
# bot's other languages' words for the commonest commands (Telegram commands are Latin
# a-z, 0-9 and _ only, so Russian words cannot be typed as one), and a short form. A
# typo of a real name (/practic, /progres) needs no entry: difflib finds it.
TYPED_VARIANTS: dict[str, str] = {
    **dict.fromkeys(("hilfe", "ayuda"), "help"),
    # Help of a person, asked for as a command: /support, never /help (a review found
    # "/helpme" pointed at /help).
    **dict.fromkeys(
        (
            "helpme",
            "sos",
            "crisis",
            "emergency",
            "hotline",
            "helpline",
            "ayudame",
            "apoyo",
            "soporte",
            "unterstuetzung",
            "unterstutzung",
            "notfall",
            "hilfemir",
        ),
        "support",
    ),
    **dict.fromkeys(("unpair", "pair", "couple", "pareja"), "partner"),
    **dict.fromkeys(("einstellungen", "ajustes", "configuracion"), "settings"),
    **dict.fromkeys(("lang", "sprache", "idioma"), "language"),
    **dict.fromkeys(("practise", "ueben", "uben", "practicar"), "practice"),
    **dict.fromkeys(("fortschritt", "progreso"), "progress"),
    **dict.fromkeys(("fehler", "errores", "common_mistakes"), "mistakes"),
}
# How alike (difflib's ratio) a typed name and a command or variant must be for the
# command to be suggested: /practic, /progres and /skil are (0.8 and more), /dance is
# not (0.73 to /cancel).
CLOSE_ENOUGH = 0.75
# At most this many suggestions: "/skill or /skills", never a list to read through.
MOST_SUGGESTED = 2
# Telegram's own commands are at most 32 characters: anything longer is no typo of one.
_LONGEST_COMMAND = 32


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
    typed = name.lstrip("/").split("@")[0]
    user = update.effective_user
    admin = user is not None and context.services.settings.is_admin(user.id)
    usable = public_commands() + (admin_commands() if admin else ())
    close = close_commands(typed, [command.name for command in usable])
    await message.reply_text(basics_text.unknown_command(typed, close))


def close_commands(typed: str, usable: Iterable[str]) -> list[str]:
    """The `usable` commands someone who typed /`typed` most likely meant, best first: a
    name spelt nearly right, or what TYPED_VARIANTS says a word stands for. None for a
    real command's own name (an admin's command typed by someone else is just unknown)."""
    typed = typed.lower()  # as PTB's CommandHandler compares
    if len(typed) > _LONGEST_COMMAND or typed in {command.name for command in COMMANDS}:
        return []
    names = set(usable)
    meant = {name: name for name in names}
    meant |= {word: name for word, name in TYPED_VARIANTS.items() if name in names}
    found = get_close_matches(typed, list(meant), n=len(meant), cutoff=CLOSE_ENOUGH)
    return list(dict.fromkeys(meant[word] for word in found))[:MOST_SUGGESTED]


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
