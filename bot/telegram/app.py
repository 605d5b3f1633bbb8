"""Wiring: build the Application with its handlers, in one place."""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import Conflict, TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, Defaults
from telegram.request import BaseRequest

from bot.config import Settings
from bot.domain.models import Clock, utc_now
from bot.services.coach import Coach
from bot.store import Store
from bot.telegram.context import SERVICES_KEY, Services
from bot.telegram.dispatcher import DispatchConfig, Dispatcher, dispatcher_job
from bot.telegram.handlers import (
    access,
    admin,
    basics,
    buttons,
    errors,
    practice,
    progress,
    reminders,
    skills,
    vault_admin,
)
from bot.telegram.update_log import LoggedApplication, name_handlers
from bot.texts.commands import public_commands
from bot.vault.library import VaultHolder

log = logging.getLogger(__name__)

# PTB needs a syntactically valid token even when no request reaches Telegram
# (the local console); this one names no real bot.
OFFLINE_TOKEN = "0:offline-console"

BotApplication = Application[Any, Any, Any, Any, Any, Any]

# Telegram allows about 30 messages per second overall. A bucket that holds one
# message and refills 29.5 times a second paces sends evenly: no one-second window
# ever sees more than 30, where the default bucket of 30 lets a burst through and
# then more on top (measured in bench/nudge_dispatch.py).
OVERALL_MESSAGES_PER_SECOND = 29.5


def rate_limiter() -> AIORateLimiter:
    """The limiter every send goes through; a 429 that still happens is retried once."""
    return AIORateLimiter(
        overall_max_rate=1,
        overall_time_period=1 / OVERALL_MESSAGES_PER_SECOND,
        max_retries=1,
    )


def build_application(
    settings: Settings,
    store: Store,
    vault: VaultHolder,
    *,
    request: BaseRequest | None = None,
    rate_limit: bool = True,
    clock: Clock = utc_now,
) -> BotApplication:
    """Build the bot: handlers registered in order, nothing started yet."""
    builder = (
        ApplicationBuilder()
        .application_class(LoggedApplication)
        .token(settings.telegram_bot_token or OFFLINE_TOKEN)
        .base_url(settings.bot_api_url)
        .base_file_url(settings.bot_file_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
    )
    if rate_limit:
        builder = builder.rate_limiter(rate_limiter())  # type: ignore[arg-type]
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    app = builder.build()
    coach = Coach(store, vault, settings.practice_idle_timeout, clock)
    dispatcher = Dispatcher(
        app.bot, store, vault, DispatchConfig(grace=settings.nudge_grace), clock
    )
    app.bot_data[SERVICES_KEY] = Services(settings, store, vault, coach, dispatcher, clock)

    # Order matters: the allow-list runs first (group -1), then the commands,
    # then the catch-alls that answer whatever nothing else took.
    access.setup(app)
    basics.setup(app)
    practice.setup(app)
    skills.setup(app)
    reminders.setup(app)
    progress.setup(app)
    admin.setup(app)
    vault_admin.setup(app)
    buttons.setup(app)
    practice.setup_text(app)
    basics.setup_fallbacks(app)
    app.add_error_handler(errors.on_error)
    name_handlers(app)
    if app.job_queue is not None:
        app.job_queue.run_repeating(
            dispatcher_job(dispatcher),
            interval=settings.nudge_interval_seconds,
            first=0,  # at start-up too: nudges due while the bot was down go out now
            name="nudge-dispatch",
            # A run that is still going when the next is due is not doubled, and
            # ticks missed while the loop was busy collapse into one.
            job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
        )
    return app


async def start_polling(app: BotApplication) -> None:
    """Start taking updates by long polling."""
    assert app.updater is not None
    conflicts = 0

    def on_polling_error(error: TelegramError) -> None:
        nonlocal conflicts
        if isinstance(error, Conflict):
            # Telegram hands updates to one poller per token; PTB keeps retrying, so
            # say it once, plainly, rather than once per retry.
            conflicts += 1
            if conflicts == 1:
                log.error(
                    "another process is polling with this bot token (Telegram: 409 "
                    "Conflict); stop it, or run replicas in webhook mode"
                )
        else:
            log.warning("polling failed, retrying: %s", error)

    await app.updater.start_polling(
        allowed_updates=Update.ALL_TYPES, error_callback=on_polling_error
    )


async def register_webhook(app: BotApplication, url: str, secret: str) -> None:
    """Tell Telegram where to post updates, and the secret it must send with them."""
    await app.bot.set_webhook(url, secret_token=secret, allowed_updates=Update.ALL_TYPES)


async def announce_commands(app: BotApplication) -> None:
    """Register the command menu Telegram shows next to the text box."""
    await app.bot.set_my_commands(
        [BotCommand(command.name, command.description) for command in public_commands()]
    )
