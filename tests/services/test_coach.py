"""The practice service on its own: domain moves in, outcomes out, on a real database."""

from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain.models import SessionStatus
from bot.domain.practice import Move, Notice, Show, Unmoved
from bot.services.coach import MAX_NOTE, AddedToNote, Busy, Closed, Coach, Moved, Stale
from bot.store import Store
from bot.vault.library import VaultHolder
from tests.support.clock import FakeClock

CARD = """---
fileClass: core_skill
description: Mending after a rupture.
steps:
  - "Step 1: Notice"
  - "Step 2: Name it"
  - "Step 3: Mend"
---
"""
IDLE = timedelta(hours=6)
ADA, BEN = 7, 8


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "skills"
    folder.mkdir()
    (folder / "Mend.md").write_text(CARD)
    return folder


@pytest.fixture
def coach(store: Store, vault_dir: Path, clock: FakeClock) -> Coach:
    return Coach(store, VaultHolder(vault_dir), IDLE, clock)


async def started(coach: Coach, user_id: int = ADA) -> int:
    skill = coach.vault.current.get("Mend")
    assert skill is not None
    await coach.store.register(user_id, user_id)
    return moved(await coach.begin(user_id, user_id, skill)).outcome.session.id


def moved(result: Moved | Busy | Stale) -> Moved:
    assert isinstance(result, Moved), result
    return result


async def test_moves_walk_the_steps_to_the_reflection_and_completion(coach: Coach) -> None:
    sid = await started(coach)
    first = moved(await coach.press(ADA, sid, 0, Move.BACK))
    assert (first.outcome.show, first.outcome.notice) == (Show.STEP, Notice.FIRST_STEP)
    for step in (0, 1):
        assert moved(await coach.press(ADA, sid, step, Move.NEXT)).outcome.show is Show.STEP
    last = moved(await coach.press(ADA, sid, 2, Move.NEXT))
    assert last.outcome.show is Show.REFLECT_PROMPT
    # The reflection question stands one past the last step (see practice.position).
    done = moved(await coach.reflect(last.outcome.session, "  I listened.  "))
    assert done.outcome.show is Show.COMPLETED and done.outcome.session.reflection == "I listened."
    assert await coach.completed_count(ADA, done.skill) == 1


async def test_a_press_from_an_earlier_step_or_another_person_moves_nothing(
    coach: Coach,
) -> None:
    sid = await started(coach)
    moved(await coach.press(ADA, sid, 0, Move.NEXT))
    assert await coach.press(ADA, sid, 0, Move.NEXT) == Stale(Unmoved.STALE_STEP)
    assert await coach.press(BEN, sid, 1, Move.NEXT) == Stale(Unmoved.NOT_YOURS)
    assert await coach.press(ADA, sid + 99, 1, Move.NEXT) == Stale(Unmoved.NOT_YOURS)
    # Skip applies only to the reflection question.
    assert await coach.press(ADA, sid, 1, Move.SKIP_REFLECTION) == Stale(Unmoved.NOT_NOW)
    session = await coach.store.get_session(sid)
    assert session is not None and session.step == 1


async def test_resume_shows_where_it_stands_and_restart_begins_afresh(coach: Coach) -> None:
    sid = await started(coach)
    moved(await coach.press(ADA, sid, 0, Move.NEXT))
    paused = moved(await coach.press(ADA, sid, 1, Move.PAUSE))
    assert paused.outcome.show is Show.PAUSED and paused.outcome.session.paused
    # Resume answers an offer: it applies whatever step the button was made at.
    resumed = moved(await coach.press(ADA, sid, 0, Move.RESUME))
    assert (resumed.outcome.show, resumed.outcome.session.step) == (Show.STEP, 1)
    stored = await coach.store.get_session(sid)
    assert stored is not None and not stored.paused  # resuming ends the pause
    fresh = moved(await coach.press(ADA, sid, 0, Move.RESTART))
    assert fresh.outcome.session.id != sid and fresh.outcome.session.step == 0
    old = await coach.store.get_session(sid)
    assert old is not None and old.status is SessionStatus.CANCELLED
    assert await coach.press(ADA, sid, 1, Move.NEXT) == Stale(Unmoved.FINISHED)


async def test_a_paused_practice_waits_past_the_idle_limit(coach: Coach, clock: FakeClock) -> None:
    sid = await started(coach)
    moved(await coach.press(ADA, sid, 0, Move.NEXT))
    moved(await coach.press(ADA, sid, 1, Move.PAUSE))
    clock.advance(hours=24 * 30)
    opened = await coach.current(ADA)
    assert opened.abandoned is None and opened.session is not None
    assert opened.session.id == sid and opened.session.step == 1
    resumed = moved(await coach.press(ADA, sid, 1, Move.RESUME))
    assert (resumed.outcome.show, resumed.outcome.session.step) == (Show.STEP, 1)


async def test_an_idle_session_expires_and_a_missing_card_waits(
    coach: Coach, clock: FakeClock, vault_dir: Path
) -> None:
    sid = await started(coach)
    clock.advance(hours=7)
    assert await coach.press(ADA, sid, 0, Move.NEXT) == Stale(Unmoved.EXPIRED)
    assert (await coach.current(ADA)).session is None
    # Offered back before anything else starts, until another is started instead.
    skill = coach.vault.current.get("Mend")
    assert skill is not None
    closed = await coach.begin(ADA, ADA, skill)
    assert isinstance(closed, Closed) and closed.session.id == sid
    sid = moved(await coach.begin(ADA, ADA, skill, replacing=sid)).outcome.session.id

    (vault_dir / "Mend.md").unlink()
    coach.vault.reload()
    assert await coach.press(ADA, sid, 0, Move.NEXT) == Stale(Unmoved.OPEN_SKILL_GONE)
    opened = await coach.current(ADA)
    assert opened.session is None and opened.abandoned is None  # waiting, not closed
    session = await coach.store.get_session(sid)
    assert session is not None and session.status is SessionStatus.ACTIVE


async def test_cancel_ends_the_open_session(coach: Coach) -> None:
    assert await coach.cancel(ADA) is None
    sid = await started(coach)
    cancelled = await coach.cancel(ADA)
    assert cancelled is not None and cancelled.id == sid
    assert (await coach.current(ADA)).session is None


async def test_begin_never_closes_an_open_practice_unless_asked_to(coach: Coach) -> None:
    sid = await started(coach)
    mend = coach.vault.current.get("Mend")
    assert mend is not None
    busy = await coach.begin(ADA, ADA, mend)
    assert isinstance(busy, Busy) and busy.session.id == sid and busy.skill == mend
    # Only naming the open session (the person's explicit Start over) replaces it.
    fresh = moved(await coach.begin(ADA, ADA, mend, replacing=sid))
    assert fresh.outcome.session.id != sid
    old = await coach.store.get_session(sid)
    assert old is not None and old.status is SessionStatus.CANCELLED
    # A stale Start over naming a session that is no longer open closes nothing.
    again = await coach.begin(ADA, ADA, mend, replacing=sid)
    assert isinstance(again, Busy) and again.session.id == fresh.outcome.session.id


async def _reflected(coach: Coach, words: str) -> int:
    sid = await started(coach)
    for step in (0, 1):
        moved(await coach.press(ADA, sid, step, Move.NEXT))
    last = moved(await coach.press(ADA, sid, 2, Move.NEXT))
    moved(await coach.reflect(last.outcome.session, words))
    return sid


async def test_words_added_to_a_reflection_come_back_out_exactly(coach: Coach) -> None:
    sid = await _reflected(coach, "First.")
    assert await coach.add_to_reflection(ADA, "   ") is None  # nothing to add
    second = await coach.add_to_reflection(ADA, " Second. ")
    third = await coach.add_to_reflection(ADA, "Third.")
    assert second is not None and third is not None
    assert third.session.reflection == "First.\n\nSecond.\n\nThird."
    # The middle part alone, the parts around it untouched; once only.
    assert await coach.take_back(ADA, sid, *_where(second)) == "Second."
    assert await coach.take_back(ADA, sid, *_where(second)) is None
    session = await coach.store.get_session(sid)
    assert session is not None and session.reflection == "First.\n\nThird."


async def test_a_note_stops_growing_at_its_size(coach: Coach) -> None:
    # Each part opens the window for the next: without a bound, a note (and the
    # /reflections page showing it) grew without end.
    await _reflected(coach, "First.")
    added = [await coach.add_to_reflection(ADA, letter * 3_000) for letter in "abcde"]
    assert [a is not None for a in added] == [True, True, True, False, False]
    last = added[2]
    assert last is not None and last.session.reflection is not None
    assert len(last.session.reflection) <= MAX_NOTE


def _where(added: AddedToNote) -> tuple[int, int, str]:
    return added.start, added.length, added.digest


async def test_a_part_taken_back_after_an_earlier_one_is_still_the_right_one(
    coach: Coach,
) -> None:
    # Parts of one long message come in equal sizes: position alone would find the
    # wrong one once an earlier part was taken out.
    sid = await _reflected(coach, "A")
    b, c, d = [await coach.add_to_reflection(ADA, part) for part in ("B", "C", "D")]
    assert b is not None and c is not None and d is not None
    assert await coach.take_back(ADA, sid, *_where(b)) == "B"
    assert await coach.take_back(ADA, sid, *_where(c)) == "C"
    session = await coach.store.get_session(sid)
    assert session is not None and session.reflection == "A\n\nD"


async def test_an_update_tried_again_adds_its_words_once(coach: Coach) -> None:
    sid = await _reflected(coach, "First.")
    first_try = await coach.add_to_reflection(ADA, "Second.")
    second_try = await coach.add_to_reflection(ADA, "Second.")  # a retry after a failed send
    assert first_try == second_try
    session = await coach.store.get_session(sid)
    assert session is not None and session.reflection == "First.\n\nSecond."


async def test_no_one_else_and_no_made_up_span_takes_words_out(coach: Coach) -> None:
    sid = await _reflected(coach, "Mine.")
    added = await coach.add_to_reflection(ADA, "Also mine.")
    assert added is not None
    assert await coach.take_back(BEN, sid, *_where(added)) is None
    start, length, digest = _where(added)
    for forged in (
        (0, 5, digest),
        (start + 1, 3, digest),
        (start, length + 9, digest),
        (start, length, "0" * 8),
    ):
        assert await coach.take_back(ADA, sid, *forged) is None
    session = await coach.store.get_session(sid)
    assert session is not None and session.reflection == "Mine.\n\nAlso mine."
    assert await coach.add_to_reflection(BEN, "Nothing of Ben's to add to") is None
