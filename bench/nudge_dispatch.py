"""Benchmark: how fast the dispatcher claims and sends nudges, and how well it keeps the limit.

1. Capacity, rate limiter lifted: N people (default 100,000) all due in the same
   minute on a fresh SQLite file; one Dispatcher run claims, sends and records
   every nudge through the in-process fake Bot API. Reported: nudges per second,
   peak memory (RSS) and how many nudges are recorded sent. The same run over
   loopback HTTP (the fake Bot API served by a local server) is reported too, with
   fewer people, since there the fake server's own speed is part of the figure.
   Goal: at least 1,000 nudges/s, 30× Telegram's overall limit.
2. Pace, rate limiter on: the bot's real rate limiter (bot.telegram.app.rate_limiter,
   at NUDGE_RATE_LIMIT's default 29.5/s or --paced-rate) in front of a fake Bot API that
   answers 429 to a free message that would make more than 30 in any one-second window
   (and to a paid broadcast that would make more than 1,000). Reported: the rate from the
   start of the run to its end (claiming included) and between the first and the last
   send (the pace itself), each as a fraction of 30/s and of the configured rate, and
   the number of 429s. Goal: at least 97% of 30/s and no 429.
3. Idle tick (`--idle`): N people (default 100,000), none due (all tomorrow); the
   median time of one Dispatcher.run_once() over 30 ticks after the first, and the
   first tick (start-up) alone, on SQLite and, with --postgres URL (or
   TEST_DATABASE_URL), on PostgreSQL (its schema is dropped and recreated: give it
   a database of its own). Goal: at most 1 ms.

    .venv/bin/python bench/nudge_dispatch.py [--people N] [--paced N] [--json]
    .venv/bin/python bench/nudge_dispatch.py --paced-only [--paced N] [--paced-rate R]
    .venv/bin/python bench/nudge_dispatch.py --idle [--people N] [--postgres URL] [--json]
4. On time at scale (`--on-time`): a model in virtual time, not a run of the bot:
   N people (default 100,000) in one zone who all chose 09:00, each due when the bot's
   own schedule says (bot.domain.nudge_policy.next_nudge with the person's
   schedule.spread_offset, as the store computes it), taken at the dispatcher's next
   tick (every 30 s) and sent by a limiter that spaces messages evenly at `rate` per
   second (as bot.telegram.pacing's does): each send at max(tick, previous send +
   1/rate). Reported: how far from 09:00 each nudge leaves and how long after its own
   due time (p50, p99, max) at 29.5/s with NUDGE_SPREAD_MINUTES 0, 60 and 120, and at
   1,000/s (NUDGE_RATE_LIMIT=1000, paid broadcasts).

    .venv/bin/python bench/nudge_dispatch.py --on-time [--people N] [--json]
5. The dispatcher's own memory (`--memory`): N people (default 100,000) due at once, one
   Dispatcher.run_once() as in 1, with a fake Bot API that keeps no record of what it
   was sent (in 1 the fake's copy of every message is part of the process's RSS, as are
   the rows built for the insert). Reported, from two runs: the peak of the Python heap
   allocated during run_once() (tracemalloc, started just before it: what the dispatcher,
   PTB, SQLAlchemy and aiosqlite hold at once), and in a run without tracemalloc (which
   itself costs memory) the rise of the peak RSS over the RSS just before run_once()
   (VmHWM, reset through /proc/self/clear_refs), which includes SQLite's own page cache.

    .venv/bin/python bench/nudge_dispatch.py --memory [--people N] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import gc
import json
import os
import resource
import sys
import tempfile
import threading
import time as clock
import tracemalloc
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

# The test kit (fake Bot API server) lives beside the package, not in it.
REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from sqlalchemy import insert
from telegram import Bot
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.config import DEFAULT_NUDGE_RATE, FREE_MESSAGES_PER_SECOND, MAX_NUDGE_RATE
from bot.domain.models import NudgeOutcome
from bot.domain.nudge_policy import next_nudge
from bot.domain.schedule import occurrence, spread_offset
from bot.offline import FakeBotAPI, FakeRequest
from bot.store import Store
from bot.store.nudges import NUDGES, USERS
from bot.telegram.app import rate_limiter
from bot.telegram.dispatcher import DispatchConfig, Dispatcher
from bot.vault.library import VaultHolder
from testkit.server import serve_in_thread

REPO = Path(__file__).resolve().parent.parent
TOKEN = "123456:bench-token"
LIMIT_PER_SECOND = 30
GOAL_CAPACITY = 1000
GOAL_PACE = 0.97
NOW = datetime(2026, 3, 2, 9, 0, 30, tzinfo=UTC)
ON_TIME_ZONE = "Europe/Berlin"


async def _populate(store: Store, people: int, due: datetime | None = None) -> None:
    due = due or NOW - timedelta(seconds=30)
    rows = [
        {
            "user_id": n,
            "chat_id": n,
            "timezone": "UTC",
            "reminder_time": time(9, 0),
            "reminders_enabled": True,
            "focus_skill": None,
            "created_at": NOW,
            "last_seen_at": NOW,
            "next_nudge_at": due,
            "silent_nudges": False,
            "blocked": False,
        }
        for n in range(1, people + 1)
    ]
    async with store.engine.begin() as conn:
        for start in range(0, len(rows), 5000):
            await conn.execute(insert(USERS), rows[start : start + 5000])


async def _sent_count(store: Store) -> int:
    from sqlalchemy import func, select

    async with store.engine.connect() as conn:
        query = select(func.count()).where(NUDGES.c.outcome == NudgeOutcome.SENT.value)
        return int((await conn.execute(query)).scalar_one())


async def capacity(people: int, folder: Path, *, http: bool) -> dict[str, Any]:
    """One dispatcher run over `people` due nudges, no rate limiter."""
    store = Store.from_url(
        f"sqlite+aiosqlite:///{folder / f'capacity-{http}.db'}", clock=lambda: NOW
    )
    await store.migrate()
    await _populate(store, people)
    api = FakeBotAPI()
    server = None
    if http:
        server, base_url = serve_in_thread(api)
        request = HTTPXRequest(connection_pool_size=64)
        bot: Bot = Bot(TOKEN, base_url=f"{base_url}/bot", request=request)
    else:
        bot = Bot(TOKEN, request=FakeRequest(api))
    await bot.initialize()
    vault = VaultHolder(REPO / "skills")
    dispatcher = Dispatcher(bot, store, vault, DispatchConfig(batch=1000), lambda: NOW)
    started = clock.perf_counter()
    report = await dispatcher.run_once()
    seconds = clock.perf_counter() - started
    sent = await _sent_count(store)
    await bot.shutdown()
    await store.close()
    if server is not None:
        server.shutdown()
        server.server_close()
    return {
        "people": people,
        "transport": "loopback HTTP" if http else "in-process",
        "seconds": seconds,
        "per_second": report.sent / seconds,
        "sent_recorded": sent,
        "messages_at_fake_api": len(api.sent()),
        "failed": report.failed,
    }


class ForgetfulBotAPI(FakeBotAPI):
    """The fake Bot API keeping nothing of what it answered: what a run holds in memory is
    then the dispatcher's (and its libraries'), not the fake's record of 100,000 messages."""

    def handle(self, method: str, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        answer = super().handle(method, params, files)
        with self._lock:
            self.calls.clear()
            self.messages.clear()
            self._message_ids.clear()
        return answer


def _proc_status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise LookupError(field)


def _reset_peak_rss() -> None:
    # Writing 5 resets VmHWM to the current RSS (Linux 4.0+).
    Path("/proc/self/clear_refs").write_text("5")


async def dispatcher_memory(people: int, folder: Path, *, traced: bool) -> dict[str, Any]:
    """One run_once() over `people` due nudges: tracemalloc's peak during it (traced), or
    the rise of peak RSS over the RSS just before it (not traced)."""
    store = Store.from_url(
        f"sqlite+aiosqlite:///{folder / f'memory-{traced}.db'}", clock=lambda: NOW
    )
    await store.migrate()
    await _populate(store, people)
    bot = Bot(TOKEN, request=FakeRequest(ForgetfulBotAPI()))
    await bot.initialize()
    dispatcher = Dispatcher(
        bot, store, VaultHolder(REPO / "skills"), DispatchConfig(batch=1000), lambda: NOW
    )
    gc.collect()  # the populate's 100,000 row dicts are garbage by now: not counted
    if traced:
        tracemalloc.start()
    else:
        _reset_peak_rss()
    before_mb = _proc_status_mb("VmRSS")
    report = await dispatcher.run_once()
    result: dict[str, Any] = {"people": people, "sent": report.sent}
    if traced:
        result["python_heap_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    else:
        result["rss_before_mb"] = before_mb
        result["rss_rise_mb"] = _proc_status_mb("VmHWM") - before_mb
    result["sent_recorded"] = await _sent_count(store)
    await bot.shutdown()
    await store.close()
    return result


async def memory(people: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as name:
        rss = await dispatcher_memory(people, Path(name), traced=False)
        traced = await dispatcher_memory(people, Path(name), traced=True)
    return rss | traced


def _print_memory(m: dict[str, Any]) -> None:
    print(
        f"Dispatcher memory, {m['people']:,} due at once, SQLite, the fake API keeping "
        f"nothing: Python heap peak during run_once {m['python_heap_peak_mb']:.1f} MB "
        f"(tracemalloc); peak RSS rose {m['rss_rise_mb']:.1f} MB over "
        f"{m['rss_before_mb']:.0f} MB just before it (another run, no tracemalloc); "
        f"{m['sent_recorded']:,} recorded sent"
    )


class TelegramPace:
    """A fault hook that answers 429 like Telegram when more than 30 free messages (or
    1,000 paid broadcasts) land in any one second; it notes when each one landed."""

    def __init__(self) -> None:
        self.windows: dict[bool, collections.deque[float]] = {
            False: collections.deque(),
            True: collections.deque(),
        }
        self.arrivals: list[float] = []
        self.rejected = 0
        self.lock = threading.Lock()

    def __call__(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        if method != "sendMessage":
            return None
        paid = bool(params.get("allow_paid_broadcast"))
        limit = MAX_NUDGE_RATE if paid else LIMIT_PER_SECOND
        with self.lock:
            now = clock.monotonic()
            times = self.windows[paid]
            while times and now - times[0] >= 1.0:
                times.popleft()
            if len(times) >= limit:
                self.rejected += 1
                return 429, {
                    "ok": False,
                    "error_code": 429,
                    "parameters": {"retry_after": 1},
                    "description": "Too Many Requests: retry after 1",
                }
            times.append(now)
            self.arrivals.append(now)
            return None


async def pace(
    people: int, folder: Path, nudge_rate: float = DEFAULT_NUDGE_RATE
) -> dict[str, Any]:
    """Dispatch with the bot's own rate limiter against a Telegram-like limit."""
    store = Store.from_url(f"sqlite+aiosqlite:///{folder / 'paced.db'}", clock=lambda: NOW)
    await store.migrate()
    await _populate(store, people)
    limit = TelegramPace()
    api = FakeBotAPI(fault=limit)
    bot = ExtBot(TOKEN, request=FakeRequest(api), rate_limiter=rate_limiter(nudge_rate))  # type: ignore[arg-type]
    await bot.initialize()
    paid = nudge_rate > FREE_MESSAGES_PER_SECOND
    dispatcher = Dispatcher(
        bot,
        store,
        VaultHolder(REPO / "skills"),
        DispatchConfig(paid_broadcast=paid),
        lambda: NOW,
    )
    started = clock.monotonic()
    report = await dispatcher.run_once()
    seconds = clock.monotonic() - started
    await bot.shutdown()
    await store.close()
    rate = report.sent / seconds
    # The pace itself: sends after the first, over the time from the first to the last
    # (the run's rate above also holds the first claim, before anything can be sent).
    first, last = limit.arrivals[0], limit.arrivals[-1]
    steady = (len(limit.arrivals) - 1) / (last - first)
    limit_per_second = MAX_NUDGE_RATE if paid else LIMIT_PER_SECOND
    return {
        "people": people,
        "configured_rate": nudge_rate,
        "paid_broadcast": paid,
        "seconds": seconds,
        "first_send_after_seconds": first - started,
        "per_second": rate,
        "fraction_of_limit": rate / limit_per_second,
        "fraction_of_configured": rate / nudge_rate,
        "steady_per_second": steady,
        "steady_fraction_of_limit": steady / limit_per_second,
        "steady_fraction_of_configured": steady / nudge_rate,
        "http_429": limit.rejected,
        "failed": report.failed,
    }


async def reset_postgres(url: str) -> None:
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as conn:
        await conn.execute(text("DROP SCHEMA public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


async def idle_tick(people: int, url: str, ticks: int = 30) -> dict[str, Any]:
    """Median time of a dispatcher tick with `people` scheduled and nobody due."""
    import statistics

    if url.startswith("postgresql"):
        await reset_postgres(url)
    store = Store.from_url(url, clock=lambda: NOW)
    await store.migrate()
    await _populate(store, people, due=NOW + timedelta(days=1))
    if url.startswith("postgresql"):
        from sqlalchemy import text

        async with store.engine.begin() as conn:  # fresh statistics, as autovacuum would
            await conn.execute(text("ANALYZE users"))
    else:
        from sqlalchemy import text

        async with store.engine.begin() as conn:
            await conn.execute(text("ANALYZE"))
    bot = Bot(TOKEN, request=FakeRequest(FakeBotAPI()))
    await bot.initialize()
    dispatcher = Dispatcher(
        bot, store, VaultHolder(REPO / "skills"), DispatchConfig(), lambda: NOW
    )
    started = clock.perf_counter()
    await dispatcher.run_once()
    first = clock.perf_counter() - started
    times, cpu = [], []
    for _ in range(ticks):
        started, cpu_started = clock.perf_counter(), clock.process_time()
        report = await dispatcher.run_once()
        times.append(clock.perf_counter() - started)
        cpu.append(clock.process_time() - cpu_started)
        assert report.claimed == 0
    await bot.shutdown()
    await store.close()
    return {
        "database": url.split("+", 1)[0],
        "people": people,
        "first_tick_ms": first * 1000,
        "median_tick_ms": statistics.median(times) * 1000,
        # This process's CPU (SQLite's included, PostgreSQL's server not): on a shared
        # machine the wall time above mostly measures waiting for a core.
        "median_tick_cpu_ms": statistics.median(cpu) * 1000,
        "goal_met": statistics.median(times) <= 0.001,
    }


async def idle(people: int, postgres: str) -> list[dict[str, Any]]:
    from bot.config import async_database_url

    results = []
    with tempfile.TemporaryDirectory() as name:
        results.append(await idle_tick(people, f"sqlite+aiosqlite:///{name}/idle.db"))
    if postgres:
        results.append(await idle_tick(people, async_database_url(postgres)))
    return results


def on_time(
    people: int, rate: float, window_minutes: int = 0, tick_seconds: float = 30.0
) -> dict[str, Any]:
    """When each nudge leaves, in the limiter's queue model, for `people` who chose 09:00
    in one zone: due when the bot's schedule says, with each person's spread offset."""
    import math

    chosen = occurrence(date(2026, 3, 2), time(9, 0), ON_TIME_ZONE)
    before = chosen - timedelta(hours=2)  # the day's schedule, computed beforehand
    due = []
    for user_id in range(1, people + 1):
        shift = spread_offset(user_id, window_minutes)
        at = next_nudge(before, time(9, 0), ON_TIME_ZONE, shift=shift)
        assert at is not None
        due.append((at - chosen).total_seconds())
    due.sort()
    gap, last = 1 / rate, -math.inf
    distance, waited = [], []
    for at in due:
        # The dispatcher claims what is due at its next tick (ticks on the minute and the
        # half minute here), then the limiter spaces the sends.
        tick = math.ceil(at / tick_seconds) * tick_seconds
        last = max(tick, last + gap)
        distance.append(abs(last))
        waited.append(last - at)

    def percentiles(values: list[float], name: str) -> dict[str, float]:
        values.sort()
        return {
            f"{name}_p50_minutes": values[len(values) // 2] / 60,
            f"{name}_p99_minutes": values[math.ceil(len(values) * 0.99) - 1] / 60,
            f"{name}_max_minutes": values[-1] / 60,
        }

    return (
        {
            "people": people,
            "rate_per_second": rate,
            "spread_minutes": window_minutes,
            "earliest_due_minutes": due[0] / 60,
            "latest_due_minutes": due[-1] / 60,
        }
        | percentiles(distance, "from_chosen")
        | percentiles(waited, "after_due")
    )


async def run(people: int, http_people: int, paced: int, paced_rate: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        in_process = await capacity(people, folder, http=False)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        over_http = await capacity(http_people, folder, http=True)
        paced_result = await pace(paced, folder, paced_rate)
    return {
        "capacity": in_process
        | {"peak_rss_mb": peak_mb, "goal_met": in_process["per_second"] >= GOAL_CAPACITY},
        "capacity_http": over_http,
        "paced": paced_result | {"goal_met": _pace_goal_met(paced_result)},
    }


def _pace_goal_met(paced: dict[str, Any]) -> bool:
    return bool(paced["fraction_of_limit"] >= GOAL_PACE and paced["http_429"] == 0)


def _print_pace(paced: dict[str, Any]) -> None:
    kind = "paid broadcasts, 1,000/s" if paced["paid_broadcast"] else "30/s"
    print(
        f"Paced at {paced['configured_rate']:g}/s by the bot's limiter, {paced['people']} "
        f"nudges, Telegram-like {kind} limit:"
    )
    print(
        f"  run {paced['per_second']:.2f}/s = {paced['fraction_of_limit']:.1%} of the limit "
        f"({paced['fraction_of_configured']:.1%} of {paced['configured_rate']:g}/s; first "
        f"send {paced['first_send_after_seconds']:.2f} s in), pace first to last send "
        f"{paced['steady_per_second']:.2f}/s = {paced['steady_fraction_of_limit']:.1%} "
        f"({paced['steady_fraction_of_configured']:.1%}), {paced['http_429']} x 429 "
        f"(goal >= {GOAL_PACE:.0%} of the limit and no 429: "
        f"{'met' if _pace_goal_met(paced) else 'NOT met'})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="nudge dispatch throughput and pacing")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--http-people", type=int, default=5_000)
    parser.add_argument("--paced", type=int, default=600)
    parser.add_argument("--paced-rate", type=float, default=DEFAULT_NUDGE_RATE)
    parser.add_argument("--paced-only", action="store_true", help="the paced run only")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--idle", action="store_true", help="time an idle tick only")
    parser.add_argument("--on-time", action="store_true", help="lateness model only")
    parser.add_argument("--memory", action="store_true", help="the dispatcher's memory only")
    parser.add_argument("--postgres", default=os.environ.get("TEST_DATABASE_URL", ""))
    args = parser.parse_args()
    if args.on_time:
        free = DEFAULT_NUDGE_RATE
        cases = [(free, 0), (free, 60), (free, 120), (MAX_NUDGE_RATE, 0)]
        models = [on_time(args.people, rate, window) for rate, window in cases]
        if args.json:
            print(json.dumps(models, indent=2))
            return
        for m in models:
            print(
                f"{m['people']:,} people at 09:00, {m['rate_per_second']:g}/s, spread "
                f"{m['spread_minutes']} min: from 09:00 p50 {m['from_chosen_p50_minutes']:.1f}"
                f" min, p99 {m['from_chosen_p99_minutes']:.1f} min, max "
                f"{m['from_chosen_max_minutes']:.1f} min; after their own due time p50 "
                f"{m['after_due_p50_minutes'] * 60:.0f} s, p99 "
                f"{m['after_due_p99_minutes'] * 60:.0f} s, max "
                f"{m['after_due_max_minutes'] * 60:.0f} s"
            )
        return
    if args.memory:
        measured = asyncio.run(memory(args.people))
        if args.json:
            print(json.dumps(measured, indent=2))
            return
        _print_memory(measured)
        return
    if args.paced_only:
        with tempfile.TemporaryDirectory() as name:
            paced_only = asyncio.run(pace(args.paced, Path(name), args.paced_rate))
        if args.json:
            print(json.dumps(paced_only, indent=2))
            return
        _print_pace(paced_only)
        return
    if args.idle:
        ticks = asyncio.run(idle(args.people, args.postgres))
        if args.json:
            print(json.dumps(ticks, indent=2))
            return
        for tick in ticks:
            print(
                f"Idle tick, {tick['people']:,} people none due, {tick['database']}: "
                f"median {tick['median_tick_ms']:.2f} ms, CPU {tick['median_tick_cpu_ms']:.2f} ms "
                f"(first tick {tick['first_tick_ms']:.1f}"
                f" ms; goal <= 1 ms: {'met' if tick['goal_met'] else 'NOT met'})"
            )
        return
    result = asyncio.run(run(args.people, args.http_people, args.paced, args.paced_rate))
    if args.json:
        print(json.dumps(result, indent=2))
        return
    cap, http, paced = result["capacity"], result["capacity_http"], result["paced"]
    print(f"Capacity, limiter lifted, {cap['people']:,} due at once, SQLite, in-process API:")
    print(
        f"  {cap['per_second']:,.0f} nudges/s ({cap['seconds']:.1f} s), "
        f"{cap['sent_recorded']:,} recorded sent, peak RSS {cap['peak_rss_mb']:.0f} MB "
        f"(goal >= {GOAL_CAPACITY:,}/s: {'met' if cap['goal_met'] else 'NOT met'})"
    )
    print(
        f"Same over loopback HTTP, {http['people']:,} people: {http['per_second']:,.0f} nudges/s"
    )
    _print_pace(paced)


if __name__ == "__main__":
    main()
