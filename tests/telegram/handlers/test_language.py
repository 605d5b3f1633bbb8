"""A person's language: picked from Telegram on first contact, kept, changed with /language,
and used for every sentence, date and plural from /start to the nudge to /progress."""

import json
from html import escape

import pytest

from bot.offline import FakeBotAPI
from bot.offline.chat import FakeChat, texts
from bot.telegram.context import BotApplication, services_of
from bot.texts import i18n
from bot.texts.basics import free_text_example, free_text_hint
from bot.texts.commands import COMMANDS
from tests.support.clock import FakeClock


async def practise(person: FakeChat, start: str, next_: str, finish: str, skip: str) -> None:
    await person.send("/practice")
    await person.press(start)
    while finish not in [b["text"] for b in person.keyboard_message().buttons]:
        await person.press(next_)
    await person.press(finish)
    await person.press(skip)


async def test_a_german_person_is_spoken_to_in_german_from_start_to_progress(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock
) -> None:
    lena = FakeChat(app, api, 7, "Lena", language_code="de-AT")
    [welcome] = texts(await lena.send("/start"))
    assert welcome.startswith("Hallo Lena!") and "wähl deine Zeitzone" in welcome
    store = services_of(app.bot_data).store
    person = await store.get_user(7)
    assert person is not None and person.language == "de"
    await lena.press("Meine Zeitzone wählen")
    assert "In welcher Zeitzone bist du?" in lena.keyboard_message().text
    await lena.press("Berlin")

    [intro] = texts(await lena.send("/practice"))
    assert intro.startswith("<b>Wiedergutmachen</b> · <i>Fähigkeit</i>")
    assert "<i>Aufbauend auf:</i> Unbehagen aushalten" in intro
    assert "5 Schritte, einer nach dem anderen" in intro
    assert "Tippe auf <b>Los geht’s</b>" in intro
    await lena.press("Los geht’s")
    assert "Wiedergutmachen · Schritt 1 von 5" in lena.keyboard_message().text
    assert "<b>Erst selbst zur Ruhe kommen</b>" in lena.keyboard_message().text
    labels = [b["text"] for b in lena.keyboard_message().buttons]
    assert labels == ["Pause", "Weiter ▶"]
    while "Fertig ✓" not in [b["text"] for b in lena.keyboard_message().buttons]:
        await lena.press("Weiter")
    [reflect] = texts(await lena.press("Fertig"))
    assert "alle 5 Schritte" in reflect and "Was ist dir aufgefallen?" in reflect
    [done] = texts(await lena.send("Ich bin ruhiger geblieben."))
    assert "Du hast alle 5 Schritte von <b>Wiedergutmachen</b> geübt" in done
    assert "erster Durchgang" in done

    clock.advance(days=1)
    await services_of(app.bot_data).dispatcher.run_once()
    nudge = api.sent(7)[-1]
    assert "Dein Schwerpunkt: Wiedergutmachen" in nudge.text and "Gedanke für heute" in nudge.text
    assert [b["text"] for b in nudge.buttons][:2] == ["Jetzt üben ▶", "Häufige Fehler"]

    [summary, caption] = texts(await lena.send("/progress"))
    assert "<b>Dein Fortschritt</b>" in summary and "<b>Wiedergutmachen</b>" in summary
    assert "1 insgesamt" in summary and "zuletzt " in summary and "Gewohnheitsstärke" in summary
    assert "letzten 12 Wochen" in caption
    [reflections] = texts(await lena.send("/reflections"))
    assert "<b>Wiedergutmachen</b> · " in reflections and "ruhiger geblieben" in reflections

    # /language → English: from now on, English (and the choice is stored).
    [question] = texts(await lena.send("/language"))
    assert "In welcher Sprache" in question
    [changed] = texts(await lena.press("English"))
    assert "I’ll speak English with you from now on" in changed
    [summary, _caption] = texts(await lena.send("/progress"))
    assert "<b>Your progress</b>" in summary
    person = await store.get_user(7)
    assert person is not None and person.language == "en"

    calls = await lena.send("/export")
    document = next(c for c in calls if c.method == "sendDocument")
    assert document.message is not None and document.message.file is not None
    assert json.loads(document.message.file)["users"][0]["language"] == "en"


async def test_cancel_names_the_card_in_the_persons_language(
    app: BotApplication, api: FakeBotAPI
) -> None:
    lena = FakeChat(app, api, 7, "Lena", "de")
    await lena.send("/start")
    await lena.send("/practice")
    await lena.press("Los geht")
    [ended] = texts(await lena.send("/cancel"))
    assert "Wiedergutmachen" in ended and "Repair" not in ended


async def test_a_practice_closed_while_idle_is_named_by_the_persons_card(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock
) -> None:
    lena = FakeChat(app, api, 7, "Lena", "de")
    await lena.send("/start")
    await lena.send("/practice")
    await lena.press("Los geht")
    clock.advance(hours=30)
    [closed, *_] = texts(await lena.send("/practice"))
    assert "Deine Übung zu Wiedergutmachen stand lange" in closed and "Repair" not in closed


async def test_a_language_we_do_not_speak_falls_back_to_english(
    app: BotApplication, api: FakeBotAPI
) -> None:
    [welcome] = texts(await FakeChat(app, api, 8, "Ana", "pt-BR").send("/start"))
    assert welcome.startswith("Hi Ana!")
    person = await services_of(app.bot_data).store.get_user(8)
    assert person is not None and person.language == "en"


async def test_a_stored_language_wins_over_the_telegram_app(
    app: BotApplication, api: FakeBotAPI
) -> None:
    await FakeChat(app, api, 9, "Max", "de").send("/start")
    [help_text] = texts(await FakeChat(app, api, 9, "Max", "en").send("/help"))
    assert "<b>Was ich kann</b>" in help_text


async def test_a_forged_language_press_is_refused(app: BotApplication, api: FakeBotAPI) -> None:
    lena = FakeChat(app, api, 7, "Lena", "de")
    await lena.send("/start")
    await lena.send("/language")
    calls = await lena.press_data("t:xx")
    assert [c.params.get("text") for c in calls if c.method == "answerCallbackQuery"] == [
        "Dieser Knopf funktioniert nicht mehr."
    ]


async def test_the_menu_and_description_are_registered_in_every_language(
    app: BotApplication, api: FakeBotAPI
) -> None:
    from bot.telegram.announcement import announce_commands
    from bot.texts.i18n import LANGUAGES

    await announce_commands(app)
    public = [c.name for c in COMMANDS if c.in_menu]
    assert set(api.commands_by_language) == {"", *LANGUAGES}
    for language, commands in api.commands_by_language.items():
        assert [c["command"] for c in commands] == public, language
    german = {c["command"]: c["description"] for c in api.commands_by_language["de"]}
    assert german["practice"] == "Eine Fähigkeit üben, Schritt für Schritt"
    assert api.descriptions["de"].startswith("Ein Übungsbegleiter")
    assert api.descriptions[""].startswith("A practice companion")
    assert set(api.short_descriptions) == {"", *LANGUAGES}


async def test_russian_and_spanish_people_are_welcomed_in_their_language(
    app: BotApplication, api: FakeBotAPI
) -> None:
    [welcome] = texts(await FakeChat(app, api, 11, "Оля", "ru").send("/start"))
    assert welcome.startswith("Привет, Оля!") and "выбери часовой пояс" in welcome
    [welcome] = texts(await FakeChat(app, api, 12, "Lucía", "es-MX").send("/start"))
    assert welcome.startswith("¡Hola, Lucía!") and "elige tu zona horaria" in welcome


@pytest.mark.parametrize(
    ("button", "said"),
    [
        ("English", "Done: I’ll speak English with you from now on."),
        ("Deutsch", "Erledigt: Ab jetzt schreibe ich dir auf Deutsch."),
        ("Español", "Listo: a partir de ahora te hablo en español."),
        ("Русский", "Готово: теперь я пишу тебе по-русски."),
    ],
)
async def test_each_language_confirms_itself_in_its_own_words(
    app: BotApplication, api: FakeBotAPI, button: str, said: str
) -> None:
    # Not "te hablo en este idioma (Español)": each language names itself as it would.
    ana = FakeChat(app, api, 7, "Ana", "en")
    await ana.send("/start")
    await ana.send("/language")
    [changed] = texts(await ana.press(button))
    assert changed == said


@pytest.mark.parametrize(
    ("code", "grounded"),
    [
        ("en", "Staying Grounded"),
        ("de", "Geerdet bleiben"),
        ("es", "Mantener los pies en la tierra"),
        ("ru", "Сохранять опору"),
    ],
)
async def test_help_says_writing_what_happened_finds_a_skill(
    app: BotApplication, api: FakeBotAPI, code: str, grounded: str
) -> None:
    ana = FakeChat(app, api, 7, "Ana", code)
    await ana.send("/start")
    [help_text] = texts(await ana.send("/help"))
    with i18n.speaking(code):
        example, hint = free_text_example(), free_text_hint()
    assert help_text.split("\n")[2] == hint and escape(example) in hint
    # /remind's switch words as the person would type them, each one understood.
    usage = {
        "en": "[07:45|off|on|quiet|loud]",
        "de": "[07:45|aus|an|leise|laut]",
        "es": "[07:45|apagar|activar|silencio|sonido]",
        "ru": "[07:45|выкл|вкл|тихо|звук]",
    }[code]
    assert f"/remind {usage} — " in help_text
    for word in usage.strip("[]").split("|")[1:]:
        [reply] = texts(await ana.send(f"/remind {word}"))
        assert "/remind 07:45" not in reply, word  # not the "didn't understand" answer
    # The example /help gives finds a skill in that language, not the focus fallback.
    [reply] = texts(await ana.send(example))
    assert f"<b>{grounded}</b>" in reply.split("\n")[2]


async def test_language_takes_the_language_as_typed(app: BotApplication, api: FakeBotAPI) -> None:
    ana = FakeChat(app, api, 7, "Ana", "en")
    await ana.send("/start")
    [changed] = texts(await ana.send("/language Deutsch"))
    assert changed == "Erledigt: Ab jetzt schreibe ich dir auf Deutsch."
    person = await services_of(app.bot_data).store.get_user(7)
    assert person is not None and person.language == "de"
    await ana.send("/language ru")
    person = await services_of(app.bot_data).store.get_user(7)
    assert person is not None and person.language == "ru"
    await ana.send("/language klingon")  # unknown: the picker
    assert len(ana.keyboard_message().buttons) == 4


async def test_someone_who_writes_in_another_language_we_speak_is_offered_it_once(
    app: BotApplication, api: FakeBotAPI
) -> None:
    # A tester whose Telegram app was in English wrote "Sprichst du Deutsch?" and was
    # answered in English, with no word of /language.
    ada = FakeChat(app, api, 7, "Ada", "en")
    await ada.send("/start")
    _answer, offer = texts(await ada.send("Sprichst du Deutsch?"))
    assert offer == "Ich spreche auch Deutsch. Soll ich ab jetzt Deutsch mit dir sprechen?"
    assert [b["text"] for b in ada.keyboard_message().buttons] == ["Deutsch", "English"]
    [kept] = texts(await ada.press("English"))
    assert kept == "Done: I’ll speak English with you from now on."
    replies = texts(await ada.send("Ich verteidige mich immer, statt zuzuhören"))
    assert not any("Deutsch" in reply for reply in replies)  # asked once
    bo = FakeChat(app, api, 8, "Bo", "en")
    await bo.send("/start")
    await bo.send("no sé qué hacer con mi pareja")
    [spanish] = texts(await bo.press("Español"))
    assert spanish == "Listo: a partir de ahora te hablo en español."
    person = await services_of(app.bot_data).store.get_user(8)
    assert person is not None and person.language == "es"


async def test_no_language_is_offered_after_safety_language(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada = FakeChat(app, api, 7, "Ada", "en")
    await ada.send("/start")
    replies = texts(await ada.send("tengo miedo de volver a casa, se enoja mucho"))
    assert not any("También hablo español" in reply for reply in replies)  # help only


async def test_the_offer_follows_only_an_answer_of_skills_and_never_other_words(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada = FakeChat(app, api, 7, "Ada", "en")
    await ada.send("/start")
    for words in (
        "Ich kann nicht mehr",  # pain: met, nothing after it
        "todas las mañanas a las 7",  # a time: its question stands alone
        'she texted me: "Ich kann das nicht mehr, du hörst mir nie zu"',  # her words
        # pain told at length: met, then skills, and nothing after them
        "Wir haben uns gestern wieder gestritten, er hat die Tür zugeknallt und ist "
        "gegangen, und ich kann nicht mehr",
    ):
        replies = texts(await ada.send(words))
        assert not any(
            "Ich spreche auch Deutsch" in reply or "También hablo español" in reply
            for reply in replies
        ), words


async def test_no_language_is_offered_while_a_question_of_the_bots_is_open(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada = FakeChat(app, api, 7, "Ada", "en")
    await ada.send("/start")
    await ada.send("/pause")  # "For how many days?"
    replies = texts(await ada.send("Ich weiß nicht, wie lange ich das brauche"))
    assert not any("Ich spreche auch Deutsch" in reply for reply in replies)
