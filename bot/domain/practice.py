"""The practice state machine: (session, action) → (session', what to show). Pure.

A session moves through the steps at the person's pace, then asks what they
noticed, then completes. Nothing here reads the clock, the database or Telegram;
the caller persists the new session with a compare-and-set on the old one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from bot.domain.models import PracticeSession, SessionStatus


class Move(StrEnum):
    """What a person can do to an open session."""

    NEXT = "next"
    BACK = "back"
    PAUSE = "pause"
    RESUME = "resume"  # show where the session stands, changing nothing
    RESTART = "restart"  # close this session; the caller opens a fresh one
    REFLECT = "reflect"
    SKIP_REFLECTION = "skip_reflection"
    CANCEL = "cancel"


class Show(StrEnum):
    """What the person sees after a move."""

    STEP = "step"
    REFLECT_PROMPT = "reflect_prompt"
    COMPLETED = "completed"
    PAUSED = "paused"
    CANCELLED = "cancelled"


class Notice(StrEnum):
    """A short remark beside what is shown."""

    FIRST_STEP = "first_step"  # Back on the first step: nowhere to go


class Unmoved(StrEnum):
    """Why a press moved nothing."""

    STALE_STEP = "stale_step"  # a button from an earlier step
    NOT_NOW = "not_now"  # a move that does not fit where the session stands
    NOT_YOURS = "not_yours"  # someone else's session, or none at all
    FINISHED = "finished"
    EXPIRED = "expired"  # closed after sitting idle, unpaused, too long
    SKILL_GONE = "skill_gone"  # the card left the vault
    OPEN_SKILL_GONE = "open_skill_gone"  # an open practice's card is missing (/cancel ends it)
    BUSY = "busy"  # another practice is open (it is never closed behind one's back)


@dataclass(frozen=True, slots=True)
class Outcome:
    """The session after a move, and what to show."""

    session: PracticeSession
    show: Show
    notice: Notice | None = None


class Refused(Exception):
    """A move that does not apply to the session as it stands."""


def apply(
    session: PracticeSession,
    step_count: int,
    move: Move,
    now: datetime,
    reflection: str | None = None,
) -> Outcome:
    """Apply one move. Raises Refused when the move does not fit the session's state."""
    status = session.status
    if not status.is_open:
        raise Refused(f"the session is {status.value}")
    # Any move but Pause is the person carrying on: the session is no longer paused.
    session = replace(session, paused=move is Move.PAUSE)
    if move in (Move.CANCEL, Move.RESTART):
        return Outcome(_finish(session, SessionStatus.CANCELLED, now), Show.CANCELLED)
    if move is Move.RESUME:
        show = Show.STEP if status is SessionStatus.ACTIVE else Show.REFLECT_PROMPT
        return Outcome(session, show)
    if status is SessionStatus.ACTIVE:
        return _active(session, step_count, move, now)
    if status is SessionStatus.REFLECTING:
        return _reflecting(session, step_count, move, now, reflection)
    raise Refused(f"{move.value} does not apply to a {status.value} session")


def shown_step(session: PracticeSession, step_count: int) -> int:
    """The index of the step to show: the session's step, kept within the card's steps
    (a card edited to fewer steps while a session was open must not break it)."""
    return min(session.step, step_count - 1)


def position(session: PracticeSession) -> int:
    """Where the session stands, as button data records it: the step index while
    practising, one past the last step while reflecting. Reflecting keeps the last
    step's index, so without this a Back pressed twice on the reflection question
    would match both states and go back two steps."""
    return session.step + (1 if session.status is SessionStatus.REFLECTING else 0)


def is_idle(session: PracticeSession, now: datetime, limit: timedelta) -> bool:
    """Tell whether an open session has waited longer than `limit` for the person.

    A session the person paused is never idle: the pause told them to take the time
    they need, so it waits for them, however long, until they resume, start over or
    end it (starting another skill asks them first)."""
    return session.status.is_open and not session.paused and now - session.updated_at > limit


def showing(session: PracticeSession) -> Show:
    """What an open session shows where it stands now: the question after the last
    step, the paused screen, or its step."""
    if session.status is SessionStatus.REFLECTING:
        return Show.REFLECT_PROMPT
    return Show.PAUSED if session.paused else Show.STEP


def pick_up(session: PracticeSession, now: datetime) -> PracticeSession:
    """An abandoned session open again where it stood (nothing the person did is lost by
    a long silence)."""
    return replace(
        session, status=SessionStatus.ACTIVE, finished_at=None, updated_at=now, paused=False
    )


def abandon(session: PracticeSession, now: datetime) -> PracticeSession:
    """Close an idle session."""
    return _finish(session, SessionStatus.ABANDONED, now)


def _active(session: PracticeSession, count: int, move: Move, now: datetime) -> Outcome:
    last = count - 1
    if move is Move.NEXT:
        if session.step >= last:
            moved = replace(session, step=last, status=SessionStatus.REFLECTING, updated_at=now)
            return Outcome(moved, Show.REFLECT_PROMPT)
        return Outcome(replace(session, step=session.step + 1, updated_at=now), Show.STEP)
    if move is Move.BACK:
        if session.step == 0:
            return Outcome(session, Show.STEP, notice=Notice.FIRST_STEP)
        return Outcome(
            replace(session, step=shown_step(session, count) - 1, updated_at=now), Show.STEP
        )
    if move is Move.PAUSE:
        return Outcome(replace(session, updated_at=now), Show.PAUSED)
    raise Refused(f"{move.value} does not apply while practising")


def _reflecting(
    session: PracticeSession, count: int, move: Move, now: datetime, reflection: str | None
) -> Outcome:
    if move is Move.REFLECT:
        text = (reflection or "").strip()
        if not text:
            raise Refused("an empty reflection")
        done = replace(_finish(session, SessionStatus.COMPLETED, now), reflection=text)
        return Outcome(done, Show.COMPLETED)
    if move is Move.SKIP_REFLECTION:
        return Outcome(_finish(session, SessionStatus.COMPLETED, now), Show.COMPLETED)
    if move is Move.BACK:
        back = replace(session, status=SessionStatus.ACTIVE, step=count - 1, updated_at=now)
        return Outcome(back, Show.STEP)
    if move is Move.PAUSE:
        return Outcome(replace(session, updated_at=now), Show.PAUSED)
    raise Refused(f"{move.value} does not apply while reflecting")


def _finish(session: PracticeSession, status: SessionStatus, now: datetime) -> PracticeSession:
    return replace(session, status=status, updated_at=now, finished_at=now)
