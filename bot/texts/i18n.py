"""Which language a sentence is said in, and the gettext plumbing every text module uses.

The language is a context variable: a handler (or the nudge dispatcher, per person) sets
it once with `activate` or `speaking`, and every `_()`, `ngettext()` and date below reads
it. That keeps the text functions' signatures free of a `lang` argument that every caller
would have to thread through.

Messages live in gettext catalogues under `locales/<lang>/LC_MESSAGES/skillbot.po`
(managed with Babel: `make i18n-extract i18n-update i18n-compile`); the English text is
the message id itself, so English needs no catalogue. The compiled `.mo` files are
committed beside their `.po` (`make i18n-check` fails when one is stale), so a fresh
clone, the wheel and the tests need no build step.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_datetime, format_skeleton, format_time
from babel.lists import format_list

from bot.domain.models import Scenario, Skill
from bot.vault.library import Vault, VaultScenario

DOMAIN = "skillbot"
LOCALES_DIR = Path(__file__).parent / "locales"
DEFAULT_LANGUAGE = "en"
# The languages people can choose, in the order the settings show them.
LANGUAGES: tuple[str, ...] = ("en", "de", "es", "ru")

_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


def pick(code: str | None) -> str:
    """The language we speak for Telegram's `language_code` (`de-AT` → `de`); English
    when we do not ship the person's language or Telegram did not say."""
    if not code:
        return DEFAULT_LANGUAGE
    base = code.replace("_", "-").split("-", 1)[0].lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


# What people type after /language: the code, the language's own name, or its name in
# English or in another of the bot's languages.
_NAMED = {
    **dict.fromkeys(("en", "english", "englisch", "inglés", "ingles", "английский"), "en"),
    **dict.fromkeys(("de", "deutsch", "german", "alemán", "aleman", "немецкий"), "de"),
    **dict.fromkeys(("es", "español", "espanol", "spanish", "spanisch", "испанский"), "es"),
    **dict.fromkeys(("ru", "русский", "russian", "russisch", "ruso"), "ru"),
}


def language_named(text: str) -> str | None:
    """The language `text` names ("de", "Deutsch", "russian"); None for any other."""
    return _NAMED.get(" ".join(text.casefold().split()))


def current() -> str:
    """The language sentences are being written in right now."""
    return _language.get()


def activate(language: str | None) -> None:
    """Speak `language` for the rest of this task (one update's handlers)."""
    _language.set(pick(language))


@contextmanager
def speaking(language: str | None) -> Iterator[str]:
    """Speak `language` inside the block (a nudge or a notice to someone else)."""
    token = _language.set(pick(language))
    try:
        yield _language.get()
    finally:
        _language.reset(token)


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    if language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALES_DIR, [language], fallback=True)


def _(message: str) -> str:
    """`message` in the current language (the English text when it has no translation)."""
    return _catalogue(current()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for `count` in the current language's plural rules
    (Russian has three). Format the result with the count yourself."""
    return _catalogue(current()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark `message` for extraction only; translate it later, where it is said."""
    return message


def constant(messages: Mapping[str, Callable[[], str]], name: str) -> str:
    """For a text module's `__getattr__` (PEP 562): the named constant, said in the
    current language when it is read. So `texts.basics.STALE_BUTTON` stays a plain name
    for its callers and is never frozen in the language of whoever imported it first."""
    try:
        say = messages[name]
    except KeyError:
        raise AttributeError(name) from None
    return say()


def card_titles(vault: Vault) -> Callable[[str], str]:
    """A stored skill title → the title of its card in the current language (records,
    partners and sessions keep the default card's title, whatever language the person
    practised in), and a stored scenario title → that scenario's title in the current
    language (a practice keeps the default note's); a title neither has any more stays
    as it is."""

    def name(title: str) -> str:
        skill = vault.get(title)
        if skill is not None:
            return card(skill).title
        scenario = vault.scenario_named(title)
        return scenario_card(scenario).title if scenario is not None else title

    return name


def card(skill: Skill) -> Skill:
    """The skill's card in the current language when it has that translation, else the
    default card (which keeps the identity: practice, progress and focus are per skill)."""
    return skill.in_language(current())


def scenario_card(scenario: Scenario) -> Scenario:
    """The scenario as written in the current language when it has that translation, else
    the default note (whose title is what a practice stores: only what is shown changes)."""
    if isinstance(scenario, VaultScenario):
        return scenario.in_language(current())
    return scenario


# The bot's English is British ("practise"), and so are its dates: `Sun 29 Nov`.
_BABEL_LOCALES = {"en": "en_GB"}


def locale() -> str:
    """The Babel locale name of the current language."""
    language = current()
    return _BABEL_LOCALES.get(language, language)


def either(items: Sequence[str]) -> str:
    """ "A or B", "A, B or C", in the current language ("A oder B", "A или B")."""
    return format_list(list(items), style="or", locale=locale())


# -- dates and times, in the person's language ------------------------------------------


def short_day(day: date | datetime) -> str:
    """`Sat 29 Nov` / `Sa., 29. Nov.` / `сб, 29 нояб.` / `sáb, 29 nov`."""
    return format_skeleton("MMMEd", day, locale=locale())


def short_day_year(day: date | datetime) -> str:
    """`Sat 29 Nov 2026` and its equivalents."""
    return format_skeleton("yMMMEd", day, locale=locale())


# Russian puts a date after "до" in the genitive, which a weekday name in the nominative
# breaks ("до пятница"): the day and month alone read right ("до 6 марта 2026 г.").
_LONG_DAY_FORMAT = {"ru": "long"}


def long_day(day: date | datetime) -> str:
    """`Sunday, 29 November 2026` and its equivalents."""
    return format_date(day, _LONG_DAY_FORMAT.get(current(), "full"), locale=locale())


def clock_time(at: time | datetime) -> str:
    """A time of day as `07:45` in every language we ship: the 24-hour form people type
    to /remind, formatted by Babel so digits and separators follow the locale."""
    return format_time(at, "HH:mm", locale=locale())


def month_abbreviation(day: date) -> str:
    """`Nov`, `Nov.`, `нояб.`, `nov` (standalone, as a calendar heading)."""
    return format_date(day, "LLL", locale=locale())


def weekday_abbreviation(weekday: int) -> str:
    """`Mon` for 0, in the current language (standalone form)."""
    names = Locale.parse(locale()).days["stand-alone"]["abbreviated"]
    return str(names[weekday])


def timestamp(at: datetime) -> str:
    """Date and time for admins (`29 Nov 2026, 23:05`)."""
    return format_datetime(at, "medium", locale=locale())
