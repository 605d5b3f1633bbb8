"""The whole process, as Telegram would see it: `skillbot run` against a local Bot API."""

from pathlib import Path

import pytest

from bot.fake_telegram.updates import message_update
from tests.conftest import TOKEN
from tests.process import bot_process

pytestmark = pytest.mark.e2e


def test_start_help_menu_and_clean_shutdown(tmp_path: Path) -> None:
    with bot_process(tmp_path, TOKEN) as bot:
        bot.start()
        bot.wait_polling()
        assert [c["command"] for c in bot.api.commands][:2] == ["start", "help"]

        bot.api.push_update(message_update(bot.api, 5, "/start"))
        bot.api.push_update(message_update(bot.api, 5, "/help"))
        bot.api.wait_for(lambda calls: sum(c.method == "sendMessage" for c in calls) >= 2)
        welcome, help_text = (m.text for m in bot.api.sent(5))
        assert "practice companion" in welcome
        assert "/help" in help_text

        code, seconds = bot.stop()
        assert code == 0
        assert seconds < 10
        log = bot.log()
        assert "Traceback" not in log
        assert TOKEN not in log and TOKEN.split(":")[1] not in log
        assert "/help" not in log  # people's messages stay out of the logs
