"""Polling: a batch is confirmed only once stored, and nothing stops polling for good."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from typing import Any

import pytest

from bot.domain.models import InboxUpdate
from bot.offline import FakeBotAPI
from bot.offline.updates import message_update
from bot.telegram import polling
from bot.telegram.app import BotApplication
from bot.telegram.inbox import inbox_update
from bot.telegram.polling import Poller
from testkit.server import serve_in_thread
from tests.support.clock import FakeClock
from tests.support.inbox import make_worker, wait_until


async def test_a_batch_the_inbox_could_not_take_is_said_and_polling_goes_on(
    app: BotApplication,
    api: FakeBotAPI,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    worker, _store = make_worker(app, clock)
    take = worker.take
    bugs = [RuntimeError("a bug of ours")]

    async def fails_once(items: list[InboxUpdate]) -> list[InboxUpdate] | None:
        if bugs:
            raise bugs.pop()
        return await take(items)

    monkeypatch.setattr(worker, "take", fails_once)
    monkeypatch.setattr(polling, "LONG_POLL_S", 1)
    server, base_url = serve_in_thread(api)
    poller = Poller(f"{base_url}/bot", "1:test", worker)
    stopping = asyncio.Event()
    api.push_update(message_update(api, 1, "/start"))
    with caplog.at_level(logging.WARNING):
        receiving = asyncio.create_task(poller.run(stopping))
        try:
            # Fetched again after the failure (unconfirmed), stored, and answered.
            await wait_until(lambda: api.sent(1))
        finally:
            stopping.set()  # the poll in progress ends within LONG_POLL_S
            await asyncio.wait_for(receiving, 10)
            await worker.stop(5)
            server.shutdown()
            server.server_close()
    assert not bugs
    assert "could not store a batch of updates: RuntimeError; trying again" in caplog.text
    assert "a bug of ours" not in caplog.text


@pytest.mark.parametrize(
    "break_it",
    [
        pytest.param(lambda raw: raw["message"].update(text="hi \ud800"), id="lone-surrogate"),
        pytest.param(lambda raw: raw["message"]["from"].update(id=2**64), id="huge-sender"),
        pytest.param(lambda raw: raw["message"]["chat"].update(id=-(2**70)), id="huge-chat"),
    ],
)
async def test_an_update_no_valid_telegram_sends_is_stored_all_the_same(
    app: BotApplication,
    api: FakeBotAPI,
    clock: FakeClock,
    break_it: Callable[[dict[str, Any]], None],
) -> None:
    # Each failed its whole batch at the inbox write, every time Telegram sent it again.
    raw = message_update(api, 1, "/help")
    break_it(raw)
    item = inbox_update(raw)
    assert item is not None
    _worker, store = make_worker(app, clock)
    assert await store.store_updates([item]) == [item]
    assert json.loads(item.payload) == raw  # read back as it came


@pytest.mark.parametrize("update_id", [2**63, -(2**63) - 1])
def test_an_update_id_the_inbox_cannot_hold_is_no_update_id(
    api: FakeBotAPI, update_id: int
) -> None:
    raw = message_update(api, 1, "/help") | {"update_id": update_id}
    assert inbox_update(raw) is None
