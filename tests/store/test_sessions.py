"""Moving a practice session: never twice from the same step, never a move lost, on both
databases; on PostgreSQL a compare-and-set that lost a race decides again."""

import asyncio
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import Connection, update

from bot.domain.models import PracticeSession
from bot.store import Store
from bot.store import sessions as sessions_module
from bot.store.sessions import SESSIONS
from tests.support.database import ONLY_POSTGRES

on_postgres = pytest.mark.parametrize("backend", [ONLY_POSTGRES], indirect=True)


@pytest.fixture
async def session(store: Store) -> PracticeSession:
    """A practice of Repair, open at its first step."""
    await store.register(1, 1)
    opened, _ = await store.start_session(1, "Repair")
    return opened


def one_step_on(seen: list[int]) -> Callable[[PracticeSession], tuple[PracticeSession, int]]:
    def decide(before: PracticeSession) -> tuple[PracticeSession, int]:
        seen.append(before.step)
        return replace(before, step=before.step + 1), before.step

    return decide


async def test_concurrent_moves_are_each_applied_once(
    store: Store, session: PracticeSession
) -> None:
    decided: list[int] = []
    results = await asyncio.gather(
        *(store.update_session(session.id, one_step_on(decided)) for _ in range(12))
    )
    assert sorted(results) == list(range(12))  # each step moved from exactly once
    moved = await store.get_session(session.id)
    assert moved is not None and moved.step == 12


async def test_a_decision_to_stay_writes_nothing_and_no_session_is_none(
    store: Store, session: PracticeSession
) -> None:
    assert await store.update_session(session.id, lambda before: (None, "stale")) == "stale"
    assert await store.update_session(session.id, lambda before: (before, "same")) == "same"
    assert await store.get_session(session.id) == session
    assert await store.update_session(404, lambda before: (None, "never")) is None


def race_before_writes(store: Store, monkeypatch: pytest.MonkeyPatch, races: int) -> list[int]:
    """Before each of the next `races` writes, another replica moves the session on (step
    + 10) and commits: the write finds the row moved since its read."""
    write = store._units.write
    raced: list[int] = []

    async def racing(unit: Callable[[Connection], Any], **options: Any) -> Any:
        if len(raced) < races:
            raced.append(1)
            await write(
                lambda conn: conn.execute(update(SESSIONS).values(step=SESSIONS.c.step + 10))
            )
        return await write(unit, **options)

    monkeypatch.setattr(store._units, "write", racing)
    return raced


@on_postgres
async def test_on_postgres_a_move_that_lost_a_race_is_decided_again_on_the_row_as_it_is(
    store: Store, session: PracticeSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    race_before_writes(store, monkeypatch, races=1)
    decided: list[int] = []
    assert await store.update_session(session.id, one_step_on(decided)) == 10
    assert decided == [0, 10]  # the move read at step 0 was not applied over step 10
    moved = await store.get_session(session.id)
    assert moved is not None and moved.step == 11


@on_postgres
async def test_on_postgres_a_move_that_keeps_losing_waits_its_turn_holding_the_row(
    store: Store, session: PracticeSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts = sessions_module.OPTIMISTIC_ATTEMPTS
    raced = race_before_writes(store, monkeypatch, races=attempts + 1)
    decided: list[int] = []
    # Each compare-and-set loses; then the locked transaction (a write too, raced once
    # more before it starts) decides on the row it holds, and wins.
    assert await store.update_session(session.id, one_step_on(decided)) == 10 * len(raced)
    assert decided == [10 * attempt for attempt in range(attempts)] + [10 * (attempts + 1)]
    moved = await store.get_session(session.id)
    assert moved is not None and moved.step == 10 * len(raced) + 1


async def test_the_person_and_their_practice_are_read_together(
    store: Store, session: PracticeSession, backend: str
) -> None:
    person, seen = await store.get_user_and_session(1, session.id)
    # SQLite's move reads the practice in its own transaction: no use reading it here.
    assert person == await store.get_user(1)
    assert seen == (None if backend == "sqlite" else session)
    await store.register(2, 2)
    assert await store.get_user_and_session(2, session.id) == (await store.get_user(2), None)
    assert await store.get_user_and_session(1, 404) == (person, None)
    assert await store.get_user_and_session(3, session.id) == (None, None)  # never started


async def test_a_move_decides_on_the_practice_as_seen_unless_it_moved_since(
    store: Store, session: PracticeSession, backend: str
) -> None:
    decided: list[int] = []
    seen = await store.get_session(session.id)
    assert await store.update_session(session.id, one_step_on(decided), seen=seen) == 0
    # Seen at step 0 again, but the row is at step 1 now: never moved from 0 twice.
    assert await store.update_session(session.id, one_step_on(decided), seen=seen) == 1
    other = replace(session, id=session.id + 1)  # seen for another practice: not used
    assert await store.update_session(session.id, one_step_on(decided), seen=other) == 2
    # PostgreSQL decides on what was seen first (the second move, on step 0, lost its
    # compare-and-set and decided again); SQLite reads the row in its own transaction.
    assert decided == ([0, 0, 1, 2] if backend == "postgresql" else [0, 1, 2])
    moved = await store.get_session(session.id)
    assert moved is not None and moved.step == 3
