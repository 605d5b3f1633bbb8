"""/stats for admins; to anyone else the command does not exist."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, ContextTypes

from bot.telegram.context import services_of
from bot.telegram.handlers.basics import unknown_command
from bot.telegram.handlers.replies import command, show
from bot.texts import progress as progress_text


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
