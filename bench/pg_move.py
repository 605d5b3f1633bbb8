"""Benchmark: a press's move on PostgreSQL, through the bot's store and on asyncpg alone.

What is the floor under a PostgreSQL press? The move of a Next press is
`SessionsStore.update_session`: read the session's row, decide, and update it. Until
2026-12-01 that was one transaction holding the row (BEGIN, SELECT … FOR UPDATE, UPDATE,
COMMIT: four round trips); since, on PostgreSQL, it is a compare-and-set in autocommit (two
round trips), through SQLAlchemy's pool, its asyncpg adapter and a greenlet. Timed
interleaved, one of each per round, on the same database:

- store: the bot's own `update_session`, a step forward and back each time;
- asyncpg: the same four round trips with the same SQL, on one asyncpg connection with
  its statements prepared once: what any Python code pays for this transaction;
- compare-and-set: the move as two statements in autocommit, a plain read and an
  UPDATE … WHERE the row is still as read (two round trips, no transaction), on asyncpg;
- round trip: `SELECT 1`, prepared, on asyncpg: one round trip's floor on this machine.

    .venv/bin/python bench/pg_move.py --postgres URL [--moves N] [--json]

The URL's database is wiped: its `public` schema is dropped and made anew (as
`practice_step.py --postgres` does), twice (a warm-up, then the run), and the bot's
tables are left in it. Give it a database of its own.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import asyncpg

from bot.config import async_database_url
from bot.domain.models import PracticeSession
from bot.store import Store
from bot.store.engine import create_engine

Sample = tuple[float, float]  # wall and CPU seconds
USER = 1

_READ = "SELECT id, step, status, updated_at FROM practice_sessions WHERE id = $1"
_READ_FOR_MOVE = _READ + " FOR UPDATE"
_MOVE = "UPDATE practice_sessions SET step = $2, updated_at = now() WHERE id = $1"
_MOVE_IF_UNMOVED = _MOVE + " AND step = $3 AND updated_at = $4"


async def _timed(call: Callable[[], Awaitable[object]]) -> Sample:
    wall, cpu = time.perf_counter(), time.process_time()
    await call()
    return time.perf_counter() - wall, time.process_time() - cpu


async def measure(url: str, moves: int) -> dict[str, list[Sample]]:
    from nudge_dispatch import reset_postgres  # bench/ is on sys.path, as a script

    await reset_postgres(async_database_url(url))
    store = Store(create_engine(async_database_url(url)))
    await store.migrate()
    await store.register(USER, USER)
    session, _ = await store.start_session(USER, "Repair")
    raw = await asyncpg.connect(url)
    try:
        read_for_move = await raw.prepare(_READ_FOR_MOVE)
        read = await raw.prepare(_READ)
        move = await raw.prepare(_MOVE)
        move_if_unmoved = await raw.prepare(_MOVE_IF_UNMOVED)
        ping = await raw.prepare("SELECT 1")
        forward = [True]

        def decide(before: PracticeSession) -> tuple[PracticeSession, None]:
            forward[0] = not forward[0]
            return replace(before, step=before.step + (1 if forward[0] else -1)), None

        async def through_store() -> None:
            await store.update_session(session.id, decide)

        async def on_asyncpg() -> None:
            async with raw.transaction():
                row = await read_for_move.fetchrow(session.id)
                await move.fetch(session.id, 1 - row["step"] % 2)

        async def compare_and_set() -> None:
            row = await read.fetchrow(session.id)
            await move_if_unmoved.fetch(
                session.id, 1 - row["step"] % 2, row["step"], row["updated_at"]
            )

        ways = {
            "store": through_store,
            "asyncpg": on_asyncpg,
            "compare_and_set": compare_and_set,
            "round_trip": ping.fetchval,
        }
        timings: dict[str, list[Sample]] = {name: [] for name in ways}
        for _ in range(moves):
            for name, way in ways.items():
                timings[name].append(await _timed(way))
        return timings
    finally:
        await raw.close()
        await store.close()


def _median_ms(samples: list[Sample], which: int) -> float:
    return statistics.median(sample[which] for sample in samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", required=True, help="a PostgreSQL URL (asyncpg's form)")
    parser.add_argument("--moves", type=int, default=2000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    url = args.postgres.replace("postgresql+asyncpg://", "postgresql://")
    asyncio.run(measure(url, 200))  # warm-up: connections, prepared statements, caches
    timings = asyncio.run(measure(url, args.moves))
    result: dict[str, Any] = {
        name: {"median_ms": _median_ms(samples, 0), "cpu_median_ms": _median_ms(samples, 1)}
        for name, samples in timings.items()
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"A press's move on PostgreSQL: {args.moves} of each, interleaved\n")
    print(f"{'':24} {'median':>9} {'CPU median':>11} {'× asyncpg':>10}")
    floor = result["asyncpg"]["median_ms"]
    for name, figures in result.items():
        print(
            f"{name:24} {figures['median_ms']:7.3f}ms {figures['cpu_median_ms']:9.3f}ms"
            f" {figures['median_ms'] / floor:9.2f}x"
        )


if __name__ == "__main__":
    main()
