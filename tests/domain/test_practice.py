"""The practice state machine, step by step."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.models import PracticeSession, SessionStatus
from bot.domain.practice import (
    Move,
    Notice,
    Outcome,
    Refused,
    Show,
    abandon,
    apply,
    is_idle,
    shown_step,
)

T0 = datetime(2026, 1, 1, 12, tzinfo=UTC)
LATER = T0 + timedelta(minutes=1)


def session(step: int = 0, status: SessionStatus = SessionStatus.ACTIVE) -> PracticeSession:
    return PracticeSession(1, 7, "Repair", step, status, T0, T0)


def test_next_walks_the_steps_then_asks_for_a_reflection() -> None:
    current = session()
    shown = []
    for _ in range(5):
        outcome = apply(current, 5, Move.NEXT, LATER)
        current = outcome.session
        shown.append((outcome.show, current.step, current.status))
    assert shown == [
        (Show.STEP, 1, SessionStatus.ACTIVE),
        (Show.STEP, 2, SessionStatus.ACTIVE),
        (Show.STEP, 3, SessionStatus.ACTIVE),
        (Show.STEP, 4, SessionStatus.ACTIVE),
        (Show.REFLECT_PROMPT, 4, SessionStatus.REFLECTING),
    ]
    assert current.updated_at == LATER


def test_back_goes_back_but_not_before_the_first_step() -> None:
    assert apply(session(3), 5, Move.BACK, LATER).session.step == 2
    first = apply(session(0), 5, Move.BACK, LATER)
    assert first.session == session(0) and first.notice is Notice.FIRST_STEP


def test_reflection_completes_and_is_kept() -> None:
    done = apply(session(4, SessionStatus.REFLECTING), 5, Move.REFLECT, LATER, "  I paused.  ")
    assert done.show is Show.COMPLETED
    assert done.session.status is SessionStatus.COMPLETED
    assert done.session.reflection == "I paused." and done.session.finished_at == LATER
    with pytest.raises(Refused):
        apply(session(4, SessionStatus.REFLECTING), 5, Move.REFLECT, LATER, "   ")


def test_skip_back_and_pause_while_reflecting() -> None:
    reflecting = session(4, SessionStatus.REFLECTING)
    skipped = apply(reflecting, 5, Move.SKIP_REFLECTION, LATER).session
    assert skipped.status is SessionStatus.COMPLETED and skipped.reflection is None
    back = apply(reflecting, 5, Move.BACK, LATER).session
    assert (back.status, back.step) == (SessionStatus.ACTIVE, 4)
    assert apply(reflecting, 5, Move.PAUSE, LATER).show is Show.PAUSED


def test_pause_keeps_the_place() -> None:
    paused = apply(session(2), 5, Move.PAUSE, LATER)
    assert paused.show is Show.PAUSED and paused.session.step == 2
    assert paused.session.status is SessionStatus.ACTIVE


def test_cancel_and_finished_sessions_refuse_moves() -> None:
    cancelled = apply(session(2), 5, Move.CANCEL, LATER).session
    assert cancelled.status is SessionStatus.CANCELLED
    for move in Move:
        with pytest.raises(Refused):
            apply(cancelled, 5, move, LATER)
    with pytest.raises(Refused):
        apply(session(2), 5, Move.REFLECT, LATER, "not now")


def test_a_vault_edit_that_removed_steps_cannot_strand_a_session() -> None:
    outcome = apply(session(6), 3, Move.NEXT, LATER)
    assert outcome.show is Show.REFLECT_PROMPT and outcome.session.step == 2
    assert apply(session(6), 3, Move.BACK, LATER).session.step == 1


def test_idleness() -> None:
    limit = timedelta(hours=24)
    assert not is_idle(session(), T0 + limit, limit)
    assert is_idle(session(), T0 + limit + timedelta(seconds=1), limit)
    closed = abandon(session(), LATER)
    assert closed.status is SessionStatus.ABANDONED and not is_idle(closed, T0 + 2 * limit, limit)


def test_a_paused_session_waits_however_long() -> None:
    limit = timedelta(hours=24)
    paused = replace(session(2), paused=True)
    assert not is_idle(paused, T0 + 30 * limit, limit)
    resumed = apply(paused, 5, Move.RESUME, T0).session
    assert is_idle(resumed, T0 + limit + timedelta(seconds=1), limit)


def test_resume_changes_nothing_and_restart_closes_the_session() -> None:
    assert apply(session(2), 5, Move.RESUME, LATER) == Outcome(session(2), Show.STEP)
    reflecting = session(4, SessionStatus.REFLECTING)
    assert apply(reflecting, 5, Move.RESUME, LATER).show is Show.REFLECT_PROMPT
    restarted = apply(session(2), 5, Move.RESTART, LATER).session
    assert restarted.status is SessionStatus.CANCELLED and restarted.finished_at == LATER


def test_the_shown_step_stays_within_a_card_that_lost_steps() -> None:
    assert shown_step(session(4), 5) == 4
    assert shown_step(session(4), 3) == 2
