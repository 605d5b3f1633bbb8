"""Typed answers to the bot's own questions: days after /pause, a city after the zone
picker, a time after the time picker; each open for one update or ten minutes."""

from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from telegram import Update

from bot.domain.models import ANSWER_WINDOW, Question, User
from bot.domain.nudge_policy import REST_AFTER_SAFETY
from bot.offline import FakeBotAPI
from bot.offline.chat import FakeChat, callback_answers, texts
from bot.offline.updates import message_update
from bot.telegram.context import BotApplication, services_of
from tests.support.app import Chat
from tests.support.clock import FakeClock

NOT_SURE = "not sure which skill fits"


def labels(person: FakeChat) -> list[str]:
    return [b["text"] for b in person.keyboard_message().buttons]


async def stored(app: BotApplication) -> User:
    """Ada's record as stored now."""
    user = await services_of(app.bot_data).store.get_user(7)
    assert user is not None
    return user


async def paused_until(app: BotApplication) -> datetime | None:
    return (await stored(app)).paused_until


async def test_pause_asks_and_takes_a_bare_number(
    chat: Chat, app: BotApplication, clock: FakeClock
) -> None:
    ada = chat(7)
    [question] = texts(await ada.send("/pause"))
    assert "For how many days" in question
    assert labels(ada) == ["1 day", "3 days", "7 days", "14 days"]
    [paused] = texts(await ada.send(" 7 "))
    assert "paused until <b>Monday, 9 March 2026</b>" in paused
    assert await paused_until(app) == clock.now + timedelta(days=7)
    await ada.send("/pause")
    await ada.send("seven days please")
    assert await paused_until(app) == clock.now + timedelta(days=7)


async def test_a_few_days_is_asked_again_not_read_as_anything_else(
    chat: Chat, app: BotApplication, clock: FakeClock
) -> None:
    ada = chat(7)
    await ada.send("/pause")
    [again] = texts(await ada.send("a few days"))
    assert again.startswith("Send the number of days to pause")
    assert labels(ada) == ["1 day", "3 days", "7 days", "14 days"]
    [paused] = texts(await ada.send("3"))  # the question is still open
    assert "paused until" in paused
    assert await paused_until(app) == clock.now + timedelta(days=3)


async def test_pause_buttons(chat: Chat, app: BotApplication, clock: FakeClock) -> None:
    ada = chat(7)
    await ada.send("/pause")
    picker = ada.keyboard_message()
    calls = await ada.press("3 days")
    assert callback_answers(calls) == [""]
    [paused] = texts(calls)
    assert "paused until <b>Thursday, 5 March 2026</b>" in paused
    assert ada.messages()[-1].message_id == picker.message_id  # the question, answered
    assert await paused_until(app) == clock.now + timedelta(days=3)
    # The press answered the question: a "7" now is free text, not a longer pause.
    assert NOT_SURE in texts(await ada.send("7"))[0]
    assert await paused_until(app) == clock.now + timedelta(days=3)
    forged = await ada.press_data("u:0", picker)
    assert callback_answers(forged) == ["That button no longer works."]


async def test_a_number_out_of_range_says_the_range_and_asks_again(
    chat: Chat, app: BotApplication, clock: FakeClock
) -> None:
    ada = chat(7)
    await ada.send("/pause")
    [again] = texts(await ada.send("400"))
    assert "from 1 to 365" in again and "7 days" in labels(ada)
    assert await paused_until(app) is None
    await ada.send("2")
    assert await paused_until(app) == clock.now + timedelta(days=2)


async def test_anything_else_is_free_text_and_closes_the_question(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    await ada.send("/pause")
    assert NOT_SURE in texts(await ada.send("zxqv blorp"))[0]
    assert NOT_SURE in texts(await ada.send("7"))[0]  # the question had its one message
    assert await paused_until(app) is None
    await ada.send("/pause")
    await ada.send("/help")  # a command is the next message too
    assert NOT_SURE in texts(await ada.send("7"))[0]
    assert await paused_until(app) is None


async def test_the_question_lapses_after_ten_minutes(
    chat: Chat, app: BotApplication, clock: FakeClock
) -> None:
    ada = chat(7)
    await ada.send("/pause")
    clock.advance(seconds=ANSWER_WINDOW.total_seconds() + 1)
    assert NOT_SURE in texts(await ada.send("7"))[0]
    assert await paused_until(app) is None
    await ada.send("/pause")
    clock.advance(seconds=ANSWER_WINDOW.total_seconds() - 1)
    await ada.send("7")
    assert await paused_until(app) == clock.now + timedelta(days=7)


async def test_help_comes_first_when_the_answer_speaks_of_danger(
    chat: Chat, app: BotApplication, clock: FakeClock
) -> None:
    ada = chat(7)
    await ada.send("/pause")
    [reply] = texts(await ada.send("7 more days and I want to kill myself"))
    assert "findahelpline.com" in reply and "paused" not in reply
    # Not the 7 days the question asked for: the few days nudges rest after such words.
    assert await paused_until(app) == clock() + REST_AFTER_SAFETY
    await ada.send("/start")
    await ada.press("Choose my time zone")
    [reply] = texts(await ada.send("I want to kill myself"))
    assert "findahelpline.com" in reply and "time zone" not in reply
    # Help closed the question: the person is not pulled back into a form after it.
    await ada.send("Berlin")
    assert not (await stored(app)).zone_chosen


async def test_a_city_typed_at_the_welcome_picker_sets_the_zone(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    await ada.send("/start")
    await ada.press("Choose my time zone")
    # A typed city is confirmed with a press: everyday words name places too.
    [is_it] = texts(await ada.send("Berlin"))
    assert "Is this the “Berlin” you mean?" in is_it
    assert (await stored(app)).timezone != "Europe/Berlin"
    [done] = texts(await ada.press("Berlin · Europe/Berlin"))
    assert "Time zone set to <b>Europe/Berlin</b>" in done
    user = await stored(app)
    assert user.timezone == "Europe/Berlin" and user.zone_chosen
    await ada.send("/settings")  # the screen's picker takes an offset too
    await ada.press("Time zone")
    await ada.send("+05:30")
    assert (await stored(app)).timezone == "UTC+05:30"
    await ada.send("/timezone")  # the picker /timezone shows takes a city too
    [which] = texts(await ada.send("Portland"))
    assert "more than one “Portland”" in which
    assert [b["text"] for b in ada.keyboard_message().buttons][-1] == "None of these"
    # The places are buttons; typing one of them is no answer now (the question was
    # not asked again), so it goes where any other text goes.
    await ada.press("Portland, Oregon")
    assert (await stored(app)).timezone == "America/Los_Angeles"
    await ada.send("/timezone")
    [unknown] = texts(await ada.send("Xqzzyv"))
    assert "I don’t know the time zone “Xqzzyv”" in unknown
    # A sentence after the picker is the person moving on, not a city.
    await ada.send("/timezone")
    assert NOT_SURE in texts(await ada.send("what is the capital of mongolia again"))[0]


async def test_not_now_closes_the_welcome_picker_and_leaves_the_welcome(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    await ada.send("/start")
    welcome = ada.keyboard_message()
    await ada.press("Choose my time zone")
    picker = ada.keyboard_message()
    assert picker.message_id != welcome.message_id
    assert labels(ada)[-1] == "Not now" and "‹ Back" not in labels(ada)
    [closed] = texts(await ada.press("Not now"))
    assert "whenever you like" in closed and "<b>Your settings</b>" not in closed
    assert ada.messages()[-1].buttons == []
    assert ada.messages()[0].text == welcome.text and ada.messages()[0].buttons
    # Opened from /settings, the picker's last button goes back to the screen.
    await ada.send("/settings")
    await ada.press("Time zone")
    assert labels(ada)[-1] == "‹ Back"
    assert "<b>Your settings</b>" in texts(await ada.press("‹ Back"))[0]


async def test_a_time_typed_at_the_time_picker_sets_the_nudge(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    await ada.send("/settings")
    await ada.press("Time: 09:00")
    [done] = texts(await ada.send("7:45"))
    assert "<b>07:45</b>" in done
    assert (await stored(app)).reminder_time == time(7, 45)
    await ada.press("Other…", ada.messages()[-2])  # the picker, still on screen
    [other] = texts(await ada.send("later"))  # no time: read as any other text
    assert "Daily nudge" not in other and "Done" not in other
    assert (await stored(app)).reminder_time == time(7, 45)
    await ada.send("/settings")
    await ada.press("Time: 07:45")
    # Meant as a time but not one it reads: said so, with the choices again.
    [missed] = texts(await ada.send("around 7ish"))
    assert missed.startswith("I didn’t catch a time in that.")
    assert "Other…" in [b["text"] for b in ada.keyboard_message().buttons]
    [done] = texts(await ada.send("half past seven"))  # still the answer to the question
    assert "<b>07:30</b>" in done
    await ada.send("/settings")
    await ada.press("Time: 07:30")
    # A sentence with "am" or a number in it is no time, and not said to be one.
    [angry] = texts(await ada.send("I am so angry, we fought 2 times"))
    assert "didn’t catch a time" not in angry
    await ada.send("/settings")
    await ada.press("Time: 07:30")
    [bare] = texts(await ada.send("7"))  # a bare hour: too ambiguous to set; asked
    assert bare == "<b>In the morning or in the evening?</b>"
    [done] = texts(await ada.send("7pm"))  # still the answer to the question
    assert "<b>19:00</b>" in done


async def test_the_question_is_stored_and_forgotten(
    chat: Chat, app: BotApplication, clock: FakeClock
) -> None:
    store = services_of(app.bot_data).store
    ada = chat(7)
    await ada.send("/pause")
    user = await stored(app)  # in the row: a restart or another replica keeps it
    assert user.question is Question.PAUSE_DAYS
    assert user.open_question(clock.now) is Question.PAUSE_DAYS
    # A replica whose clock runs a little behind still reads the answer as one.
    assert user.open_question(clock.now - timedelta(seconds=3)) is Question.PAUSE_DAYS
    assert user.open_question(clock.now + ANSWER_WINDOW) is None
    assert user.asked_at == clock.now.astimezone(UTC)
    await ada.send("/forget")
    await ada.press("Yes")
    assert await store.get_user(7) is None


async def test_a_time_after_a_bad_remind_is_taken(chat: Chat, app: BotApplication) -> None:
    ada = chat(7)
    assert "<code>/remind 07:45</code>" in texts(await ada.send("/remind soon"))[0]
    await ada.send("8pm")
    assert (await stored(app)).reminder_time == time(20, 0)


async def test_an_everyday_word_after_the_picker_sets_no_zone(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    await ada.send("/start")
    await ada.press("Choose my time zone")
    before = (await stored(app)).timezone
    await ada.send("no")  # "No" is a village in Ghana: offered, never set
    await ada.send("ok")  # and the question is not open any more
    assert (await stored(app)).timezone == before


async def test_an_answer_whose_handling_failed_is_taken_when_tried_again(
    chat: Chat, app: BotApplication, api: FakeBotAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The inbox tries a failed update again (docs/reliability.md §6): that attempt must
    # still find the question open, or "7" would be read as ordinary text.
    ada = chat(7)
    await ada.send("/pause")
    store = services_of(app.bot_data).store
    set_pause = store.set_pause
    failures = iter([RuntimeError("database hiccup")])

    async def flaky(*args: Any, **kwargs: Any) -> Any:
        if (error := next(failures, None)) is not None:
            raise error
        return await set_pause(*args, **kwargs)

    monkeypatch.setattr(store, "set_pause", flaky)
    answer = message_update(api, 7, "7")
    first = await app.process_update_reporting(
        Update.de_json(answer, app.bot), final_attempt=False
    )
    assert isinstance(first, RuntimeError)
    assert (await stored(app)).question is Question.PAUSE_DAYS  # still open
    again = await app.process_update_reporting(Update.de_json(answer, app.bot))
    assert again is None
    assert await paused_until(app) is not None
    assert (await stored(app)).question is None
