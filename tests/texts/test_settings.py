"""The /settings screen's text (bot/texts/settings.py)."""

from datetime import UTC, datetime, time, timedelta

from bot.domain.models import User
from bot.texts.settings import settings

NOW = datetime(2026, 3, 5, 21, 48, tzinfo=UTC)


def _person(**changes: object) -> User:
    fields: dict[str, object] = {
        "user_id": 7,
        "chat_id": 7,
        "timezone": "Europe/Berlin",
        "reminder_time": time(9, 0),
        "reminders_enabled": True,
        "focus_skill": None,
        "created_at": NOW - timedelta(days=3),
        "last_seen_at": NOW,
    }
    return User(**(fields | changes))  # type: ignore[arg-type]


def test_a_pause_is_the_nudge_s_state_and_says_which_clock_it_is_told_in() -> None:
    paused = _person(paused_until=NOW + timedelta(days=3))
    text = settings(paused, None, NOW)
    assert "Daily nudge: <b>09:00</b> Berlin time, with sound — paused." in text
    assert "Paused until Sun 8 Mar, 22:48 (Berlin time)." in text
    # Before a zone is chosen the pause is told in UTC, and says so.
    unchosen = _person(paused_until=NOW + timedelta(days=3), timezone="UTC", zone_chosen=False)
    text = settings(unchosen, None, NOW)
    assert "Daily nudge: with sound — paused." in text
    assert "Paused until Sun 8 Mar, 21:48 (UTC)." in text


def test_without_a_pause_the_nudge_is_on() -> None:
    text = settings(_person(), None, NOW)
    assert "— on." in text and "Paused" not in text


def test_a_pause_is_not_told_beside_nudges_that_are_off() -> None:
    later = NOW + timedelta(days=3)
    for person in (
        _person(paused_until=later, reminders_enabled=False),
        _person(paused_until=later, blocked=True),
    ):
        text = settings(person, None, NOW)
        assert "Paused until" not in text and "paused" not in text
