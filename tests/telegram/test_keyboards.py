"""Which buttons each message carries, and that every button's data decodes to its move."""

from datetime import UTC, datetime, time

from telegram import InlineKeyboardMarkup

from bot.domain.models import PracticeSession, SessionStatus, Skill, Step, User
from bot.domain.paging import page_of
from bot.domain.partner import Pairing
from bot.domain.practice import Move
from bot.telegram import keyboards
from bot.telegram.callbacks import (
    ASK_NOTES,
    ListMode,
    ListPress,
    NotesPress,
    NudgeAction,
    NudgePress,
    Press,
    ReflectionsPress,
    SessionPress,
    SettingsPress,
    SkillAction,
    SkillPress,
    decode,
)

T0 = datetime(2026, 3, 2, 8, tzinfo=UTC)


def skill(title: str = "Repair", steps: int = 3) -> Skill:
    return Skill(
        title=title,
        kinds=("core_skill",),
        description="",
        why_it_matters="",
        steps=tuple(Step(f"Step {n}") for n in range(steps)),
        common_mistakes=(),
    )


def session(step: int, status: SessionStatus = SessionStatus.ACTIVE) -> PracticeSession:
    return PracticeSession(11, 7, "Repair", step, status, T0, T0)


def buttons(markup: InlineKeyboardMarkup | None) -> list[tuple[str, Press | None]]:
    assert markup is not None
    return [
        (button.text, decode(str(button.callback_data)))
        for row in markup.inline_keyboard
        for button in row
    ]


def test_a_step_has_back_only_after_the_first_and_finish_on_the_last() -> None:
    assert buttons(keyboards.step(session(0), 3)) == [
        ("Pause", SessionPress(11, 0, Move.PAUSE)),
        ("Next ▶", SessionPress(11, 0, Move.NEXT)),
    ]
    assert buttons(keyboards.step(session(2), 3)) == [
        ("◀ Back", SessionPress(11, 2, Move.BACK)),
        ("Pause", SessionPress(11, 2, Move.PAUSE)),
        ("Finish ✓", SessionPress(11, 2, Move.NEXT)),
    ]


def test_the_reflection_question_carries_the_position_past_the_last_step() -> None:
    reflecting = session(2, SessionStatus.REFLECTING)
    assert buttons(keyboards.reflect(reflecting)) == [
        ("◀ Back", SessionPress(11, 3, Move.BACK)),
        ("Skip", SessionPress(11, 3, Move.SKIP_REFLECTION)),
    ]


def test_the_resume_offer_names_the_step_and_offers_a_fresh_start() -> None:
    assert buttons(keyboards.resume_offer(session(1))) == [
        ("Resume at step 2", SessionPress(11, 1, Move.RESUME)),
        ("Start over", SessionPress(11, 1, Move.RESTART)),
        ("Choose another", ListPress(ListMode.PRACTICE, 0)),
    ]


def test_a_nudge_offers_practice_mistakes_snooze_and_skip() -> None:
    repair = skill()
    assert buttons(keyboards.nudge(5, repair)) == [
        ("Practise now ▶", SkillPress(repair.key, SkillAction.START)),
        ("Common mistakes", SkillPress(repair.key, SkillAction.MISTAKES)),
        ("Snooze 1 h", NudgePress(5, NudgeAction.SNOOZE)),
        ("Skip today", NudgePress(5, NudgeAction.SKIP_TODAY)),
    ]


def test_a_long_skill_list_is_paged_and_a_page_past_the_end_shows_the_last() -> None:
    many = [skill(f"Skill {n:02}") for n in range(keyboards.PAGE_SIZE + 3)]
    first = buttons(keyboards.skill_list(page_of(many, 0, keyboards.PAGE_SIZE), ListMode.FOCUS))
    assert len(first) == keyboards.PAGE_SIZE + 2  # the skills, then "1 / 2" and "Next ›"
    assert first[-1] == ("Next ›", ListPress(ListMode.FOCUS, 1))
    assert first[0] == ("Skill 00", SkillPress(many[0].key, SkillAction.FOCUS))
    last = buttons(keyboards.skill_list(page_of(many, 9, keyboards.PAGE_SIZE), ListMode.FOCUS))
    assert [text for text, _ in last] == [
        "Skill 08",
        "Skill 09",
        "Skill 10",
        "‹ Previous",
        "2 / 2",
    ]


def test_reflection_pages_when_there_is_more_than_one_and_delete_when_there_are_any() -> None:
    assert keyboards.reflection_pages(0, 0, None) is None
    delete = ("🗑 Delete my reflections", NotesPress(ASK_NOTES))
    assert buttons(keyboards.reflection_pages(0, 1, None)) == [delete]
    assert buttons(keyboards.reflection_pages(1, 3, "0123456789")) == [
        ("‹ Newer", ReflectionsPress(0, "0123456789")),
        ("Older ›", ReflectionsPress(2, "0123456789")),
        delete,
    ]


def test_the_settings_screen_marks_the_current_time_and_offers_the_switches() -> None:
    person = User(7, 7, "UTC", time(8, 0), True, None, T0, T0, silent_nudges=True)
    screen = keyboards.settings_main(person, None, paused=False, language="de")
    main = [text for text, _ in buttons(screen)]
    assert main[:4] == ["Time: 08:00", "Time zone: UTC", "Turn nudges off", "With sound"]
    assert "Pause a week" in main and "Language: Deutsch" in main and main[-1] == "Close"
    assert not any("sharing" in text.lower() for text in main)  # not paired: no such row
    pairing = Pairing(7, 8_123_456_789_012_345, "Ben", T0, shares_practice=True)
    shared = keyboards.settings_main(person, None, paused=False, language="en", pairing=pairing)
    # The switch names the partner it was drawn for (the longest Telegram id fits).
    switch = SettingsPress("S", "off-8123456789012345")
    assert ("Stop sharing practice days", switch) in buttons(shared)
    languages = [text for text, _ in buttons(keyboards.settings_languages("ru"))]
    assert languages == ["English", "Deutsch", "Español", "• Русский", "‹ Back"]
    times = [text for text, _ in buttons(keyboards.settings_times(person))]
    assert "• 08:00" in times and "07:00" in times and "Other…" in times
    paused_screen = keyboards.settings_main(person, None, paused=True, language="en")
    paused = [text for text, _ in buttons(paused_screen)]
    assert "End the pause" in paused and "Pause a week" not in paused


def test_a_completion_has_done_and_at_most_three_more() -> None:
    from dataclasses import replace

    from bot.domain.models import Link

    links = tuple(Link(f"Block {n}", f"Block {n}") for n in range(5))
    mend = replace(skill("Mend"), supporting_meta_skills=links)
    focus = [text for text, _ in buttons(keyboards.completed(mend, is_focus=True))]
    assert focus == ["Done", "Practise again", "↗ Block 0", "↗ Block 1"]
    other = [text for text, _ in buttons(keyboards.completed(mend, is_focus=False))]
    assert other == ["Done", "Practise again", "Make this my focus", "↗ Block 0"]
