"""Typed answers to the bot's own questions: days after /pause, a city after the zone
picker, a time after the time picker; each open for one update or ten minutes."""

from datetime import UTC, datetime, time, timedelta

from bot.domain.models import ANSWER_WINDOW, Question, User
from bot.offline.chat import FakeChat, callback_answers, texts
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
    assert NOT_SURE in texts(await ada.send("seven days please"))[0]
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
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    await ada.send("/pause")
    [reply] = texts(await ada.send("7 more days and I want to kill myself"))
    assert "findahelpline.com" in reply and "paused" not in reply
    assert await paused_until(app) is None
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
    [done] = texts(await ada.send("Berlin"))
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
    # The places are buttons; typing one of them answers too.
    [done] = texts(await ada.send("Portland, Oregon"))
    assert "<b>America/Los_Angeles</b>" in done
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


async def test_the_question_is_stored_and_forgotten(
    chat: Chat, app: BotApplication, clock: FakeClock
) -> None:
    store = services_of(app.bot_data).store
    ada = chat(7)
    await ada.send("/pause")
    user = await stored(app)  # in the row: a restart or another replica keeps it
    assert user.question is Question.PAUSE_DAYS
    assert user.open_question(clock.now) is Question.PAUSE_DAYS
    assert user.asked_at == clock.now.astimezone(UTC)
    await ada.send("/forget")
    await ada.press("Yes")
    assert await store.get_user(7) is None


async def test_a_time_after_a_bad_remind_is_taken(chat: Chat, app: BotApplication) -> None:
    ada = chat(7)
    assert "<code>/remind 07:45</code>" in texts(await ada.send("/remind soon"))[0]
    await ada.send("8pm")
    assert (await stored(app)).reminder_time == time(20, 0)
