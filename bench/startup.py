"""Benchmark: seconds from process start to the first getUpdates call.

Ours: `python -m bot run` against a local fake Bot API (a fresh SQLite file each
run, so migrations run every time, and the starter vault). Baseline: a bare
python-telegram-bot polling bot in its own process against the same fake API,
measured in the same run. Both are spawned `--runs` times, alternating; medians
are reported with the ratio.

    .venv/bin/python bench/startup.py [--runs N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The test kit (fake Bot API server) lives beside the package, not in it.
REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from bot.offline import FakeBotAPI
from testkit.server import serve_in_thread

REPO = Path(__file__).resolve().parent.parent
TOKEN = "123456:bench-token"
BARE_BOT = """
import os
from telegram.ext import ApplicationBuilder
base = os.environ["TELEGRAM_API_BASE_URL"]
app = ApplicationBuilder().token(os.environ["TELEGRAM_BOT_TOKEN"]).base_url(base + "/bot").build()
app.run_polling()
"""


def _time_to_poll(command: list[str], env: dict[str, str], cwd: Path) -> float:
    api = FakeBotAPI()
    server, base_url = serve_in_thread(api)
    env = {**env, "TELEGRAM_API_BASE_URL": base_url}
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        api.wait_for(lambda calls: any(c.method == "getUpdates" for c in calls), timeout=60)
        return time.monotonic() - started
    finally:
        process.terminate()
        process.wait(timeout=15)
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description="start-up time to the first getUpdates")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    ours: list[float] = []
    bare: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        base_env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(REPO)}
        for run in range(args.runs):
            env = {
                **base_env,
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "DATABASE_URL": f"sqlite:///{folder}/run{run}.db",
                "SKILLS_DIR": str(REPO / "skills"),
            }
            ours.append(_time_to_poll([sys.executable, "-m", "bot", "run"], env, Path(folder)))
            bare_env = {**base_env, "TELEGRAM_BOT_TOKEN": TOKEN}
            bare_command = [sys.executable, "-c", BARE_BOT]
            bare.append(_time_to_poll(bare_command, bare_env, Path(folder)))
    result = {
        "runs": args.runs,
        "ours_median_s": statistics.median(ours),
        "bare_ptb_median_s": statistics.median(bare),
        "ratio": statistics.median(ours) / statistics.median(bare),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"Start-up to first getUpdates, {args.runs} runs each (median)")
    print(f"  bare PTB polling bot: {result['bare_ptb_median_s']:.3f} s")
    print(
        f"  skillbot run:         {result['ours_median_s']:.3f} s "
        "(fresh SQLite: migrations + vault load)"
    )
    print(f"  ratio: {result['ratio']:.2f}x")


if __name__ == "__main__":
    main()
