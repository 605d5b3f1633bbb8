"""The one builder: open_bot wires the store, vault, handlers and jobs, and cleans up."""

import logging

import pytest

from bot.config import Settings
from bot.offline import FakeBotAPI, FakeRequest
from bot.offline.chat import FakeChat, callback_answers, texts
from bot.store import migrate
from bot.telegram.app import open_bot
from bot.telegram.context import services_of
from tests.support.clock import FakeClock


async def test_open_bot_migrates_and_wires_services_and_jobs(
    settings: Settings, api: FakeBotAPI, clock: FakeClock
) -> None:
    async with open_bot(settings, FakeRequest(api), clock) as app:
        services = services_of(app.bot_data)
        assert services.clock is clock and services.store.clock is clock
        assert services.vault.current.skills  # the fixture vault
        revision = await migrate.current_revision(services.store.engine)
        assert revision == migrate.head_revision()
        assert app.job_queue is not None
        async with app:  # the jobs are scheduled when the app starts
            await app.start()
            names = sorted(job.name or "" for job in app.job_queue.jobs())
            await app.stop()
        assert names == ["nudge-dispatch", "vault-watch"]


async def test_open_bot_can_leave_the_database_as_it_is(
    settings: Settings, api: FakeBotAPI
) -> None:
    async with open_bot(settings, FakeRequest(api), migrate=False) as app:
        assert await migrate.current_revision(services_of(app.bot_data).store.engine) is None


async def test_button_presses_reach_the_handler_for_their_type(
    settings: Settings, api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    async with open_bot(settings, FakeRequest(api)) as app, app:
        ada = FakeChat(app, api, 7)
        await ada.send("/practice")
        dismissed = await ada.press("Cancel")  # a Dismiss press, routed to its handler
        assert texts(dismissed) == ["Okay. Send /practice whenever you’re ready."]
        await ada.send("/practice")
        with caplog.at_level(logging.WARNING):
            # A move letter no button has: no route takes it, the catch-all answers.
            forged = await ada.press_data("p:1:0:z")
        assert callback_answers(forged) == ["That button no longer works."]
        assert "rejected malformed button data from user 7 (7 bytes)" in caplog.text
        assert "p:1:0:z" not in caplog.text


async def test_the_packaged_starter_vault_is_said_in_one_log_line(
    settings: Settings, api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    from dataclasses import replace

    from bot.config import STARTER_VAULT

    starter = replace(settings, skills_dir=STARTER_VAULT, starter_vault=True)
    with caplog.at_level(logging.INFO, logger="bot.telegram.app"):
        async with open_bot(starter, FakeRequest(api), migrate=False) as app:
            assert services_of(app.bot_data).vault.current.get("Repair") is not None
    [line] = [r.getMessage() for r in caplog.records if "starter vault" in r.getMessage()]
    assert "SKILLS_DIR is not set" in line and "skillbot init" in line
