"""Compact callback data for inline buttons: encode, and decode without trusting it.

Telegram returns a button's data verbatim when it is pressed, and a client can
send any data it likes, so every press is parsed strictly here. Skills are
named by a short stable key (a hash of the title) because titles can be longer
than the 64 bytes Telegram allows.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum

from telegram.constants import InlineKeyboardButtonLimit

from bot.domain.practice import Move
from bot.telegram.partner_callbacks import PartnerPresses, decode_partner, encode_partner
from bot.telegram.row_ids import row_id

MAX_BYTES = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA

# The letter each practice move has in button data. Only moves that a button makes
# are here: a reflection is typed and /cancel is a command.
_MOVE_LETTERS = {
    Move.NEXT: "n",
    Move.BACK: "b",
    Move.PAUSE: "p",
    Move.SKIP_REFLECTION: "s",
    Move.RESUME: "r",
    Move.RESTART: "o",
    # End an open practice (offered when someone types while it is paused).
    Move.CANCEL: "e",
}
_LETTER_MOVES = {letter: move for move, letter in _MOVE_LETTERS.items()}


class SkillAction(StrEnum):
    """Buttons about one skill."""

    INTRO = "i"  # show the practice intro
    START = "s"  # start practising now
    MISTAKES = "m"
    CARD = "c"
    FOCUS = "f"
    REFLECTIONS = "r"


class ListMode(StrEnum):
    """What pressing a skill in a list does."""

    PRACTICE = "p"
    CARD = "c"
    FOCUS = "f"
    MISTAKES = "m"
    REFLECTIONS = "r"


@dataclass(frozen=True, slots=True)
class SessionPress:
    """A practice move on the session it names, at the position the person saw."""

    session_id: int
    step: int
    move: Move


@dataclass(frozen=True, slots=True)
class SkillPress:
    key: str
    action: SkillAction


@dataclass(frozen=True, slots=True)
class ScenarioPress:
    """A skill practised for a scenario: its intro (INTRO) or its first step (START)."""

    skill_key: str
    scenario_key: str
    action: SkillAction


@dataclass(frozen=True, slots=True)
class ListPress:
    mode: ListMode
    page: int


class NudgeAction(StrEnum):
    """Buttons under a daily nudge (Practice now and Common mistakes are SkillPresses)."""

    SNOOZE = "s"
    SKIP_TODAY = "k"


@dataclass(frozen=True, slots=True)
class NudgePress:
    nudge_id: int
    action: NudgeAction


@dataclass(frozen=True, slots=True)
class ReminderPress:
    """A reminder setting: a preset time `HHMM`, or `on`, `off`, `quiet`, `loud`."""

    value: str


@dataclass(frozen=True, slots=True)
class PausePress:
    """Pause nudges for this many days (a button under /pause's question)."""

    days: int


@dataclass(frozen=True, slots=True)
class ZonePress:
    """Choose an IANA time zone."""

    zone: str


@dataclass(frozen=True, slots=True)
class ReflectionsPress:
    """A page of reflections, of one skill (by key) or of all."""

    page: int
    skill_key: str | None


@dataclass(frozen=True, slots=True)
class NotePress:
    """Take back words just added to a reflection: which practice, where they started in
    its note, how long they are, and their fingerprint (coach.part_digest)."""

    session_id: int
    start: int
    length: int
    digest: str


@dataclass(frozen=True, slots=True)
class ForgetPress:
    """The answer to "delete everything about me?"."""

    confirmed: bool


# NotesPress's steps: ask first, then the answer.
ASK_NOTES, DELETE_NOTES, KEEP_NOTES = "a", "y", "n"


@dataclass(frozen=True, slots=True)
class NotesPress:
    """Delete the person's notes (their reflections) only: ASK_NOTES, then DELETE_NOTES
    (of the `count` notes the question named) or KEEP_NOTES."""

    step: str
    count: int = 0


@dataclass(frozen=True, slots=True)
class LanguagePress:
    """Speak this language (an ISO 639-1 code) from now on."""

    language: str


@dataclass(frozen=True, slots=True)
class StartInstead:
    """End the open session (explicitly chosen) and start a skill from step 1: another
    skill, or one for a situation (`scenario_key`) chosen while the practice was open."""

    session_id: int
    key: str
    scenario_key: str | None = None


@dataclass(frozen=True, slots=True)
class SettingsPress:
    """A button on the /settings screen: which part (`view`) and, for a change, the value."""

    view: str
    value: str = ""


@dataclass(frozen=True, slots=True)
class PickUp:
    """Pick up a practice closed after sitting idle, at the step where it stood."""

    session_id: int


@dataclass(frozen=True, slots=True)
class Done:
    """Done under a completed practice: put the buttons away, keep the words."""


@dataclass(frozen=True, slots=True)
class Okay:
    """ "I'm okay" under the listening reply: suggest skills again (safety.py). `since`:
    the time (Unix seconds) the days of listening it ends began, so a button under an
    earlier reply cannot end the days a newer disclosure began."""

    since: int


@dataclass(frozen=True, slots=True)
class Dismiss:
    """Close a menu without doing anything (Cancel on an intro)."""


Press = (
    SessionPress
    | SkillPress
    | ScenarioPress
    | ListPress
    | NudgePress
    | ReminderPress
    | PausePress
    | ZonePress
    | ReflectionsPress
    | NotePress
    | ForgetPress
    | NotesPress
    | LanguagePress
    | StartInstead
    | SettingsPress
    | PickUp
    | Done
    | Okay
    | Dismiss
    | PartnerPresses
)

_SESSION = re.compile(r"p:(\d{1,12}):(\d{1,4}):([a-z])")
_SKILL = re.compile(r"k:([0-9a-f]{10}):([a-z])")
_SCENARIO = re.compile(r"s:([0-9a-f]{10}):([0-9a-f]{10}):([is])")
_LIST = re.compile(r"l:([a-z]):(\d{1,4})")
_NUDGE = re.compile(r"n:(\d{1,12}):([a-z])")
_REMINDER = re.compile(r"r:((?:[01]\d|2[0-3])[0-5]\d|on|off|quiet|loud)")
_PAUSE = re.compile(r"u:(\d{1,3})")
_REFLECTIONS = re.compile(r"v:(\d{1,4}):([0-9a-f]{10}|-)")
_NOTE = re.compile(r"e:(\d{1,12}):(\d{1,7}):(\d{1,5}):([0-9a-f]{8})")
_FORGET = re.compile(r"g:([yn])")
_NOTES = re.compile(r"gn:([ayn])(?::(\d{1,6}))?")
_LANGUAGE = re.compile(r"t:([a-z]{2,3})")
_ZONE = re.compile(r"z:([A-Za-z][A-Za-z0-9_+\-/]{0,60})")
_START_INSTEAD = re.compile(r"o:(\d{1,12}):([0-9a-f]{10})(?::([0-9a-f]{10}))?")
# "c" for configure: "s" is a scenario.
_PICK_UP = re.compile(r"a:(\d{1,12})")
_SETTINGS = re.compile(r"c:([a-zA-Z])(?::([A-Za-z0-9_+\-/]{1,60}))?")
_DISMISS = "x"
_DONE = "d"
_OKAY = re.compile(r"w:(\d{1,12})")


def encode(press: Press) -> str:
    """The callback data for a button."""
    match press:
        case SessionPress(session_id, step, move):
            data = f"p:{session_id}:{step}:{_MOVE_LETTERS[move]}"
        case SkillPress(key, action):
            data = f"k:{key}:{action.value}"
        case ScenarioPress(skill_key, scenario_key, action):
            data = f"s:{skill_key}:{scenario_key}:{action.value}"
        case ListPress(mode, page):
            data = f"l:{mode.value}:{page}"
        case NudgePress(nudge_id, action):
            data = f"n:{nudge_id}:{action.value}"
        case ReminderPress(value):
            data = f"r:{value}"
        case PausePress(days):
            data = f"u:{days}"
        case ZonePress(zone):
            data = f"z:{zone}"
        case ReflectionsPress(page, skill_key):
            data = f"v:{page}:{skill_key or '-'}"
        case NotePress(session_id, start, length, digest):
            data = f"e:{session_id}:{start}:{length}:{digest}"
        case ForgetPress(confirmed):
            data = f"g:{'y' if confirmed else 'n'}"
        case NotesPress(step, count):
            data = f"gn:{step}:{count}" if step == DELETE_NOTES else f"gn:{step}"
        case LanguagePress(language):
            data = f"t:{language}"
        case StartInstead(session_id, key, scenario_key):
            data = f"o:{session_id}:{key}" + (f":{scenario_key}" if scenario_key else "")
        case SettingsPress(view, value):
            data = f"c:{view}:{value}" if value else f"c:{view}"
        case PickUp(session_id):
            data = f"a:{session_id}"
        case Done():
            data = _DONE
        case Okay(since):
            data = f"w:{since}"
        case Dismiss():
            data = _DISMISS
        case _:
            data = encode_partner(press)
    assert len(data.encode()) <= MAX_BYTES, data
    return data


# PTB asks each press route in turn whether a press is its own, so one press is decoded
# by every route up to the one that takes it (nine for Next): each data string is
# decoded once, and the presses, frozen, are shared.
@functools.lru_cache(maxsize=1024)
def decode(data: str | None) -> Press | None:
    """Parse callback data; None for anything this bot did not produce."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    try:
        if match := _SESSION.fullmatch(data):
            move = _LETTER_MOVES.get(match[3])
            return SessionPress(row_id(match[1]), int(match[2]), move) if move else None
        if match := _SKILL.fullmatch(data):
            return SkillPress(match[1], SkillAction(match[2]))
        if match := _SCENARIO.fullmatch(data):
            return ScenarioPress(match[1], match[2], SkillAction(match[3]))
        if match := _LIST.fullmatch(data):
            return ListPress(ListMode(match[1]), int(match[2]))
        if match := _NUDGE.fullmatch(data):
            return NudgePress(row_id(match[1]), NudgeAction(match[2]))
        if match := _REMINDER.fullmatch(data):
            return ReminderPress(match[1])
        if match := _PAUSE.fullmatch(data):
            return PausePress(int(match[1]))
        if match := _ZONE.fullmatch(data):
            return ZonePress(match[1])
        if match := _REFLECTIONS.fullmatch(data):
            return ReflectionsPress(int(match[1]), None if match[2] == "-" else match[2])
        if match := _NOTE.fullmatch(data):
            return NotePress(row_id(match[1]), int(match[2]), int(match[3]), match[4])
        if match := _FORGET.fullmatch(data):
            return ForgetPress(match[1] == "y")
        if match := _NOTES.fullmatch(data):
            return NotesPress(match[1], int(match[2] or 0))
        if match := _LANGUAGE.fullmatch(data):
            return LanguagePress(match[1])
        if match := _START_INSTEAD.fullmatch(data):
            return StartInstead(row_id(match[1]), match[2], match[3])
        if match := _SETTINGS.fullmatch(data):
            return SettingsPress(match[1], match[2] or "")
        if match := _PICK_UP.fullmatch(data):
            return PickUp(row_id(match[1]))
        if match := _OKAY.fullmatch(data):
            return Okay(int(match[1]))
        if partner := decode_partner(data):
            return partner
    except ValueError:  # a letter that is no known action
        return None
    if data == _DONE:
        return Done()
    return Dismiss() if data == _DISMISS else None
