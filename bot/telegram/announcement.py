"""What the bot tells Telegram about itself at start-up: the command menu shown next to
the text box (the admins' longer one too) and the bot's descriptions, in every language
it speaks (English also as the default for the rest).

That is twenty calls, one after another, before the first update is taken; on a restart
they almost always say what Telegram already shows. So what they would say is
fingerprinted and kept in the database once every call went through: a start-up that
finds the same fingerprint for the same bot, kept less than ANNOUNCE_AGAIN_AFTER ago,
sends none of them. Changing a text, a translation, the admins or BOT_DESCRIPTION changes
the fingerprint, and everything is sent again; so does the passing of a week, which puts
right what the fingerprint cannot see (a menu edited by hand in BotFather, another
checkout announcing with the same token). The fingerprint is forgotten before a new
announcement starts: one cut off halfway leaves none, so the next start sends it all.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TypeVar

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import BadRequest

from bot.store import is_database_error
from bot.telegram.context import BotApplication, services_of
from bot.texts.commands import (
    Command,
    admin_commands,
    bot_description,
    bot_short_description,
    menu_commands,
)
from bot.texts.i18n import DEFAULT_LANGUAGE, LANGUAGES, speaking

log = logging.getLogger(__name__)

T = TypeVar("T")

# How long an unchanged announcement is trusted to still be what Telegram shows.
ANNOUNCE_AGAIN_AFTER = timedelta(days=7)

# Part of every fingerprint: raised when what is announced changes in a way the texts
# do not show (a new kind of call), so every bot sends it all once more.
FORMAT = 1


@dataclass(frozen=True, slots=True)
class _Language:
    """Everything announced for one language code (None: the default for the rest)."""

    code: str | None
    commands: list[BotCommand]
    admin: list[BotCommand]
    description: str
    short: str


@dataclass(slots=True)
class _Plan:
    languages: list[_Language] = field(default_factory=list)
    admin_ids: list[int] = field(default_factory=list)

    def fingerprint(self) -> str:
        data = {
            "format": FORMAT,
            "admins": self.admin_ids,
            "languages": [
                {
                    "code": each.code,
                    "commands": [c.to_dict() for c in each.commands],
                    "admin": [c.to_dict() for c in each.admin],
                    "description": each.description,
                    "short": each.short,
                }
                for each in self.languages
            ],
        }
        encoded = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(encoded).hexdigest()


async def announce_commands(app: BotApplication) -> None:
    """Register the menus and descriptions, unless the last complete announcement for
    this bot said the same."""
    services = services_of(app.bot_data)
    plan = _plan(sorted(services.settings.admin_user_ids), services.settings.bot_description,
                 services.settings.bot_short_description)  # fmt: skip
    fingerprint = plan.fingerprint()
    bot_id = app.bot.id
    store = services.store
    last = await _quietly(lambda: store.announced(bot_id), "read")
    if last is not None and last[0] == fingerprint:
        if store.clock() - last[1] < ANNOUNCE_AGAIN_AFTER:
            log.info("command menus and descriptions unchanged since the last start: not sent")
            return
    elif last is not None:
        # Telegram's copy is about to change: a send cut off halfway must not leave the
        # old fingerprint behind, or going back to the old texts would send nothing.
        await _quietly(lambda: store.forget_announced(bot_id), "forget")
    if await _send(app.bot, plan):
        await _quietly(lambda: store.remember_announced(bot_id, fingerprint), "keep")


def _plan(admin_ids: list[int], description: str | None, short: str | None) -> _Plan:
    plan = _Plan(admin_ids=admin_ids)
    for code in (None, *LANGUAGES):
        with speaking(code or DEFAULT_LANGUAGE):
            plan.languages.append(
                _Language(
                    code,
                    _bot_commands(menu_commands()),
                    _bot_commands(menu_commands() + admin_commands()),
                    description or bot_description(),
                    short or bot_short_description(),
                )
            )
    return plan


async def _send(bot: Bot, plan: _Plan) -> bool:
    """Send every call; False when an admin's menu could not be set (it is tried again
    at the next start-up, so the fingerprint is not kept)."""
    complete = True
    for each in plan.languages:
        await bot.set_my_commands(each.commands, language_code=each.code)
        for admin_id in plan.admin_ids:
            try:
                await bot.set_my_commands(
                    each.admin, scope=BotCommandScopeChat(admin_id), language_code=each.code
                )
            except BadRequest as exc:
                # Telegram knows no chat with someone who never wrote to the bot; their
                # menu is set at the next start-up after they have.
                log.warning("could not set the admin menu for user %s: %s", admin_id, exc)
                complete = False
        await bot.set_my_description(each.description, language_code=each.code)
        await bot.set_my_short_description(each.short, language_code=each.code)
    return complete


async def _quietly(call: Callable[[], Awaitable[T]], what: str) -> T | None:
    # Announcing is worth a start-up only once: a database that fails here costs one
    # more announcement (or the next start-up's), never the start-up itself.
    try:
        return await call()
    except Exception as exc:
        if not is_database_error(exc):
            raise
        log.warning("could not %s the last announcement: %s", what, type(exc).__name__)
        return None


def _bot_commands(commands: tuple[Command, ...]) -> list[BotCommand]:
    return [BotCommand(command.name, command.shown_description) for command in commands]
