"""The whole process, as Telegram would see it: `skillbot run` against a local Bot API."""

from pathlib import Path

import pytest

from bot.offline import FakeBotAPI, SentMessage
from bot.offline.updates import callback_update, message_update
from bot.texts.commands import menu_commands
from tests.support.environment import TOKEN
from tests.support.process import BotProcess, bot_process

pytestmark = pytest.mark.e2e
ADA = 5
BO = 6


def _send(bot: BotProcess, text: str, replies: int = 1, user: int = ADA) -> SentMessage:
    """Type a message, wait for `replies` messages, and return the first of them."""
    before = len(bot.api.sent(user))
    bot.api.push_update(message_update(bot.api, user, text))
    bot.api.wait_for(lambda calls: len(bot.api.sent(user)) >= before + replies)
    return bot.api.sent(user)[before]


def _press(bot: BotProcess, message: SentMessage, label: str) -> SentMessage:
    """Press a button and wait until the bot has answered the press and updated the chat."""
    [data] = [b["callback_data"] for b in message.buttons if label in b["text"]]
    answered = sum(c.method == "answerCallbackQuery" for c in bot.api.calls)
    edits = sum(c.method.startswith(("edit", "send")) and c.ok for c in bot.api.calls)
    bot.api.push_update(callback_update(bot.api, ADA, message, data))
    bot.api.wait_for(
        lambda calls: (
            sum(c.method == "answerCallbackQuery" for c in calls) > answered
            and sum(c.method.startswith(("edit", "send")) and c.ok for c in calls) > edits
        )
    )
    return _newest(bot.api)


def _newest(api: FakeBotAPI) -> SentMessage:
    return max(
        (m for (chat, _), m in api.messages.items() if chat == ADA), key=lambda m: m.revision
    )


def test_start_help_menu_and_clean_shutdown(tmp_path: Path) -> None:
    with bot_process(tmp_path, TOKEN) as bot:
        bot.start()
        bot.wait_polling()
        assert [c["command"] for c in bot.api.commands] == [c.name for c in menu_commands()]
        assert set(bot.api.descriptions) == {"", "de", "en", "es", "ru"}

        welcome = _send(bot, "/start")
        assert "practice companion" in welcome.text
        assert "Choose my time zone" in [b["text"] for b in welcome.buttons]
        assert "/practice" in _send(bot, "/help").text

        code, seconds = bot.stop()
        assert code == 0
        assert seconds < 10
        log = bot.log()
        assert "Traceback" not in log
        assert TOKEN not in log and TOKEN.split(":")[1] not in log
        assert "/help" not in log  # people's messages stay out of the logs


def test_a_complete_practice_across_a_restart(tmp_path: Path) -> None:
    with bot_process(tmp_path, TOKEN) as bot:
        bot.start()
        bot.wait_polling()
        _send(bot, "/start")
        intro = _send(bot, "/practice")
        assert intro.text.startswith("<b>Repair</b>")
        step = _press(bot, intro, "Start")
        assert "Step 1 of 5" in step.text
        step = _press(bot, step, "Next")
        assert "Step 2 of 5" in step.text
        assert bot.stop()[0] == 0

        bot.start()  # same database, new process: the practice continues
        bot.wait_polling()
        offer = _send(bot, "/practice")
        assert "at step 2 of 5" in offer.text
        step = _press(bot, offer, "Resume")
        titles = []
        for number in range(2, 6):
            assert f"Step {number} of 5" in step.text
            titles.append(step.text.split("<b>")[1].split("</b>")[0])
            step = _press(bot, step, "Finish" if number == 5 else "Next")
        assert titles[-1] == "Stay present — don’t rush the fix"
        assert "What did you notice?" in step.text
        done = _send(bot, "That I rush to explain.")
        assert "wrote down what you noticed" in done.text
        assert bot.stop()[0] == 0
        log = bot.log()
        assert " ERROR " not in log and "Traceback" not in log


def test_a_reminder_for_the_coming_minute_arrives_once_even_across_a_restart(
    tmp_path: Path,
) -> None:
    from datetime import UTC, datetime

    def nudges(user: int = ADA) -> list[SentMessage]:
        return [m for m in bot.api.sent(user) if "Your focus" in m.text]

    def at(hour: int, minute: int, second: int) -> str:
        today = datetime.now(UTC).date()
        return datetime(
            today.year, today.month, today.day, hour, minute, second, tzinfo=UTC
        ).isoformat()

    # Each process's clock starts at a chosen instant and runs at the real pace, so a
    # nudge is due a second after a start instead of in the next real minute.
    # Setting up runs well before 09:00, so however slow the machine, nothing is due yet.
    with bot_process(
        tmp_path, TOKEN, NUDGE_INTERVAL_SECONDS="1", SKILLBOT_CLOCK_START=at(8, 50, 0)
    ) as bot:
        bot.start()
        bot.wait_polling()
        for user, reminder in ((ADA, "09:00"), (BO, "09:01")):
            _send(bot, "/start", user=user)
            _send(bot, "/timezone UTC", user=user)  # else nudges keep first-contact time
            reply = _send(bot, f"/remind {reminder}", user=user)
            assert f"<b>{reminder}</b>" in reply.text
        assert bot.stop()[0] == 0
        assert nudges() == []  # not before its minute

        # A second before 09:00 (the clock starts as the process begins to serve, before
        # it polls): Ada's nudge arrives once its minute comes.
        bot.env["SKILLBOT_CLOCK_START"] = at(8, 59, 59)
        bot.start()
        bot.wait_polling()
        bot.api.wait_for(lambda calls: bool(nudges()), timeout=60)
        [nudge] = nudges()
        assert "<b>Your focus: Repair</b>" in nudge.text
        assert bot.stop()[0] == 0
        assert nudges(BO) == []

        # The next process starts just before 09:01, when Ada's nudge, were it not
        # recorded, would still be due (well inside the grace): it is recorded, so none
        # follows. Bo's, due at 09:01, shows the dispatcher has been running meanwhile:
        # a run sends everything due, so Ada's would have gone no later than Bo's.
        bot.env["SKILLBOT_CLOCK_START"] = at(9, 0, 59)
        bot.start()
        bot.wait_polling()
        bot.api.wait_for(lambda calls: bool(nudges(BO)), timeout=60)
        assert len(nudges()) == 1
        assert bot.stop()[0] == 0
        assert " ERROR " not in bot.log()
