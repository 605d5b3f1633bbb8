"""Practice as a service: the state machine, the store and the vault, without Telegram.

Handlers call this and render what comes back. Every move is one transaction that
reads and holds the session row, applies the pure state machine and writes the
result, so a second tap, a second replica or an old button can never move a
session twice: it sees the step already moved and is answered as stale.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.domain import practice
from bot.domain.models import MORE_WINDOW, Clock, PracticeSession, SessionStatus, Skill, User
from bot.domain.practice import Move, Outcome, Refused, Show, Unmoved
from bot.store import Store
from bot.vault.library import VaultHolder

# Moves that answer an offer ("Resume at step k / Start over") rather than a step's
# buttons: they apply whatever step the session has reached since.
_ANY_STEP = (Move.RESUME, Move.RESTART)


@dataclass(frozen=True, slots=True)
class Moved:
    """A move that was applied and stored."""

    outcome: Outcome
    skill: Skill


@dataclass(frozen=True, slots=True)
class Stale:
    """A press that changed nothing, and why (bot/texts words it)."""

    reason: Unmoved


@dataclass(frozen=True, slots=True)
class Busy:
    """Another practice is open: the person chooses to resume it or start over."""

    session: PracticeSession
    skill: Skill


# How long a practice closed for sitting idle is offered back on the way into another.
CLOSED_OFFERED_FOR = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Closed:
    """A practice just closed for sitting idle: offered back where it stood before
    anything else starts (nothing the person did is lost by a silence)."""

    session: PracticeSession
    skill: Skill


@dataclass(frozen=True, slots=True)
class Opened:
    """The person's open session (if any) and a session just closed for idleness."""

    session: PracticeSession | None
    skill: Skill | None
    abandoned: PracticeSession | None = None


@dataclass(frozen=True, slots=True)
class AddedToNote:
    """Words added to a reflection, and what finds them again to take them back out."""

    session: PracticeSession
    start: int  # where they began in the note (the break before them included)
    length: int
    digest: str  # of the added text: it is found by this even after an earlier part left


# Between the parts of one note.
NOTE_BREAK = "\n\n"
# A note grows by what follows it within MORE_WINDOW, each part opening the window again:
# past this, more words are something new, not more of the note (a note of this size is
# about three Telegram messages on /reflections).
MAX_NOTE = 12_000


def part_digest(part: str) -> str:
    """A short fingerprint of an added part (it rides in a button's 64 bytes)."""
    return hashlib.sha256(part.encode()).hexdigest()[:8]


def _part_at(note: str, start: int, length: int, digest: str) -> int | None:
    """Where the added part is now: at `start`, or earlier if a part before it was taken
    out since (only that moves it); None when it is not in the note any more."""
    for at in range(min(start, len(note) - length), 0, -1):
        end = at + length
        # The cheap tests first: a forged press may name any start and length.
        if (
            note.startswith(NOTE_BREAK, at)
            and (end == len(note) or note.startswith(NOTE_BREAK, end))
            and part_digest(note[at:end]) == digest
        ):
            return at
    return None


class Coach:
    """Runs practice sessions for every person."""

    def __init__(
        self, store: Store, vault: VaultHolder, idle_limit: timedelta, clock: Clock
    ) -> None:
        self.store = store
        self.vault = vault
        self.idle_limit = idle_limit
        self.clock = clock

    def focus_skill(self, user: User | None) -> Skill | None:
        """The person's focus skill, else the vault's `current_focus` card."""
        vault = self.vault.current
        chosen = vault.get(user.focus_skill) if user and user.focus_skill else None
        return chosen or vault.default_focus()

    async def focus_of(self, user_id: int) -> Skill | None:
        """focus_skill for a person known only by id (None: not registered yet)."""
        return self.focus_skill(await self.store.get_user(user_id))

    async def current(self, user_id: int) -> Opened:
        """The open session, closing it first if it sat idle past the limit."""
        session = await self.store.open_session(user_id)
        if session is None:
            return Opened(None, None)
        now = self.clock()
        if practice.is_idle(session, now, self.idle_limit):
            closed = practice.abandon(session, now)
            await self.store.save_session(session, closed)
            return Opened(None, None, abandoned=session)
        skill = self.vault.current.get(session.skill)
        if skill is None:
            # The card is missing right now (being edited, a folder being synced):
            # the session waits, untouched, and continues when the card is back.
            return Opened(None, None)
        return Opened(session, skill)

    async def begin(
        self,
        user_id: int,
        chat_id: int,
        skill: Skill,
        scenario: str | None = None,
        *,
        replacing: int | None = None,
    ) -> Moved | Busy | Closed | Stale:
        """Start `skill` from step 1 (for `scenario` if one was chosen), unless a practice
        is open (Busy) or one closed for waiting is offered back first (Closed, see
        `closed_waiting`): only the person's explicit choice (`replacing` names the
        session they chose to leave) goes past either."""
        await self.store.ensure_user(user_id, chat_id)
        if replacing is None and (closed := await self.closed_waiting(user_id)) is not None:
            return closed
        session, started = await self.store.start_session(
            user_id, skill.title, scenario, replacing=replacing
        )
        if not started and self.vault.current.get(session.skill) is None:
            # The open practice's card is missing, so `current` hid it and the person
            # was never offered it: starting another skill is their way on, and the one
            # they cannot see ends as cancelled (else every start would be refused).
            session, started = await self.store.start_session(
                user_id, skill.title, scenario, replacing=session.id
            )
        if started:
            return Moved(Outcome(session, Show.STEP), skill)
        opened = self.vault.current.get(session.skill)
        if opened is None:  # opened elsewhere just now, on a card missing too
            return Stale(Unmoved.OPEN_SKILL_GONE)
        return Busy(session, opened)

    async def closed_waiting(self, user_id: int, opened: Opened | None = None) -> Closed | None:
        """The practice closed for sitting idle, when it is the person's latest, none is
        open (closing one when it is idle now) and it closed within CLOSED_OFFERED_FOR:
        offered back before anything else starts, until they pick it up or start
        another (`begin` with `replacing`). `opened`: what `current` just said, when the
        caller asked it already."""
        if (opened or await self.current(user_id)).session is not None:
            return None
        latest = await self.store.latest_session(user_id)
        if latest is None or latest.status is not SessionStatus.ABANDONED:
            return None
        if latest.finished_at is None or self.clock() - latest.finished_at > CLOSED_OFFERED_FOR:
            return None  # long ago: what it was is in /progress, the offer would be noise
        skill = self.vault.current.get(latest.skill)
        return None if skill is None else Closed(latest, skill)

    async def open_practice(self, user_id: int) -> Busy | None:
        """The open practice to offer to resume before starting any other (None: none)."""
        opened = await self.current(user_id)
        if opened.session is None or opened.skill is None:
            return None
        return Busy(opened.session, opened.skill)

    async def press(
        self,
        user_id: int,
        session_id: int,
        step: int,
        move: Move,
        *,
        seen: PracticeSession | None = None,
    ) -> Moved | Stale:
        """Apply a move to the session it names, if it still applies at `step` (the
        position the person saw, see `practice.position`). `seen`: the session as this
        update read it already, if it did (see Store.update_session)."""
        now = self.clock()

        def decide(session: PracticeSession) -> tuple[PracticeSession | None, Moved | Stale]:
            if session.user_id != user_id:
                return None, Stale(Unmoved.NOT_YOURS)
            if session.status is SessionStatus.ABANDONED:
                return None, Stale(Unmoved.EXPIRED)  # closed for waiting: offered back
            if move not in _ANY_STEP:
                if not session.status.is_open:
                    return None, Stale(Unmoved.FINISHED)
                if practice.is_idle(session, now, self.idle_limit):
                    # Before the step check: an older copy of a step, pressed after the
                    # limit, closes the practice as any button would, and says so.
                    return practice.abandon(session, now), Stale(Unmoved.EXPIRED)
                if practice.position(session) != step:
                    return None, Stale(Unmoved.STALE_STEP)
            return self._move(session, move, now)

        result = await self.store.update_session(session_id, decide, seen=seen)
        if result is None:
            return Stale(Unmoved.NOT_YOURS)
        if isinstance(result, Moved) and move is Move.RESTART:
            # The old session was closed in that transaction; a fresh one starts now,
            # unless another was opened meanwhile (that one is kept, and offered).
            fresh, started = await self.store.start_session(
                user_id, result.skill.title, result.outcome.session.scenario
            )
            if not started:
                return Stale(Unmoved.BUSY)
            return Moved(Outcome(fresh, Show.STEP), result.skill)
        return result

    async def pick_up(self, user_id: int, session_id: int) -> Moved | Stale:
        """Open a practice closed for idleness again, at its step; Busy-like Stale when
        another practice is open now (that one is never closed behind their back)."""
        opened = await self.current(user_id)
        if opened.session is not None and opened.session.id != session_id:
            return Stale(Unmoved.BUSY)
        if opened.session is None:
            # Only the practice offered back (their latest, closed within the week): an
            # old button must not reopen one they have since left for another.
            closed = await self.closed_waiting(user_id, opened)
            if closed is None or closed.session.id != session_id:
                return Stale(Unmoved.FINISHED)
        now = self.clock()

        def decide(session: PracticeSession) -> tuple[PracticeSession | None, Moved | Stale]:
            if session.user_id != user_id:
                return None, Stale(Unmoved.NOT_YOURS)
            skill = self.vault.current.get(session.skill)
            if skill is None:
                return None, Stale(Unmoved.SKILL_GONE)
            if session.status.is_open:  # picked up already (a second tap, a retry)
                return None, Moved(Outcome(session, practice.showing(session)), skill)
            if session.status is not SessionStatus.ABANDONED:
                return None, Stale(Unmoved.FINISHED)
            again = practice.pick_up(session, now)
            return again, Moved(Outcome(again, Show.STEP), skill)

        return await self.store.update_session(session_id, decide) or Stale(Unmoved.NOT_YOURS)

    async def where_it_stands(self, user_id: int, session_id: int) -> Moved | None:
        """The person's open practice `session_id` as it stands now, to show in place of
        a message whose button is behind it; None when it is not their open practice."""
        opened = await self.current(user_id)
        session, skill = opened.session, opened.skill
        if session is None or skill is None or session.id != session_id:
            return None
        return Moved(Outcome(session, practice.showing(session)), skill)

    async def just_reflected(self, user_id: int, text: str) -> Moved | None:
        """The practice this very reflection completed moments ago (MORE_WINDOW), as
        completed; None otherwise. The same words arriving again that soon are the same
        message tried again (its first answer was lost), not a new thought to file."""
        words = text.strip()
        last = await self.store.last_reflected(user_id)
        if not words or last is None or last.reflection != words or last.finished_at is None:
            return None
        if self.clock() - last.finished_at > MORE_WINDOW:
            return None
        skill = self.vault.current.get(last.skill)
        return None if skill is None else Moved(Outcome(last, Show.COMPLETED), skill)

    async def reflect(self, session: PracticeSession, text: str) -> Moved | Stale:
        """Store free text as the reflection of a session waiting for one."""
        now = self.clock()

        def decide(current: PracticeSession) -> tuple[PracticeSession | None, Moved | Stale]:
            if current.status is not SessionStatus.REFLECTING:
                return None, Stale(Unmoved.FINISHED)
            return self._move(current, Move.REFLECT, now, text)

        return await self.store.update_session(session.id, decide) or Stale(Unmoved.FINISHED)

    async def add_to_reflection(self, user_id: int, text: str) -> AddedToNote | None:
        """Add `text` to the person's latest reflection, after a break; None when they
        have none, `text` is blank, or the note would pass MAX_NOTE. An update tried
        again (a failed send, a restart) finds its words already at the end and adds them
        once."""
        words = text.strip()
        last = await self.store.last_reflected(user_id)
        if not words or last is None:
            return None
        part = NOTE_BREAK + words
        digest = part_digest(part)

        def decide(current: PracticeSession) -> tuple[PracticeSession | None, AddedToNote | None]:
            note = current.reflection
            if note is None:
                return None, None
            if note.endswith(part):  # added by an earlier try of this update
                return None, AddedToNote(current, len(note) - len(part), len(part), digest)
            if len(note) + len(part) > MAX_NOTE:
                return None, None  # full: the words are read as anything else would be
            after = replace(current, reflection=note + part)
            return after, AddedToNote(after, len(note), len(part), digest)

        return await self.store.update_session(last.id, decide)

    async def take_back(
        self, user_id: int, session_id: int, start: int, length: int, digest: str
    ) -> str | None:
        """Take words added to a reflection back out (they were not meant for it) and
        return them; None when they are not there as added (taken back already, or not
        this person's)."""

        def decide(current: PracticeSession) -> tuple[PracticeSession | None, str | None]:
            note = current.reflection or ""
            at = _part_at(note, start, length, digest) if current.user_id == user_id else None
            if at is None:
                return None, None
            after = replace(current, reflection=note[:at] + note[at + length :])
            return after, note[at : at + length].strip()

        return await self.store.update_session(session_id, decide)

    async def cancel(self, user_id: int) -> PracticeSession | None:
        """End the open session as cancelled; return it (None if there was none)."""
        session = await self.store.open_session(user_id)
        if session is None:
            return None
        count = len(skill.steps) if (skill := self.vault.current.get(session.skill)) else 1
        outcome = practice.apply(session, count, Move.CANCEL, self.clock())
        await self.store.save_session(session, outcome.session)
        return session

    def _move(
        self, session: PracticeSession, move: Move, now: datetime, text: str | None = None
    ) -> tuple[PracticeSession | None, Moved | Stale]:
        checked = self._checked(session, now)
        if isinstance(checked, tuple):
            return checked
        try:
            outcome = practice.apply(session, len(checked.steps), move, now, text)
        except Refused:
            return None, Stale(Unmoved.NOT_NOW)
        return outcome.session, Moved(outcome, checked)

    def _checked(
        self, session: PracticeSession, now: datetime
    ) -> Skill | tuple[PracticeSession | None, Stale]:
        """The session's skill if the session can still move, else why not."""
        if not session.status.is_open:
            return None, Stale(Unmoved.FINISHED)
        skill = self.vault.current.get(session.skill)
        if skill is None:
            return None, Stale(Unmoved.OPEN_SKILL_GONE)
        if practice.is_idle(session, now, self.idle_limit):
            return practice.abandon(session, now), Stale(Unmoved.EXPIRED)
        return skill

    async def completed_count(self, user_id: int, skill: Skill) -> int:
        """How many times the person has completed this skill."""
        return await self.store.count_completed(user_id, skill.title)
