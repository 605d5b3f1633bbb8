"""Long polling that confirms a batch to Telegram only after the inbox holds it.

Telegram forgets updates once a getUpdates call asks for a higher offset. PTB's
Updater asks for the next offset as soon as it has put a batch in memory, and
parses the batch first (one update it cannot parse stops polling for good). This
loop asks for the raw JSON, stores the whole batch in one transaction, and only
then moves the offset: a crash at any point leaves every update either in the
inbox or still at Telegram. Unparsable updates are stored like any other and set
aside by the worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from enum import Enum
from typing import Any

import httpx

from bot.telegram.app import ALLOWED_UPDATES
from bot.telegram.inbox import InboxWorker, inbox_update

log = logging.getLogger(__name__)

# Telegram holds a getUpdates call open up to this long when there is nothing new.
LONG_POLL_S = 10
# Waits after a failed call: quick at first, then every few seconds.
_BACKOFF_S = (0.25, 0.5, 1, 2, 4)
# While the database is away: fetch again this soon, to answer new arrivals.
OUTAGE_PAUSE_S = 0.5


class _Outcome(Enum):
    OK = "ok"
    FAILED = "failed"  # Telegram did not answer: back off
    OUTAGE = "outage"  # the database did not answer: the batch stays at Telegram


class Poller:
    """Fetch → store → confirm, until stopped."""

    def __init__(
        self,
        api_url: str,
        token: str,
        worker: InboxWorker,
        on_success: Callable[[], None] = lambda: None,
    ) -> None:
        self.url = f"{api_url}{token}/getUpdates"
        self.worker = worker
        # Told of each getUpdates Telegram answered (the health record).
        self.on_success = on_success
        self.offset: int | None = None
        self._conflicts = 0

    async def run(self, stopping: asyncio.Event) -> None:
        """Poll until `stopping` is set (a call in progress is abandoned, unconfirmed)."""
        timeout = httpx.Timeout(10.0, read=LONG_POLL_S + 10.0)
        async with httpx.AsyncClient(timeout=timeout) as client:
            failures = 0
            while not stopping.is_set():
                await self.worker.wait_for_room()
                try:
                    outcome = await self._poll_once(client)
                except Exception as exc:
                    # A batch the inbox could not take for a reason other than an
                    # outage (a bug): it stays unconfirmed and is fetched again after
                    # the backoff, said each time; polling itself never stops.
                    log.error("could not store a batch of updates: %s; trying again",
                              type(exc).__name__)  # fmt: skip
                    outcome = _Outcome.FAILED
                if outcome is _Outcome.OUTAGE:
                    # Keep fetching, quickly and without storing, so everyone who writes
                    # while the database is away hears so within a few seconds.
                    await _wait(stopping, OUTAGE_PAUSE_S)
                    continue
                failures = 0 if outcome is _Outcome.OK else failures + 1
                if failures:
                    pause = _BACKOFF_S[min(failures - 1, len(_BACKOFF_S) - 1)]
                    await _wait(stopping, pause)

    async def _poll_once(self, client: httpx.AsyncClient) -> _Outcome:
        database = self.worker.database
        batch = await self._fetch(client, LONG_POLL_S if database.reachable else 1)
        if batch is None:
            return _Outcome.FAILED
        self.on_success()
        if not batch:
            return _Outcome.OK
        items = [item for item in map(inbox_update, batch) if item is not None]
        if len(items) < len(batch):
            log.warning("%d update(s) in a batch had no usable update id; skipped",
                        len(batch) - len(items))  # fmt: skip
        highest = max((raw["update_id"] for raw in batch if _has_id(raw)), default=None)
        if not database.reachable and not await database.probe():
            # Known to be away: say so without waiting for a write to time out.
            await self.worker.tell_all(items)
            return _Outcome.OUTAGE
        if await self.worker.take(items) is None:
            return _Outcome.OUTAGE  # not stored, so not confirmed: Telegram sends it again
        if highest is not None:
            self.offset = highest + 1
        return _Outcome.OK

    async def _fetch(self, client: httpx.AsyncClient, wait: int) -> list[Any] | None:
        params: dict[str, Any] = {"timeout": wait, "allowed_updates": ALLOWED_UPDATES}
        if self.offset is not None:
            params["offset"] = self.offset
        try:
            response = await client.post(self.url, json=params)
            body = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            log.warning("getUpdates failed, retrying: %s", type(exc).__name__)
            return None
        if not isinstance(body, dict) or body.get("ok") is not True:
            code = body.get("error_code") if isinstance(body, dict) else response.status_code
            if code == 409:
                # Telegram hands updates to one poller per token: say it once, plainly.
                self._conflicts += 1
                if self._conflicts == 1:
                    log.error(
                        "another process is polling with this bot token (Telegram: 409 "
                        "Conflict); stop it, or run replicas in webhook mode"
                    )
            else:
                log.warning("getUpdates refused (%s), retrying", code)
            return None
        result = body.get("result")
        return result if isinstance(result, list) else []


def _has_id(raw: Any) -> bool:
    return isinstance(raw, dict) and type(raw.get("update_id")) is int


async def _wait(stopping: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stopping.wait(), seconds)
