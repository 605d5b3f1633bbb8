"""Inline keyboards: which buttons each message carries, with compact callback data."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.models import PracticeSession, Scenario, Skill, User, skill_key
from bot.domain.paging import Page
from bot.domain.practice import Move, position
from bot.domain.timezones import Place
from bot.telegram.callbacks import (
    Dismiss,
    ForgetPress,
    LanguagePress,
    ListMode,
    ListPress,
    NudgeAction,
    NudgePress,
    Press,
    ReflectionsPress,
    ReminderPress,
    ScenarioPress,
    SessionPress,
    SkillAction,
    SkillPress,
    ZonePress,
    encode,
)
from bot.texts import labels
from bot.texts.i18n import LANGUAGES
from bot.texts.i18n import card as in_language

PAGE_SIZE = 8


def _button(text: str, press: Press) -> InlineKeyboardButton:
    # The label is cut with an ellipsis when long (German compounds, long titles); the
    # data is built from the press alone, so its 64 bytes never depend on the language.
    return InlineKeyboardButton(labels.shortened(text), callback_data=encode(press))


def _session(session: PracticeSession, move: Move) -> SessionPress:
    return SessionPress(session.id, position(session), move)


def intro(skill: Skill, scenario: Scenario | None = None) -> InlineKeyboardMarkup:
    """Start / Common mistakes / Choose another / Cancel under a practice intro (Start
    practises for the scenario, when the intro is for one)."""
    start: Press = (
        SkillPress(skill.key, SkillAction.START)
        if scenario is None
        else ScenarioPress(skill.key, scenario.key, SkillAction.START)
    )
    return InlineKeyboardMarkup(
        [
            [_button(labels.START, start)],
            [
                _button(labels.MISTAKES, SkillPress(skill.key, SkillAction.MISTAKES)),
                _button(labels.CHOOSE_ANOTHER, ListPress(ListMode.PRACTICE, 0)),
            ],
            [_button(labels.CANCEL, Dismiss())],
        ]
    )


def step(session: PracticeSession, step_count: int) -> InlineKeyboardMarkup:
    """Back / Pause / Next (Finish on the last step) under a step."""
    last = session.step >= step_count - 1
    row = []
    if session.step > 0:
        row.append(_button(labels.BACK, _session(session, Move.BACK)))
    row.append(_button(labels.PAUSE, _session(session, Move.PAUSE)))
    row.append(_button(labels.FINISH if last else labels.NEXT, _session(session, Move.NEXT)))
    return InlineKeyboardMarkup([row])


def reflect(session: PracticeSession) -> InlineKeyboardMarkup:
    """Back / Skip under the reflection question."""
    return InlineKeyboardMarkup(
        [
            [
                _button(labels.BACK, _session(session, Move.BACK)),
                _button(labels.SKIP_REFLECTION, _session(session, Move.SKIP_REFLECTION)),
            ]
        ]
    )


def paused(session: PracticeSession) -> InlineKeyboardMarkup:
    """A single Resume button under the pause message."""
    return InlineKeyboardMarkup([[_button(labels.RESUME, _session(session, Move.RESUME))]])


def resume_offer(session: PracticeSession) -> InlineKeyboardMarkup:
    """Resume at step k / Start over / Choose another, for /practice mid-session."""
    return InlineKeyboardMarkup(
        [
            [_button(labels.resume_at(session.step), _session(session, Move.RESUME))],
            [
                _button(labels.START_OVER, _session(session, Move.RESTART)),
                _button(labels.CHOOSE_ANOTHER, ListPress(ListMode.PRACTICE, 0)),
            ],
        ]
    )


def completed(skill: Skill, *, is_focus: bool) -> InlineKeyboardMarkup:
    """Practice again, make focus, and one button per supporting skill that exists."""
    rows = [[_button(labels.PRACTICE_AGAIN, SkillPress(skill.key, SkillAction.START))]]
    if not is_focus:
        rows[0].append(_button(labels.MAKE_FOCUS, SkillPress(skill.key, SkillAction.FOCUS)))
    rows += _linked(skill)
    return InlineKeyboardMarkup(rows)


def card(
    skill: Skill, *, is_focus: bool, scenarios: Sequence[Scenario] = ()
) -> InlineKeyboardMarkup:
    """Under a skill's card: practise, mistakes, focus, one button per scenario to
    practise it for, and its supporting skills."""
    rows = [
        [
            _button(labels.PRACTISE, SkillPress(skill.key, SkillAction.INTRO)),
            _button(labels.MISTAKES, SkillPress(skill.key, SkillAction.MISTAKES)),
        ]
    ]
    if not is_focus:
        rows.append([_button(labels.MAKE_FOCUS, SkillPress(skill.key, SkillAction.FOCUS))])
    rows += [
        [
            _button(
                labels.scenario(scenario.title),
                ScenarioPress(skill.key, scenario.key, SkillAction.INTRO),
            )
        ]
        for scenario in scenarios
    ]
    rows += _linked(skill)
    return InlineKeyboardMarkup(rows)


def practise(skill: Skill) -> InlineKeyboardMarkup:
    """A single button to practise a skill (under its mistakes)."""
    return InlineKeyboardMarkup(
        [
            [
                _button(
                    labels.practise(in_language(skill).title),
                    SkillPress(skill.key, SkillAction.INTRO),
                )
            ]
        ]
    )


def focus(skill: Skill) -> InlineKeyboardMarkup:
    """Under the focus summary: practise it, or choose another focus."""
    return InlineKeyboardMarkup(
        [
            [
                _button(labels.PRACTISE, SkillPress(skill.key, SkillAction.INTRO)),
                _button(labels.CHOOSE_ANOTHER_FOCUS, ListPress(ListMode.FOCUS, 0)),
            ]
        ]
    )


MAX_CHOICES = PAGE_SIZE


def choices(skills: Sequence[Skill], action: SkillAction) -> InlineKeyboardMarkup:
    """One button per skill (at most MAX_CHOICES), each doing `action`."""
    shown = skills[:MAX_CHOICES]
    return InlineKeyboardMarkup(
        [[_button(in_language(s).title, SkillPress(s.key, action))] for s in shown]
    )


_MODE_ACTION = {
    ListMode.PRACTICE: SkillAction.INTRO,
    ListMode.CARD: SkillAction.CARD,
    ListMode.FOCUS: SkillAction.FOCUS,
}


def skill_list(skills: Page[Skill], mode: ListMode) -> InlineKeyboardMarkup:
    """A page of skills as buttons, with ‹ › to move between pages."""
    page, pages, shown = skills.number, skills.count, skills.items
    action = _MODE_ACTION[mode]
    rows = [[_button(in_language(skill).title, SkillPress(skill.key, action))] for skill in shown]
    if pages > 1:
        nav = []
        if page > 0:
            nav.append(_button(labels.PREVIOUS_PAGE, ListPress(mode, page - 1)))
        nav.append(_button(labels.page_of(page, pages), ListPress(mode, page)))
        if page < pages - 1:
            nav.append(_button(labels.NEXT_PAGE, ListPress(mode, page + 1)))
        rows.append(nav)
    return InlineKeyboardMarkup(rows)


def _linked(skill: Skill) -> list[list[InlineKeyboardButton]]:
    # A translation's links name the translated cards but point at the default cards,
    # so the button opens the same skill in any language.
    return [
        [_button(labels.linked(link.name), SkillPress(skill_key(link.target), SkillAction.CARD))]
        for link in in_language(skill).supporting_meta_skills
        if link.target
    ]


PRESET_TIMES = ("0700", "0800", "0900", "1230", "1800", "2100")


def nudge(nudge_id: int, skill: Skill) -> InlineKeyboardMarkup:
    """Practice now / Common mistakes / Snooze 1 h / Skip today under a nudge."""
    return InlineKeyboardMarkup(
        [
            [
                _button(labels.PRACTICE_NOW, SkillPress(skill.key, SkillAction.START)),
                _button(labels.MISTAKES, SkillPress(skill.key, SkillAction.MISTAKES)),
            ],
            [
                _button(labels.SNOOZE, NudgePress(nudge_id, NudgeAction.SNOOZE)),
                _button(labels.SKIP_TODAY, NudgePress(nudge_id, NudgeAction.SKIP_TODAY)),
            ],
        ]
    )


def reminder(user: User) -> InlineKeyboardMarkup:
    """Preset times, on/off and sound, under the /remind summary."""
    current = user.reminder_time.strftime("%H%M")
    times = [
        _button(labels.preset_time(value, current=value == current), ReminderPress(value))
        for value in PRESET_TIMES
    ]
    switch = ReminderPress("off") if user.reminders_enabled else ReminderPress("on")
    sound = ReminderPress("loud") if user.silent_nudges else ReminderPress("quiet")
    return InlineKeyboardMarkup(
        [
            times[:3],
            times[3:],
            [
                _button(labels.TURN_OFF if user.reminders_enabled else labels.TURN_ON, switch),
                _button(labels.WITH_SOUND if user.silent_nudges else labels.SILENTLY, sound),
            ],
        ]
    )


def zones(names: Sequence[str]) -> InlineKeyboardMarkup:
    """One button per time zone, two to a row."""
    buttons = [_button(labels.zone(name), ZonePress(name)) for name in names]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def places(choices: Sequence[Place]) -> InlineKeyboardMarkup:
    """One button per place ("Portland, Maine, United States"), one to a row: the
    labels are long."""
    return InlineKeyboardMarkup(
        [[_button(place.label, ZonePress(place.zone))] for place in choices]
    )


def reflection_pages(page: int, pages: int, skill_key: str | None) -> InlineKeyboardMarkup | None:
    """‹ Newer / Older › under a page of reflections (none when there is one page)."""
    if pages <= 1:
        return None
    row = []
    if page > 0:
        row.append(_button(labels.NEWER, ReflectionsPress(page - 1, skill_key)))
    if page < pages - 1:
        row.append(_button(labels.OLDER, ReflectionsPress(page + 1, skill_key)))
    return InlineKeyboardMarkup([row])


def forget_confirm() -> InlineKeyboardMarkup:
    """Yes / No under "delete everything about you?"."""
    return InlineKeyboardMarkup(
        [
            [
                _button(labels.FORGET_YES, ForgetPress(True)),
                _button(labels.FORGET_NO, ForgetPress(False)),
            ]
        ]
    )


def suggestions(skills: Sequence[Skill]) -> InlineKeyboardMarkup:
    """Practise ▶ for each skill offered for free text; Common mistakes under the best."""
    rows = [
        [
            _button(
                labels.practise_now(in_language(skill).title),
                SkillPress(skill.key, SkillAction.INTRO),
            )
        ]
        for skill in skills
    ]
    if skills:
        # Its own row: beside a long title, both labels would be cut short on a phone.
        mistakes = SkillPress(skills[0].key, SkillAction.MISTAKES)
        rows.insert(1, [_button(labels.MISTAKES, mistakes)])
    return InlineKeyboardMarkup(rows)


def languages(current: str) -> InlineKeyboardMarkup:
    """Every language the bot speaks, each by its own name; the current one marked."""
    buttons = [
        _button(("• " if code == current else "") + labels.language(code), LanguagePress(code))
        for code in LANGUAGES
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])
