"""Conversation fuzz: simulated people doing random things at every state of every flow.

Goals (issue 8): no unhandled exception, no update left without an answer, no call
Telegram would reject, and nothing people wrote (nor the token) in any log line.
"""

import io
import logging

import pytest

from bot.logs import configure_logging
from bot.offline import FakeBotAPI
from bot.offline.chat import FakeChat
from bot.telegram.context import BotApplication
from testkit.fuzz import fuzz
from tests.support.app import AppFactory
from tests.support.environment import ADMIN_ID, TOKEN


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_random_conversations(make_app: AppFactory, api: FakeBotAPI, seed: int) -> None:
    app: BotApplication = await make_app()
    configure_logging("DEBUG", [TOKEN])
    logs = io.StringIO()
    root = logging.getLogger()
    handler = root.handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(logs)
    try:
        people = [FakeChat(app, api, user) for user in (11, 12, 13, ADMIN_ID)]
        report = await fuzz(people, api, steps=80, seed=seed)
    finally:
        root.handlers.clear()
    text = logs.getvalue()
    assert report.updates == 320
    assert report.unanswered == []
    assert report.rejected == []
    assert "handler failed" not in text and "Traceback" not in text
    assert TOKEN not in text
    for written in report.texts_sent:
        if len(written.strip()) >= 8:
            assert written.strip() not in text
