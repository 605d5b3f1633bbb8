"""Run `skillbot run` as a real process against a FakeBotAPI served over loopback HTTP."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.offline import FakeBotAPI
from testkit.server import serve_in_thread
from tests.support.paths import REPO, VAULT


class BotProcess:
    """A bot process and the fake Telegram it talks to."""

    def __init__(self, api: FakeBotAPI, env: dict[str, str], cwd: Path) -> None:
        self.api = api
        self.env = env
        self.cwd = cwd
        self.proc: subprocess.Popen[str] | None = None
        self.log_path = cwd / "bot.log"
        self.started_at = 0.0

    def start(self) -> None:
        """Launch the process; its stdout and stderr go to bot.log."""
        self.started_at = time.monotonic()
        with self.log_path.open("a") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                cwd=self.cwd,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                text=True,
            )

    def wait_polling(self, timeout: float = 30.0) -> float:
        """Wait for the first getUpdates; return seconds since start."""
        polls = sum(1 for call in self.api.calls if call.method == "getUpdates")
        self.api.wait_for(
            lambda calls: sum(1 for c in calls if c.method == "getUpdates") > polls, timeout
        )
        return time.monotonic() - self.started_at

    def stop(self, timeout: float = 10.0) -> tuple[int, float]:
        """SIGTERM the process; return its exit code and how long it took to exit."""
        assert self.proc is not None
        began = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=timeout)
        return code, time.monotonic() - began

    def kill(self) -> None:
        """End the process at once (used on test failure)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def log(self) -> str:
        """Everything the process printed."""
        return self.log_path.read_text()


def coverage_env() -> dict[str, str]:
    """What a child process needs to be measured by `make test`'s coverage run."""
    return {key: value for key, value in os.environ.items() if key.startswith("COVERAGE_")}


@contextmanager
def bot_process(tmp_path: Path, token: str, **extra_env: str) -> Iterator[BotProcess]:
    """A FakeBotAPI on loopback and a bot process configured to use it."""
    api = FakeBotAPI()
    server, base_url = serve_in_thread(api)
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "PYTHONPATH": str(REPO),
        "TELEGRAM_BOT_TOKEN": token,
        "TELEGRAM_API_BASE_URL": base_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'e2e.db'}",
        "SKILLS_DIR": str(VAULT),
        "LOG_LEVEL": "DEBUG",
        **coverage_env(),
        **extra_env,
    }
    process = BotProcess(api, env, tmp_path)
    try:
        yield process
    finally:
        process.kill()
        server.shutdown()
        server.server_close()


class ProcessOutsideE2E(subprocess.Popen):
    """Stands in for subprocess.Popen in tests not marked e2e: `make test-fast` leaves out
    exactly the e2e tests, so a process started elsewhere would slow it down unseen."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("this test starts a process: mark it @pytest.mark.e2e")
