"""Live vault reload: the job that watches the folder, and /reload for admins."""

from __future__ import annotations

import asyncio
import logging
from typing import cast

from telegram import Update
from telegram.constants import MessageLimit
from telegram.error import TelegramError
from telegram.ext import JobQueue

from bot.telegram.context import BotApplication, BotContext
from bot.telegram.handlers.basics import unknown_command
from bot.telegram.handlers.routes import command
from bot.texts.html import split_message
from bot.texts.vault_report import vault_report
from bot.vault.library import Vault, changes_between

log = logging.getLogger(__name__)

SUGGESTIONS_JOB = "suggestions-index"


async def reload_vault(update: Update, context: BotContext) -> None:
    """Reload the vault now and show the admin the report."""
    user, message = update.effective_user, update.effective_message
    assert user and message
    services = context.services
    if not services.settings.is_admin(user.id):
        # To anyone else the command does not exist.
        await unknown_command(update, context)
        return
    old, new = await asyncio.to_thread(services.vault.reload)
    log.info("vault reloaded by admin %s: %s", user.id, changes_between(old, new))
    _prepare_suggestions_soon(context)
    for part in split_message(
        vault_report(new, changes_between(old, new)), MessageLimit.MAX_TEXT_LENGTH
    ):
        await message.reply_text(part)


async def watch_vault(context: BotContext) -> None:
    """Reload when a card was added, edited or removed; tell admins about new problems."""
    services = context.services
    holder = services.vault
    if not await asyncio.to_thread(holder.changed):
        return
    old, new = await asyncio.to_thread(holder.reload)
    _prepare_suggestions_soon(context)
    changes = changes_between(old, new)
    log.info("vault changed on disk, reloaded: %s; %d problem(s)", changes, len(new.problems))
    if set(new.problems) - set(old.problems):
        await tell_admins(context, new, changes)


async def prepare_suggestions(context: BotContext) -> None:
    """Index the vault in service for matching what people type to skills, in a worker
    thread: at start-up and after each reload, so the first person who writes then
    does not wait for it (seconds, for a vault of a thousand cards)."""
    await asyncio.to_thread(context.services.suggestions.prepare)


def _prepare_suggestions_soon(context: BotContext) -> None:
    # A job, run at once: the reload's report does not wait for it, and an error in it
    # reaches the error handler like any other job's.
    queue = cast("JobQueue[BotContext] | None", context.job_queue)  # PTB types it loosely
    if queue is not None:
        queue.run_once(prepare_suggestions, when=0, name=SUGGESTIONS_JOB)


async def report_at_start(context: BotContext) -> None:
    """At start-up, a card that keeps cards out is an admin's business as much as one
    broken while running (until now only the log said so); so is a vault with no card
    at all, where every person is told there is nothing to practise."""
    vault = context.services.vault.current
    if vault.errors or not vault.skills:
        await tell_admins(context, vault, changes_between(vault, vault))


async def tell_admins(context: BotContext, vault: Vault, changes: object) -> None:
    """Send the vault report to every admin; one who cannot be reached is logged."""
    text = vault_report(vault, changes)
    for admin in sorted(context.services.settings.admin_user_ids):
        try:
            for part in split_message(text, MessageLimit.MAX_TEXT_LENGTH):
                await context.bot.send_message(admin, part)
        except TelegramError as exc:
            log.warning("could not send the vault report to admin %s: %s", admin, exc)


def setup(app: BotApplication) -> None:
    """Register /reload (the watch job is scheduled with the other jobs, in app.py)."""
    app.add_handler(command("reload", reload_vault))
