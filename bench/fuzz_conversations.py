"""Conversation fuzz, long run: many simulated people doing random things to the real app.

Commands with and without arguments (valid and garbage), free text (5,000
characters, emoji, right-to-left, HTML and Markdown metacharacters), stickers,
edited messages, and button presses — current, stale, another person's, forged —
at every state of every flow, through the in-process fake Bot API that rejects
what Telegram would. Optionally with Telegram faults on a share of calls.

Reported: updates, unhandled exceptions (goal 0), updates left without any answer
(goal 0), calls Telegram would reject (goal 0), and log lines containing the token
or anything a person wrote (goal 0).

    .venv/bin/python bench/fuzz_conversations.py [--people N] [--steps N] [--faults 0.1]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import logging
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.config import Settings
from bot.logs import configure_logging
from bot.offline import FakeBotAPI, FakeRequest
from bot.offline.chat import FakeChat
from bot.telegram.app import open_bot
from testkit.faults import RandomFaults
from testkit.fuzz import fuzz

TOKEN = "123456:fuzz-token-never-logged"


async def run(people: int, steps: int, seed: int, faults: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as name:
        settings = Settings(
            telegram_bot_token=TOKEN,
            database_url=f"sqlite+aiosqlite:///{Path(name) / 'fuzz.db'}",
            skills_dir=REPO / "skills",
            admin_user_ids=frozenset({1}),
        )
        api = FakeBotAPI(fault=RandomFaults(faults, seed) if faults else None)
        async with open_bot(settings, FakeRequest(api)) as app:
            configure_logging("DEBUG", [TOKEN])
            logs = io.StringIO()
            handler = logging.getLogger().handlers[0]
            assert isinstance(handler, logging.StreamHandler)
            handler.setStream(logs)
            started = time.perf_counter()
            async with app:
                chats = [FakeChat(app, api, user) for user in range(1, people + 1)]
                report = await fuzz(chats, api, steps, seed)
            seconds = time.perf_counter() - started
        logging.getLogger().handlers.clear()
    text = logs.getvalue()
    leaked = [t for t in report.texts_sent if len(t.strip()) >= 8 and t.strip() in text]
    return {
        "people": people,
        "updates": report.updates,
        "seconds": round(seconds, 1),
        "faults_share": faults,
        # Without faults any handler failure is a bug; with faults, a handler whose
        # Telegram call failed is logged and the person told: expected, not a crash.
        "handler_failures": text.count("handler failed on"),
        "process_crashes": 0,  # reaching this line means none escaped
        "unanswered": len(report.unanswered),
        "rejected_by_telegram": len(report.rejected) if not faults else None,
        "log_lines_with_token": text.count(TOKEN),
        "log_lines_with_user_text": len(leaked),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="long conversation fuzz")
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--faults", type=float, default=0.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = asyncio.run(run(args.people, args.steps, args.seed, args.faults))
    print(json.dumps(result, indent=None if not args.json else 2))


if __name__ == "__main__":
    main()
