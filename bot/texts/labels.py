"""Button labels: the words on every inline button (plain text, not HTML)."""

from __future__ import annotations

from babel import Locale

from bot.domain.timezones import city_of
from bot.texts.i18n import _, constant, ngettext

# About as many characters as a phone shows on a full-width button without cutting;
# a longer label (a German compound, a long skill title) is cut with an ellipsis.
LABEL_LIMIT = 48


def shortened(label: str, limit: int = LABEL_LIMIT) -> str:
    """`label`, cut at a word boundary when one is near, and ended with `…` when it is
    longer than `limit` characters."""
    if len(label) <= limit:
        return label
    cut = label[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:-–—") + "…"


_CONSTANTS = {
    "START": lambda: _("Start ▶"),
    "MISTAKES": lambda: _("Common mistakes"),
    "CHOOSE_ANOTHER": lambda: _("Choose another"),
    "SEE_SKILLS": lambda: _("See the skills"),
    "CANCEL": lambda: _("Cancel"),
    "BACK": lambda: _("◀ Back"),
    "PAUSE": lambda: _("Pause"),
    "NEXT": lambda: _("Next ▶"),
    "FINISH": lambda: _("Finish ✓"),
    "SKIP_REFLECTION": lambda: _("Skip"),
    "NOT_FOR_NOTE": lambda: _("That wasn’t for my reflection"),
    "NONE_OF_THESE": lambda: _("None of these"),
    "RESUME": lambda: _("Resume ▶"),
    "START_OVER": lambda: _("Start over"),
    "PRACTISE_AGAIN": lambda: _("Practise again"),
    "MAKE_FOCUS": lambda: _("Make this my focus"),
    "PRACTISE": lambda: _("Practise ▶"),
    "CHOOSE_ANOTHER_FOCUS": lambda: _("Choose another focus"),
    "PREVIOUS_PAGE": lambda: _("‹ Previous"),
    "NEXT_PAGE": lambda: _("Next ›"),
    "PRACTISE_NOW": lambda: _("Practise now ▶"),
    "SNOOZE": lambda: _("Snooze 1 h"),
    "SKIP_TODAY": lambda: _("Skip today"),
    "TURN_OFF": lambda: _("Turn off"),
    "TURN_ON": lambda: _("Turn on"),
    "WITH_SOUND": lambda: _("With sound"),
    "SILENTLY": lambda: _("Silently"),
    "NEWER": lambda: _("‹ Newer"),
    "OLDER": lambda: _("Older ›"),
    "FORGET_YES": lambda: _("Yes, delete everything"),
    "FORGET_NO": lambda: _("No, keep it"),
    "NOTES_DELETE": lambda: _("🗑 Delete my reflections"),
    "NOTES_YES": lambda: _("Yes, delete my reflections"),
    "NOTES_NO": lambda: _("No, keep them"),
    "DONE": lambda: _("Done"),
    "RESUME_AT_REFLECTION": lambda: _("Resume at the reflection"),
    "END_PRACTICE": lambda: _("End this practice"),
    "BEGIN": lambda: _("Start ▶"),
    "CHOOSE_ZONE": lambda: _("Choose my time zone"),
    "SETTINGS_BACK": lambda: _("‹ Back"),
    "NOT_NOW": lambda: _("Not now"),
    "OTHER_TIME": lambda: _("Other…"),
    "IM_OKAY": lambda: _("I’m okay, suggest skills again"),
    "NUDGES_OFF": lambda: _("Turn nudges off"),
    "NUDGES_ON": lambda: _("Turn nudges on"),
    "QUIETLY": lambda: _("Quietly"),
    "PAUSE_DAY": lambda: _("Pause a day"),
    "PAUSE_WEEK": lambda: _("Pause a week"),
    "END_PAUSE": lambda: _("End the pause"),
    "FOCUS_SKILL": lambda: _("Focus skill"),
    "CLOSE": lambda: _("Close"),
    "ZONE_NOT_CHOSEN": lambda: _("Time zone: choose"),
    "SHARE_DAYS": lambda: _("Share my practice days"),
    "STOP_SHARING_DAYS": lambda: _("Stop sharing practice days"),
}


def __getattr__(name: str) -> str:
    """The labels above, in the current language when read."""
    return constant(_CONSTANTS, name)


def scenario(title: str) -> str:
    """Practise the skill on the card for this situation."""
    return f"◇ {title}"


def resume_at(step_index: int) -> str:
    """Resume an open practice at a step (counted from 1 for people)."""
    return _("Resume at step {number}").format(number=step_index + 1)


def practise(title: str) -> str:
    """Practise one named skill."""
    return _("Practise {skill}").format(skill=title)


def practise_now(title: str) -> str:
    """Open one named skill's practice (offered for free text)."""
    return _("Practise {skill} ▶").format(skill=title)


def mistakes_of(title: str) -> str:
    """Common mistakes of one named skill, where several skills are on offer."""
    return _("Common mistakes · {skill}").format(skill=title)


def page_of(page: int, pages: int) -> str:
    """Where a paged list stands (pages counted from 1 for people)."""
    return f"{page + 1} / {pages}"


def linked(name: str) -> str:
    """A skill this card builds on."""
    return f"↗ {name}"


def preset_time(hhmm: str, *, current: bool) -> str:
    """A preset nudge time `HHMM` as `HH:MM`, marked when it is the current one."""
    return ("• " if current else "") + f"{hhmm[:2]}:{hhmm[2:]}"


def pause_days(days: int) -> str:
    """A pause of `days` days, on a button under /pause's question."""
    return ngettext("{count} day", "{count} days", days).format(count=days)


def pause_for(days: int) -> str:
    """The one button under a typed request for a pause: it pauses for `days` days."""
    return ngettext("Pause for {count} day", "Pause for {count} days", days).format(count=days)


def zone(name: str) -> str:
    """A time zone by its city."""
    return city_of(name)


def language(code: str) -> str:
    """A language by its own name (`Deutsch`), as a person looks for it."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def start_instead(title: str) -> str:
    """End the open practice and start another skill."""
    return _("Start {skill} instead").format(skill=title)


def try_now(title: str) -> str:
    """Under the welcome: try the focus skill."""
    return _("Try {skill} now ▶").format(skill=title)


def reminder_at(hhmm: str) -> str:
    """The settings screen's time button."""
    return _("Time: {time}").format(time=hhmm)


def zone_setting(name: str) -> str:
    """The settings screen's zone button."""
    return _("Time zone: {city}").format(city=city_of(name))


def focus_setting(title: str) -> str:
    """The settings screen's focus button."""
    return _("Focus: {skill}").format(skill=title)


def language_setting(code: str) -> str:
    """The settings screen's language button."""
    return _("Language: {language}").format(language=language(code))


def marked(text: str, *, current: bool) -> str:
    """A choice, marked when it is the current one."""
    return ("• " if current else "") + text
