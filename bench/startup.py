"""Benchmark: seconds from process start to the first getUpdates call.

Ours: `python -m bot run` against a local fake Bot API and the starter vault, twice each
round: on a fresh SQLite file (migrations run, the menus and descriptions are announced)
and restarted on that same file (nothing to migrate, nothing to announce: what a deploy
or a crash's restart does). Baseline: a bare python-telegram-bot polling bot in its own
process against the same fake API, measured in the same run. All three are spawned
`--runs` times, interleaved; medians are reported with the ratios.

`--rtt-ms`: each request to the fake API takes about that much longer, as Telegram's do
from a server (a proxy holds each chunk half of it, each way).

    .venv/bin/python bench/startup.py [--runs N] [--rtt-ms MS] [--json]
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
from testkit.tcp_proxy import CuttableProxy

REPO = Path(__file__).resolve().parent.parent
TOKEN = "123456:bench-token"
BARE_BOT = """
import os
from telegram.ext import ApplicationBuilder
base = os.environ["TELEGRAM_API_BASE_URL"]
app = ApplicationBuilder().token(os.environ["TELEGRAM_BOT_TOKEN"]).base_url(base + "/bot").build()
app.run_polling()
"""


def _time_to_poll(command: list[str], env: dict[str, str], cwd: Path, rtt_ms: float) -> float:
    api = FakeBotAPI()
    server, base_url = serve_in_thread(api)
    proxy: CuttableProxy | None = None
    if rtt_ms:
        host, port = base_url.removeprefix("http://").split(":")
        proxy = CuttableProxy(host, int(port), delay_s=rtt_ms / 2000)
        proxy.start()
        base_url = f"http://127.0.0.1:{proxy.port}"
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
        if proxy is not None:
            proxy.close()
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description="start-up time to the first getUpdates")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rtt-ms", type=float, default=0.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    fresh: list[float] = []
    restart: list[float] = []
    bare: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        base_env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(REPO)}
        ours = [sys.executable, "-m", "bot", "run"]
        for run in range(args.runs):
            env = {
                **base_env,
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "DATABASE_URL": f"sqlite:///{folder}/run{run}.db",
                "SKILLS_DIR": str(REPO / "skills"),
            }
            fresh.append(_time_to_poll(ours, env, Path(folder), args.rtt_ms))
            bare_env = {**base_env, "TELEGRAM_BOT_TOKEN": TOKEN}
            bare_command = [sys.executable, "-c", BARE_BOT]
            bare.append(_time_to_poll(bare_command, bare_env, Path(folder), args.rtt_ms))
            restart.append(_time_to_poll(ours, env, Path(folder), args.rtt_ms))
    baseline = statistics.median(bare)
    result = {
        "runs": args.runs,
        "rtt_ms": args.rtt_ms,
        "bare_ptb_median_s": baseline,
        "ours_median_s": statistics.median(fresh),
        "ratio": statistics.median(fresh) / baseline,
        "restart_median_s": statistics.median(restart),
        "restart_ratio": statistics.median(restart) / baseline,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"Start-up to first getUpdates, {args.runs} runs each (median), "
          f"Bot API round trip +{args.rtt_ms:g} ms")  # fmt: skip
    print(f"  bare PTB polling bot:  {baseline:.3f} s")
    print(f"  skillbot run, fresh:   {result['ours_median_s']:.3f} s  {result['ratio']:.2f}x "
          "(new SQLite file: migrations, vault, menus announced)")  # fmt: skip
    print(
        f"  skillbot run, restart: {result['restart_median_s']:.3f} s  "
        f"{result['restart_ratio']:.2f}x (same file: nothing to migrate or announce)"
    )


if __name__ == "__main__":
    main()
