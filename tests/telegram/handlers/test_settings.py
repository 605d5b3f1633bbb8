"""/settings: one message, edited in place, for every nudge setting and the focus skill."""

import logging
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from bot.domain.models import User
from bot.offline import FakeBotAPI
from bot.offline.chat import FakeChat, callback_answers, texts
from bot.telegram.context import BotApplication, services_of
from tests.support.app import AppFactory, Chat, StartedChat
from tests.support.clock import FakeClock


def labels(person: FakeChat) -> list[str]:
    return [b["text"] for b in person.keyboard_message().buttons]


async def test_every_setting_on_one_message_edited_in_place(chat: Chat, clock: FakeClock) -> None:
    ada = chat(7)
    store = services_of(ada.app.bot_data).store
    [screen] = texts(await ada.send("/settings"))
    assert "<b>Your settings</b>" in screen and "Focus skill: <b>Repair</b>" in screen
    assert "not chosen yet" in screen and "08:00 UTC" in screen  # first contact time
    assert labels(ada) == [
        "Time: 09:00",
        "Time zone: choose",
        "Turn nudges off",
        "Quietly",
        "Pause a day",
        "Pause a week",
        "Focus: Repair",
        "Language: English",
        "Close",
    ]
    message_id = ada.keyboard_message().message_id

    async def press(label: str) -> str:
        calls = await ada.press(label)
        assert [c.method for c in calls] == ["answerCallbackQuery", "editMessageText"], label
        if label != "Close":
            assert ada.keyboard_message().message_id == message_id
        [shown] = texts(calls)
        return shown

    await press("Time zone")
    assert "Berlin" in labels(ada)
    assert "Time zone set to Berlin" in await press("Berlin")
    await press("Time: 09:00")
    assert labels(ada)[:3] == ["07:00", "08:00", "• 09:00"] and "Other…" in labels(ada)
    await press("Other…")
    assert len(labels(ada)) == 24 + 1
    await press("06")
    assert labels(ada) == ["06:00", "06:15", "06:30", "06:45", "‹ Back"]
    assert "Daily nudge at 06:45." in await press("06:45")
    assert "Quietly" in labels(ada)
    assert "quietly" in await press("Quietly")
    assert "Nudges paused for 7 days." in await press("Pause a week")
    assert "End the pause" in labels(ada)
    assert "The pause is over" in await press("End the pause")
    await press("Focus: Repair")
    assert "Your focus is now Staying Grounded." in await press("Staying Grounded")
    assert "Daily nudges are off." in await press("Turn nudges off")
    # Turning them on says so, not how they sound (that was not what was pressed).
    turned_on = await press("Turn nudges on")
    assert "Daily nudges are on." in turned_on and "quietly now" not in turned_on
    await press("Turn nudges off")
    user = await store.get_user(7)
    assert user is not None
    assert (user.timezone, user.reminder_time) == ("Europe/Berlin", time(6, 45))
    assert user.zone_chosen and user.silent_nudges and not user.reminders_enabled
    assert user.focus_skill == "Staying Grounded" and not user.is_paused(clock())
    assert "Settings saved" in await press("Close")
    assert not any(m.buttons for m in ada.messages())  # nothing left to press


async def test_until_a_zone_is_chosen_nudges_come_at_the_first_contact_time(
    chat: Chat, clock: FakeClock
) -> None:
    ada = chat(7)
    clock.now = datetime(2026, 3, 2, 16, 20, 30, tzinfo=UTC)  # first contact, in the afternoon
    await ada.send("/start")
    services = services_of(ada.app.bot_data)
    user = await services.store.get_user(7)
    assert user is not None and not user.zone_chosen
    assert user.next_nudge_at == datetime(2026, 3, 3, 16, 20, tzinfo=UTC)  # not 09:00 UTC
    clock.now = datetime(2026, 3, 3, 9, 0, 30, tzinfo=UTC)
    assert (await services.dispatcher.run_once()).claimed == 0
    clock.now = datetime(2026, 3, 3, 16, 20, 30, tzinfo=UTC)
    assert (await services.dispatcher.run_once()).sent == 1
    nudge = ada.keyboard_message()
    assert "I don’t know your time zone yet" in nudge.text  # asked once more
    assert "Choose my time zone" in labels(ada)
    # The next day's nudge does not ask again.
    clock.now = datetime(2026, 3, 4, 16, 20, 30, tzinfo=UTC)
    await services.dispatcher.run_once()
    assert "time zone" not in ada.keyboard_message().text
    calls = await ada.press("Choose my time zone", nudge)
    # The picker comes as a new message: the nudge keeps its words and buttons.
    assert [c.method for c in calls] == ["answerCallbackQuery", "sendMessage"]
    kept = next(m for m in ada.messages() if m.message_id == nudge.message_id)
    assert kept.text == nudge.text and kept.buttons == nudge.buttons
    await ada.press("Tokyo")
    user = await services.store.get_user(7)
    assert user is not None and user.zone_chosen
    assert user.next_nudge_at == datetime(2026, 3, 5, 0, 0, tzinfo=UTC)  # 09:00 in Tokyo


async def test_the_language_row_switches_the_whole_screen(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/settings")
    calls = await ada.press("Language: English")
    assert [c.method for c in calls] == ["answerCallbackQuery", "editMessageText"]
    assert labels(ada) == ["• English", "Deutsch", "Español", "Русский", "‹ Back"]
    [screen] = texts(await ada.press("Deutsch"))
    # Said in the new language at once: the screen, its buttons and what changed.
    assert "<b>Deine Einstellungen</b>" in screen and "Deutsch" in screen
    assert "Sprache: Deutsch" in labels(ada)
    user = await services_of(ada.app.bot_data).store.get_user(7)
    assert user is not None and user.language == "de"
    [help_text] = texts(await ada.send("/help"))
    assert "/practice" in help_text and "Übung" in help_text
    await ada.press("Sprache: Deutsch")
    [back] = texts(await ada.press("English"))
    assert "<b>Your settings</b>" in back and "Language: English" in labels(ada)


async def test_a_forged_language_is_refused_and_changes_nothing(chat: Chat) -> None:
    from bot.telegram.callbacks import SettingsPress, encode

    ada = chat(7)
    await ada.send("/settings")
    screen = ada.keyboard_message()
    calls = await ada.press_data(encode(SettingsPress("L", "xx")), screen)
    assert "editMessageText" not in [c.method for c in calls]
    user = await services_of(ada.app.bot_data).store.get_user(7)
    assert user is not None and user.language == "en"


async def test_the_zone_button_under_the_welcome_leaves_the_welcome_in_place(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/start")
    welcome = ada.keyboard_message()
    calls = await ada.press("Choose my time zone", welcome)
    assert [c.method for c in calls] == ["answerCallbackQuery", "sendMessage"]
    kept = next(m for m in ada.messages() if m.message_id == welcome.message_id)
    assert kept.text == welcome.text and kept.buttons == welcome.buttons
    assert "Berlin" in labels(ada)
    [done] = texts(await ada.press("Berlin"))
    assert "Time zone set to Berlin" in done


async def test_the_focus_view_pages_through_every_skill(
    tmp_path: Path, make_app: AppFactory, api: FakeBotAPI
) -> None:
    for number in range(20):
        (tmp_path / f"Skill {number:02}.md").write_text(
            f'---\nfileClass: meta_skill\nsteps: ["Step 1: Do {number}"]\n---\n'
        )
    app = await make_app(skills_dir=tmp_path)
    ada = StartedChat(app, api, 7)
    await ada.send("/settings")
    await ada.press("Focus")
    assert labels(ada) == [
        "• Skill 00",  # the vault's default focus: its first card
        *(f"Skill {n:02}" for n in range(1, 8)),
        "1 / 3",
        "Next ›",
        "‹ Back",
    ]
    await ada.press("Next ›")
    await ada.press("Next ›")
    last = labels(ada)
    assert "Skill 19" in last and "‹ Previous" in last and "Next ›" not in last
    [screen] = texts(await ada.press("Skill 17"))
    assert "Your focus is now Skill 17." in screen
    # Opened again, the view starts on the page with the focus.
    await ada.press("Focus")
    assert "• Skill 17" in labels(ada)


async def test_nudges_that_are_off_offer_no_pause_and_an_ended_pause_says_they_stay_off(
    chat: Chat,
) -> None:
    ada = chat(7)
    await ada.send("/settings")
    await ada.press("Pause a week")
    await ada.press("Turn nudges off")
    assert "End the pause" in labels(ada)  # a pause still running can be ended
    [screen] = texts(await ada.press("End the pause"))
    assert "The pause is over. Daily nudges are still off; turn them on below." in screen
    assert "nudges are back" not in screen
    assert not any(label.startswith("Pause") for label in labels(ada))
    assert "Turn nudges on" in labels(ada)
    await ada.press("Turn nudges on")
    assert "Pause a day" in labels(ada) and "Pause a week" in labels(ada)


async def test_a_stale_settings_button_is_logged_as_ordinary_a_forged_one_as_a_warning(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    ada = chat(7)
    await ada.send("/settings")
    with caplog.at_level(logging.INFO):
        # A focus card reloaded away since the view was drawn: well-formed, just gone.
        gone = await ada.press_data("c:F:0123456789")
        assert callback_answers(gone) == ["That button no longer works."]
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
        assert "button no longer applies for user 7" in caplog.text
        forged = await ada.press_data("c:T:2500")  # a time no button ever carries
        assert callback_answers(forged) == ["That button no longer works."]
        [warning] = [r for r in caplog.records if r.levelno >= logging.WARNING]
        assert "malformed button data" in warning.getMessage()


async def test_someone_forgotten_between_the_check_and_the_handler_is_told_to_start(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    ada = chat(7)
    await ada.send("/settings")
    screen = ada.keyboard_message()
    store = services_of(ada.app.bot_data).store
    ensure_user = store.ensure_user

    async def forgotten_first(user_id: int, chat_id: int) -> User:
        # Another replica's /forget lands after the access check, before this read.
        await store.forget_user(user_id)
        return await ensure_user(user_id, chat_id)

    store.ensure_user = forgotten_first  # type: ignore[method-assign]
    with caplog.at_level(logging.INFO):
        [answer] = texts(await ada.send("/settings"))
        await store.register(7, 7)
        calls = await ada.press("Time: 09:00", screen)
    assert answer == "I keep nothing about you right now. Send /start to begin (again)."
    assert any("Send /start to begin" in a for a in callback_answers(calls))
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_nudges_turned_off_and_on_again_in_words(chat: Chat, app: BotApplication) -> None:
    # A tester: "turn off the reminders please" got Partnering Instead of Defending, and
    # "turn reminders back on" three skills.
    ada = chat(7)
    store = services_of(app.bot_data).store
    [asked] = texts(await ada.send("turn off the reminders please"))
    assert asked.startswith("<b>Shall I stop the daily nudges?</b>")
    await ada.press("Turn nudges off")
    person = await store.get_user(7)
    assert person is not None and not person.reminders_enabled
    [on] = texts(await ada.send("turn reminders back on"))
    assert on.startswith("Done: your daily nudge")
    person = await store.get_user(7)
    assert person is not None and person.reminders_enabled


async def test_pause_while_the_nudges_are_off_says_so(chat: Chat, app: BotApplication) -> None:
    # A tester: /pause with nudges off said "paused until Friday", then /resume "still off".
    ada = chat(7)
    await ada.send("/remind off")
    [said] = texts(await ada.send("/pause 7"))
    assert said.startswith("Your daily nudges are off already")
    person = await services_of(app.bot_data).store.get_user(7)
    assert person is not None and person.paused_until is None


async def test_thanks_that_helped_is_thanks(chat: Chat) -> None:
    [said] = texts(await chat(7).send("thanks, that helped"))
    assert said.startswith("You’re welcome.")


async def test_reminders_asked_back_in_words_end_a_pause(
    chat: Chat, app: BotApplication, clock: FakeClock
) -> None:
    # A review: "resume reminders" while paused said "Done", then "paused until Tuesday".
    ada = chat(7)
    await ada.send("/pause 7")
    [said] = texts(await ada.send("resume reminders"))
    assert "paused until" not in said
    person = await services_of(app.bot_data).store.get_user(7)
    assert person is not None and not person.is_paused(clock())
