"""Button labels: the words on every inline button (plain text, not HTML)."""

from __future__ import annotations

from bot.domain.timezones import city_of

START = "Start ▶"
MISTAKES = "Common mistakes"
CHOOSE_ANOTHER = "Choose another"
CANCEL = "Cancel"
BACK = "◀ Back"
PAUSE = "Pause"
NEXT = "Next ▶"
FINISH = "Finish ✓"
SKIP_REFLECTION = "Skip"
RESUME = "Resume ▶"
START_OVER = "Start over"
PRACTISE_AGAIN = "Practise again"
MAKE_FOCUS = "Make this my focus"
PRACTISE = "Practise ▶"
CHOOSE_ANOTHER_FOCUS = "Choose another focus"
PREVIOUS_PAGE = "‹ Previous"
NEXT_PAGE = "Next ›"
PRACTISE_NOW = "Practise now ▶"
SNOOZE = "Snooze 1 h"
SKIP_TODAY = "Skip today"
TURN_OFF = "Turn off"
TURN_ON = "Turn on"
WITH_SOUND = "With sound"
SILENTLY = "Silently"
NEWER = "‹ Newer"
OLDER = "Older ›"
FORGET_YES = "Yes, delete everything"
FORGET_NO = "No, keep it"
DONE = "Done"
RESUME_AT_REFLECTION = "Resume at the reflection"
END_PRACTICE = "End this practice"
BEGIN = "Start ▶"
CHOOSE_ZONE = "Choose my time zone"
SETTINGS_BACK = "‹ Back"
OTHER_TIME = "Other…"
NUDGES_OFF = "Turn nudges off"
NUDGES_ON = "Turn nudges on"
QUIETLY = "Quietly"
PAUSE_DAY = "Pause a day"
PAUSE_WEEK = "Pause a week"
END_PAUSE = "End the pause"
FOCUS_SKILL = "Focus skill"
CLOSE = "Close"
ZONE_NOT_CHOSEN = "Time zone: choose"


def scenario(title: str) -> str:
    """Practise the skill on the card for this situation."""
    return f"◇ {title}"


def resume_at(step_index: int) -> str:
    """Resume an open practice at a step (counted from 1 for people)."""
    return f"Resume at step {step_index + 1}"


def practise(title: str) -> str:
    """Practise one named skill."""
    return f"Practise {title}"


def practise_now(title: str) -> str:
    """Open one named skill's practice (offered for free text)."""
    return f"Practise {title} ▶"


def page_of(page: int, pages: int) -> str:
    """Where a paged list stands (pages counted from 1 for people)."""
    return f"{page + 1} / {pages}"


def linked(name: str) -> str:
    """A skill this card builds on."""
    return f"↗ {name}"


def preset_time(hhmm: str, *, current: bool) -> str:
    """A preset nudge time `HHMM` as `HH:MM`, marked when it is the current one."""
    return ("• " if current else "") + f"{hhmm[:2]}:{hhmm[2:]}"


def zone(name: str) -> str:
    """A time zone by its city."""
    return city_of(name)


def start_instead(title: str) -> str:
    """End the open practice and start another skill."""
    return f"Start {title} instead"


def try_now(title: str) -> str:
    """Under the welcome: try the focus skill."""
    return f"Try {title} now ▶"


def reminder_at(hhmm: str) -> str:
    """The settings screen's time button."""
    return f"Time: {hhmm}"


def zone_setting(name: str) -> str:
    """The settings screen's zone button."""
    return f"Time zone: {city_of(name)}"


def focus_setting(title: str) -> str:
    """The settings screen's focus button."""
    return f"Focus: {title}"


def marked(text: str, *, current: bool) -> str:
    """A choice, marked when it is the current one."""
    return ("• " if current else "") + text
