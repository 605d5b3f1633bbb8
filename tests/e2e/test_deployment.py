"""Process-level behaviour for deployment: a database that is down, a second poller,
two webhook replicas sharing one PostgreSQL database, and health in polling mode."""

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from bot.offline.updates import callback_update, message_update
from bot.telegram.webhook import SECRET_HEADER
from tests.support.database import fresh_postgres
from tests.support.environment import PG_URL, TOKEN
from tests.support.faults import telegram_error
from tests.support.network import WEBHOOK_SECRET as SECRET
from tests.support.network import free_port
from tests.support.process import BotProcess, bot_process

pytestmark = pytest.mark.e2e


def test_a_database_that_is_down_is_retried_without_a_traceback(tmp_path: Path) -> None:
    port = free_port()  # nothing listens there
    with bot_process(
        tmp_path, TOKEN, DATABASE_URL=f"postgresql://postgres@127.0.0.1:{port}/x"
    ) as bot:
        bot.start()
        deadline = time.monotonic() + 20
        while "retrying in 2 s" not in bot.log() and time.monotonic() < deadline:
            time.sleep(0.2)
        code, _ = bot.stop()
        log = bot.log()
    assert "database not ready" in log and "retrying in 1 s" in log and "retrying in 2 s" in log
    assert "Traceback" not in log and code == 0


def test_a_second_poller_is_reported_once(tmp_path: Path) -> None:
    with bot_process(tmp_path, TOKEN) as bot:
        bot.api.fault = telegram_error(
            "getUpdates", 409, "Conflict: terminated by other getUpdates request"
        )
        bot.start()
        bot.api.wait_for(lambda calls: sum(c.method == "getUpdates" for c in calls) >= 3, 60)
        bot.stop()
        log = bot.log()
    assert log.count("another process is polling with this bot token") == 1


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL is not set (CI sets it)")
def test_two_webhook_replicas_on_one_postgresql_behave_as_one_bot(tmp_path: Path) -> None:
    ports = [free_port(), free_port()]
    with (
        fresh_postgres("replicas") as database,
        bot_process(
            tmp_path,
            TOKEN,
            DATABASE_URL=database,
            WEBHOOK_URL="https://bot.example.org/hook",
            WEBHOOK_SECRET=SECRET,
            WEBHOOK_LISTEN="127.0.0.1",
            WEBHOOK_PORT=str(ports[0]),
        ) as first,
    ):
        second = BotProcess(
            first.api, {**first.env, "WEBHOOK_PORT": str(ports[1])}, tmp_path / "b"
        )
        (tmp_path / "b").mkdir()
        first.start()
        second.start()
        try:
            _replicas_share_one_practice(first, ports)
        finally:
            assert second.stop()[0] == 0
            assert first.stop()[0] == 0
        for replica in (first, second):
            assert "Traceback" not in replica.log() and " ERROR " not in replica.log()


def _replicas_share_one_practice(bot: BotProcess, ports: list[int]) -> None:
    urls = [f"http://127.0.0.1:{port}/hook" for port in ports]
    for url in urls:
        for _ in range(150):
            try:
                httpx.get(url.replace("/hook", "/healthz"), timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                time.sleep(0.1)
    api = bot.api
    turn = iter(range(1000))

    def post(update: dict[str, object]) -> None:
        url = urls[next(turn) % 2]  # alternate replicas, as a load balancer would
        response = httpx.post(
            url, content=json.dumps(update), headers={SECRET_HEADER: SECRET}, timeout=5
        )
        assert response.status_code == 200

    def newest() -> object:
        return max(
            (m for (chat, _), m in api.messages.items() if chat == 5), key=lambda m: m.revision
        )

    post(message_update(api, 5, "/start"))
    api.wait_for(lambda calls: len(api.sent(5)) >= 1, 30)
    post(message_update(api, 5, "/practice"))
    api.wait_for(lambda calls: len(api.sent(5)) >= 2, 30)
    message = api.sent(5)[-1]
    labels = ["Start", "Next", "Next", "Next", "Next", "Finish"]
    for number, label in enumerate(labels):
        data = next(b["callback_data"] for b in message.buttons if label in b["text"])
        answered = sum(c.method == "answerCallbackQuery" for c in api.calls)
        post(callback_update(api, 5, message, data))
        api.wait_for(
            lambda calls, n=answered: sum(c.method == "answerCallbackQuery" for c in calls) > n, 30
        )
        # Wait until the message shows the new state before pressing again.
        expected = "What did you notice?" if label == "Finish" else f"Step {number + 1} of 5"
        deadline = time.monotonic() + 30
        while expected not in newest().text and time.monotonic() < deadline:  # type: ignore[attr-defined]
            time.sleep(0.05)
        message = newest()  # type: ignore[assignment]
        assert expected in message.text  # type: ignore[attr-defined]
    post(message_update(api, 5, "Both replicas kept my place."))
    api.wait_for(
        lambda calls: any("wrote down what you noticed" in m.text for m in api.sent(5)), 30
    )


def _wait_until(condition: Callable[[], bool], what: str) -> None:
    """Wait for something the bot does on its own time; fail after a generous bound."""
    for _ in range(300):
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"never happened: {what}")


def _health(bot: BotProcess) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "health"],
        cwd=bot.cwd,
        env=bot.env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _healthz(port: int) -> httpx.Response | None:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
    except httpx.TransportError:
        return None


@pytest.mark.e2e
def test_polling_serves_healthz_and_skillbot_health_sees_the_polls(tmp_path: Path) -> None:
    port = free_port()
    with bot_process(tmp_path, TOKEN, HEALTH_PORT=str(port)) as bot:
        before = _health(bot)
        assert before.returncode == 1 and "updates: no record" in before.stdout
        # Before the bot made it, the database is said to be missing, not created.
        assert before.stdout.startswith("database: no database at ")
        bot.start()
        bot.wait_polling()
        # A getUpdates that returns is what the heartbeat records; with nothing to
        # deliver, the fake (like Telegram) would hold the long poll for its whole timeout.
        bot.api.push_update(message_update(bot.api, 5, "/start"))
        _wait_until(lambda: (tmp_path / "data" / "health.json").exists(), "a heartbeat")
        _wait_until(lambda: _healthz(port) is not None, "/healthz answering")
        health = _healthz(port)
        assert health is not None and health.status_code == 200
        assert health.json()["checks"]["updates"] == "ok"
        running = _health(bot)
        assert running.returncode == 0, running.stdout + running.stderr
        assert running.stdout.splitlines() == ["database: ok", "updates: ok"]
        polls = [c for c in bot.api.calls if c.method == "getUpdates"]
        allowed = polls[0].params["allowed_updates"]
        allowed = json.loads(allowed) if isinstance(allowed, str) else allowed
        assert allowed == ["message", "edited_message", "callback_query", "my_chat_member"]
        code, _ = bot.stop()
        assert code == 0
