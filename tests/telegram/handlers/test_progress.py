"""/progress, /reflections, /export, /forget, /support and /stats, as a person would use them."""

import io
import json

from PIL import Image
from sqlalchemy import func, select

from bot.offline import FakeBotAPI
from bot.offline.chat import FakeChat, texts
from bot.store.records import EXPORT_FORMAT, NAMES_NOBODY, personal_tables
from bot.store.sessions import SESSIONS
from bot.store.tables import Base
from bot.telegram.context import BotApplication, services_of
from tests.support.app import AppFactory, Chat, StartedChat
from tests.support.clock import FakeClock
from tests.support.environment import ADMIN_ID


def labels_of(person: FakeChat) -> list[str]:
    return [b["text"] for b in person.keyboard_message().buttons]


async def to_the_reflection(person: FakeChat, skill: str = "") -> None:
    """Practise `skill` (the focus skill) to its end: the reflection is asked for."""
    await person.send(f"/practice {skill}".strip())
    await person.press("Start")
    while "Finish ✓" not in labels_of(person):
        await person.press("Next")
    await person.press("Finish")


async def practise(person: FakeChat, skill: str = "", reflection: str | None = None) -> None:
    await to_the_reflection(person, skill)
    if reflection is None:
        await person.press("Skip")
    else:
        await person.send(reflection)


async def test_a_new_person_practises_sees_progress_exports_and_forgets(
    chat: Chat, app: BotApplication, api: FakeBotAPI, clock: FakeClock
) -> None:
    ada = chat(7)
    await ada.send("/start")
    await ada.press("Choose my time zone")
    await ada.press("Berlin")
    [empty] = texts(await ada.send("/progress"))
    assert "No completed practices yet" in empty

    await practise(ada, reflection="I noticed my shoulders rise.")
    clock.advance(days=1)
    await practise(ada, "owning")
    calls = await ada.send("/progress")
    [summary, caption] = texts(calls)
    assert "<b>Owning Impact</b>" in summary and "<b>Repair</b>" in summary
    assert "1 in all" in summary and "habit strength" in summary
    # Yesterday's and today's practices say so; the one-line explanation comes once.
    assert "last yesterday" in summary and "last today" in summary
    assert "Habit strength grows with each day you practise" in summary
    assert "Habit strength grows" not in texts(await ada.send("/progress"))[0]
    photo = next(c for c in calls if c.method == "sendPhoto")
    assert photo.message is not None and photo.message.file is not None
    assert Image.open(io.BytesIO(photo.message.file)).format == "PNG"
    assert "12 weeks" in caption

    calls = await ada.send("/export")
    document = next(c for c in calls if c.method == "sendDocument")
    assert document.message is not None and document.message.file is not None
    data = json.loads(document.message.file)
    assert data["format"] == EXPORT_FORMAT
    assert data["users"][0]["timezone"] == "Europe/Berlin"
    sessions = data["practice_sessions"]
    assert [s["skill"] for s in sessions] == ["Repair", "Owning Impact"]
    assert sessions[0]["reflection"] == "I noticed my shoulders rise."
    assert "nudges" in data

    [question] = texts(await ada.send("/forget"))
    assert "Delete everything about you?" in question
    assert "nothing was deleted" in texts(await ada.press("No"))[0]
    await ada.send("/forget")
    [done] = texts(await ada.press("Yes"))
    assert "everything about you has been deleted" in done

    store = services_of(app.bot_data).store
    async with store.engine.connect() as conn:
        for table in personal_tables():
            count = (
                await conn.execute(
                    select(func.count()).select_from(table).where(table.c.user_id == 7)
                )
            ).scalar_one()
            assert count == 0, table.name
    everyones = {t.name for t in personal_tables()}
    for table in Base.metadata.sorted_tables:
        if table.name in NAMES_NOBODY:
            assert not {"user_id", "chat_id"} & set(table.c.keys()), table.name
        else:
            assert table.name in everyones, f"{table.name} would escape /forget"
    assert "Send /start to begin" in texts(await ada.send("/export"))[0]
    [fresh] = texts(await ada.send("/start"))
    assert "Hi Ada!" in fresh and "Choose my time zone" in labels_of(ada)


async def test_reflections_newest_first_paged_and_by_skill(chat: Chat, clock: FakeClock) -> None:
    ada = chat(7)
    assert "No reflections yet" in texts(await ada.send("/reflections"))[0]
    for day in range(7):
        await practise(ada, "repair" if day % 2 else "staying", reflection=f"note {day}")
        clock.advance(days=1)
    [first] = texts(await ada.send("/reflections"))
    assert "page 1 of 2" in first and first.index("note 6") < first.index("note 2")
    assert "note 1" not in first
    assert [b["text"] for b in ada.keyboard_message().buttons] == [
        "Older ›",
        "🗑 Delete my reflections",
    ]
    [second] = texts(await ada.press("Older"))
    assert "page 2 of 2" in second and "note 1" in second and "note 0" in second
    [back] = texts(await ada.press("Newer"))
    assert "page 1 of 2" in back
    [repair] = texts(await ada.send("/reflections repair"))
    assert "on Repair" in repair and "note 1" in repair and "note 0" not in repair
    [escaped] = texts(await ada.send("/reflections nothing like it"))
    assert "couldn’t find" in escaped


async def test_reflections_are_escaped(chat: Chat) -> None:
    ada = chat(7)
    await practise(ada, reflection="<b>bold</b> & <script>")
    [shown] = texts(await ada.send("/reflections"))
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;" in shown


async def test_stats_for_admins_only(chat: Chat) -> None:
    await practise(chat(7))
    [stats] = texts(await chat(ADMIN_ID).send("/stats"))
    assert "People: 2" in stats and "Repair: 1" in stats  # Ada and the admin
    assert "0 sent, 0 failed, 0 blocked" in stats
    [refused] = texts(await chat(7).send("/stats"))
    assert "I don’t know /stats" in refused


async def test_support_shows_the_configured_text(make_app: object, api: FakeBotAPI) -> None:
    assert callable(make_app)
    factory: AppFactory = make_app
    app = await factory(support_text="Call <Mind> on 0300 123 3393")
    [reply] = texts(await StartedChat(app, api, 7).send("/support"))
    assert reply == "Call &lt;Mind&gt; on 0300 123 3393"


async def test_default_support_points_to_real_help(chat: Chat) -> None:
    [reply] = texts(await chat(7).send("/support"))
    assert "emergency" in reply and "findahelpline.com" in reply


async def test_an_export_round_trips_into_a_fresh_database(
    chat: Chat, app: BotApplication, clock: FakeClock, tmp_path: object
) -> None:
    from pathlib import Path

    from bot.store import Store
    from bot.store.engine import create_engine

    ada = chat(7)
    await ada.send("/start")
    await ada.send("/remind 7am")
    await practise(ada, reflection="Slower this time.")
    await services_of(app.bot_data).dispatcher.run_once()
    exported = await services_of(app.bot_data).store.export_user(7)
    assert exported is not None
    assert isinstance(tmp_path, Path)
    fresh = Store(create_engine(f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"), clock=clock)
    try:
        await fresh.migrate()
        assert await fresh.import_user(json.loads(json.dumps(exported))) == 7
        again = await fresh.export_user(7)
        assert again == exported
        user = await fresh.get_user(7)
        assert user is not None and user.reminder_time.hour == 7
    finally:
        await fresh.close()


async def test_progress_over_many_skills_is_split(
    tmp_path: object, make_app: object, api: FakeBotAPI
) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path) and callable(make_app)
    factory: AppFactory = make_app
    for number in range(40):
        (tmp_path / f"A Rather Long Skill Name Number {number:02}.md").write_text(
            f'---\nfileClass: meta_skill\nsteps: ["Step 1: Do {number}"]\n---\n'
        )
    app = await factory(skills_dir=tmp_path)
    ada = StartedChat(app, api, 7)
    for number in range(40):
        await practise(ada, f"A Rather Long Skill Name Number {number:02}")
    calls = await ada.send("/progress")
    assert all(c.ok for c in calls), [c.error for c in calls if not c.ok]
    assert sum(c.method == "sendMessage" for c in calls) >= 2
    assert any(c.method == "sendPhoto" for c in calls)


async def test_reflections_did_you_mean_opens_reflections(chat: Chat) -> None:
    ada = chat(7)
    await practise(ada, "holding", reflection="steady")
    [guess] = texts(await ada.send("/reflections nding"))
    assert "Which one?" in guess or "Did you mean" in guess
    [shown] = texts(await ada.press("Holding Discomfort"))
    assert "on Holding Discomfort" in shown and "steady" in shown


async def test_deleting_the_notes_keeps_the_practices_and_the_progress(
    chat: Chat, app: BotApplication, clock: FakeClock
) -> None:
    ada, bo = chat(7), chat(8)
    await practise(bo, reflection="Bo's own words")
    for words in ("He went quiet and I followed him.", "I said sorry first."):
        await practise(ada, reflection=words)
        clock.advance(days=1)
    await ada.send("/reflections")
    [asked] = texts(await ada.press("Delete my reflections"))
    assert (
        asked.startswith("<b>Delete your 2 reflections, on every skill?</b>")
        and "/forget" in asked
    )
    assert labels_of(ada) == ["Yes, delete my reflections", "No, keep them"]
    [kept] = texts(await ada.press("No, keep them"))
    assert kept.startswith("Okay — your reflections are kept")
    assert "I said sorry first." in texts(await ada.send("/reflections"))[0]

    await ada.press("Delete my reflections")
    [done] = texts(await ada.press("Yes, delete my reflections"))
    assert done.startswith("Done: your 2 reflections are deleted for good")
    assert "until you delete them in Telegram" in done  # what the chat still shows
    assert "No reflections yet" in texts(await ada.send("/reflections"))[0]
    assert "2" in texts(await ada.send("/progress"))[0]  # both practices still count
    store = services_of(app.bot_data).store
    async with store.engine.connect() as conn:
        kept = await conn.execute(
            select(SESSIONS.c.user_id, SESSIONS.c.reflection).order_by(SESSIONS.c.id)
        )
        assert kept.all() == [(8, "Bo's own words"), (7, None), (7, None)]
    # An old question's button, pressed again, deletes nothing more and says so.
    [none] = texts(await ada.press_data("gn:y:2", ada.messages()[-1]))
    assert none.startswith("You have no reflections to delete right now")


async def test_an_old_yes_never_deletes_a_note_written_after_its_question(chat: Chat) -> None:
    ada = chat(7)
    await practise(ada, reflection="the first note")
    await ada.send("delete my notes")
    question = ada.keyboard_message()
    await practise(ada, reflection="a note to keep")
    [again] = texts(await ada.press_data("gn:y:1", question))  # its Yes said one note
    assert again.startswith("<b>Delete your 2 reflections, on every skill?</b>")
    assert "a note to keep" in texts(await ada.send("/reflections"))[0]


async def test_deleting_the_notes_while_one_is_awaited_keeps_nothing_typed_next(
    chat: Chat,
) -> None:
    ada = chat(7)
    await practise(ada, reflection="an older note")
    await to_the_reflection(ada)  # the note is awaited when they ask
    await ada.send("delete my note")
    [done] = texts(await ada.press("Yes, delete my reflections"))
    assert "saved without a reflection" in done
    await ada.send("phew, he almost saw what I wrote")
    assert "No reflections yet" in texts(await ada.send("/reflections"))[0]


async def test_deleting_the_notes_asked_in_words(chat: Chat) -> None:
    ada = chat(7)
    await ada.send("/start")
    [nothing] = texts(await ada.send("delete my notes"))
    assert nothing.startswith("You have no reflections to delete right now")
    await practise(ada, reflection="Slower this time.")
    [asked] = texts(await ada.send("please erase everything I wrote"))
    assert asked.startswith("<b>Delete your reflection?</b>")
    [done] = texts(await ada.press("Yes, delete my reflections"))
    assert done.startswith("Done: your reflection is deleted for good")
    [everything] = texts(await ada.send("delete my data"))  # all of it: /forget's question
    assert everything.startswith("<b>Delete everything")
