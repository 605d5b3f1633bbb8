"""Webhook mode: the secret, malformed bodies, /healthz, in process and as a real process."""

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.offline import FakeBotAPI
from bot.offline.updates import message_update
from bot.telegram.context import BotApplication, services_of
from bot.telegram.health import check_health
from bot.telegram.inbox import InboxWorker
from bot.telegram.webhook import SECRET_HEADER, WebhookServer
from tests.support.environment import ADMIN_ID, TOKEN
from tests.support.network import WEBHOOK_SECRET as SECRET
from tests.support.network import free_port
from tests.support.process import bot_process


def webhook_server(
    app: BotApplication, path: str = "/telegram"
) -> tuple[WebhookServer, InboxWorker]:
    services = services_of(app.bot_data)

    def running() -> bool:
        return app.job_queue is not None and bool(app.job_queue.scheduler.running)

    worker = InboxWorker(app, services.store, admins=[ADMIN_ID], clock=services.clock)
    server = WebhookServer(
        app,
        path,
        SECRET,
        lambda: check_health(services.store, services.vault, running),
        worker,
    )
    return server, worker


@pytest.fixture
async def served(app: BotApplication) -> Any:
    await app.start()
    server, worker = webhook_server(app)
    port = free_port()
    server.listen(port, "127.0.0.1")
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        yield client
    await server.stop()
    await worker.stop(10)
    await app.stop()


@pytest.mark.e2e
async def test_the_secret_is_required(served: httpx.AsyncClient, api: FakeBotAPI) -> None:
    body = json.dumps(message_update(api, 7, "/start"))
    assert (await served.post("/telegram", content=body)).status_code == 403
    wrong = {SECRET_HEADER: "not-the-secret"}
    assert (await served.post("/telegram", content=body, headers=wrong)).status_code == 403
    assert api.sent() == []


@pytest.mark.e2e
@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[]",
        '{"message": {}}',
        '{"update_id": "x"}',
        "",
    ],
)
async def test_a_body_that_is_not_an_update_is_400(
    served: httpx.AsyncClient, api: FakeBotAPI, body: str
) -> None:
    response = await served.post("/telegram", content=body, headers={SECRET_HEADER: SECRET})
    assert response.status_code == 400
    assert api.sent() == []


@pytest.mark.e2e
async def test_an_update_with_the_secret_is_answered(
    served: httpx.AsyncClient, api: FakeBotAPI
) -> None:
    import asyncio

    body = json.dumps(message_update(api, 7, "/start"))
    response = await served.post("/telegram", content=body, headers={SECRET_HEADER: SECRET})
    assert response.status_code == 200
    for _ in range(100):
        if api.sent(7):
            break
        await asyncio.sleep(0.02)
    assert "practice companion" in api.sent(7)[0].text


@pytest.mark.e2e
async def test_an_update_ptb_cannot_read_is_stored_and_set_aside(
    served: httpx.AsyncClient, api: FakeBotAPI, app: BotApplication
) -> None:
    import asyncio

    poison = {"update_id": 900, "message": "zebra-poison-marker"}
    response = await served.post(
        "/telegram", content=json.dumps(poison), headers={SECRET_HEADER: SECRET}
    )
    assert response.status_code == 200
    store = services_of(app.bot_data).store
    for _ in range(200):
        if (await store.inbox_counts()).quarantined:
            break
        await asyncio.sleep(0.02)
    assert (await store.inbox_counts()).quarantined == 1
    again = await served.post(
        "/telegram", content=json.dumps(poison), headers={SECRET_HEADER: SECRET}
    )
    assert again.status_code == 200  # a repeat is ignored, not set aside twice
    [notice] = api.sent(ADMIN_ID)
    assert "1 update could not be handled" in notice.text and "zebra" not in notice.text
    body = json.dumps(message_update(api, 7, "/start"))
    await served.post("/telegram", content=body, headers={SECRET_HEADER: SECRET})
    for _ in range(100):
        if api.sent(7):
            break
        await asyncio.sleep(0.02)
    assert "practice companion" in api.sent(7)[0].text


@pytest.mark.e2e
async def test_healthz_when_all_is_well(served: httpx.AsyncClient) -> None:
    response = await served.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "inbox": "ok", "vault": "ok", "scheduler": "ok"},
    }


@pytest.mark.e2e
def test_a_webhook_process_registers_serves_and_stops(tmp_path: Path) -> None:
    import time

    port = free_port()
    with bot_process(
        tmp_path,
        TOKEN,
        WEBHOOK_URL="https://bot.example.org/telegram",
        WEBHOOK_SECRET=SECRET,
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
        LOG_FORMAT="json",
    ) as bot:
        bot.start()
        bot.api.wait_for(lambda calls: any(c.method == "setWebhook" for c in calls), 30)
        assert bot.api.webhook["url"] == "https://bot.example.org/telegram"
        assert bot.api.webhook["secret_token"] == SECRET
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                health = httpx.get(f"{base}/healthz", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert health.status_code == 200 and health.json()["status"] == "ok"
        update = json.dumps(message_update(bot.api, 5, "/start"))
        refused = httpx.post(f"{base}/telegram", content=update, timeout=5)
        assert refused.status_code == 403
        accepted = httpx.post(
            f"{base}/telegram", content=update, headers={SECRET_HEADER: SECRET}, timeout=5
        )
        assert accepted.status_code == 200
        bot.api.wait_for(lambda calls: len(bot.api.sent(5)) >= 1)
        code, seconds = bot.stop()
        assert code == 0 and seconds < 10
        lines = [json.loads(line) for line in bot.log().splitlines() if line.startswith("{")]
        updates = [line for line in lines if line.get("event") == "update"]
        assert updates and updates[0]["update_kind"] == "message"
        assert (
            updates[0]["user_id"] == 5
            and updates[0]["handler"] == "speak_their_language,admit,start,close_question"
        )
        assert isinstance(updates[0]["duration_ms"], float)
        assert TOKEN not in bot.log() and SECRET not in bot.log()


@pytest.mark.e2e
async def test_a_webhook_path_with_regex_characters_is_literal(
    app: BotApplication, api: FakeBotAPI
) -> None:
    server, worker = webhook_server(app, "/bot+hook(1)")
    port = free_port()
    server.listen(port, "127.0.0.1")
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            body = json.dumps(message_update(api, 7, "/start"))
            ok = await client.post("/bot+hook(1)", content=body, headers={SECRET_HEADER: SECRET})
            assert ok.status_code == 200
            other = await client.post("/botthook1", content=body, headers={SECRET_HEADER: SECRET})
            assert other.status_code == 404
    finally:
        await server.stop()
        await worker.stop(10)


@pytest.mark.e2e
def test_a_self_hosted_bot_api_server_delivers_over_plain_http(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"  # the fake Bot API is not api.telegram.org
    with bot_process(
        tmp_path,
        TOKEN,
        WEBHOOK_URL=url,
        WEBHOOK_SECRET=SECRET,
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
    ) as bot:
        bot.start()
        bot.api.wait_for(lambda calls: any(c.method == "setWebhook" for c in calls), 30)
        registered = bot.api.webhook["url"]
        assert registered == url
        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        # What the self-hosted server does with an update: POST it to the registered URL.
        update = json.dumps(message_update(bot.api, 5, "/start"))
        delivered = httpx.post(
            registered, content=update, headers={SECRET_HEADER: SECRET}, timeout=5
        )
        assert delivered.status_code == 200
        bot.api.wait_for(lambda calls: len(bot.api.sent(5)) >= 1)  # /start: one welcome
        assert not any(call.method == "getUpdates" for call in bot.api.calls)  # no Updater
        health = subprocess.run(
            [sys.executable, "-m", "bot", "health"],
            cwd=tmp_path,
            env=bot.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert health.returncode == 0, health.stdout + health.stderr
        code, _ = bot.stop()
        assert code == 0
