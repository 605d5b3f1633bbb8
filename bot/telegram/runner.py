"""Run the bot on Telegram (long polling or webhook) until SIGTERM or SIGINT."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import signal
import time
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from bot.config import Settings, WebhookSettings
from bot.domain.models import running_from, utc_now
from bot.store import Store, is_unreachable
from bot.telegram.announcement import announce_commands
from bot.telegram.app import log_vault, open_bot, register_webhook
from bot.telegram.context import BotApplication, BotContext, services_of
from bot.telegram.health import check_health
from bot.telegram.heartbeat import WEBHOOK_CHECK_SECONDS, Heartbeat
from bot.telegram.inbox import InboxWorker
from bot.telegram.polling import Poller

if TYPE_CHECKING:
    from bot.telegram.webhook import HealthCheck, HealthServer, WebhookServer

log = logging.getLogger(__name__)


# On SIGTERM, updates being handled get this long to finish; the rest stay pending in
# the inbox for the next start (well inside Docker's default 10 s stop timeout).
SHUTDOWN_GRACE_S = 4.0
# A replica takes over another's pending updates once they were claimed this long
# ago (the other has died or lost its database); in polling mode there is only one
# poller per token, so at start-up it takes everything pending at once.
TAKEOVER_AFTER = timedelta(minutes=2)
SWEEP_EVERY_S = 60.0


async def serve(settings: Settings) -> None:
    """Migrate, take updates (polling, or webhook when configured), stop cleanly on a signal."""
    started = time.monotonic()
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    heartbeat = Heartbeat(
        settings.health_file, "polling" if settings.webhook is None else "webhook"
    )
    clock = utc_now
    if settings.clock_start is not None:
        # For tests of the whole process; loud, in case it is ever left set elsewhere.
        log.warning("SKILLBOT_CLOCK_START is set: this process's clock starts at %s",
                    settings.clock_start.isoformat())  # fmt: skip
        clock = running_from(settings.clock_start)
    async with open_bot(settings, migrate=False, clock=clock) as app:
        log_vault(app)
        store = services_of(app.bot_data).store
        if not await _migrate_when_reachable(store, stopping):
            return
        async with app:
            await announce_commands(app)
            await app.start()
            worker = InboxWorker(
                app,
                store,
                max_attempts=settings.poison_attempts,
                admins=settings.admin_user_ids,
                clock=clock,
            )
            # What a previous run stored but did not finish goes first, so each
            # chat's order holds across the restart.
            polling = settings.webhook is None
            await _take_over(store, worker, TAKEOVER_AFTER if not polling else timedelta(0))
            _schedule_upkeep(app, store, worker, settings)
            server: HealthServer | None = None
            if polling:
                await app.bot.delete_webhook()  # getUpdates is refused while one is set
                poller = Poller(
                    settings.bot_api_url,
                    settings.telegram_bot_token or "",
                    worker,
                    on_success=heartbeat.beat,
                )
                receiving = asyncio.create_task(poller.run(stopping))
                mode = "polling"
                if settings.health_port is not None:
                    server = _start_health_server(app, settings.health_port, heartbeat)
                    mode += f", /healthz on port {settings.health_port}"
            else:
                assert settings.webhook is not None
                server = await _start_webhook(app, settings.webhook, worker, heartbeat)
                mode = f"receiving updates by webhook on port {settings.webhook.port}"
            log.info(
                "bot @%s is %s (ready in %.2f s)",
                app.bot.username,
                mode,
                time.monotonic() - started,
            )
            await stopping.wait()
            log.info("stopping: finishing in-flight updates")
            if polling:
                receiving.cancel()  # a long poll in progress confirms nothing new
                with contextlib.suppress(asyncio.CancelledError):
                    await receiving
            if server is not None:
                await server.stop()
            cut = await worker.stop(SHUTDOWN_GRACE_S)
            if cut:
                log.info("%d update(s) left pending in the inbox for the next start", cut)
            await app.stop()
    log.info("stopped")


async def _take_over(store: Store, worker: InboxWorker, claimed_for: timedelta) -> None:
    try:
        pending = await store.claim_pending(store.clock() - claimed_for)
    except Exception as exc:
        if not is_unreachable(exc):
            raise
        log.warning("database unreachable; pending updates wait for the next sweep")
        return
    if pending:
        log.info("%d pending update(s) from before taken over", len(pending))
    worker.submit(pending)


def _schedule_upkeep(
    app: BotApplication, store: Store, worker: InboxWorker, settings: Settings
) -> None:
    """Hourly: forget handled updates older than INBOX_KEEP_HOURS, and the times of
    disclosures whose days of listening are over. Every minute: take over updates
    another replica claimed and never finished."""
    if app.job_queue is None:
        return

    async def prune(_context: object) -> None:
        removed = await store.prune_inbox(store.clock() - settings.inbox_keep)
        if removed:
            log.info("inbox: %d handled update(s) older than %s removed", removed,
                     settings.inbox_keep)  # fmt: skip

    async def forget_listening(_context: object) -> None:
        if cleared := await store.forget_listening_times():
            log.info("%d time(s) of safety language past their days of listening cleared",
                     cleared)  # fmt: skip

    async def sweep(_context: object) -> None:
        await _take_over(store, worker, TAKEOVER_AFTER)

    once = {"max_instances": 1, "coalesce": True, "misfire_grace_time": None}
    app.job_queue.run_repeating(prune, interval=3600, first=60, name="inbox-prune",
                                job_kwargs=once)  # fmt: skip
    app.job_queue.run_repeating(forget_listening, interval=3600, first=90,
                                name="listening-expiry", job_kwargs=once)  # fmt: skip
    app.job_queue.run_repeating(sweep, interval=SWEEP_EVERY_S, first=SWEEP_EVERY_S,
                                name="inbox-sweep", job_kwargs=once)  # fmt: skip


def _health_check(app: BotApplication, heartbeat: Heartbeat) -> HealthCheck:
    services = services_of(app.bot_data)

    def scheduler_running() -> bool:
        return app.job_queue is not None and bool(app.job_queue.scheduler.running)

    return lambda: check_health(services.store, services.vault, scheduler_running, heartbeat)


def _start_health_server(app: BotApplication, port: int, heartbeat: Heartbeat) -> HealthServer:
    from bot.telegram.webhook import HealthServer  # tornado is only needed when serving HTTP

    server = HealthServer(_health_check(app, heartbeat))
    # Every interface: Docker and load balancers probe from outside the process's host.
    server.listen(port, "0.0.0.0")
    return server


async def _start_webhook(
    app: BotApplication, webhook: WebhookSettings, worker: InboxWorker, heartbeat: Heartbeat
) -> WebhookServer:
    from bot.telegram.webhook import WebhookServer  # tornado is only needed in webhook mode

    server = WebhookServer(
        app,
        webhook.path,
        webhook.secret,
        _health_check(app, heartbeat),
        worker,
        heartbeat.beat,
    )
    server.listen(webhook.port, webhook.listen)
    await register_webhook(app, webhook.url, webhook.secret)
    heartbeat.beat()  # Telegram accepted the webhook
    if app.job_queue is not None:
        app.job_queue.run_repeating(
            _confirm_webhook(webhook.url, heartbeat),
            interval=WEBHOOK_CHECK_SECONDS,
            first=WEBHOOK_CHECK_SECONDS,
            name="webhook-check",
            job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
        )
    return server


def _confirm_webhook(
    url: str, heartbeat: Heartbeat
) -> Callable[[BotContext], Coroutine[Any, Any, None]]:
    """A job: ask Telegram whether our webhook is set and delivering; beat if so (an idle
    bot still counts as receiving)."""

    async def confirm(context: BotContext) -> None:
        info = await context.bot.get_webhook_info()
        if info.url != url:
            log.warning("Telegram's webhook is %s, not WEBHOOK_URL", info.url or "not set")
        elif info.last_error_date is not None and (
            heartbeat.last is None or info.last_error_date > heartbeat.last
        ):
            log.warning("Telegram cannot deliver to the webhook: %s", info.last_error_message)
        else:
            heartbeat.beat()

    return confirm


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
