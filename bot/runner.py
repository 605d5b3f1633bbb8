"""Run the bot on Telegram by long polling until SIGTERM or SIGINT."""

from __future__ import annotations

import asyncio
import logging
import signal
import time

from bot.app import announce_commands, build_application, start_polling
from bot.config import Settings
from bot.store import Store, UserDefaults
from bot.vault import VaultHolder, summary

log = logging.getLogger(__name__)


def open_vault(settings: Settings) -> VaultHolder:
    """Load the skill cards, logging what could not be loaded."""
    holder = VaultHolder(settings.skills_dir)
    vault = holder.current
    log.info("skill vault %s: %s", vault.root, summary(vault))
    for problem in vault.problems:
        log.log(logging.ERROR if problem.severity == "error" else logging.WARNING, "%s", problem)
    return holder


def open_store(settings: Settings) -> Store:
    """A store for the configured database, with the configured defaults for new people."""
    return Store.from_url(
        settings.database_url,
        UserDefaults(settings.default_timezone, settings.default_reminder_time),
    )


async def serve(settings: Settings) -> None:
    """Migrate, start polling, and stop cleanly on a signal."""
    started = time.monotonic()
    store = open_store(settings)
    await store.migrate()
    app = build_application(settings, store, open_vault(settings))
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    try:
        async with app:
            await announce_commands(app)
            await app.start()
            await start_polling(app)
            log.info(
                "bot @%s is polling (ready in %.2f s)",
                app.bot.username,
                time.monotonic() - started,
            )
            await stopping.wait()
            log.info("stopping: finishing in-flight updates")
            if app.updater is not None:
                await app.updater.stop()
            await app.stop()
    finally:
        await store.close()
    log.info("stopped")
