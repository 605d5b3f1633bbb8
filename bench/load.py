"""Load: many people practising at once against the real process, on SQLite and PostgreSQL.

`skillbot run` (polling, the production rate limiter on) talks to a fake Bot API
over loopback HTTP. Every simulated person does a whole practice of Repair as
fast as the bot answers: /practice, Start, Next ×4, Finish and a reflection
(8 updates each). Reported per database: updates per second sustained, the bot's
own median and p99 handling time per update (from its JSON log lines), error
log lines (goal 0), and the process's peak memory (VmHWM).

After each load run, a shutdown run: every person sends /practice at once (a
backlog the rate limiter needs ~N/30 s to answer), the bot gets SIGTERM a few
seconds in, and the time to exit is measured (goal < 10 s); a restart must then
answer everyone the first process had not.

    .venv/bin/python bench/load.py [--people N] [--postgres URL] [--json]

Memory per 1,000 active people (`--rss-per-thousand`): the load run on SQLite twice,
with N/5 and with N people (default 1,000), each in a fresh process; the difference of
the two peak RSS figures per 1,000 people more is what the people themselves cost (the
rest, the interpreter, libraries and vault, is the same in both).

    .venv/bin/python bench/load.py --rss-per-thousand [--people N] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.offline import FakeBotAPI, SentMessage
from bot.offline.updates import callback_update, message_update
from bot.texts.basics import CANT_REACH_NOTES
from testkit.server import serve_in_thread

TOKEN = "123456:load-test-token"
PLAN = ("/start", "/practice", "Start", "Next", "Next", "Next", "Next", "Finish", "reflection")


def _newest(api: FakeBotAPI, chat: int) -> SentMessage | None:
    mine = [m for (c, _), m in list(api.messages.items()) if c == chat]
    return max(mine, key=lambda m: m.revision) if mine else None


def _completed(sent: list[SentMessage]) -> int:
    """People who finished: the closing line of a practice with a reflection."""
    return sum("wrote down what you noticed" in m.text for m in sent)


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _bot_env(base_url: str, database: str, skills: Path, **extra: str) -> dict[str, str]:
    """The environment of a bot process pointed at the fake Bot API."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(REPO),
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": base_url,
        "DATABASE_URL": database,
        "SKILLS_DIR": str(skills),
        "NUDGE_INTERVAL_SECONDS": "60",
        **extra,
    }


def run(
    people: int, database: str, folder: Path, skills: Path = REPO / "skills"
) -> dict[str, Any]:
    api = FakeBotAPI()
    server, base_url = serve_in_thread(api)
    env = _bot_env(base_url, database, skills, LOG_FORMAT="json", LOG_LEVEL="INFO")
    log_path = folder / "load.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=folder,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        api.wait_for(lambda calls: any(c.method == "getUpdates" for c in calls), 60)
        users = list(range(10_000, 10_000 + people))
        stage = dict.fromkeys(users, 0)
        last_revision = dict.fromkeys(users, -1)
        started = time.monotonic()
        pushed = 0
        pushed_at: dict[int, float] = {}
        waits: list[float] = []
        deadline = started + 1800
        while any(s < len(PLAN) for s in stage.values()) and time.monotonic() < deadline:
            for user in users:
                step = stage[user]
                if step >= len(PLAN):
                    continue
                newest = _newest(api, user)
                if step > 0 and (
                    newest is None
                    or newest.revision == last_revision[user]
                    # Every answer in the plan carries buttons; one without (an "I can't
                    # reach my notes" while the database is busy) comes before the answer.
                    or not newest.buttons
                ):
                    continue  # still waiting for the bot's answer to the last action
                if newest is not None and newest.text == CANT_REACH_NOTES:
                    # The bot thought its database unreachable (counted below); the
                    # update waits in the inbox and its real answer comes after this.
                    last_revision[user] = newest.revision
                    continue
                if step > 0:
                    # From the update reaching Telegram to the answer being seen (this
                    # loop looks every 50 ms, so up to 50 ms late).
                    waits.append(time.monotonic() - pushed_at[user])
                action = PLAN[step]
                if action.startswith("/"):
                    api.push_update(message_update(api, user, action))
                elif action == "reflection":
                    api.push_update(message_update(api, user, "I slowed down this time."))
                else:
                    assert newest is not None
                    data = next(
                        (b["callback_data"] for b in newest.buttons if action in b["text"]), None
                    )
                    if data is None:
                        # The newest message is not the answer carrying this button (yet):
                        # keep waiting for it; anything else the bot said is counted below.
                        continue
                    api.push_update(callback_update(api, user, newest, data))
                last_revision[user] = newest.revision if newest else -1
                pushed_at[user] = time.monotonic()
                stage[user] += 1
                pushed += 1
            time.sleep(0.05)
        # The last action of each person (the reflection) is answered by a new message;
        # Telegram's queue empties as soon as updates are stored, so wait for the answers.
        api.wait_for(lambda calls: _completed(api.sent()) >= people, 300)
        elapsed = time.monotonic() - started
        peak = _peak_rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
        server.shutdown()
        server.server_close()
    lines = [
        json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")
    ]
    durations = sorted(line["duration_ms"] for line in lines if line.get("event") == "update")
    errors = [line for line in lines if line["level"] in ("ERROR", "CRITICAL")]
    # Updates tried again because the database was busy (it still answered a ping): each
    # attempt is one more "update" line above.
    busy_retries = sum(line["message"].startswith("database busy on update") for line in lines)
    sent = api.sent()
    completed = _completed(sent)
    # An outage line sent while the database was answering all along is a false alarm.
    outage_notices = sum(m.text == CANT_REACH_NOTES for m in sent)
    outage_alerts = sum(
        c.method == "answerCallbackQuery" and c.params.get("text") == CANT_REACH_NOTES
        for c in api.calls
    )
    return {
        "database": database.split(":", 1)[0],
        "people": people,
        "updates": len(durations),
        "pushed": pushed,
        "seconds": round(elapsed, 1),
        "updates_per_second": round(len(durations) / elapsed, 1),
        "median_ms": round(statistics.median(durations), 2) if durations else None,
        "p99_ms": round(durations[int(len(durations) * 0.99) - 1], 2) if durations else None,
        "answer_median_ms": round(statistics.median(waits) * 1000) if waits else None,
        "answer_p99_ms": round(sorted(waits)[int(len(waits) * 0.99) - 1] * 1000)
        if waits
        else None,
        "errors": len(errors),
        "practices_completed": completed,
        "outage_notices": outage_notices + outage_alerts,
        "busy_retries": busy_retries,
        "peak_rss_mb": round(peak, 1),
    }


def shutdown_under_load(
    people: int, database: str, folder: Path, skills: Path = REPO / "skills"
) -> dict[str, Any]:
    """SIGTERM while `people` wait for an answer; how long to exit, and was anyone lost."""
    api = FakeBotAPI()
    server, base_url = serve_in_thread(api)
    env = _bot_env(base_url, database, skills, LOG_LEVEL="WARNING")
    users = range(50_000, 50_000 + people)

    def start() -> subprocess.Popen[bytes]:
        polls = sum(c.method == "getUpdates" for c in api.calls)
        with (folder / "shutdown.log").open("ab") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"], cwd=folder, env=env, stdout=log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        api.wait_for(lambda calls: sum(c.method == "getUpdates" for c in calls) > polls, 60)
        return process

    def answered() -> dict[int, int]:
        counts = dict.fromkeys(users, 0)
        for message in api.sent():
            if message.chat_id in counts:
                counts[message.chat_id] += 1
        return counts

    try:
        for user in users:
            api.push_update(message_update(api, user, "/practice"))
        process = start()
        time.sleep(3)
        before = sum(n > 0 for n in answered().values())
        began = time.monotonic()
        process.terminate()
        code = process.wait(timeout=60)
        exit_seconds = time.monotonic() - began
        at_exit = sum(n > 0 for n in answered().values())
        process = start()
        deadline = time.monotonic() + 300
        while min(answered().values()) == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)
        counts = answered()
        process.terminate()
        process.wait(timeout=60)
    finally:
        server.shutdown()
        server.server_close()
    return {
        "database": database.split(":", 1)[0],
        "people": people,
        "answered_at_sigterm": before,
        "answered_at_exit": at_exit,
        "exit_code": code,
        "exit_seconds": round(exit_seconds, 2),
        "unanswered_after_restart": sum(n == 0 for n in counts.values()),
        "answered_twice": sum(n > 1 for n in counts.values()),
    }


def _fresh_postgres(url: str) -> tuple[str, str]:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url
    from sqlalchemy.ext.asyncio import create_async_engine

    from bot.config import async_database_url

    base = async_database_url(url)
    name = f"skillbot_load_{uuid.uuid4().hex[:8]}"

    async def create() -> None:
        engine = create_async_engine(base, isolation_level="AUTOCOMMIT")
        async with engine.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
        await engine.dispose()

    asyncio.run(create())
    return make_url(base).set(database=name).render_as_string(hide_password=False), name


def _drop_postgres(url: str, name: str) -> None:
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    from bot.config import async_database_url

    async def drop() -> None:
        engine = create_async_engine(async_database_url(url), isolation_level="AUTOCOMMIT")
        async with engine.connect() as conn:
            await conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        await engine.dispose()

    asyncio.run(drop())


def rss_per_thousand(people: int) -> dict[str, Any]:
    """Peak RSS of the bot under the load run with people // 5 and with `people`."""
    small = max(1, people // 5)
    peaks = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for size in (small, people):
            result = run(size, f"sqlite:///{folder / f'rss-{size}.db'}", folder)
            assert result["practices_completed"] == size, result
            peaks[size] = result["peak_rss_mb"]
    return {
        "small": small,
        "large": people,
        "small_peak_rss_mb": peaks[small],
        "large_peak_rss_mb": peaks[people],
        "mb_per_thousand": round((peaks[people] - peaks[small]) / (people - small) * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="many people practising at once")
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--postgres", default=os.environ.get("TEST_DATABASE_URL", ""))
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--skip-sqlite-load", action="store_true", help="SQLite: only the shutdown run"
    )
    parser.add_argument(
        "--rss-per-thousand", action="store_true", help="peak RSS at N/5 and N people"
    )
    args = parser.parse_args()
    if args.rss_per_thousand:
        per_thousand = rss_per_thousand(args.people)
        if args.json:
            print(json.dumps(per_thousand, indent=2))
            return
        print(
            f"sqlite: peak RSS {per_thousand['small_peak_rss_mb']} MB with "
            f"{per_thousand['small']} people, {per_thousand['large_peak_rss_mb']} MB with "
            f"{per_thousand['large']}: {per_thousand['mb_per_thousand']} MB per 1,000 "
            "active people more"
        )
        return
    results = []
    shutdowns = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if not args.skip_sqlite_load:
            results.append(run(args.people, f"sqlite:///{folder / 'load.db'}", folder))
        shutdowns.append(
            shutdown_under_load(args.people, f"sqlite:///{folder / 'stop.db'}", folder)
        )
        if args.postgres:
            for measure in (run, shutdown_under_load):
                database, db_name = _fresh_postgres(args.postgres)
                try:
                    outcome = measure(args.people, database, folder)
                finally:
                    _drop_postgres(args.postgres, db_name)
                (results if measure is run else shutdowns).append(outcome)
    if args.json:
        print(json.dumps({"load": results, "shutdown": shutdowns}, indent=2))
        return
    for r in shutdowns:
        print(
            f"{r['database']}: SIGTERM with {r['people']} people waiting "
            f"({r['answered_at_sigterm']} answered): exit {r['exit_code']} in "
            f"{r['exit_seconds']} s; after a restart {r['unanswered_after_restart']} unanswered, "
            f"{r['answered_twice']} answered twice"
        )
    for r in results:
        print(
            f"{r['database']}: {r['people']} people, {r['updates']} updates in {r['seconds']} s "
            f"= {r['updates_per_second']}/s; handling median {r['median_ms']} ms, "
            f"p99 {r['p99_ms']} ms; answer seen median {r['answer_median_ms']} ms, "
            f"p99 {r['answer_p99_ms']} ms; {r['errors']} errors; "
            f"{r['outage_notices']} outage notices; {r['busy_retries']} busy retries; "
            f"{r['practices_completed']} practices completed; peak RSS {r['peak_rss_mb']} MB"
        )


if __name__ == "__main__":
    main()
