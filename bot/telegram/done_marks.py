"""Done-marks in batches: an update's "handled" written with the next write, not alone.

Marking an update done was a transaction of its own for every update, the second
commit of each button press. A mark now waits, for at most FLUSH_AFTER_S, for the next
batch of updates to store and rides in its transaction (one commit for both); when no
batch comes, or MARKS_PER_FLUSH marks wait, they are written together on their own.

A waiting mark keeps its update's handling slot (InboxWorker's MAX_IN_FLIGHT) until it
is written, so a crash still finds at most MAX_IN_FLIGHT updates handled but not marked,
each handled again after the restart: the bound of docs/reliability.md §2 holds as
before. A mark that could not be written goes back in the queue; at shutdown the
worker writes what is left.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

# How long a mark may wait for a batch of updates to share a transaction with. Under
# load batches come far more often than this; an idle bot writes the mark by itself.
FLUSH_AFTER_S = 0.05
# Written at once when this many wait, so handling slots do not run out behind them.
MARKS_PER_FLUSH = 8

# After a write that failed for a reason other than an outage (outages are waited out).
RETRY_AFTER_S = 1.0

Release = Callable[[], None]


class DoneMarks:
    """Handled updates whose done-mark is not written yet, each with its slot's release."""

    def __init__(
        self,
        write: Callable[[list[int]], Awaitable[None]],
        *,
        flush_after: float = FLUSH_AFTER_S,
        per_flush: int = MARKS_PER_FLUSH,
    ) -> None:
        self._write = write
        self._flush_after = flush_after
        self._per_flush = per_flush
        self._waiting: dict[int, Release] = {}
        # Taken by a write that has not committed yet.
        self._writing: dict[int, Release] = {}
        self._arrived = asyncio.Event()
        self._full = asyncio.Event()
        self._flusher: asyncio.Task[None] | None = None
        # Set by close(): marks added afterwards (a webhook request finishing late, a
        # flush cut short at shutdown) wait for an explicit flush, with no new task.
        self._closed = False

    def __len__(self) -> int:
        return len(self._waiting) + len(self._writing)

    def __contains__(self, update_id: int) -> bool:
        return update_id in self._waiting or update_id in self._writing

    def add(self, update_id: int, release: Release) -> None:
        """Queue a mark; `release` is called once it is written."""
        self._waiting[update_id] = release
        self._arrived.set()
        if len(self._waiting) >= self._per_flush:
            self._full.set()
        if not self._closed and (self._flusher is None or self._flusher.done()):
            self._flusher = asyncio.create_task(self._flush_when_due())

    def take(self) -> dict[int, Release]:
        """Take every waiting mark, to write with a batch of updates."""
        taken, self._waiting = self._waiting, {}
        self._writing |= taken
        self._full.clear()
        return taken

    def written(self, taken: dict[int, Release]) -> None:
        """The marks taken are committed: give their slots back."""
        for update_id, release in taken.items():
            # pop, not del: one id handed back twice must not strand the rest.
            if self._writing.pop(update_id, None) is not None:
                release()

    def put_back(self, taken: dict[int, Release]) -> None:
        """The write carrying these marks failed: they wait again for the next one."""
        for update_id, release in taken.items():
            if self._writing.pop(update_id, None) is not None:
                self.add(update_id, release)

    async def flush(self) -> None:
        """Write every waiting mark now (the flusher when due, and the worker at shutdown)."""
        taken = self.take()
        if not taken:
            return
        try:
            await self._write(list(taken))
        except BaseException:
            self.put_back(taken)
            raise
        self.written(taken)

    async def close(self) -> None:
        """Stop the background flusher (marks still waiting stay queued for `flush`)."""
        self._closed = True
        if self._flusher is not None:
            self._flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._flusher
            self._flusher = None

    async def _flush_when_due(self) -> None:
        while True:
            await self._arrived.wait()
            self._arrived.clear()
            with contextlib.suppress(TimeoutError):
                # A batch of updates storing meanwhile takes the marks with it.
                await asyncio.wait_for(self._full.wait(), self._flush_after)
            try:
                await self.flush()
            except Exception as exc:  # the marks are queued again: try once more in a while
                log.warning("could not mark handled updates done: %s", type(exc).__name__)
                await asyncio.sleep(RETRY_AFTER_S)
