"""The pacers in virtual time: a clock and a sleep the test drives, so what is checked is
the schedule the pacer makes, never how fast this machine happens to be."""

import asyncio
import heapq
import itertools
import random
from collections.abc import Awaitable
from typing import Any, TypeVar

from bot.telegram.app import rate_limiter
from bot.telegram.pacing import PacedRateLimiter, Pacer

T = TypeVar("T")


class VirtualTime:
    """A clock that jumps to the next sleeper's wake-up once every task is waiting."""

    def __init__(self, late: float = 0.0, stall_every: int = 0, stall: float = 0.0) -> None:
        self.now = 0.0
        self._timers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        # Wake-ups come `late` seconds after they were due, and every `stall_every`-th
        # one `stall` seconds later still: an event loop busy with other work.
        self._late, self._stall_every, self._stall = late, stall_every, stall
        self._sleeps = 0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self._sleeps += 1
        extra = self._late
        if self._stall_every and self._sleeps % self._stall_every == 0:
            extra += self._stall
        if seconds > 0:
            # A real sleep is never shorter than a microsecond; without this, float
            # rounding could leave a waiter a hair short of its wake-up time forever.
            seconds = max(seconds, 1e-6)
        wake = asyncio.get_running_loop().create_future()
        heapq.heappush(
            self._timers, (self.now + max(seconds, 0.0) + extra, next(self._order), wake)
        )
        await wake

    async def run(self, work: Awaitable[T]) -> T:
        task = asyncio.ensure_future(work)
        while not task.done():
            for _ in range(20):  # let every task that can move do so
                await asyncio.sleep(0)
            if self._timers and not task.done():
                when, _, wake = heapq.heappop(self._timers)
                self.now = max(self.now, when)
                wake.set_result(None)
        return task.result()


def most_in_any_second(times: list[float]) -> int:
    """The largest number of `times` in one window (t - 1, t], as Telegram would count."""
    times = sorted(times)
    most, start = 0, 0
    for end, t in enumerate(times):
        while times[start] + 1.0 <= t:  # as the pacer writes it, to the last float bit
            start += 1
        most = max(most, end - start + 1)
    return most


async def _send_through(
    pacer: Pacer, time: VirtualTime, senders: int, each: int, answer: list[float]
) -> tuple[list[float], list[float]]:
    """`senders` tasks sending `each` messages; each answer takes the next of `answer`."""
    went: list[float] = []
    answered: list[float] = []
    delays = iter(answer)

    async def sender() -> None:
        for _ in range(each):
            async with pacer.turn():
                went.append(time.now)
                await time.sleep(next(delays))
                answered.append(time.now)

    await asyncio.gather(*(sender() for _ in range(senders)))
    return went, answered


async def test_sends_are_spaced_evenly_at_the_rate() -> None:
    time = VirtualTime()
    pacer = Pacer(29.5, clock=time.clock, sleep=time.sleep)
    went, _ = await time.run(_send_through(pacer, time, 16, 20, [0.0] * 320))
    gaps = [b - a for a, b in itertools.pairwise(went)]
    assert min(gaps) >= 1 / 29.5 - 1e-9
    assert went[-1] - went[0] <= 319 / 29.5 + 1e-6  # the whole rate, nothing lost
    assert most_in_any_second(went) == 30


async def test_late_wake_ups_do_not_lower_the_rate() -> None:
    # Every wake-up 5 ms late: a limiter that restarts its gap from each wake-up would
    # lose 5 ms per message (15% at 29.5 a second); the even schedule loses none.
    time = VirtualTime(late=0.005)
    pacer = Pacer(29.5, clock=time.clock, sleep=time.sleep)
    went, _ = await time.run(_send_through(pacer, time, 16, 20, [0.0] * 320))
    assert went[-1] - went[0] <= 319 / 29.5 + 0.01
    assert most_in_any_second(went) <= 30


async def test_no_second_ever_holds_more_than_the_limit_wherever_telegram_counts_it() -> None:
    # Stalls of 120 ms every 7th wake-up and answers taking up to 300 ms: Telegram may
    # count a message anywhere between when it went and when its answer came back.
    time = VirtualTime(late=0.001, stall_every=7, stall=0.12)
    pacer = Pacer(29.5, clock=time.clock, sleep=time.sleep)
    answers = [random.Random(15).uniform(0.0, 0.3) for _ in range(400)]
    went, answered = await time.run(_send_through(pacer, time, 20, 20, answers))
    assert len(went) == 400
    assert most_in_any_second(went) <= 30
    assert most_in_any_second(answered) <= 30
    midway = [(a + b) / 2 for a, b in zip(sorted(went), sorted(answered), strict=True)]
    assert most_in_any_second(midway) <= 30


async def test_more_sends_in_flight_than_the_limit_wait_for_answers() -> None:
    # 40 senders, answers taking 2 s: no more than 30 may be out at once within a second.
    time = VirtualTime()
    pacer = Pacer(29.5, clock=time.clock, sleep=time.sleep)
    went, answered = await time.run(_send_through(pacer, time, 40, 2, [2.0] * 80))
    assert most_in_any_second(went) <= 30 and most_in_any_second(answered) <= 30
    assert len(answered) == 80


async def test_a_paid_rate_is_kept_too() -> None:
    time = VirtualTime()
    pacer = Pacer(1000, clock=time.clock, sleep=time.sleep)
    went, _ = await time.run(_send_through(pacer, time, 16, 250, [0.0] * 4000))
    assert most_in_any_second(went) <= 1000
    assert went[-1] - went[0] <= 3999 / 1000 + 1e-6


async def test_a_paid_rate_below_telegrams_limit_is_kept_with_slow_answers() -> None:
    # Answers in 50 ms: a pace of 100 a second counted against the paid limit of 1,000
    # loses nothing; against its own ceiling of 100 it would wait for answers.
    time = VirtualTime()
    pacer = Pacer(100, most=1000, clock=time.clock, sleep=time.sleep)
    went, _ = await time.run(_send_through(pacer, time, 16, 50, [0.05] * 800))
    assert went[-1] - went[0] <= 799 / 100 + 1e-6


async def test_close_to_the_limit_slow_answers_cost_some_rate_but_never_a_429() -> None:
    time = VirtualTime()
    pacer = Pacer(29.5, most=30, clock=time.clock, sleep=time.sleep)
    went, answered = await time.run(_send_through(pacer, time, 16, 20, [0.05] * 320))
    assert most_in_any_second(answered) <= 30
    rate = 319 / (went[-1] - went[0])
    assert 30 / 1.05 - 0.1 <= rate <= 29.5 + 1e-6  # a second plus the 50 ms round trip


class CountingPacer(Pacer):
    def __init__(self, rate: float) -> None:
        super().__init__(rate)
        self.turns = 0

    def turn(self) -> Any:
        self.turns += 1
        return super().turn()


async def _request(limiter: PacedRateLimiter, data: dict[str, Any]) -> Any:
    async def call() -> dict[str, Any]:
        return {"ok": True}

    return await limiter.process_request(call, (), {}, "sendMessage", data, None)


async def test_paid_broadcasts_take_the_paid_pacer_and_everything_else_the_free_one() -> None:
    limiter = PacedRateLimiter(29.5, paid_rate=500)
    free, paid = CountingPacer(29.5), CountingPacer(500)
    limiter.free, limiter.paid = free, paid
    await _request(limiter, {"chat_id": 1, "text": "hi"})
    await _request(limiter, {"chat_id": 2, "text": "nudge", "allow_paid_broadcast": True})
    await _request(limiter, {"callback_query_id": "7"})  # no chat: not paced, as in PTB
    assert (free.turns, paid.turns) == (1, 1)


async def test_without_a_paid_rate_a_paid_flag_still_keeps_to_the_free_pace() -> None:
    limiter = PacedRateLimiter(29.5)
    free = CountingPacer(29.5)
    limiter.free = free
    await _request(limiter, {"chat_id": 2, "allow_paid_broadcast": True})
    assert free.turns == 1


def test_the_bots_limiter_paces_nudges_at_the_configured_rate() -> None:
    default = rate_limiter()
    assert (default.free.rate, default.paid) == (29.5, None)
    slower = rate_limiter(12)
    assert (slower.free.rate, slower.paid) == (12, None)
    paid = rate_limiter(1000)
    assert paid.free.rate == 29.5 and paid.paid is not None and paid.paid.rate == 1000
    # Each keeps Telegram's own limit for its kind of message.
    assert (paid.free.most, paid.paid.most) == (30, 1000)
