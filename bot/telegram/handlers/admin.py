"""/stats for admins; to anyone else the command does not exist."""

from __future__ import annotations

from telegram import Update

from bot.telegram.context import BotApplication, BotContext
from bot.telegram.handlers.basics import unknown_command
from bot.telegram.handlers.replies import show
from bot.telegram.handlers.routes import command
from bot.texts import admin as admin_text


async def stats_command(update: Update, context: BotContext) -> None:
    """People, activity, practices per skill and nudge outcomes."""
    user = update.effective_user
    assert user
    services = context.services
    if not services.settings.is_admin(user.id):
        await unknown_command(update, context)
        return
    now = services.clock()
    await show(update, context, admin_text.stats(await services.store.bot_stats(now), now))


def setup(app: BotApplication) -> None:
    """Register /stats."""
    app.add_handler(command("stats", stats_command))
