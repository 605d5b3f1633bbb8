"""Driving the inbox worker in tests: store updates as polling would, then wait."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.store import Store
from bot.telegram.context import BotApplication, services_of
from bot.telegram.inbox import InboxWorker, inbox_update
from tests.support.clock import FakeClock
from tests.support.environment import ADMIN_ID


async def deliver(worker: InboxWorker, store: Store, *raws: dict[str, Any]) -> None:
    """Store updates as the poller would, then hand them to the worker."""
    items = [item for item in map(inbox_update, raws) if item is not None]
    worker.submit(await store.store_updates(items))


def make_worker(app: BotApplication, clock: FakeClock) -> tuple[InboxWorker, Store]:
    store = services_of(app.bot_data).store
    worker = InboxWorker(
        app, store, max_attempts=3, admins=[ADMIN_ID], clock=clock, retry_pauses=(0.0,)
    )
    return worker, store


async def wait_until(condition: Any) -> None:
    for _ in range(500):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition never held")
