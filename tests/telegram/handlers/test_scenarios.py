"""Practising a skill for a scenario: card → scenario button → practice → reflection."""

from sqlalchemy import text

from bot.offline.chat import FakeChat, texts
from bot.telegram.app import BotApplication
from bot.telegram.context import services_of
from tests.support.app import Chat

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
