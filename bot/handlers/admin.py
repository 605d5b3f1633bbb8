"""/stats for admins; to anyone else the command does not exist."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, ContextTypes

from bot import progress_text
from bot.handlers.basics import unknown_command
from bot.handlers.replies import command, show
from bot.services import services_of


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """People, activity, practices per skill and nudge outcomes."""
    user = update.effective_user
    assert user
    services = services_of(context.bot_data)
    if not services.settings.is_admin(user.id):
        await unknown_command(update, context)
        return
    now = services.clock()
    await show(update, context, progress_text.stats(await services.store.bot_stats(now), now))


def setup(app: Application) -> None:  # type: ignore[type-arg]
    """Register /stats."""
    app.add_handler(command("stats", stats_command))
