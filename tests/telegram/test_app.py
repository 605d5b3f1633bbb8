"""The one builder: open_bot wires the store, vault, handlers and jobs, and cleans up."""

import logging
from dataclasses import replace
from typing import Any

import pytest
from telegram import Update
from telegram.ext import TypeHandler

from bot.config import Settings, WebhookSettings
from bot.offline import FakeBotAPI, FakeRequest
from bot.offline.chat import FakeChat, callback_answers, texts
from bot.offline.updates import callback_update
from bot.store import migrate
from bot.telegram.app import ALLOWED_UPDATES, open_bot
from bot.telegram.context import BotApplication, services_of
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
        # The start-up vault report and the suggestions' index run once, at once: they
        # may have gone already.
        once = {"vault-report", "suggestions-index"}
        assert set(names) - once == {"nudge-dispatch", "vault-watch"}


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
        await ada.send("/start")
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


async def test_a_press_that_carries_no_data_is_told_the_button_no_longer_works(
    settings: Settings, api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    # PTB hands such a press to the first press route whatever its pattern says.
    async with open_bot(settings, FakeRequest(api)) as app, app:
        ada = FakeChat(app, api, 7)
        await ada.send("/start")
        await ada.send("/practice")
        no_data = callback_update(api, 7, ada.keyboard_message(), "")
        del no_data["callback_query"]["data"]
        with caplog.at_level(logging.WARNING):
            for update in (no_data, callback_update(api, 7, ada.keyboard_message(), "")):
                answered = await ada.feed(update)
                assert callback_answers(answered) == ["That button no longer works."]
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_the_packaged_starter_vault_is_said_in_one_log_line(
    settings: Settings, api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.config import STARTER_VAULT

    starter = replace(settings, skills_dir=STARTER_VAULT, starter_vault=True)
    with caplog.at_level(logging.INFO, logger="bot.telegram.app"):
        async with open_bot(starter, FakeRequest(api), migrate=False) as app:
            assert services_of(app.bot_data).vault.current.get("Repair") is not None
    [line] = [r.getMessage() for r in caplog.records if "starter vault" in r.getMessage()]
    assert "SKILLS_DIR is not set" in line and "skillbot init" in line


_PERSON = {"id": 5, "is_bot": False, "first_name": "Ada"}
_CHAT = {"id": 5, "type": "private", "first_name": "Ada"}
_MESSAGE = {"message_id": 1, "date": 0, "chat": _CHAT, "from": _PERSON, "text": "hello"}
_MEMBER_CHANGE = {
    "chat": _CHAT,
    "from": _PERSON,
    "date": 0,
    "old_chat_member": {"status": "member", "user": _PERSON},
    "new_chat_member": {"status": "kicked", "user": _PERSON, "until_date": 0},
}
_SAMPLES: dict[str, dict[str, Any]] = {
    "message": _MESSAGE,
    "edited_message": _MESSAGE | {"edit_date": 1},
    "channel_post": _MESSAGE | {"chat": {"id": -100, "type": "channel"}, "from": None},
    "callback_query": {"id": "1", "from": _PERSON, "chat_instance": "c", "data": "?"}
    | {"message": _MESSAGE},
    "my_chat_member": _MEMBER_CHANGE,
    "chat_member": _MEMBER_CHANGE,
    "message_reaction": {"chat": _CHAT, "message_id": 1, "date": 0, "user": _PERSON}
    | {"old_reaction": [], "new_reaction": [{"type": "emoji", "emoji": "👍"}]},
}


async def test_telegram_is_asked_for_exactly_the_updates_some_handler_takes(
    app: BotApplication,
) -> None:
    taken = set()
    for kind, body in _SAMPLES.items():
        update = Update.de_json({"update_id": 1, kind: body}, app.bot)
        for handlers in app.handlers.values():
            # The allow-list looks at every update; it answers none of them.
            if any(
                not isinstance(handler, TypeHandler) and handler.check_update(update)
                for handler in handlers
            ):
                taken.add(kind)
    assert taken == set(ALLOWED_UPDATES)


async def test_no_mode_builds_ptbs_updater(settings: Settings, api: FakeBotAPI) -> None:
    # Updates come from the inbox's poller or the webhook server, never PTB's Updater.
    webhook = replace(settings, webhook=WebhookSettings("https://bot.example.org/t", "a" * 20))
    for each in (settings, webhook):
        async with open_bot(each, FakeRequest(api)) as app:
            assert app.updater is None


async def test_an_operator_text_for_everyone_is_said_to_lack_other_languages(
    settings: Settings, api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    operator = replace(settings, support_text="Samaritans: 116 123", support_texts={"de": "…"})
    with caplog.at_level(logging.WARNING, logger="bot.telegram.app"):
        async with open_bot(operator, FakeRequest(api), migrate=False):
            pass
        async with open_bot(settings, FakeRequest(api), migrate=False):
            pass  # no SUPPORT_TEXT: the bot's own text is translated, nothing to say
    [line] = [r.getMessage() for r in caplog.records if "SUPPORT_TEXT" in r.getMessage()]
    assert "speaks es, ru to" in line and "SUPPORT_TEXT_ES/_RU" in line
