"""Practising a skill for a scenario: card → scenario button → practice → reflection."""

import shutil
from pathlib import Path

from sqlalchemy import text

from bot.offline import FakeBotAPI
from bot.offline.chat import FakeChat, texts
from bot.telegram.app import BotApplication
from bot.telegram.context import services_of
from tests.support.app import AppFactory, Chat, StartedChat
from tests.support.clock import FakeClock
from tests.support.paths import VAULT

CHORES = "After a fight about chores"


def labels(person: FakeChat) -> list[str]:
    return [b["text"] for b in person.keyboard_message().buttons]


async def test_a_practice_for_a_scenario_end_to_end(chat: Chat, app: BotApplication) -> None:
    ada = chat(7)
    [card] = texts(await ada.send("/skill repair"))
    assert "practise it for a situation" in card.casefold()
    scenario_buttons = [label for label in labels(ada) if label.startswith("◇ ")]
    assert scenario_buttons == [
        f"◇ {CHORES}",
        "◇ After you snapped at them",
        "◇ When they go quiet",
    ]

    [intro] = texts(await ada.press(CHORES))
    # The situation first, then the skill as always.
    assert intro.startswith(f"<b>{CHORES}</b>\n")
    assert "didn’t feel like it was about the dishes" in intro
    assert intro.index(CHORES) < intro.index("<b>Repair</b>")
    assert labels(ada)[0] == "Start ▶"

    [first] = texts(await ada.press("Start"))
    assert "Step 1 of 5" in first and "Regulate yourself first" in first
    for _ in range(4):
        await ada.press("Next")
    [prompt] = texts(await ada.press("Finish"))
    assert f"Think back to <i>{CHORES}</i>" in prompt

    await ada.send("I went back in and said the dishes weren’t the point.")
    store = services_of(app.bot_data).store
    async with store.engine.connect() as conn:
        row = (await conn.execute(text("SELECT status, scenario FROM practice_sessions"))).one()
    assert row == ("completed", CHORES)

    [page] = texts(await ada.send("/reflections"))
    assert f"<b>Repair</b> · <i>{CHORES}</i>" in page
    assert "the dishes weren’t the point" in page


async def test_a_meta_skill_shows_the_scenarios_that_name_it(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/skill holding discomfort")
    assert [label for label in labels(ada) if label.startswith("◇ ")] == ["◇ When they go quiet"]


async def test_start_over_keeps_the_scenario(chat: Chat, app: BotApplication) -> None:
    ada = chat(7)
    await ada.send("/skill repair")
    await ada.press("When they go quiet")
    await ada.press("Start")
    await ada.press("Next")
    await ada.send("/practice")
    await ada.press("Start over")
    store = services_of(app.bot_data).store
    async with store.engine.connect() as conn:
        rows = (
            await conn.execute(text("SELECT status, scenario FROM practice_sessions ORDER BY id"))
        ).all()
    assert rows == [("cancelled", "When they go quiet"), ("active", "When they go quiet")]


async def test_a_scenario_button_for_a_scenario_that_is_gone(chat: Chat) -> None:
    from bot.telegram.callbacks import ScenarioPress, SkillAction, encode

    ada = chat(7)
    await ada.send("/skill repair")
    repair_key = ada.keyboard_message().buttons[0]["callback_data"].split(":")[1]
    calls = await ada.press_data(encode(ScenarioPress(repair_key, "0" * 10, SkillAction.INTRO)))
    answers = [c.params.get("text") for c in calls if c.method == "answerCallbackQuery"]
    assert answers == ["That situation is no longer there. Send /practice to choose a skill."]


async def scenario_of_open_practice(app: BotApplication) -> tuple[str, str | None]:
    store = services_of(app.bot_data).store
    async with store.engine.connect() as conn:
        rows = await conn.execute(
            text("SELECT skill, scenario FROM practice_sessions WHERE status = 'active'")
        )
        [(skill, scenario)] = rows.all()
    return skill, scenario


async def test_a_scenario_chosen_while_another_skill_is_open_is_carried_through(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    await ada.send("/practice staying grounded")
    await ada.press("Start")
    await ada.send("/skill repair")
    [offer] = texts(await ada.press(CHORES))
    assert f"end it and start <b>Repair</b> for <i>{CHORES}</i>?" in offer
    [first] = texts(await ada.press("Start Repair instead"))
    assert "Step 1 of 5" in first
    assert await scenario_of_open_practice(app) == ("Repair", CHORES)
    # It reaches the reflection question, which is about the situation.
    for _ in range(4):
        await ada.press("Next")
    [prompt] = texts(await ada.press("Finish"))
    assert f"Think back to <i>{CHORES}</i>" in prompt


async def test_a_new_scenario_for_the_open_skill_is_offered_instead_of_start_over(
    chat: Chat, app: BotApplication
) -> None:
    ada = chat(7)
    await ada.send("/practice repair")
    await ada.press("Start")
    await ada.send("/skill repair")
    [offer] = texts(await ada.press(CHORES))
    assert f"start <b>Repair</b> for <i>{CHORES}</i>?" in offer
    assert f"Start {CHORES} instead" in labels(ada)
    await ada.press(f"Start {CHORES} instead")
    assert await scenario_of_open_practice(app) == ("Repair", CHORES)


# -- scenarios in the person's language ---------------------------------------------------

GERMAN_CHORES = "Nach einem Streit über den Haushalt"
GERMAN_SITUATION = "Es ging um den Abwasch, aber es fühlte sich nicht so an."
GERMAN_NOTE = f"""---
fileClass: scenario
lang: de
translations: ["[[{CHORES}]]"]
skills: ["[[Wiedergutmachen]]"]
---

## Situation
{GERMAN_SITUATION}
"""


def vault_with(folder: Path, notes: dict[str, str]) -> Path:
    """The fixture vault copied to `folder`, with these notes added (path → text)."""
    shutil.copytree(VAULT, folder)
    for rel, note in notes.items():
        (folder / rel).write_text(note, encoding="utf-8")
    return folder


async def press_scenario(person: FakeChat, index: int = 0) -> list[str]:
    """Press a card's scenario button by its place (its label is the person's to read)."""
    buttons = [b for b in person.keyboard_message().buttons if b["text"].startswith("◇ ")]
    return texts(await person.press_data(buttons[index]["callback_data"]))


async def test_a_german_person_practises_a_scenario_in_german(
    tmp_path: Path, make_app: AppFactory, api: FakeBotAPI
) -> None:
    folder = vault_with(tmp_path / "vault", {f"de/{GERMAN_CHORES}.md": GERMAN_NOTE})
    app = await make_app(skills_dir=folder)
    assert services_of(app.bot_data).vault.current.problems == ()
    lena = StartedChat(app, api, 7, "Lena", language_code="de")
    await lena.send("/skill wiedergutmachen")

    [intro] = await press_scenario(lena)
    assert intro.startswith(
        f"<b>{GERMAN_CHORES}</b>\n{GERMAN_SITUATION}\n\n<b>Wiedergutmachen</b>"
    )
    assert "Behalte diesen Moment beim Üben im Kopf" in intro
    assert CHORES not in intro and "dishes" not in intro

    await lena.press("Los geht’s")
    for _ in range(4):
        await lena.press("Weiter")
    [prompt] = texts(await lena.press("Fertig"))
    assert f"Denk noch einmal an <i>{GERMAN_CHORES}</i>" in prompt

    await lena.send("Ich bin zurückgegangen und habe gesagt, dass es nicht um den Abwasch geht.")
    # What is stored is the scenario's identity, its English title: only the words changed.
    assert await scenario_of_last_practice(app) == ("Repair", CHORES)
    [page] = texts(await lena.send("/reflections"))
    assert f"<b>Wiedergutmachen</b> · <i>{GERMAN_CHORES}</i>" in page

    # An English reader of the same vault still reads the English scenario.
    ada = StartedChat(app, api, 8)
    await ada.send("/skill repair")
    [english] = await press_scenario(ada)
    assert english.startswith(f"<b>{CHORES}</b>\n")


async def test_the_offer_to_start_a_scenario_instead_names_it_in_german(
    tmp_path: Path, make_app: AppFactory, api: FakeBotAPI
) -> None:
    folder = vault_with(tmp_path / "vault", {f"de/{GERMAN_CHORES}.md": GERMAN_NOTE})
    app = await make_app(skills_dir=folder)
    lena = StartedChat(app, api, 7, "Lena", language_code="de")
    await lena.send("/practice staying grounded")
    await lena.press("Los geht’s")
    await lena.send("/skill wiedergutmachen")
    [offer] = await press_scenario(lena)
    assert f"<b>Wiedergutmachen</b> für <i>{GERMAN_CHORES}</i> beginnen?" in offer


async def test_a_german_person_reads_the_scenario_buttons_in_german(
    tmp_path: Path, make_app: AppFactory, api: FakeBotAPI
) -> None:
    folder = vault_with(tmp_path / "vault", {f"de/{GERMAN_CHORES}.md": GERMAN_NOTE})
    app = await make_app(skills_dir=folder)
    lena = StartedChat(app, api, 7, "Lena", language_code="de")
    await lena.send("/skill wiedergutmachen")
    assert f"◇ {GERMAN_CHORES}" in labels(lena)


async def test_without_a_translation_the_scenario_is_said_in_english(
    app: BotApplication, api: FakeBotAPI
) -> None:
    # The fixture vault translates the cards, not the scenarios.
    sofia = StartedChat(app, api, 7, "Sofía", language_code="es")
    await sofia.send("/skill reparar")
    assert f"◇ {CHORES}" in labels(sofia)
    [intro] = await press_scenario(sofia)
    assert intro.startswith(f"<b>{CHORES}</b>\n")
    assert "didn’t feel like it was about the dishes" in intro
    assert "<b>Reparar</b>" in intro
    await sofia.press("Empezar")
    for _ in range(4):
        await sofia.press("Siguiente")
    [prompt] = texts(await sofia.press("Terminar"))
    assert f"Vuelve a pensar en <i>{CHORES}</i>" in prompt
    await sofia.send("Volví y dije que no era por los platos.")
    [page] = texts(await sofia.send("/reflections"))
    assert f"<b>Reparar</b> · <i>{CHORES}</i>" in page


async def test_a_broken_translation_is_reported_and_english_is_shown(
    tmp_path: Path, make_app: AppFactory, api: FakeBotAPI
) -> None:
    broken = GERMAN_NOTE.replace("lang: de", "lang: de\nskills: [[[Wiedergutmachen")
    folder = vault_with(tmp_path / "vault", {f"de/{GERMAN_CHORES}.md": broken})
    app = await make_app(skills_dir=folder)
    [error] = services_of(app.bot_data).vault.current.errors
    assert error.path == f"de/{GERMAN_CHORES}.md" and "not valid YAML" in error.message
    lena = StartedChat(app, api, 7, "Lena", language_code="de")
    await lena.send("/skill wiedergutmachen")
    [intro] = await press_scenario(lena)
    assert intro.startswith(f"<b>{CHORES}</b>\n")
    assert "<b>Wiedergutmachen</b>" in intro and GERMAN_CHORES not in intro


async def scenario_of_last_practice(app: BotApplication) -> tuple[str, str | None]:
    store = services_of(app.bot_data).store
    async with store.engine.connect() as conn:
        rows = await conn.execute(
            text("SELECT skill, scenario FROM practice_sessions ORDER BY id DESC LIMIT 1")
        )
        [(skill, scenario)] = rows.all()
    return skill, scenario


async def test_a_situation_chosen_travels_through_the_offer_of_a_practice_closed_for_waiting(
    chat: Chat, app: BotApplication, clock: FakeClock
) -> None:
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    clock.advance(days=2)
    await ada.send("/skill repair")
    await ada.press(CHORES)
    await ada.press("Start")  # a practice closed for waiting is offered back first
    assert labels(ada) == ["Resume at step 1", "Practise Repair"]  # not "Start over"
    await ada.press("Practise Repair")
    store = services_of(app.bot_data).store
    session = await store.open_session(7)
    assert session is not None and session.scenario == CHORES
