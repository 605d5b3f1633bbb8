"""Inline keyboards: which buttons each message carries, with compact callback data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, time

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.models import PracticeSession, Scenario, SessionStatus, Skill, User, skill_key
from bot.domain.paging import Page
from bot.domain.partner import Pairing
from bot.domain.practice import Move, position
from bot.domain.timezones import Place
from bot.telegram.callbacks import (
    ASK_NOTES,
    DELETE_NOTES,
    KEEP_NOTES,
    Dismiss,
    Done,
    ForgetPress,
    LanguagePress,
    ListMode,
    ListPress,
    NotePress,
    NotesPress,
    NudgeAction,
    NudgePress,
    Okay,
    PausePress,
    PickUp,
    Press,
    ReflectionsPress,
    ReminderPress,
    ScenarioPress,
    SessionPress,
    SettingsPress,
    SkillAction,
    SkillPress,
    StartInstead,
    ZonePress,
    encode,
)
from bot.texts import labels
from bot.texts.i18n import LANGUAGES, scenario_card
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


def with_others(markup: InlineKeyboardMarkup, others: Sequence[Skill]) -> InlineKeyboardMarkup:
    """A practice's buttons (its step, or Resume / End while paused), then Practise ▶ for
    each other skill that fits what the person wrote (it offers to end this practice
    first, as /practice would)."""
    rows: list[Sequence[InlineKeyboardButton]] = list(markup.inline_keyboard)
    rows += [[_practise_now(skill)] for skill in others]
    return InlineKeyboardMarkup(rows)


def _practise_now(skill: Skill) -> InlineKeyboardButton:
    """Practise ▶ for a skill offered for what the person wrote."""
    return _button(
        labels.practise_now(in_language(skill).title), SkillPress(skill.key, SkillAction.INTRO)
    )


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


def added_to_note(press: NotePress) -> InlineKeyboardMarkup:
    """Under "Added to your reflection": take it back out."""
    return InlineKeyboardMarkup([[_button(labels.NOT_FOR_NOTE, press)]])


def paused(session: PracticeSession) -> InlineKeyboardMarkup:
    """A single Resume button under the pause message."""
    return InlineKeyboardMarkup([[_button(labels.RESUME, _session(session, Move.RESUME))]])


def resume_offer(
    session: PracticeSession, other: Skill | None = None, scenario: Scenario | None = None
) -> InlineKeyboardMarkup:
    """Resume / Start over for an open practice; with `other` (a different skill, or one
    for a situation, was asked for), the second choice ends the open one and starts
    `other`, for `scenario` when one was chosen."""
    rows = [[_button(resume_label(session), _session(session, Move.RESUME))]]
    if other is None:
        rows.append(
            [
                _button(labels.START_OVER, _session(session, Move.RESTART)),
                _button(labels.CHOOSE_ANOTHER, ListPress(ListMode.PRACTICE, 0)),
            ]
        )
    else:
        instead = StartInstead(session.id, other.key, scenario.key if scenario else None)
        # The same skill again differs only by its situation: name that.
        same = other.title == session.skill and scenario is not None
        title = scenario_card(scenario).title if same and scenario else in_language(other).title
        rows.append([_button(labels.start_instead(title), instead)])
    return InlineKeyboardMarkup(rows)


def resume_label(session: PracticeSession) -> str:
    """`Resume at step 3`, or `Resume at the reflection` once the steps are done."""
    if session.status is SessionStatus.REFLECTING:
        return labels.RESUME_AT_REFLECTION
    return labels.resume_at(session.step)


def pick_up(
    session: PracticeSession, start: Skill | None = None, scenario: Scenario | None = None
) -> InlineKeyboardMarkup:
    """Resume at step 3, under the word that a practice was closed for waiting; and, when
    the person was starting a practice, that one (for `scenario`, if chosen) from step 1
    instead: Start over when it is the same practice."""
    rows = [[_button(resume_label(session), PickUp(session.id))]]
    if start is not None:
        same = (
            start.title == session.skill
            and (scenario.title if scenario else None) == session.scenario
        )
        label = labels.START_OVER if same else labels.practise(in_language(start).title)
        key = scenario.key if scenario else None
        rows.append([_button(label, StartInstead(session.id, start.key, key))])
    return InlineKeyboardMarkup(rows)


def paused_choice(session: PracticeSession) -> InlineKeyboardMarkup:
    """Resume / End, for text typed while a practice is paused."""
    return InlineKeyboardMarkup(
        [
            [
                _button(resume_label(session), _session(session, Move.RESUME)),
                _button(labels.END_PRACTICE, _session(session, Move.CANCEL)),
            ]
        ]
    )


# Done and at most three others under a completed practice.
COMPLETED_ROWS = 4


def completed(skill: Skill, *, is_focus: bool) -> InlineKeyboardMarkup:
    """Done, then at most three more: practise again, make it the focus, and the first
    skills it builds on (a completion is a pause for breath, not a menu)."""
    others = [_button(labels.PRACTISE_AGAIN, SkillPress(skill.key, SkillAction.START))]
    if not is_focus:
        others.append(_button(labels.MAKE_FOCUS, SkillPress(skill.key, SkillAction.FOCUS)))
    others += [row[0] for row in _linked(skill)][: COMPLETED_ROWS - 1 - len(others)]
    return InlineKeyboardMarkup([[_button(labels.DONE, Done())], *([b] for b in others)])


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
                labels.scenario(scenario_card(scenario).title),
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
    ListMode.MISTAKES: SkillAction.MISTAKES,
    ListMode.REFLECTIONS: SkillAction.REFLECTIONS,
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


def nudge(nudge_id: int, skill: Skill, *, ask_zone: bool = False) -> InlineKeyboardMarkup:
    """Practise now / Common mistakes / Snooze 1 h / Skip today under a nudge, and the
    time-zone question when the person has not answered it yet."""
    zone = SettingsPress(ZONE_VIEW, ZONE_APART)  # the nudge and its buttons stay
    zone_row = [[_button(labels.CHOOSE_ZONE, zone)]] if ask_zone else []
    return InlineKeyboardMarkup(
        [
            [
                _button(labels.PRACTISE_NOW, SkillPress(skill.key, SkillAction.START)),
                _button(labels.MISTAKES, SkillPress(skill.key, SkillAction.MISTAKES)),
            ],
            [
                _button(labels.SNOOZE, NudgePress(nudge_id, NudgeAction.SNOOZE)),
                _button(labels.SKIP_TODAY, NudgePress(nudge_id, NudgeAction.SKIP_TODAY)),
            ],
            *zone_row,
        ]
    )


def choose_zone() -> InlineKeyboardMarkup:
    """The one button that opens the time-zone choice (under a time set before a zone):
    as a message of its own, so the answer it sits under stays."""
    return InlineKeyboardMarkup(
        [[_button(labels.CHOOSE_ZONE, SettingsPress(ZONE_VIEW, ZONE_APART))]]
    )


PAUSE_CHOICES = (1, 3, 7, 14)


def pause_days() -> InlineKeyboardMarkup:
    """1, 3, 7 and 14 days under /pause's question."""
    return InlineKeyboardMarkup(
        [[_button(labels.pause_days(days), PausePress(days)) for days in PAUSE_CHOICES]]
    )


def listening_done(since: datetime) -> InlineKeyboardMarkup:
    """ "I'm okay, suggest skills again", under the listening reply of the days that
    began at `since`."""
    return InlineKeyboardMarkup([[_button(labels.IM_OKAY, Okay(int(since.timestamp())))]])


def stop_choices() -> InlineKeyboardMarkup:
    """Turn nudges off / Pause a week, under "shall I stop the daily nudges?"."""
    return InlineKeyboardMarkup(
        [
            [
                _button(labels.NUDGES_OFF, ReminderPress("off")),
                _button(labels.PAUSE_WEEK, PausePress(7)),
            ]
        ]
    )


def pause_for(days: int) -> InlineKeyboardMarkup:
    """One pause, as a button: what a typed "pause for a week" asked for."""
    return InlineKeyboardMarkup([[_button(labels.pause_for(days), PausePress(days))]])


def zones(names: Sequence[str]) -> InlineKeyboardMarkup:
    """One button per time zone, two to a row."""
    buttons = [_button(labels.zone(name), ZonePress(name)) for name in names]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def places(choices: Sequence[Place]) -> InlineKeyboardMarkup:
    """One button per place ("Portland, Maine, United States"), one to a row: the
    labels are long; under several, None of these, which opens the time-zone picker as
    a message of its own (ending with Not now, not a Back into /settings)."""
    rows = [[_button(place.label, ZonePress(place.zone))] for place in choices]
    if len(choices) > 1:
        rows.append([_button(labels.NONE_OF_THESE, SettingsPress(ZONE_VIEW, ZONE_APART))])
    return InlineKeyboardMarkup(rows)


def reflection_pages(page: int, pages: int, skill_key: str | None) -> InlineKeyboardMarkup | None:
    """‹ Newer / Older › under a page of reflections, and a way to delete them (none when
    there are none)."""
    if pages < 1:
        return None
    row = []
    if page > 0:
        row.append(_button(labels.NEWER, ReflectionsPress(page - 1, skill_key)))
    if page < pages - 1:
        row.append(_button(labels.OLDER, ReflectionsPress(page + 1, skill_key)))
    rows = [row] if row else []
    return InlineKeyboardMarkup([*rows, [_button(labels.NOTES_DELETE, NotesPress(ASK_NOTES))]])


def forget_notes_confirm(count: int) -> InlineKeyboardMarkup:
    """Yes / No under "delete your `count` notes?"."""
    return InlineKeyboardMarkup(
        [
            [
                _button(labels.NOTES_YES, NotesPress(DELETE_NOTES, count)),
                _button(labels.NOTES_NO, NotesPress(KEEP_NOTES)),
            ]
        ]
    )


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


def nudge_at(at: time) -> InlineKeyboardMarkup:
    """One time to set the daily nudge to, as a button."""
    value = at.strftime("%H%M")
    return InlineKeyboardMarkup(
        [[_button(labels.preset_time(value, current=False), SettingsPress(SET_TIME, value))]]
    )


def morning_or_evening(hour: int) -> InlineKeyboardMarkup:
    """The two times a bare hour (1–11) can mean: "7" is 07:00 or 19:00."""
    values = (f"{hour:02d}00", f"{hour + 12:02d}00")
    return InlineKeyboardMarkup(
        [
            [
                _button(labels.preset_time(v, current=False), SettingsPress(SET_TIME, v))
                for v in values
            ]
        ]
    )


def see_skills() -> InlineKeyboardMarkup:
    """One way on that presumes nothing about what happened: the skills, to choose from."""
    return InlineKeyboardMarkup([[_button(labels.SEE_SKILLS, ListPress(ListMode.PRACTICE, 0))]])


def suggestions(skills: Sequence[Skill]) -> InlineKeyboardMarkup:
    """Practise ▶ for each skill offered for free text; Common mistakes under the best."""
    rows = [[_practise_now(skill)] for skill in skills]
    if skills:
        # Its own row: beside a long title, both labels would be cut short on a phone.
        # With more than one skill on offer it names whose mistakes it shows.
        best = skills[0]
        label = (
            labels.MISTAKES if len(skills) == 1 else labels.mistakes_of(in_language(best).title)
        )
        rows.insert(1, [_button(label, SkillPress(best.key, SkillAction.MISTAKES))])
    return InlineKeyboardMarkup(rows)


def languages(current: str) -> InlineKeyboardMarkup:
    """Every language the bot speaks, each by its own name; the current one marked."""
    return InlineKeyboardMarkup(_language_rows(current, LanguagePress))


def language_offer(offered: str, current: str) -> InlineKeyboardMarkup:
    """Under the offer to speak another language: that one, or the one spoken now."""
    return InlineKeyboardMarkup(
        [
            [
                _button(labels.language(offered), LanguagePress(offered)),
                _button(labels.language(current), LanguagePress(current)),
            ]
        ]
    )


def _language_rows(
    current: str, press: Callable[[str], Press]
) -> list[list[InlineKeyboardButton]]:
    """Two languages to a row, each by its own name, the current one marked."""
    buttons = [
        _button(labels.marked(labels.language(code), current=code == current), press(code))
        for code in LANGUAGES
    ]
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def begin(username: str | None) -> InlineKeyboardMarkup | None:
    """For someone without a record: a link that makes Telegram send /start, the one
    way to begin (a button press could not register anyone without their choice)."""
    if not username:
        return None
    link = f"https://t.me/{username}?start=begin"
    return InlineKeyboardMarkup([[InlineKeyboardButton(labels.BEGIN, url=link)]])


def welcome(focus: Skill | None, *, ask_zone: bool = True) -> InlineKeyboardMarkup | None:
    """Under the /start welcome: try the focus skill now, and choose a time zone (until
    one is chosen)."""
    rows = []
    if focus is not None:
        try_it = SkillPress(focus.key, SkillAction.START)
        rows.append([_button(labels.try_now(in_language(focus).title), try_it)])
    if ask_zone:
        rows.append([_button(labels.CHOOSE_ZONE, SettingsPress(ZONE_VIEW, ZONE_APART))])
    return InlineKeyboardMarkup(rows) if rows else None


# -- /settings: one message, edited in place ------------------------------------
# The views (SettingsPress.view) and the changes (view letter + value).
MAIN_VIEW = "m"
TIME_VIEW = "t"  # presets
HOURS_VIEW = "o"  # other…: every hour
MINUTES_VIEW = "h"  # value: the hour chosen
ZONE_VIEW = "z"  # value ZONE_APART: as a new message, leaving the pressed one as it is
ZONE_APART = "n"
ZONE_LATER = "y"  # Not now under a zone picker opened apart: close it
FOCUS_VIEW = "f"  # value: the page (none: the page with the current focus)
LANGUAGE_VIEW = "l"
SET_TIME = "T"  # value HHMM
SET_ZONE = "Z"  # value: IANA name
SET_ENABLED = "E"  # value on/off
SET_QUIET = "Q"  # value on/off
SET_PAUSE = "P"  # value: days (0 ends a pause)
SET_FOCUS = "F"  # value: skill key
SET_LANGUAGE = "L"  # value: language code
SET_SHARING = "S"  # value on-<partner id>/off-<partner id>: tell the partner my practice days
CLOSE = "x"


def sharing_value(*, on: bool, partner_id: int) -> str:
    """SET_SHARING's value: the switch's new state and the partner it was drawn for
    (a Telegram id has at most 16 digits, so the data stays far below 64 bytes)."""
    return f"{'on' if on else 'off'}-{partner_id}"


def _back() -> list[InlineKeyboardButton]:
    return [_button(labels.SETTINGS_BACK, SettingsPress(MAIN_VIEW))]


def settings_main(
    user: User,
    focus: Skill | None,
    *,
    paused: bool,
    language: str,
    pairing: Pairing | None = None,
) -> InlineKeyboardMarkup:
    """The settings screen: one button per setting, and with a `pairing`, whether the
    person tells their partner on the days they practise."""
    at = labels.reminder_at(user.reminder_time.strftime("%H:%M"))
    zone = labels.zone_setting(user.timezone) if user.zone_chosen else labels.ZONE_NOT_CHOSEN
    on = user.reminders_enabled
    switch = SettingsPress(SET_ENABLED, "off" if on else "on")
    quiet = SettingsPress(SET_QUIET, "off" if user.silent_nudges else "on")
    rows = [
        [_button(at, SettingsPress(TIME_VIEW)), _button(zone, SettingsPress(ZONE_VIEW))],
        [
            _button(labels.NUDGES_OFF if on else labels.NUDGES_ON, switch),
            _button(labels.WITH_SOUND if user.silent_nudges else labels.QUIETLY, quiet),
        ],
    ]
    if paused:
        rows.append([_button(labels.END_PAUSE, SettingsPress(SET_PAUSE, "0"))])
    elif on:  # nudges that are off have nothing to pause
        rows.append(
            [
                _button(labels.PAUSE_DAY, SettingsPress(SET_PAUSE, "1")),
                _button(labels.PAUSE_WEEK, SettingsPress(SET_PAUSE, "7")),
            ]
        )
    focus_label = (
        labels.focus_setting(in_language(focus).title) if focus is not None else labels.FOCUS_SKILL
    )
    rows.append([_button(focus_label, SettingsPress(FOCUS_VIEW))])
    rows.append([_button(labels.language_setting(language), SettingsPress(LANGUAGE_VIEW))])
    if pairing is not None:
        sharing = pairing.shares_practice
        label = labels.STOP_SHARING_DAYS if sharing else labels.SHARE_DAYS
        # The partner rides along: a switch left on an old screen must not share with
        # someone the person paired with after it was drawn.
        value = sharing_value(on=not sharing, partner_id=pairing.partner_id)
        rows.append([_button(label, SettingsPress(SET_SHARING, value))])
    rows.append([_button(labels.CLOSE, SettingsPress(CLOSE))])
    return InlineKeyboardMarkup(rows)


def settings_languages(current: str) -> InlineKeyboardMarkup:
    """Every language by its own name, the current one marked, and Back."""
    rows = _language_rows(current, lambda code: SettingsPress(SET_LANGUAGE, code))
    return InlineKeyboardMarkup([*rows, _back()])


def settings_times(user: User) -> InlineKeyboardMarkup:
    """Preset times, Other…, and Back."""
    current = user.reminder_time.strftime("%H%M")
    times = [
        _button(
            labels.preset_time(value, current=value == current), SettingsPress(SET_TIME, value)
        )
        for value in PRESET_TIMES
    ]
    other = [_button(labels.OTHER_TIME, SettingsPress(HOURS_VIEW))]
    return InlineKeyboardMarkup([times[:3], times[3:], other, _back()])


def settings_hours() -> InlineKeyboardMarkup:
    """Every hour of the day, six to a row."""
    hours = [
        _button(f"{hour:02d}", SettingsPress(MINUTES_VIEW, f"{hour:02d}")) for hour in range(24)
    ]
    return InlineKeyboardMarkup([hours[i : i + 6] for i in range(0, 24, 6)] + [_back()])


def settings_minutes(hour: str) -> InlineKeyboardMarkup:
    """:00, :15, :30, :45 of the chosen hour."""
    row = [
        _button(f"{hour}:{m}", SettingsPress(SET_TIME, f"{hour}{m}"))
        for m in ("00", "15", "30", "45")
    ]
    return InlineKeyboardMarkup([row, _back()])


def settings_zones(names: Sequence[str], *, apart: bool = False) -> InlineKeyboardMarkup:
    """One button per common zone, two to a row, then Back to the settings screen; or,
    `apart` from it (under the welcome, a nudge or /timezone, where the person never
    opened the screen), Not now, which closes the picker and leaves the rest as it was."""
    buttons = [_button(labels.zone(name), SettingsPress(SET_ZONE, name)) for name in names]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    last = [_button(labels.NOT_NOW, SettingsPress(ZONE_LATER))] if apart else _back()
    return InlineKeyboardMarkup([*rows, last])


def settings_focus(skills: Page[Skill], current: Skill | None) -> InlineKeyboardMarkup:
    """One page of skills, the current focus marked, ‹ › between pages, and Back."""
    rows = [
        [
            _button(
                labels.marked(in_language(skill).title, current=skill == current),
                SettingsPress(SET_FOCUS, skill.key),
            )
        ]
        for skill in skills.items
    ]
    page, pages = skills.number, skills.count
    if pages > 1:
        nav = []
        if page > 0:
            nav.append(_button(labels.PREVIOUS_PAGE, SettingsPress(FOCUS_VIEW, str(page - 1))))
        nav.append(_button(labels.page_of(page, pages), SettingsPress(FOCUS_VIEW, str(page))))
        if page < pages - 1:
            nav.append(_button(labels.NEXT_PAGE, SettingsPress(FOCUS_VIEW, str(page + 1))))
        rows.append(nav)
    return InlineKeyboardMarkup([*rows, _back()])
