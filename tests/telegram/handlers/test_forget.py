"""Forget means forgotten: after /forget, nothing about the person is stored again, by
any command, any button or any nudge, until they send /start."""

import typing

from sqlalchemy import Integer, String, Text, func, select

from bot.domain.partner import BidAnswer
from bot.offline import FakeBotAPI
from bot.offline.chat import FakeChat, callback_answers, texts
from bot.offline.updates import message_update
from bot.store.tables import Base
from bot.telegram import callbacks
from bot.telegram import partner_callbacks as partner
from bot.telegram.context import BotApplication, services_of
from bot.texts.commands import COMMANDS
from tests.support.clock import FakeClock

# A distinctive id, so a row that mentions it anywhere is found.
PERSON = 731_942_557


def every_kind_of_press(session_id: int, skill_key: str, nudge_id: int) -> list[str]:
    """One button of every kind the bot makes, with its data as the bot would make it."""
    from bot.domain.practice import Move

    presses: list[callbacks.Press] = [
        *(callbacks.SessionPress(session_id, 1, move) for move in callbacks._MOVE_LETTERS),
        *(callbacks.SkillPress(skill_key, action) for action in callbacks.SkillAction),
        *(callbacks.ListPress(mode, 0) for mode in callbacks.ListMode),
        *(callbacks.NudgePress(nudge_id, action) for action in callbacks.NudgeAction),
        callbacks.ReminderPress("0700"),
        callbacks.ReminderPress("off"),
        callbacks.PausePress(3),
        callbacks.ZonePress("Europe/Berlin"),
        callbacks.ReflectionsPress(0, None),
        callbacks.NotePress(session_id, 5, 7, "0123abcd"),
        callbacks.ForgetPress(True),
        callbacks.ForgetPress(False),
        *(callbacks.NotesPress(step) for step in "ayn"),
        callbacks.LanguagePress("de"),
        callbacks.StartInstead(session_id, skill_key),
        callbacks.ScenarioPress(skill_key, "0123456789", callbacks.SkillAction.INTRO),
        callbacks.ScenarioPress(skill_key, "0123456789", callbacks.SkillAction.START),
        *(callbacks.SettingsPress(view) for view in "mtozfxy"),
        callbacks.SettingsPress("T", "0715"),
        callbacks.SettingsPress("Z", "Europe/Berlin"),
        callbacks.SettingsPress("E", "off"),
        callbacks.SettingsPress("Q", "on"),
        callbacks.SettingsPress("P", "7"),
        callbacks.SettingsPress("F", skill_key),
        callbacks.PickUp(session_id),
        callbacks.Done(),
        callbacks.Okay(1_700_000_000),
        callbacks.Dismiss(),
        *(partner.PartnerPress(action) for action in partner.PartnerAction),
        partner.InvitePress(True, "A" * 32),
        partner.InvitePress(False, "A" * 32),
        partner.OurFocusPress(skill_key),
        partner.OurFocusPress(None),
        partner.BidPickPress(skill_key, 0),
        partner.BidPickPress(skill_key, None),
        *(partner.BidDraftPress(1, action) for action in partner.BidDraftAction),
        *(partner.BidAnswerPress(1, answer) for answer in BidAnswer),
    ]
    kinds = {type(press) for press in presses}
    assert kinds == set(typing.get_args(callbacks.Press)), "a new kind of button: add it here"
    assert Move.CANCEL in callbacks._MOVE_LETTERS
    encoded = [callbacks.encode(press) for press in presses]
    assert all(callbacks.decode(data) is not None for data in encoded), "made a bad press"
    return encoded


async def rows_about(app: BotApplication, user_id: int) -> dict[str, int]:
    """Rows in every table (from the metadata, so new tables are covered) that mention
    the id in any integer or text column."""
    store = services_of(app.bot_data).store
    found: dict[str, int] = {}
    async with store.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for column in table.c:
                if isinstance(column.type, Integer):
                    condition = column == user_id
                elif isinstance(column.type, String | Text):
                    condition = column.contains(str(user_id))
                else:
                    continue
                query = select(func.count()).select_from(table).where(condition)
                count = (await conn.execute(query)).scalar_one()
                if count:
                    found[f"{table.name}.{column.name}"] = count
    return found


async def test_after_forget_nothing_is_stored_by_any_command_button_or_nudge(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock
) -> None:
    services = services_of(app.bot_data)
    ada = FakeChat(app, api, PERSON)
    await ada.send("/start")
    await ada.send("/timezone UTC")
    await ada.send("/practice")
    await ada.press("Start")
    await ada.press("Next")
    clock.now = clock.now.replace(hour=9, minute=0, second=30)
    await services.dispatcher.run_once()  # today's nudge, with its buttons
    [nudge] = await services.store.nudges_of(PERSON)
    opened = await services.store.open_session(PERSON)
    assert opened is not None
    skill = services.vault.current.get(opened.skill)
    assert skill is not None
    assert await rows_about(app, PERSON)  # the check does see what is there

    await ada.send("/forget")
    [done] = texts(await ada.press("Yes"))
    assert "everything about you has been deleted" in done
    assert await rows_about(app, PERSON) == {}
    messages = [m for m in ada.messages() if any("callback_data" in b for b in m.buttons)]

    for command in COMMANDS:
        if command.name in ("start", "help", "support"):
            continue
        for typed in (f"/{command.name}", f"/{command.name} repair"):
            replies = texts(await ada.send(typed))
            assert replies and all("Send /start to begin" in r for r in replies), typed
    # What the bot can do and where real help is are for anyone, and store nothing.
    assert "/practice" in texts(await ada.send("/help"))[0]
    assert "findahelpline.com" in texts(await ada.send("/support"))[0]
    # Help before anything else, for someone forgotten too: never "send /start".
    [help_first] = texts(await ada.send("i dont want to live anymore"))
    assert "findahelpline.com" in help_first and "/start" not in help_first
    for typed in ("hello", "I noticed I rush", "/nonsense"):
        assert "Send /start to begin" in texts(await ada.send(typed))[0]
    edited = message_update(api, PERSON, "/practice")
    edited["edited_message"] = edited.pop("message")
    await ada.feed(edited)
    await ada.send_sticker()
    # Every button still on screen, and one of every kind the bot makes.
    for message in messages:
        for button in message.buttons:
            if "callback_data" in button and not button["text"].startswith("Yes"):
                answered = callback_answers(await ada.press_data(button["callback_data"], message))
                assert answered == [
                    "I keep nothing about you right now. Send /start to begin (again)."
                ], button
    for data in every_kind_of_press(opened.id, skill.key, nudge.id):
        await ada.press_data(data, messages[-1])
    for _ in range(3):  # no nudge follows, day after day
        clock.advance(days=1)
        assert (await services.dispatcher.run_once()).claimed == 0
    assert await rows_about(app, PERSON) == {}

    await ada.send("/start")  # their choice: now they are someone again
    assert set(await rows_about(app, PERSON)) == {"users.user_id", "users.chat_id"}
    clock.advance(days=1, minutes=1)
    assert (await services.dispatcher.run_once()).claimed == 1


async def test_forgetting_and_stopping_asked_in_words(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada = FakeChat(app, api, PERSON)
    await ada.send("/start")
    [asked] = texts(await ada.send("delete my data"))
    assert asked.startswith("<b>Delete everything")
    assert [b["text"] for b in ada.keyboard_message().buttons] == [
        "Yes, delete everything",
        "No, keep it",
    ]
    await ada.press("No")
    [asked] = texts(await ada.send("please delete everything about me"))  # own words
    assert asked.startswith("<b>Delete everything")
    await ada.press("No")
    [stop] = texts(await ada.send("stop sending me messages"))
    assert stop.startswith("<b>Shall I stop the daily nudges?</b>") and "/forget" in stop
    labels = [b["text"] for b in ada.keyboard_message().buttons]
    assert labels == ["Turn nudges off", "Pause a week"]
    [off] = texts(await ada.press("Turn nudges off"))
    assert off.startswith("Okay: no more daily nudges.")  # a line, not the settings screen
    person = await services_of(app.bot_data).store.get_user(PERSON)
    assert person is not None and not person.reminders_enabled
    [quiet] = texts(await ada.send("/stop"))
    assert quiet.startswith("Your daily nudges are off")
    [again] = texts(await ada.send("/delete"))
    assert again.startswith("<b>Delete everything")


async def test_someone_new_in_danger_gets_help_first_and_nothing_is_stored(
    app: BotApplication, api: FakeBotAPI
) -> None:
    stranger = FakeChat(app, api, PERSON, "Sam")
    [reply] = texts(await stranger.send("I want to kill myself"))
    assert "findahelpline.com" in reply and "Send /start" not in reply
    assert stranger.messages()[-1].buttons == []  # no practice, no sign-up pushed with it
    assert await rows_about(app, PERSON) == {}


async def test_keeping_everything_in_the_middle_of_a_practice_points_back_to_it(
    app: BotApplication, api: FakeBotAPI
) -> None:
    # A second trial: "No, keep it" mid-practice said nothing of the practice.
    ada = FakeChat(app, api, PERSON)
    await ada.send("/start")
    texts(await ada.send("delete my data"))
    [kept] = texts(await ada.press("No"))
    assert kept == "Okay — nothing was deleted, and everything is kept as it was."
    await ada.send("/practice")
    await ada.press("Start")
    texts(await ada.send("delete my data"))
    [kept] = texts(await ada.press("No"))
    assert kept.startswith("Okay — nothing was deleted")
    assert "Your practice of <b>Repair</b> is where you left it: /practice." in kept


async def test_forgetting_clears_what_the_bot_keeps_about_the_chat_in_memory(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada = FakeChat(app, api, PERSON, "Ada", "en")
    await ada.send("/start")
    await ada.send("Sprichst du Deutsch?")  # a language offered: remembered in memory
    assert app.chat_data[PERSON]
    await ada.send("/forget")
    await ada.press("Yes, delete everything")
    assert not app.chat_data[PERSON]


async def test_asked_to_stop_a_second_time_before_choosing_the_nudges_stop(
    app: BotApplication, api: FakeBotAPI
) -> None:
    # A tester said "stop" four ways and was asked the same question four times.
    ada = FakeChat(app, api, PERSON)
    await ada.send("/start")
    [asked] = texts(await ada.send("stop sending me messages"))
    assert asked.startswith("<b>Shall I stop the daily nudges?</b>")
    [done] = texts(await ada.send("leave me alone"))
    assert done.startswith("Okay: no more daily nudges.")
    person = await services_of(app.bot_data).store.get_user(PERSON)
    assert person is not None and not person.reminders_enabled
    await ada.send("/remind on")
    [asked] = texts(await ada.send("/stop"))  # on again, then asked once: a question again
    assert asked.startswith("<b>Shall I stop the daily nudges?</b>")
