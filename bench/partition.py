"""A database partition: PostgreSQL behind a proxy that holds all traffic for 40 s.

`skillbot run` (polling, production rate limiter) reaches PostgreSQL through
testkit's CuttableProxy. Everyone starts a practice first; then the proxy is cut,
and during the partition people write or press Next at random moments (each
person once). Measured: the time from each update reaching Telegram to the
person's first answer (goal: within 3 s, "I can't reach my notes right now"), and
after the proxy heals, whether every update was handled (goal: nothing lost).

    .venv/bin/python bench/partition.py --postgres postgresql://postgres@127.0.0.1/db \
        [--people 30] [--seconds 40]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.offline import FakeBotAPI
from bot.offline.updates import callback_update, message_update
from bot.texts.basics import CANT_REACH_NOTES
from testkit.server import serve_in_thread
from testkit.tcp_proxy import CuttableProxy

TOKEN = "123456:partition-token"


def run(postgres: str, people: int, seconds: float, seed: int = 1) -> dict[str, Any]:
    from sqlalchemy.engine import make_url

    sys.path.insert(0, str(REPO / "bench"))
    from load import _drop_postgres, _fresh_postgres

    database, name = _fresh_postgres(postgres)
    url = make_url(database)
    proxy = CuttableProxy(url.host or "127.0.0.1", url.port or 5432)
    proxy.start()
    api = FakeBotAPI()
    server, base_url = serve_in_thread(api)
    through = url.set(drivername="postgresql", host="127.0.0.1", port=proxy.port)
    rng = random.Random(seed)
    users = list(range(70_000, 70_000 + people))
    with tempfile.TemporaryDirectory() as folder:
        env = {
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": str(REPO),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": base_url,
            "DATABASE_URL": through.render_as_string(hide_password=False),
            "SKILLS_DIR": str(REPO / "skills"),
            "LOG_LEVEL": "INFO" if os.environ.get("PARTITION_LOG") else "WARNING",
        }
        with (Path(folder) / "bot.log").open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"], cwd=folder, env=env, stdout=log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        try:
            api.wait_for(lambda calls: any(c.method == "getUpdates" for c in calls), 60)
            for user in users:
                api.push_update(message_update(api, user, "/practice"))
            api.wait_for(lambda calls: all(api.sent(u) for u in users), 120)
            before = {user: len(api.sent(user)) for user in users}
            proxy.cut()
            cut_at = time.monotonic()
            moments = sorted((rng.uniform(0, seconds - 4), user) for user in users)
            pushed: dict[int, float] = {}
            queries: dict[int, str] = {}
            answered_at: dict[int, float] = {}
            due = list(moments)
            while time.monotonic() < cut_at + seconds:
                while due and time.monotonic() >= cut_at + due[0][0]:
                    _moment, user = due.pop(0)
                    newest = api.sent(user)[-1]
                    start = next(
                        (b for b in newest.buttons
                         if "Start" in b["text"] and "callback_data" in b),
                        None,
                    )  # fmt: skip
                    if start is not None and user % 2:
                        press = callback_update(api, user, newest, start["callback_data"])
                        queries[user] = press["callback_query"]["id"]
                        api.push_update(press)
                    else:
                        api.push_update(message_update(api, user, "/help"))
                    pushed[user] = time.monotonic()
                for user in pushed:
                    if user not in answered_at and _answered(
                        api, user, before[user], queries.get(user)
                    ):
                        answered_at[user] = time.monotonic()
                time.sleep(0.01)
            told = sum(_told(api, user, queries.get(user)) for user in users)
            proxy.heal()
            healed = time.monotonic()
            deadline = healed + 120
            while time.monotonic() < deadline and not all(_handled(api, u) for u in users):
                time.sleep(0.1)
            recovered = time.monotonic() - healed
            waits = sorted(answered_at[u] - pushed[u] for u in answered_at)
        finally:
            process.terminate()
            process.wait(timeout=60)
            if os.environ.get("PARTITION_LOG"):
                print((Path(folder) / "bot.log").read_text()[-6000:])
            server.shutdown()
            server.server_close()
            proxy.close()
            _drop_postgres(postgres, name)
    return {
        "people": people,
        "partition_seconds": seconds,
        "answered_during_partition": len(waits),
        "told_cant_reach": told,
        "answer_median_s": round(waits[len(waits) // 2], 2) if waits else None,
        "answer_max_s": round(waits[-1], 2) if waits else None,
        "handled_after_heal": sum(_handled(api, u) for u in users),
        "seconds_to_handle_all_after_heal": round(recovered, 1),
    }


def _answered(api: FakeBotAPI, user: int, before: int, query: str | None) -> bool:
    """A new message in the chat, or (for a press) an answer to that press."""
    if len(api.sent(user)) > before:
        return True
    return query is not None and any(
        c.ok and c.method == "answerCallbackQuery" and c.params.get("callback_query_id") == query
        for c in list(api.calls)
    )


def _told(api: FakeBotAPI, user: int, query: str | None) -> bool:
    if any(m.text == CANT_REACH_NOTES for m in api.sent(user)):
        return True
    return query is not None and any(
        c.method == "answerCallbackQuery"
        and c.params.get("callback_query_id") == query
        and c.params.get("text") == CANT_REACH_NOTES
        for c in list(api.calls)
    )


def _handled(api: FakeBotAPI, user: int) -> bool:
    texts = [m.text for m in api.sent(user)] + [
        (m.text or "") for (chat, _), m in list(api.messages.items()) if chat == user
    ]
    return any("What I can do" in t or "Step 1 of" in t for t in texts)


def main() -> None:
    parser = argparse.ArgumentParser(description="answers during a database partition")
    parser.add_argument("--postgres", default=os.environ.get("TEST_DATABASE_URL", ""))
    parser.add_argument("--people", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=40)
    args = parser.parse_args()
    if not args.postgres:
        print("partition: skipped (needs PostgreSQL: --postgres or TEST_DATABASE_URL)")
        return
    result = run(args.postgres, args.people, args.seconds)
    for key, value in result.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
