"""/remind, /timezone, /pause, /resume, onboarding and the nudge buttons, through the real app."""

from datetime import UTC, datetime, time

from bot.domain.models import NudgeOutcome
from bot.offline import FakeBotAPI
from bot.offline.chat import FakeChat, callback_answers, texts
from bot.telegram.context import BotApplication, services_of
from tests.support.app import Chat
from tests.support.clock import FakeClock


def labels(person: FakeChat) -> list[str]:
    return [b["text"] for b in person.keyboard_message().buttons]


async def test_onboarding_sets_the_zone_with_a_button(chat: Chat, app: BotApplication) -> None:
    ada = chat(7)
    await ada.send("/start")
    await ada.press("Choose my time zone")
    assert "Berlin" in labels(ada) and "UTC" in labels(ada)
    [done] = texts(await ada.press("Berlin"))
    assert "Time zone set to Berlin" in done and "<b>Your settings</b>" in done
    user = await services_of(app.bot_data).store.get_user(7)
    assert user is not None and user.timezone == "Europe/Berlin" and user.zone_chosen


async def test_remind_shows_and_sets(chat: Chat, app: BotApplication) -> None:
    ada = chat(7)
    [summary] = texts(await ada.send("/remind"))  # on its own: the settings screen
    assert "<b>Your settings</b>" in summary and "— on." in summary
    assert labels(ada)[:2] == ["Time: 09:00", "Time zone: choose"]
    store = services_of(app.bot_data).store
    for typed, expected in [
        ("07:45", time(7, 45)),
        ("7.45", time(7, 45)),
        ("7am", time(7, 0)),
        ("19:30", time(19, 30)),
        ("7:15 pm", time(19, 15)),
    ]:
        [reply] = texts(await ada.send(f"/remind {typed}"))
        assert f"<b>{expected.strftime('%H:%M')}</b>" in reply, typed
        user = await store.get_user(7)
        assert user is not None and user.reminder_time == expected
    assert "Daily nudges are off" in texts(await ada.send("/remind off"))[0]
    user = await store.get_user(7)
    assert user is not None and not user.reminders_enabled and user.next_nudge_at is None
    assert "silently" in texts(await ada.send("/remind quiet"))[0]
    assert "your daily nudge will come" in texts(await ada.send("/remind on"))[0]
    for bad in ("/remind 25:00", "/remind soon"):
        [reply] = texts(await ada.send(bad))
        assert "<code>/remind 07:45</code>" in reply, bad


async def test_a_time_in_words_is_set_and_a_bare_hour_asks_which_half_of_the_day(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    store = services_of(app.bot_data).store
    [reply] = texts(await ada.send("/remind every morning at 7"))
    assert "<b>07:00</b>" in reply
    [reply] = texts(await ada.send("/remind halb acht"))
    assert "<b>07:30</b>" in reply
    # "7": morning or evening? Both offered, neither guessed.
    [asked] = texts(await ada.send("/remind 7"))
    assert asked == "<b>In the morning or in the evening?</b>"
    assert labels(ada) == ["07:00", "19:00"]
    await ada.press("19:00")
    user = await store.get_user(7)
    assert user is not None and user.reminder_time == time(19)
    # Or answered by typing.
    await ada.send("/remind um 8")
    [reply] = texts(await ada.send("8pm"))
    assert "<b>20:00</b>" in reply


async def test_remind_buttons(chat: Chat, app: BotApplication) -> None:
    ada = chat(7)
    await ada.send("/timezone UTC")  # a time before a zone has its own test
    await ada.send("/remind")
    await ada.press("Time: 09:00")
    [shown] = texts(await ada.press("18:00"))
    assert "<i>Daily nudge at 18:00.</i>" in shown and "Time: 18:00" in labels(ada)
    assert "Daily nudges are off." in texts(await ada.press("Turn nudges off"))[0]
    assert "Turn nudges on" in labels(ada)
    await ada.press("Quietly")
    user = await services_of(app.bot_data).store.get_user(7)
    assert user is not None and user.silent_nudges and not user.reminders_enabled
    forged = await ada.press_data("c:T:2500")
    assert callback_answers(forged) == ["That button no longer works."]
    # A /remind keyboard sent before the settings screen existed still works.
    assert callback_answers(await ada.press_data("r:0700")) == ["Daily nudge at 07:00 silently."]


async def test_timezone_by_name_city_case_and_typo(chat: Chat, app: BotApplication) -> None:
    ada = chat(7)
    store = services_of(app.bot_data).store
    for typed, zone in [
        ("Europe/Berlin", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("TOKYO", "Asia/Tokyo"),
        ("america/sao_paulo", "America/Sao_Paulo"),
    ]:
        [reply] = texts(await ada.send(f"/timezone {typed}"))
        assert f"<b>{zone.replace('_', ' ')}</b>" in reply  # read as a person reads it
        user = await store.get_user(7)
        assert user is not None and user.timezone == zone
    [typo] = texts(await ada.send("/timezone Berln"))
    assert "Did you mean" in typo and labels(ada)[0] == "Berlin, Germany"
    await ada.press("Berlin, Germany")
    user = await store.get_user(7)
    assert user is not None and user.timezone == "Europe/Berlin"
    for nonsense in ("Xqzzyv Plorp", "asdf", "UTC+15"):
        calls = await ada.send(f"/timezone {nonsense}")
        [unknown] = texts(calls)
        assert "<code>/timezone Berlin</code>" in unknown and "Did you mean" not in unknown
        assert calls[-1].message is not None and not calls[-1].message.buttons, nonsense
    [current] = texts(await ada.send("/timezone"))
    assert "Your time zone is <b>Europe/Berlin</b>" in current and "Berlin" in labels(ada)


async def test_a_name_other_places_share_is_set_with_the_others_a_tap_away(
    chat: Chat, app: BotApplication
) -> None:
    # Córdoba, Argentina is the one its zone is named after, and four times Córdoba,
    # Spain: set, with Spain's and Mexico's offered at once, not left to be found.
    ada = chat(7)
    store = services_of(app.bot_data).store
    [reply] = texts(await ada.send("/timezone Córdoba"))
    assert "<b>America/Argentina/Cordoba</b>" in reply
    assert "Another “Córdoba”? Tap it to set that time zone instead." in reply
    assert labels(ada) == ["Córdoba, Spain", "Córdoba, Mexico", "None of these"]
    await ada.press("Córdoba, Spain")
    user = await store.get_user(7)
    assert user is not None and user.timezone == "Europe/Madrid"
    [berlin] = texts(await ada.send("/timezone Berlin"))  # no Berlin elsewhere is that big
    assert "Another" not in berlin


async def test_timezone_takes_a_utc_offset(chat: Chat, app: BotApplication) -> None:
    ada = chat(7)
    store = services_of(app.bot_data).store
    for typed, zone in [("UTC+3", "UTC+03:00"), ("GMT-5", "UTC-05:00"), ("+05:30", "UTC+05:30")]:
        [reply] = texts(await ada.send(f"/timezone {typed}"))
        assert f"<b>{zone}</b>" in reply and "won’t follow daylight saving" in reply, typed
        user = await store.get_user(7)
        assert user is not None and user.timezone == zone and user.zone_chosen
    # 09:00 at UTC+05:30 is 03:30 UTC; the clock stands at 08:00 UTC on 2 March.
    assert user.next_nudge_at == datetime(2026, 3, 3, 3, 30, tzinfo=UTC)
    [current] = texts(await ada.send("/timezone"))
    assert "<b>UTC+05:30</b>" in current


async def test_a_name_of_several_places_asks_which(chat: Chat, app: BotApplication) -> None:
    ada = chat(7)
    [question] = texts(await ada.send("/timezone Birmingham"))
    assert "more than one “Birmingham”" in question
    assert labels(ada)[:2] == ["Birmingham, United Kingdom", "Birmingham, Alabama, United States"]
    await ada.press("Birmingham, Alabama, United States")
    user = await services_of(app.bot_data).store.get_user(7)
    assert user is not None and user.timezone == "America/Chicago"


async def test_pause_and_resume(chat: Chat, app: BotApplication, clock: FakeClock) -> None:
    ada = chat(7)
    [paused] = texts(await ada.send("/pause 7"))
    assert "paused until <b>Monday, 9 March 2026</b>" in paused
    assert "Paused until Mon 9 Mar" in texts(await ada.send("/remind"))[0]
    assert "For how many days" in texts(await ada.send("/pause"))[0]
    for bad in ("/pause 0", "/pause 400", "/pause a fortnight", "/pause ²"):
        assert "number of days" in texts(await ada.send(bad))[0], bad
    assert "on again" in texts(await ada.send("/resume"))[0]
    assert "aren’t paused" in texts(await ada.send("/resume"))[0]


async def test_nudge_buttons(chat: Chat, app: BotApplication, clock: FakeClock) -> None:
    services = services_of(app.bot_data)
    ada = chat(7)
    await ada.send("/timezone UTC")
    clock.now = datetime(2026, 3, 2, 9, 0, 30, tzinfo=UTC)
    await services.dispatcher.run_once()
    nudge = ada.keyboard_message()
    assert "Your focus: Repair" in nudge.text
    [mistakes] = texts(await ada.press("Common mistakes", nudge))
    assert "Common mistakes · Repair" in mistakes
    snooze_data = next(b["callback_data"] for b in nudge.buttons if "Snooze" in b["text"])
    calls = await ada.press("Snooze", nudge)
    assert callback_answers(calls) == ["Okay — I’ll remind you again in an hour."]
    # Snooze and Skip are used up; Practise now and Common mistakes stay.
    assert [b["text"] for b in ada.api.messages[(7, nudge.message_id)].buttons] == [
        "Practise now ▶",
        "Common mistakes",
    ]
    again = await ada.press_data(snooze_data, nudge)  # a double tap: it is snoozed
    assert callback_answers(again) == ["Okay — I’ll remind you again in an hour."]
    clock.advance(hours=1, minutes=1)
    await services.dispatcher.run_once()
    second = ada.keyboard_message()
    assert second.message_id != nudge.message_id and "Your focus: Repair" in second.text
    assert callback_answers(await ada.press("Skip today", second)) == [
        "Skipped for today. See you tomorrow."
    ]
    [record] = await services.store.nudges_of(7)
    assert record.outcome is NudgeOutcome.SKIPPED
    [step] = texts(await ada.press("Practise now", second))
    assert "Step 1 of 5" in step


async def test_a_time_set_before_a_zone_says_it_waits_for_one_and_offers_it(
    chat: Chat, clock: FakeClock
) -> None:
    ada = chat(7)
    clock.now = datetime(2026, 3, 2, 16, 20, 30, tzinfo=UTC)  # first contact
    await ada.send("/start")
    store = services_of(ada.app.bot_data).store
    [reply] = texts(await ada.send("/remind 07:45"))
    assert "<b>07:45</b> your time once you choose your time zone" in reply
    assert "Until then it comes at 16:20 UTC" in reply
    assert labels(ada) == ["Choose my time zone"]  # under the same reply
    user = await store.get_user(7)
    assert user is not None and user.next_nudge_at == datetime(2026, 3, 3, 16, 20, tzinfo=UTC)
    await ada.press("Choose my time zone")
    [done] = texts(await ada.press("Berlin"))
    assert "Time zone set to Berlin" in done
    user = await store.get_user(7)
    # Now the chosen time holds: 07:45 in Berlin (UTC+1 in March) is 06:45 UTC.
    assert user is not None and user.next_nudge_at == datetime(2026, 3, 3, 6, 45, tzinfo=UTC)


async def test_a_settings_time_before_a_zone_says_it_waits_and_that_nudges_came_back_on(
    chat: Chat,
) -> None:
    ada = chat(7)
    await ada.send("/remind off")
    await ada.send("/settings")
    await ada.press("Time: 09:00")
    [shown] = texts(await ada.press("07:00"))
    assert (
        "<i>Daily nudge at 07:00 your time, once you choose your time zone below. "
        "Nudges are on again.</i>" in shown
    )
    assert "Time zone: choose" in labels(ada)
    await ada.press("Time zone: choose")
    await ada.press("Berlin")
    await ada.press("Turn nudges off")
    await ada.press("Time: 07:00")
    [shown] = texts(await ada.press("08:00"))
    assert "<i>Daily nudge at 08:00 — nudges are on again.</i>" in shown
    [shown] = texts(await ada.press("Time: 08:00") + await ada.press("09:00"))[-1:]
    assert "<i>Daily nudge at 09:00.</i>" in shown


async def test_a_time_before_a_zone_is_explained_in_the_persons_language(
    app: BotApplication, api: FakeBotAPI
) -> None:
    lena = FakeChat(app, api, 7, "Lena", "de")
    await lena.send("/start")
    [reply] = texts(await lena.send("/remind 07:45"))
    assert "sobald du deine Zeitzone wählst" in reply
    assert labels(lena) == ["Meine Zeitzone wählen"]


async def test_resume_while_nudges_are_off_does_not_say_they_are_back(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/pause 3")
    await ada.send("/remind off")
    [reply] = texts(await ada.send("/resume"))
    assert reply == (
        "The pause is over. Daily nudges are still off; <code>/remind on</code> turns them on."
    )


async def test_times_switches_and_pauses_as_german_speakers_write_them(
    app: BotApplication, api: FakeBotAPI
) -> None:
    lena = FakeChat(app, api, 41, "Lena", "de")
    await lena.send("/start")
    [set_at] = texts(await lena.send("/remind 7 Uhr"))
    assert "07:00" in set_at
    await lena.send("/remind aus")
    person = await services_of(app.bot_data).store.get_user(41)
    assert person is not None and not person.reminders_enabled
    [off] = texts(await lena.send("/pause"))  # off: nothing to pause, said so
    assert off.startswith("Deine täglichen Impulse sind schon aus")
    await lena.send("/remind an")
    await lena.send("/pause")
    [paused] = texts(await lena.send("eine Woche"))  # typed, as the answer to /pause
    assert paused.startswith("Die Impulse pausieren bis")


async def test_before_a_zone_every_reminder_screen_speaks_of_their_time(chat: Chat) -> None:
    ada = chat(7)  # no time zone chosen yet
    [off] = texts(await ada.send("/remind off"))
    assert "your time, once you choose your time zone" in off and "UTC time" not in off
    await ada.send("/remind on")
    [quiet] = texts(await ada.send("/remind quiet"))
    assert quiet.endswith("The nudge comes silently.")


async def test_remind_me_in_words_offers_that_time_as_a_button(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    [offer] = texts(await ada.send("remind me at 8pm please"))
    assert offer.startswith("Shall your daily nudge come at this time?")
    assert labels(ada) == ["20:00"]
    await ada.press("20:00")
    user = await services_of(app.bot_data).store.get_user(7)
    assert user is not None and user.reminder_time == time(20)


async def test_remind_me_with_a_bare_hour_asks_which_half_of_the_day(chat: Chat) -> None:
    ada = chat(7)
    [asked] = texts(await ada.send("remind me every day at 8"))
    assert asked == "<b>In the morning or in the evening?</b>"
    assert labels(ada) == ["08:00", "20:00"]
    # The half of the day alone answers the question about the hour asked.
    [evening] = texts(await ada.send("evening"))
    assert "<b>20:00</b>" in evening
    await ada.send("/remind 7")
    [abends] = texts(await ada.send("abends"))
    assert "<b>19:00</b>" in abends
    await ada.send("/remind 7")
    [typed] = texts(await ada.send("7:30"))  # any time typed answers it too
    assert "<b>07:30</b>" in typed


async def test_times_and_pauses_typed_as_messages_are_offered_as_buttons(
    app: BotApplication, chat: Chat
) -> None:
    ada = chat(7)
    [offer] = texts(await ada.send("todas las mañanas a las 7"))  # no language offer on it
    assert offer.startswith("Shall your daily nudge come at this time?")
    assert labels(ada) == ["07:00"]
    [asked] = texts(await ada.send("can you remind me at 7"))
    assert asked == "<b>In the morning or in the evening?</b>"
    [pause] = texts(await ada.send("pause for a week please"))
    assert pause.startswith("Shall I pause your daily nudges for 7 days?")
    assert labels(ada) == ["Pause for 7 days"]
    [paused] = texts(await ada.press("Pause for 7 days"))
    assert paused.startswith("Nudges are paused until")
    user = await services_of(app.bot_data).store.get_user(7)
    assert user is not None and user.paused_until is not None


async def test_a_typed_pause_out_of_range_says_the_range_and_offers_the_usual(
    chat: Chat,
) -> None:
    ada = chat(7)
    [asked] = texts(await ada.send("pause for 1000 days"))
    assert "from 1 to 365" in asked
    assert labels(ada) == ["1 day", "3 days", "7 days", "14 days"]
    [paused] = texts(await ada.send("14"))  # the question stands: a number answers it
    assert paused.startswith("Nudges are paused until")


async def test_resume_with_no_pause_of_nudges_offers_the_paused_practice(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    await ada.press("Next")
    await ada.press("Pause")
    [offered] = texts(await ada.send("/resume"))
    assert "is paused at step 2 of 5" in offered
    [step] = texts(await ada.press("Resume"))
    assert "Step 2 of 5" in step
    [plain] = texts(await ada.send("/resume"))
    assert plain.startswith("Nudges aren’t paused.")


async def test_a_time_set_during_a_pause_says_when_nudges_come_back(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/pause 3")
    [said] = texts(await ada.send("/remind 19:00"))
    assert said.startswith("Done: your daily nudge")
    assert "They are paused until" in said and "/resume" in said


async def test_a_zone_answered_in_a_sentence_or_as_a_country(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/timezone")
    await ada.send("I live in Lisbon")
    assert labels(ada) == ["Lisbon · Europe/Lisbon"]
    [germany] = texts(await ada.send("/timezone germany"))
    assert "Berlin" in germany


async def test_pause_asked_mid_practice_says_it_pauses_the_nudges(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    [asked] = texts(await ada.send("/pause"))
    assert "For how many days" in asked and "Your practice of Repair stays where it is" in asked


async def test_punctuation_at_the_zone_question_is_not_looked_up_as_a_place(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/timezone")
    [nod] = texts(await ada.send("."))
    assert "time zone" not in nod  # not 'I don't know the time zone “”'
    await ada.send("/timezone")
    [asked] = texts(await ada.send("?"))
    assert "time zone “" not in asked
