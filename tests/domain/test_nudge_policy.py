"""The nudge policy on its own: plain data in, a decision out."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.domain.nudge_policy import (
    REST_AFTER_SAFETY,
    DuePerson,
    NudgePolicy,
    NudgeReason,
    SkillNames,
    back_from_pause,
    decide,
    next_nudge,
    pause_asked,
    pause_until,
    rescheduled,
    rest_after_safety,
    snooze_until,
    speaks_of_days,
)

DUE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SKILLS = SkillNames({"repair": "Repair", "mend": "Repair", "listening": "Listening"}, "Repair")
POLICY = NudgePolicy(timedelta(hours=2), SKILLS)


def person(**overrides: object) -> DuePerson:
    fields: dict[str, object] = {
        "user_id": 1,
        "due": DUE,
        "reminder_time": time(9, 0),
        "timezone": "UTC",
    }
    fields.update(overrides)
    return DuePerson(**fields)  # type: ignore[arg-type]


def test_an_on_time_nudge_is_sent_about_the_focus_and_next_comes_tomorrow() -> None:
    decision = decide(person(focus_skill="LISTENING "), DUE + timedelta(seconds=20), POLICY)
    assert decision.skip is None and decision.skill == "Listening"
    assert decision.local_date == date(2026, 3, 2)
    assert decision.following == datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


def test_a_focus_found_by_alias_or_missing_from_the_vault() -> None:
    assert decide(person(focus_skill="mend"), DUE, POLICY).skill == "Repair"
    assert decide(person(focus_skill="Gone"), DUE, POLICY).skill == "Repair"  # the default


def test_a_nudge_later_than_the_grace_window_is_skipped_and_never_sent_in_a_burst() -> None:
    now = DUE + timedelta(days=3, hours=5)
    decision = decide(person(), now, POLICY)
    assert decision.skip is NudgeReason.LATE
    # The next one is the first that is not already past the grace window: tomorrow's.
    assert decision.following == datetime(2026, 3, 6, 9, 0, tzinfo=UTC)


def test_within_the_grace_window_it_is_still_sent() -> None:
    assert decide(person(), DUE + timedelta(hours=1, minutes=59), POLICY).skip is None


def test_paused_and_no_skill_are_skipped_with_their_reasons() -> None:
    paused = person(paused_until=DUE + timedelta(days=1))
    assert decide(paused, DUE, POLICY).skip is NudgeReason.PAUSED
    ended = person(paused_until=DUE)
    assert decide(ended, DUE, POLICY).skip is None
    empty = NudgePolicy(timedelta(hours=2), SkillNames({}, None))
    decision = decide(person(), DUE, empty)
    assert (decision.skip, decision.skill) == (NudgeReason.NO_SKILL, None)


def test_a_practice_of_the_same_skill_earlier_that_local_day_skips_the_nudge() -> None:
    berlin = {"timezone": "Europe/Berlin", "due": datetime(2026, 3, 2, 8, 0, tzinfo=UTC)}
    this_morning = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # 07:00 in Berlin
    last_night = datetime(2026, 3, 1, 22, 30, tzinfo=UTC)  # 23:30 the day before
    practised = person(**berlin, practised=(("Repair", this_morning),))
    assert decide(practised, practised.due, POLICY).skip is NudgeReason.PRACTISED
    yesterday = person(**berlin, practised=(("Repair", last_night),))
    assert decide(yesterday, yesterday.due, POLICY).skip is None
    other = person(**berlin, practised=(("Listening", this_morning),))
    assert decide(other, other.due, POLICY).skip is None


def test_late_outranks_paused_which_outranks_the_rest() -> None:
    both = person(paused_until=DUE + timedelta(days=9), practised=(("Repair", DUE),))
    assert decide(both, DUE + timedelta(hours=3), POLICY).skip is NudgeReason.LATE
    assert decide(both, DUE, POLICY).skip is NudgeReason.PAUSED


def test_a_snoozed_nudge_comes_back_unless_late_or_paused() -> None:
    snoozed = person(snoozed_nudge_id=5, practised=(("Repair", DUE),))
    back = decide(snoozed, DUE, POLICY)
    assert (back.snoozed_nudge_id, back.skip) == (5, None)  # practising does not cancel it
    assert decide(snoozed, DUE + timedelta(hours=3), POLICY).skip is NudgeReason.LATE
    paused = person(snoozed_nudge_id=5, paused_until=DUE + timedelta(hours=1))
    assert decide(paused, DUE, POLICY).skip is NudgeReason.PAUSED


def test_the_next_nudge_keeps_local_time_across_a_dst_change() -> None:
    before = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)  # Saturday; Sunday clocks go forward
    assert next_nudge(before, time(8, 30), "Europe/Berlin") == datetime(
        2026, 3, 29, 6, 30, tzinfo=UTC
    )
    assert next_nudge(before, time(8, 30), "UTC", enabled=False) is None
    assert next_nudge(before, time(8, 30), "UTC", blocked=True) is None


def test_a_settings_change_keeps_a_due_or_snoozed_nudge() -> None:
    now = DUE
    later = DUE + timedelta(hours=5)
    args = (now, time(7, 0), "UTC")
    assert rescheduled(later, *args, enabled=True, blocked=False, snoozed=False) == datetime(
        2026, 3, 3, 7, 0, tzinfo=UTC
    )
    assert rescheduled(later, *args, enabled=True, blocked=False, snoozed=True) == later
    assert rescheduled(DUE, *args, enabled=True, blocked=False, snoozed=False) == DUE
    assert rescheduled(later, *args, enabled=False, blocked=False, snoozed=True) is None


def test_a_time_chosen_ahead_today_is_not_skipped_by_a_negative_offset() -> None:
    now = datetime(2026, 3, 2, 8, 55, tzinfo=UTC)
    early, late = -timedelta(minutes=10), timedelta(minutes=10)

    def chosen(shift: timedelta) -> datetime | None:
        return rescheduled(
            None, now, time(9, 0), "UTC", enabled=True, blocked=False, snoozed=False, shift=shift
        )

    # 09:00 set at 08:55 with an offset to 08:50: today's nudge comes now, not tomorrow.
    assert chosen(early) == now
    assert chosen(late) == datetime(2026, 3, 2, 9, 10, tzinfo=UTC)  # still ahead: as is
    assert chosen(timedelta(0)) == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    # A time already past today stays tomorrow's, offset and all.
    assert rescheduled(
        None, now, time(8, 0), "UTC", enabled=True, blocked=False, snoozed=False, shift=early
    ) == datetime(2026, 3, 3, 7, 50, tzinfo=UTC)


def test_a_spread_nudge_keeps_its_offset_day_after_day() -> None:
    early = timedelta(minutes=-20)
    spread = person(due=DUE + early, shift=early)
    decision = decide(spread, DUE + early + timedelta(seconds=20), POLICY)
    assert decision.local_date == date(2026, 3, 2)
    assert decision.following == datetime(2026, 3, 3, 8, 40, tzinfo=UTC)
    before = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)  # across Berlin's spring change
    assert next_nudge(before, time(8, 30), "Europe/Berlin", shift=early) == datetime(
        2026, 3, 29, 6, 10, tzinfo=UTC
    )
    args = (DUE + timedelta(hours=5), DUE, time(7, 0), "UTC")
    assert rescheduled(*args, enabled=True, blocked=False, snoozed=False, shift=early) == datetime(
        2026, 3, 3, 6, 40, tzinfo=UTC
    )


def test_an_offset_held_at_midnight_keeps_the_chosen_day_and_what_today_means() -> None:
    # 00:10 in Berlin less 25 minutes is held at 00:00 (23:00 UTC): still 2 March there.
    shift = timedelta(minutes=-25)
    due = datetime(2026, 3, 1, 23, 0, tzinfo=UTC)
    last_evening = datetime(2026, 3, 1, 22, 50, tzinfo=UTC)  # 23:50 on 1 March in Berlin
    spread = person(
        due=due,
        reminder_time=time(0, 10),
        timezone="Europe/Berlin",
        shift=shift,
        practised=(("Repair", last_evening),),
    )
    decision = decide(spread, due + timedelta(seconds=20), POLICY)
    assert decision.local_date == date(2026, 3, 2)
    assert decision.skip is None  # the practice was the day before, not today
    assert decision.following == datetime(2026, 3, 2, 23, 0, tzinfo=UTC)


def test_snooze_is_one_hour() -> None:
    assert snooze_until(DUE) == DUE + timedelta(hours=1)


def test_a_pause_is_a_whole_number_of_days_from_one_to_a_year() -> None:
    assert pause_until(DUE, "7") == DUE + timedelta(days=7)
    assert pause_until(DUE, "365") == DUE + timedelta(days=365)
    # More digits than Python reads (4,300) are out of range, not an error.
    assert pause_until(DUE, "9" * 5000) is None
    assert pause_until(DUE, "9" * 5000 + " days") is None
    for bad in ("0", "366", "-1", "1.5", "²", "a fortnight", "7 apples", "53 weeks", ""):
        assert pause_until(DUE, bad) is None, bad


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("7 days", 7),
        ("a week", 7),
        ("Week", 7),
        ("eine Woche", 7),
        ("zwei Wochen", 14),
        ("3 Tage", 3),
        ("una semana", 7),
        ("dos semanas", 14),
        ("неделю", 7),
        ("две недели", 14),
        ("5 дней", 5),
        ("seven days please", 7),
        ("for a week", 7),
        ("bitte zehn Tage", 10),
        ("на неделю", 7),
    ],
)
def test_a_pause_may_be_named_in_words_in_the_bots_languages(typed: str, days: int) -> None:
    assert pause_until(DUE, typed) == DUE + timedelta(days=days)


def test_nudges_rest_after_safety_language_without_shortening_a_pause() -> None:
    assert rest_after_safety(DUE, None) == DUE + REST_AFTER_SAFETY
    assert rest_after_safety(DUE, DUE + timedelta(days=1)) == DUE + REST_AFTER_SAFETY
    assert rest_after_safety(DUE, DUE + timedelta(days=14)) is None


def test_days_without_a_number_are_spoken_of_and_other_words_are_not() -> None:
    assert speaks_of_days("a few days") and speaks_of_days("ein paar Tage")
    assert speaks_of_days("unos días") and speaks_of_days("несколько дней")
    assert not speaks_of_days("we talked for days about nothing at all really")
    assert not speaks_of_days("never mind")


def test_the_first_nudge_after_a_pause_is_back_from_it() -> None:
    assert back_from_pause(DUE - timedelta(hours=2), DUE, nudged_since=False)
    assert back_from_pause(DUE - timedelta(days=3), DUE, nudged_since=False)
    assert not back_from_pause(DUE - timedelta(hours=2), DUE, nudged_since=True)
    assert not back_from_pause(DUE + timedelta(hours=1), DUE, nudged_since=False)  # paused
    assert not back_from_pause(None, DUE, nudged_since=False)


def test_a_pause_of_nudges_asked_in_words_is_told_from_the_skills_own_pauses() -> None:
    for asked in ("pause for a week please", "pausa una semana", "пауза на неделю"):
        assert pause_asked(asked) == 7, asked
    assert pause_asked("pause the nudges for 3 days") == 3
    assert pause_asked("pause for 1000 days") == 1000  # out of range: the caller says so
    for told in ("pause before you react", "пауза в отношениях", "pausa en la relación", "pause"):
        assert pause_asked(told) is None, told
