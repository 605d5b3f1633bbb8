"""Benchmark: one Next press, in process, against a bare python-telegram-bot echo handler.

Ours: the real Application on a fresh SQLite file, a practice of Repair open at
step 1, and a Next press fed through `Application.process_update`: read the
session, advance it, compare-and-set it back, render the step, answer the press
and edit the message through the recording fake Bot API. After each timed Next,
an untimed Back returns to step 1, so every timed press does the same work.

Baseline: a bare Application on the same fake transport whose only handler
echoes a text message (one Bot API call), timed the same way in the same run,
interleaved with ours (one echo, one Next, one Next through the inbox per round).
It is timed twice: from the parsed Update, as the plain Next press is, and from the
update as Telegram sends it (the decoded JSON: PTB's `Update.de_json`, then the
handler), as the durable press is: what any PTB bot does with each update it gets.

Goal: our median at most 3x the echo median, and under 2 ms.

The inbox's cost: the same Next press, interleaved press by press with the plain
one, taken the way `skillbot run` takes it, from the decoded JSON through the real
`InboxWorker`: its row made (`inbox_update`), stored in the inbox (one transaction, a
batch of one: the worst case), parsed from the stored JSON and processed. Its done-mark
is written the way the worker writes it, in two variants timed side by side:
- busy: the mark rides in the next update's store transaction (a bot that gets
  updates more often than every 50 ms, done_marks.FLUSH_AFTER_S), so the press's own
  store carries the mark of the update before it (until 2026-11-30 it carried none:
  the quiet press before it had written every waiting mark);
- quiet: the mark is written in a transaction of its own right after handling (an
  idle bot; the person already has their answer by then, but the work is counted).

On PostgreSQL it also counts the round trips to the server per press (each BEGIN,
COMMIT, ROLLBACK, statement, statement preparation and ping the driver sends).

    .venv/bin/python bench/practice_step.py [--presses N] [--postgres URL] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import gc
import html
import json
import statistics
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.config import Settings, async_database_url
from bot.domain.practice import Move
from bot.offline import FakeBotAPI, FakeRequest
from bot.offline.chat import FakeChat
from bot.offline.updates import callback_update, message_update
from bot.telegram.app import open_bot
from bot.telegram.callbacks import SessionPress, decode, encode
from bot.telegram.context import BotApplication, services_of
from bot.telegram.inbox import InboxWorker, inbox_update

REPO = Path(__file__).resolve().parent.parent
MAX_RATIO = 3.0
MAX_MEDIAN_MS = 2.0
# Issue #15's goal for the durable press (stored in the inbox, handled, marked done):
# on SQLite at most 5x the echo and 0.6 ms, on PostgreSQL at most 8x.
MAX_DURABLE_RATIO = {"sqlite": 5.0, "postgresql": 8.0}
MAX_DURABLE_MEDIAN_MS = {"sqlite": 0.6, "postgresql": float("inf")}
USER = 7


Sample = tuple[float, float]  # (wall, CPU) seconds


def _since(started: Sample) -> Sample:
    # CPU time of the whole process (the unit threads' included): the work a press
    # costs, which a busy shared machine does not inflate the way it does wall time.
    return time.perf_counter() - started[0], time.process_time() - started[1]


def _now() -> Sample:
    return time.perf_counter(), time.process_time()


async def _timed(app: BotApplication, update: dict[str, Any]) -> Sample:
    parsed = Update.de_json(update, app.bot)
    started = _now()
    await app.process_update(parsed)
    return _since(started)


async def _timed_from_json(app: BotApplication, update: dict[str, Any]) -> Sample:
    started = _now()
    await app.process_update(Update.de_json(update, app.bot))
    return _since(started)


@asynccontextmanager
async def echo_bot() -> AsyncIterator[tuple[BotApplication, FakeBotAPI]]:
    """A bare echo bot on the same transport: the baseline."""
    api = FakeBotAPI()
    app = ApplicationBuilder().token("1:bench").request(FakeRequest(api)).build()

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message and update.message.text
        await update.message.reply_text(update.message.text)

    async def bare_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        # PTB's own floor for a press: answer it and edit the message with the real
        # step's text (made new each time, as Telegram refuses an edit that changes
        # nothing) and keyboard; no database, no state machine, no rendering.
        query = update.callback_query
        assert query is not None
        context.bot_data["edits"] = edits = context.bot_data.get("edits", 0) + 1
        await query.answer()
        await query.edit_message_text(
            f"<b>{context.bot_data['text']}</b> {edits}",
            parse_mode=ParseMode.HTML,
            reply_markup=context.bot_data["markup"],
        )

    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.add_handler(CallbackQueryHandler(bare_press))
    async with app:
        yield app, api  # type: ignore[misc]


async def _untimed_inbox(worker: InboxWorker, update: dict[str, Any]) -> None:
    item = inbox_update(update)
    assert item is not None
    assert await worker.take([item])
    await worker.drain()


async def _timed_inbox(worker: InboxWorker, update: dict[str, Any], *, alone: bool) -> Sample:
    started = _now()
    item = inbox_update(update)
    assert item is not None
    assert await worker.take([item])
    await worker.drain()
    if alone:
        await worker.marks.flush()
    return _since(started)


async def measure(
    presses: int, database_url: str, *, floor: bool = False
) -> dict[str, list[Sample]]:
    """Interleaved, one of each per round: the echo, a Next press, and a Next press
    through the inbox (each press followed by an untimed Back to step 1), so a busy
    moment of the machine falls on all three alike. `floor` (PostgreSQL only): also
    the floor of a durable press (bench/postgres_floor.py), on a practice of its own."""
    postgres = database_url.startswith("postgresql")
    if postgres:
        from nudge_dispatch import reset_postgres  # bench/ is on sys.path, as a script

        await reset_postgres(database_url)
    settings = Settings(database_url=database_url, skills_dir=REPO / "skills")
    api = FakeBotAPI()
    timings: dict[str, list[Sample]] = {
        "echo": [],
        "echo_json": [],
        "bare": [],
        "next": [],
        "inbox": [],
        "quiet": [],
        "floor": [],
    }
    async with (
        echo_bot() as (echo_app, echo_api),
        open_bot(settings, FakeRequest(api)) as app,
        app,
    ):
        services = services_of(app.bot_data)
        worker = InboxWorker(app, services.store, clock=services.clock)
        chat = FakeChat(app, api, USER)
        await chat.send("/start")
        await chat.send("/practice")
        await chat.press("Start")
        message = chat.keyboard_message()
        next_data = message.buttons[-1]["callback_data"]
        first = decode(next_data)
        assert isinstance(first, SessionPress)
        back_data = encode(dataclasses.replace(first, move=Move.BACK))  # on step 1: moves nothing

        # The bare press edits a message of the echo bot with the real step's text
        # and buttons.
        await echo_app.process_update(
            Update.de_json(message_update(echo_api, USER, "n"), echo_app.bot)
        )
        bare_message = echo_api.sent(USER)[-1]
        echo_app.bot_data["text"] = html.escape(message.text)
        echo_app.bot_data["markup"] = InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(b["text"], callback_data=b["callback_data"])]
                for b in message.buttons
            ]
        )

        floor_of_press = None
        if floor and postgres:
            from postgres_floor import DatabaseFloor

            other = FakeChat(app, api, USER + 1)
            await other.send("/start")
            await other.send("/practice")
            await other.press("Start")
            theirs = decode(other.keyboard_message().buttons[-1]["callback_data"])
            assert isinstance(theirs, SessionPress)
            floor_of_press = await DatabaseFloor.open(database_url, USER + 1, theirs.session_id)

        async def back() -> None:
            await chat.press_data(chat.keyboard_message().buttons[0]["callback_data"], message)

        for _ in range(presses):
            timings["echo"].append(await _timed(echo_app, message_update(echo_api, USER, "n")))
            timings["echo_json"].append(
                await _timed_from_json(echo_app, message_update(echo_api, USER, "n"))
            )
            timings["bare"].append(
                await _timed(echo_app, callback_update(echo_api, USER, bare_message, "bare"))
            )
            timings["next"].append(
                await _timed(app, callback_update(api, USER, message, next_data))
            )
            await back()
            # Busy: the press's store carries the done-mark of the update before it, as
            # on a bot that hears from someone every few milliseconds. That update is a
            # Back on step 1 (it moves nothing), handled by the worker, its mark left
            # waiting.
            await _untimed_inbox(worker, callback_update(api, USER, message, back_data))
            press = callback_update(api, USER, message, next_data)
            timings["inbox"].append(await _timed_inbox(worker, press, alone=False))
            await back()
            # Quiet: no mark waits (written now, untimed); the press's own is written
            # alone after it.
            await worker.marks.flush()
            press = callback_update(api, USER, message, next_data)
            timings["quiet"].append(await _timed_inbox(worker, press, alone=True))
            await back()
            if floor_of_press is not None:
                press = callback_update(api, USER, message, next_data)
                timings["floor"].append(await floor_of_press.sample(press, app.bot))
        await worker.stop(10)
        if floor_of_press is not None:
            await floor_of_press.close()
    return timings


class RoundTrips:
    """Counts what asyncpg sends to the server, each a round trip: a spy on its public
    classes, installed for one measurement."""

    def __init__(self) -> None:
        self.count = 0
        self._undo: list[tuple[type, str, Any]] = []

    def __enter__(self) -> RoundTrips:
        from asyncpg.connection import Connection
        from asyncpg.prepared_stmt import PreparedStatement

        # BEGIN, COMMIT and ROLLBACK go through Connection.execute.
        for cls, names in (
            (PreparedStatement, ("fetch", "fetchrow", "fetchval")),
            (Connection, ("prepare", "fetchrow", "execute", "executemany")),
        ):
            for name in names:
                self._spy(cls, name)
        return self

    def _spy(self, cls: type, name: str) -> None:
        original = getattr(cls, name)

        async def counted(*args: Any, **kwargs: Any) -> Any:
            self.count += 1
            return await original(*args, **kwargs)

        self._undo.append((cls, name, original))
        setattr(cls, name, counted)

    def __exit__(self, *exc_info: object) -> None:
        for cls, name, original in reversed(self._undo):
            setattr(cls, name, original)


async def round_trips_per_press(url: str, presses: int = 100) -> float:
    """Round trips to PostgreSQL per press, over the bench's own rounds (each round:
    a Next, a durable Next, a quiet durable Next, a Back after each, and a durable Back
    that moves nothing before the busy Next, whose mark that Next's store carries)."""
    with RoundTrips() as spy:
        await measure(presses, url)
    return spy.count / (presses * 7)


def _summary(samples: list[Sample]) -> dict[str, float]:
    ordered = sorted(wall for wall, _cpu in samples)
    return {
        "median_ms": statistics.median(ordered) * 1000,
        "p99_ms": ordered[int(len(ordered) * 0.99) - 1] * 1000,
        "min_ms": ordered[0] * 1000,
        "cpu_median_ms": statistics.median(cpu for _wall, cpu in samples) * 1000,
    }


async def run(presses: int, postgres: str = "") -> dict[str, Any]:
    """Warm up, then measure all of them interleaved in the same run; on a fresh SQLite
    file, or with `postgres` on that PostgreSQL database (its schema dropped first)."""
    with tempfile.TemporaryDirectory() as folder:
        warm = Path(folder) / "warm"
        warm.mkdir()
        url = async_database_url(postgres) if postgres else ""
        await measure(50, url or f"sqlite+aiosqlite:///{warm / 'bench.db'}")
        gc.collect()
        timings = await measure(
            presses, url or f"sqlite+aiosqlite:///{folder}/bench.db", floor=bool(url)
        )
        trips = await round_trips_per_press(url) if url else None
    echo, echo_json, bare, ours, inbox, quiet = (
        _summary(timings[key]) for key in ("echo", "echo_json", "bare", "next", "inbox", "quiet")
    )
    ratio = ours["median_ms"] / echo["median_ms"]
    durable = inbox["median_ms"] / echo["median_ms"]
    durable_from_json = inbox["median_ms"] / echo_json["median_ms"]
    database = "postgresql" if postgres else "sqlite"
    # The least a durable press can cost here: PTB's bare press, plus the update's parse
    # and the three statements on asyncpg alone (bench/postgres_floor.py).
    floor = None
    if timings["floor"]:
        statements = _summary(timings["floor"])["median_ms"]
        floor = {"statements_median_ms": statements, "median_ms": bare["median_ms"] + statements}
        floor["ratio_median"] = floor["median_ms"] / echo["median_ms"]
    fast_enough = inbox["median_ms"] <= MAX_DURABLE_MEDIAN_MS[database]
    return {
        "presses": presses,
        "database": database,
        "round_trips_per_press": trips,
        "echo": echo,
        "echo_from_json": echo_json,
        "bare_press": bare,
        "bare_ratio_median": bare["median_ms"] / echo["median_ms"],
        "next_press": ours,
        "next_press_through_inbox": inbox,
        "next_press_through_inbox_quiet": quiet,
        "inbox_cost_median_ms": inbox["median_ms"] - ours["median_ms"],
        "durable_floor": floor,
        "quiet_ratio_median": quiet["median_ms"] / echo["median_ms"],
        "ratio_median": ratio,
        "durable_ratio_median": durable,
        "durable_from_json_ratio_median": durable_from_json,
        "goal_ratio_met": ratio <= MAX_RATIO,
        "goal_median_met": ours["median_ms"] < MAX_MEDIAN_MS,
        "goal_durable_met": durable <= MAX_DURABLE_RATIO[database] and fast_enough,
        "goal_durable_from_json_met": durable_from_json <= MAX_DURABLE_RATIO[database]
        and fast_enough,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--presses", type=int, default=2000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--postgres", default="", help="a PostgreSQL URL whose schema may be dropped"
    )
    args = parser.parse_args()
    result = asyncio.run(run(args.presses, args.postgres))
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"Practice step: {args.presses} presses each, {result['database']}, in process\n")
    print(f"{'':14}{'median':>10}{'p99':>10}{'min':>10}{'CPU median':>12}")
    for label, key in (
        ("echo handler", "echo"),
        ("… from JSON", "echo_from_json"),
        ("bare PTB press", "bare_press"),
        ("Next press", "next_press"),
        ("… via inbox", "next_press_through_inbox"),
        ("… quiet bot", "next_press_through_inbox_quiet"),
    ):
        row = result[key]
        print(
            f"{label:14}{row['median_ms']:>8.3f}ms{row['p99_ms']:>8.3f}ms{row['min_ms']:>8.3f}ms"
            f"{row['cpu_median_ms']:>10.3f}ms"
        )
    print(
        f"\nbare PTB press (answer + edit, no database)/echo (median): "
        f"{result['bare_ratio_median']:.2f}x: python-telegram-bot's own floor for a press"
    )
    print(
        f"inbox cost per update (median, its JSON parse included): "
        f"{result['inbox_cost_median_ms']:.3f} ms"
    )
    if result["round_trips_per_press"] is not None:
        print(f"round trips to PostgreSQL per press: {result['round_trips_per_press']:.1f}")
    print(
        f"\nratio Next/echo (median): {result['ratio_median']:.2f}x "
        f"(goal <= {MAX_RATIO}x: {'met' if result['goal_ratio_met'] else 'NOT met'})"
    )
    print(
        f"Next median: {result['next_press']['median_ms']:.3f} ms "
        f"(goal < {MAX_MEDIAN_MS} ms: {'met' if result['goal_median_met'] else 'NOT met'})"
    )
    most = MAX_DURABLE_RATIO[result["database"]]
    slowest = MAX_DURABLE_MEDIAN_MS[result["database"]]
    goal = f"goal <= {most}x" + (f" and <= {slowest} ms" if slowest != float("inf") else "")
    print(
        f"durable Next (via inbox)/echo (median): {result['durable_ratio_median']:.2f}x, "
        f"{result['next_press_through_inbox']['median_ms']:.3f} ms "
        f"({goal}: {'met' if result['goal_durable_met'] else 'NOT met'})"
    )
    print(
        f"durable Next/echo from JSON (both from the update as Telegram sends it): "
        f"{result['durable_from_json_ratio_median']:.2f}x "
        f"({goal}: {'met' if result['goal_durable_from_json_met'] else 'NOT met'})"
    )
    if (floor := result["durable_floor"]) is not None:
        print(
            f"floor of a durable press (bare PTB press {result['bare_press']['median_ms']:.3f}"
            f" + the update's parse and the three statements on asyncpg alone "
            f"{floor['statements_median_ms']:.3f}): {floor['median_ms']:.3f} ms, "
            f"{floor['ratio_median']:.2f}x the echo"
        )
    print(
        f"durable Next, quiet bot (its done-mark written alone)/echo (median): "
        f"{result['quiet_ratio_median']:.2f}x, "
        f"{result['next_press_through_inbox_quiet']['median_ms']:.3f} ms"
    )


if __name__ == "__main__":
    main()
