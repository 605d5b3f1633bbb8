"""Run the bot on Telegram (long polling or webhook) until SIGTERM or SIGINT."""

from __future__ import annotations

import asyncio
import itertools
import logging
import signal
import time
from typing import TYPE_CHECKING

from bot.config import Settings, WebhookSettings
from bot.store import Store
from bot.telegram.app import (
    announce_commands,
    log_vault,
    open_bot,
    register_webhook,
    start_polling,
)
from bot.telegram.context import BotApplication, services_of
from bot.telegram.health import check_health

if TYPE_CHECKING:
    from bot.telegram.webhook import WebhookServer

log = logging.getLogger(__name__)


async def serve(settings: Settings) -> None:
    """Migrate, take updates (polling, or webhook when configured), stop cleanly on a signal."""
    started = time.monotonic()
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    async with open_bot(settings, migrate=False) as app:
        log_vault(app)
        store = services_of(app.bot_data).store
        if not await _migrate_when_reachable(store, stopping):
            return
        async with app:
            await announce_commands(app)
            await app.start()
            if settings.webhook is None:
                await start_polling(app)
                mode = "polling"
            else:
                server = await _start_webhook(app, settings.webhook, store)
                mode = f"receiving updates by webhook on port {settings.webhook.port}"
            log.info(
                "bot @%s is %s (ready in %.2f s)",
                app.bot.username,
                mode,
                time.monotonic() - started,
            )
            await stopping.wait()
            log.info("stopping: finishing in-flight updates")
            if settings.webhook is not None:
                await server.stop()
            elif app.updater is not None:
                await app.updater.stop()
            await app.stop()
    log.info("stopped")


async def _start_webhook(
    app: BotApplication, webhook: WebhookSettings, store: Store
) -> WebhookServer:
    from bot.telegram.webhook import WebhookServer  # tornado is only needed in webhook mode

    holder = services_of(app.bot_data).vault

    def scheduler_running() -> bool:
        return app.job_queue is not None and bool(app.job_queue.scheduler.running)

    server = WebhookServer(
        app,
        webhook.path,
        webhook.secret,
        lambda: check_health(store, holder, scheduler_running),
    )
    server.listen(webhook.port, webhook.listen)
    await register_webhook(app, webhook.url, webhook.secret)
    return server


# Waits between attempts to reach the database at start-up: quick at first, then
# every half minute, for as long as it takes (or until asked to stop).
_RETRY_DELAYS = (1, 2, 4, 8, 15, 30)


async def _migrate_when_reachable(store: Store, stopping: asyncio.Event) -> bool:
    """Apply migrations, retrying while the database is unreachable; False if stopped.

    Each attempt races the stop signal, so SIGTERM is honoured at once even while a
    connection attempt to an unreachable host is still waiting for its timeout.
    """
    stop = asyncio.ensure_future(stopping.wait())
    try:
        for attempt in itertools.count():
            migrate = asyncio.ensure_future(store.migrate())
            await asyncio.wait({migrate, stop}, return_when=asyncio.FIRST_COMPLETED)
            if stop.done():
                migrate.cancel()
                log.info("stopped before the database was reachable")
                return False
            error = migrate.exception()
            if error is None:
                return True
            delay = _RETRY_DELAYS[min(attempt, len(_RETRY_DELAYS) - 1)]
            detail = str(error).splitlines()[0] if str(error) else "no detail"
            log.error(
                "database not ready (%s: %s); retrying in %d s",
                type(error).__name__,
                detail,
                delay,
            )
            await asyncio.wait({stop}, timeout=delay)
            if stop.done():
                log.info("stopped before the database was reachable")
                return False
    finally:
        stop.cancel()
    return False  # pragma: no cover - the loop only ends by returning
