"""Times of day in words, as people type them in the bot's languages."""

from datetime import time

import pytest

from bot.domain.schedule import parse_reminder_time
from bot.domain.time_words import bare_hour, meant_as_a_time


@pytest.mark.parametrize(
    ("typed", "at"),
    [
        ("every morning at 7", time(7)),
        ("half past eight", time(8, 30)),
        # British: "half seven" is 7:30 (a tester's "half seven in the evening" was not read)
        ("half seven in the evening", time(19, 30)),
        ("seven thirty pm", time(19, 30)),
        ("seven fifteen in the morning", time(7, 15)),
        # in words, an hour before six is the afternoon: never a nudge at night (a review
        # found "half three" set 03:30)
        ("half three", time(15, 30)),
        ("one thirty", time(13, 30)),
        ("half past three", time(15, 30)),
        ("quarter to nine", time(8, 45)),
        ("a quarter past seven in the morning", time(7, 15)),
        ("noon", time(12)),
        ("at 12", time(12)),
        ("7 in the evening", time(19)),
        ("remind me at 8pm please", time(20)),
        ("um halb acht", time(7, 30)),
        ("7 Uhr abends", time(19)),
        ("19 Uhr abends", time(19)),
        ("morgens um 7", time(7)),
        ("viertel vor 20", time(19, 45)),
        ("a las 8 de la tarde", time(20)),
        ("ocho y media", time(8, 30)),
        ("в 7 вечера", time(19)),
        ("7:45", time(7, 45)),
        # Found by a reviewer and a tester.
        ("remind me at 8pm.", time(20)),
        ("half past seven.", time(7, 30)),
        ("7 Uhr am Abend", time(19)),
        ("10 at night", time(22)),
        ("at 19", time(19)),
        ("a las 19", time(19)),
        ("jeden Morgen um 7", time(7)),
        ("jeden Abend um 9", time(21)),
        ("todas las mañanas a las 7", time(7)),
        ("cada noche a las 9", time(21)),
        ("каждое утро в 7", time(7)),
        ("12", time(12)),
        ("19", time(19)),
    ],
)
def test_times_in_words(typed: str, at: time) -> None:
    assert parse_reminder_time(typed) == at


@pytest.mark.parametrize(
    "typed",
    [
        "at 7",
        "7",
        "seven",
        "um 7",
        "a las siete",
        "tomorrow morning",
        "13 pm",
        "12 at night",  # midnight: never a nudge, and never noon
        "3 at night",  # never a nudge at night
        "at 3 in the morning",
        "once a day in the evening",  # "once" is Spanish eleven only after "a las"
        "one morning",
        "a las 12 de la noche",
    ],
)
def test_no_time_is_guessed(typed: str) -> None:
    assert parse_reminder_time(typed) is None


def test_a_bare_hour_is_asked_about_not_guessed() -> None:
    assert [bare_hour(t) for t in ("at 7", "seven", "um 7", "a las siete", "в 7")] == [7] * 5
    assert bare_hour("7:30") is None and bare_hour("12") is None and bare_hour("13") is None
    assert bare_hour("we fought 2 times") is None


def test_what_is_meant_as_a_time() -> None:
    assert meant_as_a_time("at 7") and meant_as_a_time("half past something")
    assert not meant_as_a_time("I am so angry, we fought 2 times")


def test_a_half_of_the_day_alone_is_read_in_four_languages() -> None:
    from bot.domain.time_words import half_of_day, meant_as_a_time

    for text, half in (("evening", "pm"), ("Abends!", "pm"), ("por la mañana", "am"),
                       ("вечером", "pm"), ("PM", "pm"), ("morning", "am")):  # fmt: skip
        assert half_of_day(text) == half, text
        assert meant_as_a_time(text)  # an answer about a time, even without the hour
    assert half_of_day("good evening to you") is None
