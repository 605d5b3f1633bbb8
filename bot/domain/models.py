"""Domain objects shared by every layer. Standard library only."""

from __future__ import annotations

import hashlib
import time as time_module
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """Return the current instant as an aware UTC datetime."""
    return datetime.now(UTC)


def running_from(start: datetime) -> Clock:
    """A clock that reads `start` now and runs on at the real pace from there: a whole
    bot process can live a chosen minute (a test's nudge due in ten seconds, not in one
    to two real minutes) while every timeout and interval still takes real time."""
    began = time_module.monotonic()
    return lambda: start + timedelta(seconds=time_module.monotonic() - began)


# The longest skill title progress records keep (the store's columns are this wide).
MAX_SKILL_NAME = 200


def skill_key(title: str) -> str:
    """A short id for a skill that survives vault reloads as long as the title does;
    it fits in Telegram's 64-byte button data where a long title would not."""
    return hashlib.blake2s(title.casefold().encode(), digest_size=5).hexdigest()


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a skill: a short title and the sentence that explains it."""

    title: str
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class Link:
    """A wikilink from a card: the name shown, and the skill it resolves to (if any)."""

    name: str
    target: str | None = None


@dataclass(frozen=True, slots=True)
class Skill:
    """One skill card from the vault, parsed and resolved."""

    title: str
    kinds: tuple[str, ...]
    description: str
    why_it_matters: str
    steps: tuple[Step, ...]
    common_mistakes: tuple[str, ...]
    supporting_meta_skills: tuple[Link, ...] = ()
    related_scenarios: tuple[Link, ...] = ()
    aliases: tuple[str, ...] = ()
    current_focus: bool = False
    source: Path = Path()
    # Repair-bid messages the card's author wrote (`bids:`); see domain/partner.py.
    bids: tuple[str, ...] = ()
    # Phrases the card's author expects people to write ("yelled", "silent treatment"):
    # they help match free text to the skill (bot/domain/matching.py).
    triggers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    # The card's language when it declares one (`lang:`), and on a default-language
    # card its translations by language. Practice, progress and focus belong to the
    # default card; a translation only changes what a person reads.
    lang: str = ""
    translations: tuple[tuple[str, Skill], ...] = ()

    def in_language(self, language: str) -> Skill:
        """The card to show someone who reads `language`: its translation when there is
        one with the same number of steps (a practice counts steps), else this card."""
        for code, translation in self.translations:
            if code == language and len(translation.steps) == len(self.steps):
                return translation
        return self

    @property
    def kind(self) -> str:
        """The card's primary kind (first `fileClass`), or `skill` when it has none."""
        return self.kinds[0] if self.kinds else "skill"

    @property
    def key(self) -> str:
        """A short id for buttons (see `skill_key`)."""
        return skill_key(self.title)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name this skill answers to: its title first, then its aliases."""
        return (self.title, *self.aliases)


class NotRegistered(Exception):
    """The person has no record: new, or forgotten at their request. Only /start
    registers anyone, so nothing is stored about them before they choose it."""


@dataclass(frozen=True, slots=True)
class Scenario:
    """A situation to practise skills in ("When they go quiet"), from a scenario note."""

    title: str
    situation: str
    skills: tuple[Link, ...] = ()
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """A short id for buttons (see `skill_key`)."""
        return skill_key(self.title)


@dataclass(frozen=True, slots=True)
class User:
    """A person using the bot and their settings."""

    user_id: int
    chat_id: int
    timezone: str
    reminder_time: time
    reminders_enabled: bool
    focus_skill: str | None
    created_at: datetime
    last_seen_at: datetime
    next_nudge_at: datetime | None = None
    paused_until: datetime | None = None
    silent_nudges: bool = False
    blocked: bool = False
    # The language the bot speaks to them (`de`); None until first known.
    language: str | None = None
    zone_chosen: bool = True
    progress_explained: bool = False
    # The question the bot last asked that a typed message can answer, and when.
    question: Question | None = None
    asked_at: datetime | None = None
    # What the question was about, when it needs saying (the hour of HALF_OF_DAY).
    question_detail: str | None = None
    # When they last spoke of danger to themselves, or of hurting someone.
    at_risk_since: datetime | None = None
    harmed_since: datetime | None = None

    def listened_to(self, at: datetime) -> bool:
        """Whether, at `at`, what they write is met rather than matched to a skill: for
        LISTENING_DAYS after they spoke of danger or of hurting someone."""
        return still_listening(self.at_risk_since, at) or still_listening(self.harmed_since, at)

    def at_risk(self, at: datetime) -> bool:
        """Whether they spoke of danger to themselves within LISTENING_DAYS of `at`."""
        return still_listening(self.at_risk_since, at)

    def harmed(self, at: datetime) -> bool:
        """Whether they spoke of hurting someone within LISTENING_DAYS of `at`."""
        return still_listening(self.harmed_since, at)

    def is_paused(self, at: datetime) -> bool:
        """Tell whether nudges are paused at `at`."""
        return self.paused_until is not None and at < self.paused_until

    def open_question(self, at: datetime) -> Question | None:
        """The question a message sent at `at` may answer: one asked within ANSWER_WINDOW,
        or MORE_WINDOW for more of a reflection (the next update closes it anyway, so a
        "7" an hour later is never misread). No lower bound: with replicas, the one
        reading the answer may run a little behind the clock of the one that asked."""
        if self.question is None or self.asked_at is None:
            return None
        window = MORE_WINDOW if self.question is Question.MORE_REFLECTION else ANSWER_WINDOW
        return self.question if at < self.asked_at + window else None


# As long as daily nudges rest after safety language (nudge_policy.REST_AFTER_SAFETY).
LISTENING_DAYS = timedelta(days=3)


def still_listening(since: datetime | None, at: datetime) -> bool:
    """Whether `at` falls within LISTENING_DAYS of `since` (None: never)."""
    return since is not None and since <= at < since + LISTENING_DAYS


class Question(StrEnum):
    """What the bot asked that a person may answer by typing instead of a button."""

    PAUSE_DAYS = "pause_days"  # /pause on its own: for how many days?
    ZONE = "zone"  # the time-zone picker: a city, a zone or an offset
    REMINDER_TIME = "reminder_time"  # the reminder-time picker: a time of day
    # A reflection just saved: a message right after it is more of it (a long one that
    # Telegram split, or the second half of a thought).
    MORE_REFLECTION = "more_reflection"
    # "/remind 7": in the morning or in the evening? The hour is the question's detail.
    HALF_OF_DAY = "half_of_day"
    # "Shall I stop the daily nudges?": asked again ("stop", "leave me alone"), it is done.
    STOP = "stop"


# How long a question stays open for a typed answer.
ANSWER_WINDOW = timedelta(minutes=10)
# How long a saved reflection takes more: parts of one message arrive within seconds, a
# second thought within a minute or two; later text is something new.
MORE_WINDOW = timedelta(minutes=3)


class SessionStatus(StrEnum):
    """Where a practice session stands."""

    ACTIVE = "active"
    REFLECTING = "reflecting"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    ABANDONED = "abandoned"

    @property
    def is_open(self) -> bool:
        """Tell whether the session can still move."""
        return self in (SessionStatus.ACTIVE, SessionStatus.REFLECTING)


@dataclass(frozen=True, slots=True)
class PracticeSession:
    """One run through a skill's steps, as stored."""

    id: int
    user_id: int
    skill: str
    step: int
    status: SessionStatus
    started_at: datetime
    updated_at: datetime
    reflection: str | None = None
    finished_at: datetime | None = None
    scenario: str | None = None  # the situation practised for, if one was chosen
    paused: bool = False


class NudgeOutcome(StrEnum):
    """What became of one day's nudge for one person."""

    CLAIMED = "claimed"  # a dispatcher took it and will send it
    SENDING = "sending"  # handed to Telegram; if the process dies now, delivery is unknown
    SENT = "sent"
    SNOOZED = "snoozed"  # sent, then snoozed: it will be sent again later today
    FAILED = "failed"
    BLOCKED = "blocked"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class NudgeClaim:
    """A nudge a dispatcher has claimed and must now send."""

    nudge_id: int
    user_id: int
    chat_id: int
    local_date: date
    skill: str
    silent: bool
    language: str | None = None
    # The first nudge of someone who has not chosen a time zone asks for it again.
    ask_zone: bool = False
    # When their last pause (theirs, or the rest after safety language) ended or ends,
    # and whether a nudge has reached them since.
    paused_until: datetime | None = None
    nudged_since_pause: bool = False


@dataclass(frozen=True, slots=True)
class NudgeResult:
    """How sending one claimed nudge ended."""

    nudge_id: int
    user_id: int
    outcome: NudgeOutcome
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimBatch:
    """The nudges claimed for sending, and how many due people were dealt with."""

    claims: list[NudgeClaim]
    examined: int


@dataclass(frozen=True, slots=True)
class NudgeRecord:
    """One stored nudge, for reports and tests."""

    id: int
    user_id: int
    local_date: date
    due_at: datetime
    outcome: NudgeOutcome
    reason: str | None
    skill: str | None


@dataclass(frozen=True, slots=True)
class Reflection:
    """What a person wrote after a practice."""

    skill: str
    text: str
    written_at: datetime
    scenario: str | None = None  # the situation the practice was for, if any


@dataclass(frozen=True, slots=True)
class BotStats:
    """Totals for admins."""

    people: int
    active_last_7_days: int
    completed_per_skill: dict[str, int]
    nudges_last_7_days: dict[NudgeOutcome, int]


@dataclass(frozen=True, slots=True)
class InboxUpdate:
    """An update as Telegram sent it (raw JSON), with who sent it and in which chat."""

    update_id: int
    user_id: int | None
    chat_id: int | None
    payload: str


class InboxState(StrEnum):
    """Where an update is on its way through the inbox."""

    PENDING = "pending"
    DONE = "done"
    QUARANTINED = "quarantined"
