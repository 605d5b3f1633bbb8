"""Pacing what the bot sends to Telegram's limits: free messages at about 30 a second,
nudges sent as paid broadcasts at the operator's NUDGE_RATE_LIMIT.

PTB's `AIORateLimiter` alone falls short here in two ways: its leaky bucket of one
message loses every late wake-up of the event loop from the rate (each wake-up restarts
the gap), and it sends paid broadcasts through a bucket of 1,000 that lets a burst of
1,000 through whatever rate was configured. It still does, in front of the pacers here,
what it does well: the 20-a-minute limit per group and retrying once after a 429.
Measured in bench/nudge_dispatch.py and docs/benchmarks.md.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import AIORateLimiter, BaseRateLimiter

from bot.config import FREE_MESSAGES_PER_SECOND, MAX_NUDGE_RATE

Sleep = Callable[[float], Awaitable[None]]
# What PTB's Bot API calls answer (its own JSONDict alias is private).
Answer = bool | dict[str, Any] | list[dict[str, Any]]
# Telegram counts its limits per second.
WINDOW_SECONDS = 1.0


class Pacer:
    """Lets sends through one at a time, `rate` a second, evenly spaced, and never more
    than `most` (Telegram's limit; ceil(rate) unless told) in any window of WINDOW_SECONDS.

    Each send takes the next slot of an even schedule, so one woken late by a busy event
    loop does not push every later slot back: the rate holds while there is a queue (an
    idle pacer saves up nothing). The window is the guarantee: a send counts in it from
    the moment it goes until a second after its answer came back, so wherever between
    those two moments Telegram received it (a stalled process, a slow network), no
    one-second window there can hold more than `most`. It costs rate only when the pace
    is close to `most` and answers take long: each send occupies a second plus its round
    trip, so 30 a second with answers in 50 ms keeps to about 28.6.
    """

    def __init__(
        self,
        rate: float,
        *,
        most: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if not rate > 0:
            raise ValueError(f"a pace needs a positive rate, not {rate}")
        self.rate = rate
        self.gap = 1 / rate
        self.most = most or math.ceil(rate)
        self._clock = clock
        self._sleep = sleep
        self._lock = asyncio.Lock()  # first come, first served
        self._slot = -math.inf  # the even schedule's next slot
        self._in_flight = 0
        self._finished: deque[float] = deque()  # when recent sends were answered, in order
        self._answered = asyncio.Event()

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Wait for this send's turn; the send happens inside the block."""
        await self._wait()
        self._in_flight += 1
        try:
            yield
        finally:
            self._in_flight -= 1
            self._finished.append(self._clock())
            self._answered.set()

    def _window_count(self, now: float) -> int:
        # Written as the sleep below computes it, so float rounding cannot leave a
        # waiter that woke on time still a hair inside the window.
        while self._finished and self._finished[0] + WINDOW_SECONDS <= now:
            self._finished.popleft()
        return self._in_flight + len(self._finished)

    async def _wait(self) -> None:
        async with self._lock:
            now = self._clock()
            slot = max(now, self._slot)
            if slot > now:
                await self._sleep(slot - now)
            self._slot = slot + self.gap
            while (count := self._window_count(now := self._clock())) >= self.most:
                if count > self._in_flight:
                    # The oldest answered send leaves the window first.
                    await self._sleep(self._finished[0] + WINDOW_SECONDS - now)
                else:
                    self._answered.clear()
                    await self._answered.wait()


class PacedRateLimiter(BaseRateLimiter[int]):
    """The bot's rate limiter: every message to a chat waits for its pacer.

    Messages sent with `allow_paid_broadcast` (nudges above the free limit) wait for the
    paid pacer, at the operator's rate; everything else shares the free one. As in
    `AIORateLimiter`, a request without a chat (answering a button press) is not paced.
    """

    def __init__(self, free_rate: float, paid_rate: float | None = None) -> None:
        # Each pacer keeps its own rate and, whatever the wake-ups, Telegram's own limit:
        # a paid rate of 100 a second is kept at 100 even with slow answers.
        self.free = Pacer(free_rate, most=math.floor(FREE_MESSAGES_PER_SECOND))
        self.paid = Pacer(paid_rate, most=math.floor(MAX_NUDGE_RATE)) if paid_rate else None
        # Overall limit off (the pacers do that); the per-group limit and one retry stay.
        self._inner = AIORateLimiter(overall_max_rate=0, max_retries=1)

    async def initialize(self) -> None:
        """Start the inner limiter."""
        await self._inner.initialize()

    async def shutdown(self) -> None:
        """Stop the inner limiter."""
        await self._inner.shutdown()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Answer]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Answer:
        """Send the request through PTB's limiter, in its pacer's turn."""
        if data.get("chat_id") is None:
            return await self._inner.process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        pacer = self.free
        if self.paid is not None and data.get("allow_paid_broadcast"):
            pacer = self.paid

        async def paced(*call_args: Any, **call_kwargs: Any) -> Answer:
            # Inside PTB's limiter: a message waiting out a group's 20 a minute holds no
            # place in the pacer, and a retry after a 429 waits for its turn again.
            async with pacer.turn():
                return await callback(*call_args, **call_kwargs)

        return await self._inner.process_request(
            paced, args, kwargs, endpoint, data, rate_limit_args
        )
