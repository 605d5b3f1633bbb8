"""Crash safety: SIGKILL the bot at random moments during practices and nudge dispatch.

A real `skillbot run` process talks to a fake Bot API over loopback HTTP. Each
trial starts the process, lets one person press through a practice while 300
people's nudges are being dispatched, and kills it with SIGKILL after a random
delay. After every restart the practice must resume at the step the person last
saw, or one further (a press in flight when the process died); nothing else. At
the end a dispatcher that comes back after the claim lease runs once, and then
every nudge must have been sent exactly once or recorded as interrupted, and no
person may have two nudges.

With `--backlog N` it runs the backlog scenario instead, N times: 300 people
each send /help at once, the bot is SIGKILLed after a random number of answers
(mid-backlog), and restarted; every person must be answered, and only updates
being handled at the kill (at most the worker's 16 in flight) may be answered twice.

    .venv/bin/python bench/crash_safety.py [--kills N] [--seed N] [--json]
    .venv/bin/python bench/crash_safety.py --backlog 100 [--people 300]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import insert

from bot.domain.models import InboxState, NudgeOutcome
from bot.offline import FakeBotAPI, FakeRequest, SentMessage
from bot.offline.updates import callback_update, message_update
from bot.store import Store
from bot.store.nudges import USERS
from bot.store.tables import InboxRow
from bot.telegram.dispatcher import DispatchConfig, Dispatcher
from bot.vault.library import VaultHolder
from testkit.server import serve_in_thread

TOKEN = "123456:crash-safety-token"
PERSON = 5
NUDGED = range(1000, 1300)
_STEP = re.compile(r"Step (\d) of 5")
_OFFER = re.compile(r"at step (\d) of 5")


@dataclass
class CrashReport:
    kills: int = 0
    practice_checks: int = 0
    practice_violations: list[str] = field(default_factory=list)
    practices_completed: int = 0
    nudges_due: int = len(NUDGED)
    nudges_sent_once: int = 0
    nudges_interrupted: int = 0
    nudges_duplicated: int = 0
    nudges_unaccounted: int = 0

    @property
    def violations(self) -> int:
        return len(self.practice_violations) + self.nudges_duplicated + self.nudges_unaccounted


class Harness:
    def __init__(self, folder: Path, seed: int, skills: Path) -> None:
        self.folder = folder
        self.skills = skills
        self.rng = random.Random(seed)
        self.api = FakeBotAPI()
        self.server, self.base_url = serve_in_thread(self.api)
        self.database = f"sqlite:///{folder / 'crash.db'}"
        self.process: subprocess.Popen[bytes] | None = None
        self.seen_step: int | None = None  # the step the person last saw, 1..5
        # A Start (or Start over) pressed since then may have begun a new practice
        # that the person had not seen yet when the process died.
        self.restart_in_flight = False

    def start(self) -> None:
        env = {
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": str(REPO),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": self.base_url,
            "DATABASE_URL": self.database,
            "SKILLS_DIR": str(self.skills),
            "NUDGE_INTERVAL_SECONDS": "1",
            "LOG_LEVEL": "WARNING",
        }
        polls = self._count("getUpdates")
        with (self.folder / "bot.log").open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                cwd=self.folder,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.api.wait_for(lambda calls: self._count("getUpdates") > polls, 60)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def _count(self, method: str) -> int:
        return sum(call.method == method for call in self.api.calls)

    def newest(self) -> SentMessage | None:
        mine = [m for (chat, _), m in self.api.messages.items() if chat == PERSON]
        return max(mine, key=lambda m: m.revision) if mine else None

    def send(self, text: str) -> None:
        self.api.push_update(message_update(self.api, PERSON, text))

    def press(self, label: str) -> bool:
        message = self.newest()
        if message is None:
            return False
        if label.startswith("Start") or label == "Practise again":
            self.restart_in_flight = True
        for button in message.buttons:
            if label in button["text"]:
                self.api.push_update(
                    callback_update(self.api, PERSON, message, button["callback_data"])
                )
                return True
        return False

    def wait_quiet(self, timeout: float = 10.0) -> None:
        """Wait until the bot has taken every queued update and answered: Telegram holds
        none unconfirmed (confirmed means stored) and the inbox none unfinished (an update
        is marked done after its handler has answered). This waited 0.15 s for answers."""
        deadline = time.monotonic() + timeout
        while (self.api.pending_updates() or self.unfinished()) and time.monotonic() < deadline:
            time.sleep(0.01)

    def unfinished(self) -> int:
        """Updates the bot has stored and not finished: handled (again, after a kill),
        answered and marked done."""
        path = self.database.removeprefix("sqlite:///")
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            query = f"SELECT count(*) FROM {InboxRow.__tablename__} WHERE state = ?"
            return int(db.execute(query, (InboxState.PENDING.value,)).fetchone()[0])

    def wait_nothing_due(self, timeout: float = 30.0) -> None:
        """Wait until the running bot has sent every nudge that is due (claims a killed
        process left are not due: they wait for their lease, and for final_account)."""

        async def due() -> bool:
            store = Store.from_url(self.database.replace("sqlite://", "sqlite+aiosqlite://"))
            try:
                now = datetime.now(UTC)
                return (await store.pending_work(now, lease=DispatchConfig().lease))[0]
            finally:
                await store.close()

        deadline = time.monotonic() + timeout
        while asyncio.run(due()) and time.monotonic() < deadline:
            time.sleep(0.05)

    def note_step(self) -> None:
        message = self.newest()
        if message is not None and (match := _STEP.search(message.text)):
            self.seen_step = int(match[1])
            # A restart is done once its step 1 shows; a later step seen meanwhile is the
            # old practice's, on a machine too busy to have answered the restart yet.
            if self.seen_step == 1:
                self.restart_in_flight = False


async def populate(database: str) -> None:
    store = Store.from_url(database.replace("sqlite://", "sqlite+aiosqlite://"))
    await store.migrate()
    now = datetime.now(UTC)
    rows = [
        {
            "user_id": n,
            "chat_id": n,
            "timezone": "UTC",
            "reminder_time": clock_time(9, 0),
            "reminders_enabled": True,
            "focus_skill": None,
            "created_at": now,
            "last_seen_at": now,
            "next_nudge_at": now - timedelta(seconds=30),
            "silent_nudges": False,
            "blocked": False,
        }
        for n in NUDGED
    ]
    # The person practising has sent /start (only /start registers anyone); no nudges.
    rows.append(rows[0] | {"user_id": PERSON, "chat_id": PERSON, "next_nudge_at": None})
    rows[-1]["reminders_enabled"] = False
    async with store.engine.begin() as conn:
        await conn.execute(insert(USERS), rows)
    await store.close()


def check_resume(harness: Harness, report: CrashReport) -> None:
    """After a restart: the practice offers the step last seen, or one further."""
    harness.send("/practice")
    harness.wait_quiet()
    message = harness.newest()
    if message is None:
        return
    offer = _OFFER.search(message.text)
    if offer and harness.seen_step is not None:
        report.practice_checks += 1
        offered = int(offer[1])
        allowed = {harness.seen_step, harness.seen_step + 1}
        if harness.restart_in_flight:
            allowed.add(1)
        if offered not in allowed:
            report.practice_violations.append(
                f"kill {report.kills}: saw step {harness.seen_step}, offered {offered}"
            )
        harness.press("Resume")
        harness.wait_quiet()
        harness.note_step()
    elif "What did you notice" in message.text or "at the reflection" in message.text:
        harness.send("noticed")
        harness.wait_quiet()
    elif "Start" in " ".join(b["text"] for b in message.buttons):
        harness.press("Start")
        harness.wait_quiet()
        harness.note_step()


def trial(harness: Harness, report: CrashReport) -> None:
    harness.start()
    check_resume(harness, report)
    kill_at = time.monotonic() + harness.rng.uniform(0.05, 1.5)
    while time.monotonic() < kill_at:
        harness.note_step()
        if harness.press("Next") or harness.press("Finish"):
            time.sleep(harness.rng.uniform(0.0, 0.08))
        elif harness.press("Skip"):
            report.practices_completed += 1
        elif not harness.press("Practise again"):
            harness.send("/practice")
            time.sleep(0.1)
            harness.press("Start")
        time.sleep(0.02)
    # The person saw what the API last showed them; a press still queued or in the
    # bot's hands is the "press in flight".
    harness.note_step()
    harness.kill()
    report.kills += 1


async def final_account(harness: Harness, report: CrashReport) -> None:
    """A dispatcher returning after the lease sends what was claimed and never sent."""
    store = Store.from_url(harness.database.replace("sqlite://", "sqlite+aiosqlite://"))
    later = datetime.now(UTC) + timedelta(minutes=3)
    from telegram import Bot

    bot = Bot(TOKEN, request=FakeRequest(harness.api))
    await bot.initialize()
    dispatcher = Dispatcher(
        bot, store, VaultHolder(harness.skills), DispatchConfig(), lambda: later
    )
    await dispatcher.run_once()
    await bot.shutdown()
    for user_id in NUDGED:
        received = [m for m in harness.api.sent(user_id) if "Your focus" in m.text]
        records = await store.nudges_of(user_id)
        if len(received) > 1:
            report.nudges_duplicated += 1
        elif len(records) == 1 and records[0].outcome is NudgeOutcome.SENT and received:
            report.nudges_sent_once += 1
        elif len(records) == 1 and records[0].outcome is NudgeOutcome.FAILED and not received:
            report.nudges_interrupted += 1
        elif len(records) == 1 and records[0].outcome is NudgeOutcome.FAILED and received:
            report.nudges_interrupted += 1  # delivered, but the process died before noting it
        else:
            report.nudges_unaccounted += 1
    await store.close()


def run(kills: int, seed: int, skills: Path = REPO / "skills") -> CrashReport:
    """`skills`: a vault whose focus card, Repair, has five steps (tests pass their copy)."""
    report = CrashReport()
    with tempfile.TemporaryDirectory() as name:
        harness = Harness(Path(name), seed, skills)
        asyncio.run(populate(harness.database))
        try:
            for _ in range(kills):
                trial(harness, report)
            harness.start()  # one clean run to the end
            check_resume(harness, report)
            harness.wait_nothing_due()
            harness.kill()
            asyncio.run(final_account(harness, report))
        finally:
            if harness.process is not None and harness.process.poll() is None:
                harness.kill()
            harness.server.shutdown()
            harness.server.server_close()
    return report


@dataclass
class BacklogReport:
    trials: int = 0
    people: int = 0
    answered_before_kill: list[int] = field(default_factory=list)
    unanswered: int = 0
    answered_twice: list[int] = field(default_factory=list)
    restart_seconds: list[float] = field(default_factory=list)

    @property
    def violations(self) -> int:
        # Only updates being handled at the kill may be answered twice: at most
        # MAX_IN_FLIGHT per kill. Anything unanswered is a violation outright.
        from bot.telegram.inbox import MAX_IN_FLIGHT

        return self.unanswered + sum(1 for n in self.answered_twice if n > MAX_IN_FLIGHT)


def run_backlog(
    trials: int, people: int = 300, seed: int = 1, skills: Path = REPO / "skills"
) -> BacklogReport:
    """SIGKILL mid-backlog, restart, and check every person got exactly one answer."""
    rng = random.Random(seed)
    report = BacklogReport(people=people)
    with tempfile.TemporaryDirectory() as name:
        harness = Harness(Path(name), seed, skills)
        try:
            for trial_number in range(trials):
                ids = range(100_000 * (trial_number + 1), 100_000 * (trial_number + 1) + people)
                for user_id in ids:
                    harness.api.push_update(message_update(harness.api, user_id, "/help"))

                def answered(ids: range = ids) -> list[int]:
                    counts = {user_id: 0 for user_id in ids}
                    for message in harness.api.sent():
                        if message.chat_id in counts:
                            counts[message.chat_id] += 1
                    return list(counts.values())

                kill_after = rng.randint(1, people * 5 // 6)
                harness.start()
                deadline = time.monotonic() + 120
                while sum(n > 0 for n in answered()) < kill_after:
                    if time.monotonic() > deadline:
                        raise TimeoutError("the bot stopped answering before the kill")
                    time.sleep(0.005)
                harness.kill()
                report.answered_before_kill.append(sum(n > 0 for n in answered()))
                restarted = time.monotonic()
                harness.start()
                deadline = time.monotonic() + 120
                while min(answered()) == 0 and time.monotonic() < deadline:
                    time.sleep(0.02)
                report.restart_seconds.append(round(time.monotonic() - restarted, 2))
                # Everything taken over is finished, so anything answered twice has been.
                harness.wait_quiet()
                counts = answered()
                report.unanswered += sum(n == 0 for n in counts)
                report.answered_twice.append(sum(n > 1 for n in counts))
                harness.kill()
                report.trials += 1
        finally:
            if harness.process is not None and harness.process.poll() is None:
                harness.kill()
            harness.server.shutdown()
            harness.server.server_close()
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description="SIGKILL the bot and check nothing is lost")
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--backlog", type=int, default=0, help="run N backlog-kill trials")
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    started = time.monotonic()
    if args.backlog:
        backlog = run_backlog(args.backlog, args.people, args.seed)
        figures = asdict(backlog) | {
            "violations": backlog.violations,
            "seconds": round(time.monotonic() - started, 1),
        }
        if args.json:
            print(json.dumps(figures, indent=2))
            return
        twice = backlog.answered_twice
        print(
            f"{backlog.trials} backlog kills of {backlog.people} people in {figures['seconds']} s"
        )
        print(
            f"  answered before the kill: {min(backlog.answered_before_kill)}–"
            f"{max(backlog.answered_before_kill)} of {backlog.people}"
        )
        print(f"  unanswered after restart: {backlog.unanswered} (goal 0)")
        print(
            f"  answered twice per kill: max {max(twice)}, mean {sum(twice) / len(twice):.1f}, "
            f"total {sum(twice)} of {backlog.trials * backlog.people}"
        )
        restarts = sorted(backlog.restart_seconds)
        print(
            f"  restart to last answer: median {restarts[len(restarts) // 2]} s, "
            f"max {restarts[-1]} s"
        )
        print(f"  violations: {backlog.violations} (goal 0)")
        return
    report = run(args.kills, args.seed)
    figures: dict[str, Any] = asdict(report) | {
        "violations": report.violations,
        "seconds": round(time.monotonic() - started, 1),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{report.kills} SIGKILLs in {figures['seconds']} s")
    print(
        f"  practice: {report.practice_checks} resumes checked, "
        f"{len(report.practice_violations)} violations, {report.practices_completed} completed"
    )
    for violation in report.practice_violations:
        print(f"    {violation}")
    print(
        f"  nudges: {report.nudges_due} due, {report.nudges_sent_once} sent once, "
        f"{report.nudges_interrupted} interrupted while sending (recorded), "
        f"{report.nudges_duplicated} sent twice, {report.nudges_unaccounted} unaccounted"
    )
    print(f"  violations: {report.violations} (goal 0)")


if __name__ == "__main__":
    main()
