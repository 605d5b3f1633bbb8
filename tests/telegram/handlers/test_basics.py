import logging

import pytest
from telegram.ext import Job

from bot.offline import FakeBotAPI
from bot.offline.chat import FakeChat, texts
from bot.telegram.context import BotApplication, BotContext, services_of
from bot.telegram.handlers.errors import on_error
from bot.texts.commands import COMMANDS
from tests.support.app import AppFactory, Chat


async def test_start_registers_the_person_and_welcomes_them(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada = FakeChat(app, api, 7)
    [welcome] = texts(await ada.send("/start"))
    # Two or three sentences, and a first thing to do: no "see /help" dead end.
    assert welcome.startswith("Hi Ada! I’m a practice companion") and "/help" not in welcome
    assert welcome.count(". ") + 1 <= 3
    assert [b["text"] for b in ada.keyboard_message().buttons] == [
        "Try Repair now ▶",
        "Choose my time zone",
    ]
    store = services_of(app.bot_data).store
    person = await store.get_user(7)
    assert person is not None and not person.zone_chosen
    assert len(texts(await ada.send("/start"))) == 1
    assert await store.count_users() == 1
    [step] = texts(await ada.press("Try Repair now"))
    assert "Repair · Step 1 of 5" in step


async def test_start_stops_asking_for_a_zone_once_one_is_chosen(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada = FakeChat(app, api, 7)
    await ada.send("/start")
    await ada.send("/timezone Berlin")
    [welcome] = texts(await ada.send("/start"))
    assert "time zone" not in welcome and "Try <b>Repair</b> now" in welcome
    assert [b["text"] for b in ada.keyboard_message().buttons] == ["Try Repair now ▶"]


async def test_help_lists_exactly_the_public_commands(chat: Chat) -> None:
    [reply] = texts(await chat(7).send("/help"))
    listed = {line.split()[0][1:] for line in reply.splitlines() if line.startswith("/")}
    assert listed == {c.name for c in COMMANDS if not c.admin_only}
    assert "not a therapist or a crisis service" in reply


async def test_every_registered_command_is_in_the_command_list(app: BotApplication) -> None:
    from telegram.ext import CommandHandler

    registered = {
        name
        for handlers in app.handlers.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for name in handler.commands
    }
    assert registered == {c.name for c in COMMANDS}


async def test_unknown_command_gets_a_pointer_to_help(chat: Chat) -> None:
    [reply] = texts(await chat(7).send("/dance now"))
    assert "/dance" in reply and "/help" in reply


async def test_a_misspelt_command_is_answered_with_the_one_meant(chat: Chat) -> None:
    ada = chat(7)
    [reply] = texts(await ada.send("/practise"))  # as the buttons spell it
    assert reply == "I don’t know /practise — did you mean /practice?"
    typos = {
        "practic": "practice",
        "mistake": "mistakes",
        "progres": "progress",
        "lang": "language",
    }
    for typed, meant in typos.items():
        [reply] = texts(await ada.send(f"/{typed} de"))
        assert f"I don’t know /{typed} — did you mean /{meant}?" in reply, typed
    [reply] = texts(await ada.send("/Skil"))  # two as close: both named, best first
    assert "I don’t know /Skil — did you mean /skill or /skills?" in reply


async def test_a_command_in_another_language_is_answered_with_the_one_meant(
    chat: Chat,
) -> None:
    from bot.telegram.handlers.basics import TYPED_VARIANTS

    ada = chat(7)
    [reply] = texts(await ada.send("/hilfe"))
    # Help with the bot, or a person's help: both are named (a review).
    assert reply == "I don’t know /hilfe — did you mean /help or /support?"
    for typed in ("/helpme", "/sos", "/crisis", "/apoyo"):
        [reply] = texts(await ada.send(typed))
        assert "did you mean /support" in reply, typed  # first, before any other
    [reply] = texts(await ada.send("/unpair"))
    assert reply.endswith("did you mean /partner?")
    words = {
        "ayuda": "help",
        "sprache": "language",
        "idioma": "language",
        "ajustes": "settings",
        "einstellungen": "settings",
        "einstellung": "settings",  # near a variant is near enough
        "ueben": "practice",
        "practicar": "practice",
        "fortschritt": "progress",
        "fehler": "mistakes",
    }
    for typed, meant in words.items():
        [reply] = texts(await ada.send(f"/{typed}"))
        assert f"did you mean /{meant}" in reply, typed  # first ("/help or /support")
    # Every variant stands for a command people can use.
    public = {c.name for c in COMMANDS if not c.admin_only}
    assert set(TYPED_VARIANTS.values()) <= public


async def test_a_german_person_is_pointed_to_the_command_in_german(
    app: BotApplication, api: FakeBotAPI
) -> None:
    lena = FakeChat(app, api, 7, "Lena", language_code="de-AT")
    await lena.send("/start")
    [reply] = texts(await lena.send("/hilfe"))
    assert reply == "/hilfe kenne ich nicht. Meintest du /help oder /support?"
    [reply] = texts(await lena.send("/skil"))
    assert "Meintest du /skill oder /skills?" in reply


async def test_a_command_close_to_nothing_keeps_the_plain_answer(chat: Chat) -> None:
    ada = chat(7)
    for typed in ["xyzzy", "dance", "stats"]:  # /stats is an admin's: not a typo of /start
        [reply] = texts(await ada.send(f"/{typed}"))
        assert reply == f"I don’t know /{typed}. Send /help to see what I can do.", typed


async def test_an_admin_is_pointed_to_admin_commands_too(
    app: BotApplication, api: FakeBotAPI
) -> None:
    from tests.support.app import StartedChat
    from tests.support.environment import ADMIN_ID

    [reply] = texts(await StartedChat(app, api, ADMIN_ID).send("/stat"))
    assert "/start" in reply and "/stats" in reply  # as close as each other
    [reply] = texts(await StartedChat(app, api, 7).send("/stat"))
    assert "did you mean /start?" in reply


async def test_text_stickers_and_edits_all_get_an_answer(chat: Chat, api: FakeBotAPI) -> None:
    from bot.offline.updates import message_update

    person = chat(7)
    assert texts(await person.send("hello there"))
    assert "could you write it to me?" in texts(await person.send_sticker())[0]
    edited = message_update(api, 7, "changed")
    edited["edited_message"] = edited.pop("message")
    assert "edits" in texts(await person.feed(edited))[0]


async def test_html_in_a_name_is_escaped(api: FakeBotAPI, app: BotApplication) -> None:
    from bot.offline.updates import message_update

    update = message_update(api, 9, "/start")
    update["message"]["from"]["first_name"] = "<b>Eve & co"
    [call] = await FakeChat(app, api, 9).feed(update)
    assert call.ok, call.error
    assert "&lt;b&gt;Eve &amp; co" in call.params["text"]


async def test_a_failing_handler_is_logged_and_the_person_told(
    app: BotApplication, api: FakeBotAPI, caplog: object
) -> None:
    import logging

    import pytest

    store = services_of(app.bot_data).store

    async def broken(user_id: int, chat_id: int, **_: object) -> None:
        raise RuntimeError("database exploded")

    assert isinstance(caplog, pytest.LogCaptureFixture)
    with caplog.at_level(logging.ERROR), pytest.MonkeyPatch.context() as patch:
        patch.setattr(store, "register", broken)
        replies = texts(await FakeChat(app, api, 3).send("/start"))
    assert replies == [
        "Something went wrong on my side. Your progress is safe — please try that again."
    ]
    assert "handler failed on message" in caplog.text and "user 3" in caplog.text
    assert "/start" not in caplog.text


async def test_a_failing_job_is_logged_by_its_name(
    app: BotApplication, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(context: object) -> None:
        raise RuntimeError("index exploded")

    # What PTB hands the error handler when a job raises: no update, the job's context.
    context = BotContext.from_job(Job(broken, name="an-index"), app)
    context.error = RuntimeError("index exploded")
    with caplog.at_level(logging.ERROR):
        await on_error(None, context)
    assert "job an-index failed" in caplog.text
    assert "NoneType" not in caplog.text


async def test_command_menu_is_short_and_admins_get_theirs_in_their_chat(
    app: BotApplication, api: FakeBotAPI, caplog: object
) -> None:
    import json
    import logging

    import pytest

    from bot.telegram.announcement import announce_commands

    assert isinstance(caplog, pytest.LogCaptureFixture)
    with caplog.at_level(logging.WARNING):
        await announce_commands(app)  # the admin (42) never wrote: Telegram knows no chat
    menu = ["practice", "mistakes", "progress", "settings", "partner", "help", "support"]
    assert [c["command"] for c in api.commands] == menu
    assert api.scoped_commands == {} and "could not set the admin menu for user 42" in caplog.text
    await FakeChat(app, api, 42).send("/start")
    await announce_commands(app)
    scope = json.dumps({"type": "chat", "chat_id": 42}, sort_keys=True)
    assert [c["command"] for c in api.scoped_commands[scope]] == [*menu, "reload", "stats"]
    assert api.short_descriptions[""] == (
        "Practise relationship skills, one small step at a time."
    )
    assert "Not a therapist" in api.descriptions[""]


async def test_descriptions_come_from_settings(make_app: AppFactory, api: FakeBotAPI) -> None:
    from bot.telegram.announcement import announce_commands

    app = await make_app(bot_description="Repair, gently.", bot_short_description="Repair.")
    await announce_commands(app)
    assert api.descriptions[""] == "Repair, gently." and api.short_descriptions[""] == "Repair."


async def test_every_old_command_still_works_when_typed(chat: Chat) -> None:
    ada = chat(7)
    for command in [c for c in COMMANDS if not c.in_menu and not c.admin_only]:
        [reply, *_] = texts(await ada.send(f"/{command.name}"))
        assert "I don’t know" not in reply, command.name


async def test_blocking_and_unblocking_the_bot_is_noted_at_once(
    app: BotApplication, api: FakeBotAPI
) -> None:
    import time

    from bot.offline.api import BOT_USER
    from bot.offline.updates import person

    ada = FakeChat(app, api, 7)
    await ada.send("/start")
    store = services_of(app.bot_data).store

    def member(status: str) -> dict[str, object]:
        found: dict[str, object] = {"user": BOT_USER, "status": status}
        if status == "kicked":
            found["until_date"] = int(time.time()) + 86_400
        return found

    def change(old: str, new: str) -> dict[str, object]:
        return {
            "update_id": api.next_update_id(),
            "my_chat_member": {
                "chat": {"id": 7, "type": "private", "first_name": "Ada"},
                "from": person(7),
                "date": int(time.time()),
                "old_chat_member": member(old),
                "new_chat_member": member(new),
            },
        }

    assert await ada.feed(change("member", "kicked")) == []  # nothing to say to someone who left
    user = await store.get_user(7)
    assert user is not None and user.blocked and user.next_nudge_at is None
    await ada.feed(change("kicked", "member"))
    user = await store.get_user(7)
    assert user is not None and not user.blocked and user.next_nudge_at is not None


async def test_a_photo_with_words_is_told_how_its_words_can_be_read(
    chat: Chat, api: FakeBotAPI
) -> None:
    from bot.offline.updates import message_update

    photo = message_update(
        api,
        7,
        photo=[{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}],
        caption="I yelled at my partner",
    )
    [reply] = texts(await chat(7).feed(photo))
    assert reply.startswith("I can’t see photos or files") and "as a message" in reply
