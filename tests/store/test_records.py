"""Export, import and forget at the store level, on both databases."""

import pytest

from bot.store import Store
from tests.support.clock import FakeClock


async def _practised(store: Store, user_id: int, reflection: str) -> None:
    from dataclasses import replace

    from bot.domain.models import SessionStatus

    await store.register(user_id, user_id)
    session, _ = await store.start_session(user_id, "Repair")
    done = replace(
        session, status=SessionStatus.COMPLETED, reflection=reflection, finished_at=store.clock()
    )
    assert await store.save_session(session, done)


async def test_import_into_a_database_with_other_people(store: Store, clock: FakeClock) -> None:
    await _practised(store, 1, "mine")
    exported = await store.export_user(1)
    assert exported is not None
    await store.forget_user(1)
    await _practised(store, 2, "someone else's")  # takes the ids person 1 had
    assert await store.import_user(exported) == 1
    again = await store.export_user(1)
    assert again is not None
    assert [s["reflection"] for s in again["practice_sessions"]] == ["mine"]
    other = await store.export_user(2)
    assert other is not None and other["practice_sessions"][0]["reflection"] == "someone else's"
    clock.advance(hours=1)
    await store.start_session(1, "Repair")  # ids (and PostgreSQL sequences) still work


async def test_a_failing_import_changes_nothing(store: Store) -> None:
    await _practised(store, 1, "keep me")
    exported = await store.export_user(1)
    assert exported is not None
    exported["practice_sessions"][0]["no_such_column"] = 1
    with pytest.raises(KeyError):
        await store.import_user(exported)
    kept = await store.export_user(1)
    assert kept is not None and kept["practice_sessions"][0]["reflection"] == "keep me"


async def test_an_export_naming_someone_else_in_a_row_is_refused(store: Store) -> None:
    # An edited file: the person is 7, a practice in it is person 1's.
    await _practised(store, 1, "person 1's own")
    await _practised(store, 7, "seven's")
    exported = await store.export_user(7)
    assert exported is not None
    exported["practice_sessions"][0]["user_id"] = 1
    exported["practice_sessions"][0]["reflection"] = "INJECTED"
    with pytest.raises(ValueError, match="belongs to user 1, not to user 7"):
        await store.import_user(exported)
    first = await store.export_user(1)
    assert first is not None
    assert [s["reflection"] for s in first["practice_sessions"]] == ["person 1's own"]


@pytest.mark.parametrize(
    ("table", "column", "value", "said"),
    [
        ("practice_sessions", "status", "hacked", "practice_sessions.status is 'hacked'"),
        ("practice_sessions", "step", 99999, "practice_sessions.step must be 0 to 999"),
        ("practice_sessions", "step", -3, "practice_sessions.step must be 0 to 999"),
        ("practice_sessions", "step", None, "practice_sessions.step must be 0 to 999"),
        ("users", "chat_id", 42, "users.chat_id must be the person's own user_id"),
        ("users", "user_id", "7", "users.user_id must be a whole number"),
        ("practice_sessions", "step", "2", "practice_sessions.step must be a whole number"),
    ],
)
async def test_an_export_with_values_the_bot_cannot_use_is_refused(
    store: Store, table: str, column: str, value: object, said: str
) -> None:
    # Loaded, each would fail every later update of the person, or send their nudges
    # to another chat; refused, nothing changes.
    await _practised(store, 7, "seven's")
    exported = await store.export_user(7)
    assert exported is not None
    exported[table][0][column] = value
    with pytest.raises(ValueError, match=said.replace("(", r"\(").replace(")", r"\)")):
        await store.import_user(exported)
    kept = await store.export_user(7)
    assert kept is not None and kept["practice_sessions"][0]["reflection"] == "seven's"


async def test_failed_statements_do_not_carry_their_parameters(store: Store) -> None:
    with pytest.raises(Exception) as caught:
        await store.start_session(404, "secret reflection text")  # no such user: FK fails
    assert "secret reflection text" not in str(caught.value)


async def test_a_read_does_not_wait_for_a_writer(
    store: Store, backend: str, tmp_path: object
) -> None:
    if backend != "sqlite":
        pytest.skip("SQLite locking")
    import asyncio
    import sqlite3

    database = store.engine.url.database
    assert database
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        await asyncio.wait_for(store.ping(), 2)
        await asyncio.wait_for(store.completions(1), 2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


async def test_forgotten_text_is_gone_from_the_database_files(
    sqlite_url: str, tmp_path: object
) -> None:
    from pathlib import Path

    from bot.store.engine import create_engine

    store = Store(create_engine(sqlite_url))
    await store.migrate()
    marker = "zebra-umbrella-reflection-marker"
    for user_id in (1, 2):
        await _practised(store, user_id, marker if user_id == 1 else "another person")
    files = list(Path(sqlite_url.split("///", 1)[1]).parent.glob("bot.db*"))

    def found() -> bool:
        return any(marker.encode() in path.read_bytes() for path in files if path.exists())

    assert found()  # the test can fail: the text is there before /forget
    await store.forget_user(1)
    assert not found()  # while the bot still runs, with its connections open
    await store.close()
    assert not found()


async def test_forgetting_the_notes_keeps_the_practices_and_other_peoples_notes(
    store: Store,
) -> None:
    await _practised(store, 1, "mine")
    await _practised(store, 2, "someone else's")
    assert await store.forget_reflections(1) == 1
    assert await store.reflections(1, offset=0, limit=5) == ([], 0)
    assert await store.count_completed(1, "Repair") == 1  # the practice still counts
    _, others = await store.reflections(2, offset=0, limit=5)
    assert others == 1
    assert await store.forget_reflections(1) == 0  # nothing more to delete
