"""A time of day as people type it, in the bot's languages: "every morning at 7", "half
past eight", "noon", "7 in the evening", "remind me at 8pm please", "um halb acht",
"7 Uhr abends", "a las 8 de la tarde", "в 7 вечера".

`clock_form` turns such a phrase into the clock form `schedule.parse_reminder_time` reads
("7:00 am", "8:30", "12:00"); `meant_as_a_time` tells an answer that gives a time, even
one not read, from a sentence that happens to hold a number.

Pure: text in, text out. Whatever is left over that is not a time's word makes it no
time at all: "we fought 2 times at 7" is a sentence.
"""

from __future__ import annotations

import re

_HOURS = (
    ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve"),
    ("eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf",
     "zwölf"),
    ("una", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once",
     "doce"),
)  # fmt: skip
NUMBER_WORDS = {
    **{word: hour for words in _HOURS for hour, word in enumerate(words, 1)},
    **{"ein": 1, "fuenf": 5, "zwoelf": 12, "uno": 1},
}
# Words around a time that change nothing: "every morning *at* 7", "*um* 7", "*a las* 7".
_FILLERS = frozenset(
    (
        "every", "each", "daily", "day", "days", "at", "around", "about", "by", "please",
        "remind", "me", "the", "can", "could", "you",
        "um", "gegen", "jeden", "jede", "jeder", "täglich", "taeglich", "tag", "bitte",
        "erinnere", "erinner", "erinnern", "mich", "an", "kannst", "du",
        "a", "las", "la", "cada", "todos", "los", "días", "dias", "por", "favor", "recuérdame",
        "recuerdame", "recuérdamelo", "recuerdamelo", "avísame", "avisame",
        "в", "около", "каждый", "каждое", "каждую", "день", "пожалуйста", "напомни", "мне",
        "напоминай",
        "todas",
    )
)  # fmt: skip
_OCLOCK = frozenset({"oclock", "uhr", "h", "hs", "horas", "hora", "час", "часа", "часов"})
# Parts of the day: which half of a 12-hour clock is meant ("night": late evening, or
# the small hours before 6).
_DAY_PARTS = {
    **dict.fromkeys(
        (
            "in the morning", "morning", "mornings", "every morning", "am", "a.m.",
            "morgens", "früh", "frueh", "vormittags", "am morgen", "jeden morgen",
            "de la mañana", "de la manana", "por la mañana", "por la manana",
            "por las mañanas", "por las mananas", "todas las mañanas", "todas las mananas",
            "cada mañana", "cada manana",
            "утром", "утра", "каждое утро",
        ),
        "am",
    ),
    **dict.fromkeys(
        (
            "in the evening", "in the afternoon", "evening", "evenings", "afternoon",
            "every evening", "tonight", "pm", "p.m.",
            "abends", "nachmittags", "am abend", "am nachmittag", "jeden abend",
            "de la tarde", "por la tarde", "por las tardes", "todas las tardes", "cada tarde",
            "вечером", "вечера", "дня", "каждый вечер",
        ),
        "pm",
    ),
    **dict.fromkeys(
        (
            "at night", "night", "every night", "nachts", "in der nacht", "jede nacht",
            "de la noche", "por la noche", "por las noches", "todas las noches",
            "cada noche", "ночью", "ночи",
        ),
        "night",
    ),
}  # fmt: skip
# Longest first, so "am abend" is one part of the day, not "am" and a word left over.
_PARTS_LONGEST_FIRST = sorted(_DAY_PARTS, key=len, reverse=True)
_NOON = frozenset({"noon", "midday", "mittag", "mittags", "mediodía", "mediodia", "полдень"})
_GLUED = re.compile(r"\b(\d{1,2}(?:[:.]\d{2})?)(am|pm|a\.m\.|p\.m\.|h|uhr)\b")
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?$")
# Words that, alone, are hours in one language and something else in another: "once"
# (eleven in Spanish, "once a day" in English; "a las once" is read), "one" ("one
# morning"; "half past one" is read). Digits say it plainly.
_NOT_AN_HOUR = frozenset({"once", "one"})

# "a quarter past seven in the morning" is about as long as a time gets.
MAX_TIME_WORDS = 7
# A digit in an answer this short is a time being given ("7", "at 7", "um 7", "a las 7",
# "в 7"); in a longer one it is more likely a sentence ("we fought 2 times today").
MAX_NUMBER_WORDS = 4
# Phrases that name a time without a digit ("half past seven", "halb acht", "y media").
_TIME_PHRASE = re.compile(
    r"\b(?:half past|quarter (?:past|to)|noon|midnight|halb|viertel (?:nach|vor)|mittags?"
    r"|mitternacht|y media|y cuarto|menos cuarto|mediod[ií]a|medianoche|половин\w*"
    r"|четверть|полдень|полночь)\b|o['’]?clock",
    re.IGNORECASE,
)


_REMIND = re.compile(
    r"\b(?:remind|erinnere|erinner|erinnern|recuérdame|recuerdame|recuérdamelo|recuerdamelo"
    r"|avísame|avisame|напомни\w*|напоминай)\b",
    re.IGNORECASE,
)


def asks_for_a_reminder(text: str) -> bool:
    """ "remind me at 8pm please", "can you remind me at 7", "erinnere mich um 7",
    "avísame cada noche a las 10": the daily nudge, asked for in words."""
    return _REMIND.search(text) is not None


def half_of_day(text: str) -> str | None:
    """ "am" or "pm" for a message that is only a half of the day ("evening", "abends",
    "por la mañana", "вечером", "pm"); None for anything else."""
    return _DAY_PARTS.get(" ".join(text.casefold().strip(" .!?").split()))


def meant_as_a_time(text: str) -> bool:
    """An answer that gives a time, even one not read: short with a digit, naming a time
    in words ("half past seven"), or a half of the day alone ("evening")."""
    words = len(text.split())
    if words <= MAX_NUMBER_WORDS and any(char.isdigit() for char in text):
        return True
    if half_of_day(text) is not None:
        return True  # "evening", "abends": an answer to "morning or evening?", hour unsaid
    return words <= MAX_TIME_WORDS and _TIME_PHRASE.search(text) is not None


def clock_form(text: str) -> str | None:
    """`text` as "H:MM" with "am" or "pm" when it names the half of the day; None when
    it is not a time of day in words this module knows."""
    plain = text.casefold().replace("’", "'").replace("'", "").strip().rstrip(".!?")
    folded = " " + " ".join(plain.split()) + " "
    folded = folded.replace(" las once ", " las 11 ")  # Spanish eleven, not "once a day"
    folded = _GLUED.sub(r"\1 \2", folded)
    half = None
    for phrase in _PARTS_LONGEST_FIRST:
        if f" {phrase} " in folded:
            folded = folded.replace(f" {phrase} ", " ", 1)
            half = half or _DAY_PARTS[phrase]
    words = [word.strip(",!?") for word in folded.split()]
    marked = any(word in _OCLOCK for word in words)
    words = [word for word in words if word and word not in _FILLERS and word not in _OCLOCK]
    if len(words) == 1 and words[0] in _NOON:
        return "12:00"
    at = _spoken(words)
    if at is None:
        return None
    hour, minute = at
    bare = len(words) == 1 and (words[0] in NUMBER_WORDS or words[0].isdecimal())
    if bare and half is None and not marked and hour >= 12:
        return f"{hour}:00"  # noon, or "at 19": no other half of the day it could be
    if bare and half is None and not marked:
        return None  # "at 7", "seven": morning or evening? Asked, never guessed.
    if half == "night":
        if hour == 12:
            return None  # midnight: no time for a nudge (and "12 at night" is not noon)
        if hour < 6:
            return None  # "3 at night": never a nudge at night
        half = "pm"  # "10 at night" is 22:00
    if half == "am" and hour < 6:
        return None  # "at 3 in the morning", "2am": never a nudge at night
    if half is None and not marked and hour < 6 and not any(c.isdigit() for c in plain):
        half = "pm"  # "half three", "one thirty" in words: the afternoon, not the night
    if half is None or hour > 12:
        return f"{hour}:{minute:02d}"  # "19 Uhr abends" says it twice
    return f"{hour}:{minute:02d} {half}"


def bare_hour(text: str) -> int | None:
    """The hour (1–11) of an answer that gives only that, leaving morning or evening
    open: "7", "at 7", "um 7", "a las siete", "в 7"; None for anything else (a bare 12
    is noon: midnight is no time for a nudge, see `clock_form`)."""
    words = [word.strip(",.!?") for word in text.casefold().split()]
    words = [word for word in words if word and word not in _FILLERS]
    if len(words) != 1:
        return None
    at = _clock(words[0])
    if at is None or at[1] or ":" in words[0] or "." in words[0] or not 1 <= at[0] <= 11:
        return None
    return at[0]


def _spoken(words: list[str]) -> tuple[int, int] | None:
    """(hour, minute) of what is left: "7", "7:30", "half past eight", "half eight",
    "seven thirty", "halb acht", "ocho y media", "quarter to nine"; None for anything
    else."""
    match words:
        case [single]:
            return None if single in _NOT_AN_HOUR else _clock(single)
        case ["half", "past", hour] | ["half", hour] | [hour, "thirty"]:
            # British "half seven" is 7:30 (German "halb acht" is too: see below).
            return _at(hour, 30)
        case [hour, "fifteen"]:
            return _at(hour, 15)
        case [hour, "forty", "five"] | [hour, "fortyfive"]:
            return _at(hour, 45)
        case ["quarter", "past", hour] | ["viertel", "nach", hour] | [hour, "y", "cuarto"]:
            return _at(hour, 15)
        case ["quarter", "to", hour] | ["viertel", "vor", hour] | [hour, "menos", "cuarto"]:
            return _before(hour, 45)
        case [hour, "y", "media"]:
            return _at(hour, 30)
        case ["halb", hour]:
            return _before(hour, 30)  # German "halb acht" is half *to* eight: 7:30
    return None


def _clock(word: str) -> tuple[int, int] | None:
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word], 0
    match = _CLOCK.match(word)
    return None if match is None else (int(match[1]), int(match[2] or 0))


def _at(word: str, minute: int) -> tuple[int, int] | None:
    hour = _clock(word)
    return None if hour is None or hour[1] else (hour[0], minute)


def _before(word: str, minute: int) -> tuple[int, int] | None:
    """`minute` past the hour before `word`'s: "quarter to one" is 12:45, not 0:45."""
    at = _at(word, minute)
    if at is None:
        return None
    hour = at[0] - 1
    return (hour or 12, minute)
