"""Turn what a person types (`Europe/Berlin`, `berlin`, `São Paulo`, `Berln`) into an IANA
zone, with GeoNames' cities (bot/domain/cities.py) for the places no zone is named after."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from difflib import get_close_matches
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from bot.domain.cities import City, atlas, fold
from bot.domain.models import utc_now

# Offered as buttons at /start: one per populous region, UTC last.
COMMON_ZONES = (
    "America/Los_Angeles",
    "America/New_York",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Berlin",
    "Africa/Lagos",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "UTC",
)
_REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)
# Most choices offered for one name ("Springfield"), biggest first.
MAX_CHOICES = 6


@dataclass(frozen=True, slots=True)
class Place:
    """A button's worth of answer: what to show and the zone it sets."""

    label: str
    zone: str


@dataclass(frozen=True, slots=True)
class ZoneMatch:
    """The zone meant, if clear; else the places a name could mean (choices), or on a
    typo the places it resembles (suggestions)."""

    zone: str | None
    suggestions: tuple[Place, ...] = ()
    choices: tuple[Place, ...] = ()
    # The zone was chosen over places of the same name in other zones ("Córdoba":
    # Argentina's, over Spain's and Mexico's): those, biggest first, to offer as a
    # correction beside the answer.
    others: tuple[Place, ...] = ()
    # A UTC offset such as UTC+3: it stays put when the person's clocks change for DST.
    fixed_offset: bool = False


# `UTC+3`, `GMT-5`, `+05:30`, `utc +5.30`, `UTC−3` (a typographic minus).
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+\-−])\s*(\d{1,2})(?:\s*[:.h]?\s*(\d{2}))?$")
FIXED_PREFIX = "UTC"
_FIXED_NAME = re.compile(r"^UTC([+-])(\d{2}):(\d{2})$")
# Real offsets run from UTC−12:00 to UTC+14:00, in quarter hours at most.
_MAX_OFFSET_MINUTES = {"+": 14 * 60, "-": 12 * 60}


def parse_offset(text: str) -> str | None:
    """`UTC+3` → `UTC+03:00`, `+05:30` → `UTC+05:30`, `GMT-0` → `UTC`; None if no offset."""
    match = _OFFSET.match(text.strip().casefold())
    if not match:
        return None
    sign = "-" if match[1] in "-−" else "+"
    hours, minutes = int(match[2]), int(match[3] or 0)
    total = hours * 60 + minutes
    if minutes % 15 or total > _MAX_OFFSET_MINUTES[sign]:
        return None
    if total == 0:
        return "UTC"
    return f"{FIXED_PREFIX}{sign}{hours:02d}:{minutes:02d}"


def fixed_offset_minutes(name: str) -> int | None:
    """The offset east of UTC of a name made by parse_offset (None for an IANA name)."""
    match = _FIXED_NAME.match(name)
    if not match:
        return None
    minutes = int(match[2]) * 60 + int(match[3])
    return -minutes if match[1] == "-" else minutes


def _key(text: str) -> str:
    # Case, accents, spaces and underscores are slips, not differences:
    # "New_York" = "new york", "Sao Paulo" = "São Paulo".
    return fold(text)


# In the system's tz database but no place's clock: "localtime" is the server's own zone
# (a link that only some hosts have), "Factory" a placeholder, "posixrules" a template.
_NOT_PLACES = frozenset({"localtime", "Factory", "posixrules"})


@lru_cache(maxsize=1)
def _zones() -> tuple[dict[str, str], dict[str, str]]:
    """Zone names (folded) → zone; and each zone's own city ("Kolkata") → zone."""
    names: dict[str, str] = {}
    cities: dict[str, str] = {}
    for name in sorted(available_timezones() - _NOT_PLACES):
        names[_key(name)] = name
        if name.split("/", 1)[0] in _REGIONS:
            cities.setdefault(_key(name.rsplit("/", 1)[-1]), name)
    return names, cities


# What people mean by the abbreviations they type: the zone whose clocks they read,
# daylight saving included. (The tz database's own "EST" is a fixed UTC-5 that would put
# a New York nudge an hour off all summer; "PST" is no zone at all, and matched towns.)
# PST is taken as Pacific: Philippine time is written PHT.
_ABBREVIATIONS = {
    **dict.fromkeys(("est", "edt", "et", "eastern"), "America/New_York"),
    **dict.fromkeys(("cdt",), "America/Chicago"),
    **dict.fromkeys(("mdt",), "America/Denver"),
    **dict.fromkeys(("pst", "pdt", "pt", "pacific"), "America/Los_Angeles"),
    **dict.fromkeys(("akst", "akdt"), "America/Anchorage"),
    **dict.fromkeys(("hst",), "Pacific/Honolulu"),
    **dict.fromkeys(("cet", "cest"), "Europe/Berlin"),
    **dict.fromkeys(("eet", "eest"), "Europe/Athens"),
    **dict.fromkeys(("msk",), "Europe/Moscow"),
    **dict.fromkeys(("jst",), "Asia/Tokyo"),
    **dict.fromkeys(("kst",), "Asia/Seoul"),
    **dict.fromkeys(("hkt",), "Asia/Hong_Kong"),
    **dict.fromkeys(("sgt",), "Asia/Singapore"),
    **dict.fromkeys(("pht",), "Asia/Manila"),
    **dict.fromkeys(("aedt",), "Australia/Sydney"),
    **dict.fromkeys(("awst",), "Australia/Perth"),
    **dict.fromkeys(("nzst", "nzdt"), "Pacific/Auckland"),
}
# Abbreviations of zones hours apart: the person chooses (the city list's airport codes
# had made IST Istanbul, silently).
_AMBIGUOUS = {
    "ist": (("India", "Asia/Kolkata"), ("Ireland", "Europe/Dublin"), ("Israel", "Asia/Jerusalem")),
    "cst": (("US Central, Chicago", "America/Chicago"), ("China", "Asia/Shanghai"),
            ("Cuba", "America/Havana")),
    "ast": (("Atlantic, Halifax", "America/Halifax"), ("Arabia, Riyadh", "Asia/Riyadh")),
    "bst": (("Britain, London", "Europe/London"), ("Bangladesh, Dhaka", "Asia/Dhaka")),
    "mst": (("US Mountain, Denver", "America/Denver"),
            ("Arizona, no daylight saving", "America/Phoenix")),
    "aest": (("Sydney, Melbourne", "Australia/Sydney"),
             ("Brisbane, no daylight saving", "Australia/Brisbane")),
    "sst": (("Samoa, Pago Pago", "Pacific/Pago_Pago"), ("Singapore", "Asia/Singapore")),
    # A country and a US state.
    "georgia": (("Georgia, the country · Tbilisi", "Asia/Tbilisi"),
                ("Georgia, United States · Atlanta", "America/New_York")),
    # In Britain "GMT" is often the clock on the wall, summer time included; elsewhere
    # UTC+0 all year. A tester's UK clock was set to GMT and lost its summer hour.
    "gmt": (("UK, with summer time", "Europe/London"), ("GMT all year", "UTC")),
}  # fmt: skip
# "Pacific time", "UK time", "German time": a zone said by what people call its clock.
# The word before "time" is a place, or one of these (which alone name no place).
_TIME_NAMES = {
    **dict.fromkeys(("central", "us central", "centralus"), "America/Chicago"),
    **dict.fromkeys(("mountain", "us mountain"), "America/Denver"),
    **dict.fromkeys(("atlantic",), "America/Halifax"),
    **dict.fromkeys(("alaska", "alaskan"), "America/Anchorage"),
    **dict.fromkeys(("hawaii", "hawaiian"), "Pacific/Honolulu"),
    **dict.fromkeys(("british", "english"), "Europe/London"),
    **dict.fromkeys(("german", "deutsche"), "Europe/Berlin"),
    **dict.fromkeys(("french",), "Europe/Paris"),
    **dict.fromkeys(("spanish",), "Europe/Madrid"),
    **dict.fromkeys(("indian",), "Asia/Kolkata"),
    **dict.fromkeys(("moscow", "russian"), "Europe/Moscow"),
}
_SAID_AS_TIME = re.compile(
    r"^(?P<place>.+?)\s+(?:standard |daylight )?(?:time(?:\s*zone)?|timezone|zeit)$",
    re.IGNORECASE,
)
# "Berlin time", "Moscow time": a clock named after a city is a big city's ("tea time",
# "nap time", "same time" named towns somewhere).
CLOCK_CITY_PEOPLE = 300_000


# "I live in Mexico City", "ich wohne in Köln", "vivo en Madrid", "я живу в Казани": the
# place is what follows.
# Not Russian "я в" alone ("I'm in"): it leads everyday words ("я в метро", on the metro),
# some of which are also the Cyrillic name of a town somewhere; and a city after it is in
# the locative ("в Москве"), which the table does not hold.
_LIVING_IN = re.compile(
    r"^(?:i live in|i(?:'|’)?m in|i am in|we live in|we(?:'|’)?re in|i(?:'|’)?m from"
    r"|ich wohne in|ich lebe in|ich bin in|wir wohnen in|vivo en|estoy en|vivimos en"
    r"|soy de|я живу в|я живу во|живу в|мы живём в|мы живем в"
    # and the zone said outright: "my time zone is EST", "set my timezone to Berlin"
    r"|(?:my )?time ?zone is|(?:please )?(?:set|change) my time ?zone to|my zone is"
    r"|meine zeitzone ist|(?:stell|setz|ändere) meine zeitzone auf"
    r"|mi zona horaria es|(?:pon|cambia) mi zona horaria (?:a|en)"
    r"|мой часовой пояс(?: —| -)?|(?:поставь|установи|смени) (?:мой )?часовой пояс(?: на)?)"
    r"\s+",
    re.IGNORECASE,
)


def place_named(text: str) -> str:
    """`text` without a lead-in that says where someone lives ("I live in Berlin":
    "Berlin"); `text` itself when it has none."""
    return _LIVING_IN.sub("", text.strip(), count=1).strip(" .!")


def resolve_zone(text: str) -> ZoneMatch:
    """Find the IANA zone for a zone name or a city ("Kraków", "Portland, Maine"); when a
    name fits places in different zones, offer them; on a typo, only suggest (a wrong
    zone would move every nudge, so a guess is never applied silently)."""
    found = _place(text)
    return found if found is not None else ZoneMatch(None, _suggest(_key(text)))


def _place(text: str) -> ZoneMatch | None:
    """What `resolve_zone` finds for `text` before suggesting: None when it names
    nothing, so the suggestions (difflib over every name) are looked for once, not again
    for each Russian form tried."""
    offset = parse_offset(text)
    if offset is not None:
        return ZoneMatch(offset, fixed_offset=offset != "UTC")
    if fixed_offset_minutes(text.strip()) is not None:
        return ZoneMatch(text.strip(), fixed_offset=True)
    wanted = _key(text)
    if not wanted:
        return ZoneMatch(None)
    if wanted in _ABBREVIATIONS:
        return ZoneMatch(_ABBREVIATIONS[wanted])
    if wanted in _AMBIGUOUS:
        places = tuple(
            Place(f"{label} · {zone_shown(zone)}", zone) for label, zone in _AMBIGUOUS[wanted]
        )
        return ZoneMatch(None, choices=places)
    zone_names, zone_cities = _zones()
    if wanted in zone_names:
        return ZoneMatch(zone_names[wanted])
    if (said := _SAID_AS_TIME.match(text.strip())) and (clock := _clock_named(said["place"])):
        return clock
    # A country before a city of its name: "Mexico" is not the town in the Philippines,
    # nor "India" the one in Serbia.
    # Not by a two-letter code: "LA" is Los Angeles, "PA" Pennsylvania, not Laos or Panama.
    country = atlas().countries.get(wanted) if len(wanted) > 2 or wanted in ("uk", "us") else None
    if country is not None and (found := _country(country)) != ZoneMatch(None):
        return found
    cities = _cities_for(text)
    # A city of millions known by the name too ("Odessa": Odesa, Ukraine, beside Texas's)
    # is asked about, never assumed: other names are old ones too ("Salisbury" was
    # Harare's), and nobody in Salisbury must be moved to Zimbabwe's clock. Not where a
    # zone is named after the place itself ("Broken Hill"; "Asia/Calcutta" is Kolkata's).
    own_zone = zone_cities.get(wanted) in {city.zone for city in cities}
    bigger = atlas().dwarfing(wanted) if cities and not own_zone else ()
    if bigger:
        return _one_zone(cities + bigger) or _ask(cities + bigger)
    if cities:
        return _choose(wanted, cities)
    if wanted in zone_cities:
        return ZoneMatch(zone_cities[wanted])
    for form in _nominatives(text):
        named = _place(form)
        if named is not None and (named.zone is not None or named.choices):
            return named
    return None


def _clock_named(place: str) -> ZoneMatch | None:
    """The zone of "<place> time": a name for a clock (_TIME_NAMES), an abbreviation, a
    zone, a country, or a city of CLOCK_CITY_PEOPLE or more; None for any other word."""
    key = _key(place)
    if key in _TIME_NAMES:
        return ZoneMatch(_TIME_NAMES[key])
    zone_names, zone_cities = _zones()
    own = atlas().by_name.get(key, ())  # its own name: not Naples for "nap time"
    known = (
        key in _ABBREVIATIONS
        or key in zone_names
        or key in zone_cities
        or key in atlas().countries
        or any(city.population >= CLOCK_CITY_PEOPLE for city in own)
    )
    found = _place(place) if known else None
    return found if found is not None and (found.zone or found.choices) else None


def _nominatives(text: str) -> list[str]:
    """The forms a Russian place name after "в" comes from: it is in the locative ("я
    живу в Москве", "в Казани", "в Германии"), and the table holds the nominative. Tried
    only when the name as written is no place."""
    name = text.strip()
    if not name or not all(_is_cyrillic(char) for char in name if char.isalpha()):
        return []
    if name.endswith("ии"):
        return [name[:-2] + "ия"]  # Германии: Германия
    if name.endswith("е"):
        return [name[:-1] + "а", name[:-1]]  # Москве: Москва; Берлине: Берлин
    if name.endswith("и"):
        return [name[:-1] + "ь"]  # Казани: Казань
    return []


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


# A country is its zone when that zone holds this share of its people in the city list
# (Germany: Berlin; not the United States, Russia or Brazil, which are asked).
ONE_ZONE_SHARE = 0.9


def _country(country: str) -> ZoneMatch:
    """ "Germany": its zone; a country across zones: its largest zones, to choose from."""
    people = atlas().people_by_zone.get(country, {})
    if not people:
        return ZoneMatch(None)
    ranked = sorted(people, key=lambda zone: -people[zone])
    if people[ranked[0]] >= ONE_ZONE_SHARE * sum(people.values()):
        return ZoneMatch(ranked[0])
    places = tuple(Place(f"{country} · {city_of(zone)}", zone) for zone in ranked)
    return ZoneMatch(None, choices=places[:MAX_CHOICES])


def _cities_for(text: str) -> tuple[City, ...]:
    """Cities named text; "Portland, Maine", "Birmingham UK", "Victoria, BC" or "London,
    ON, Canada" narrows by state, province or country. "Odessa, Ukraine" finds the city
    also known by the name where no place of the name itself is in that country."""
    found = atlas().named(_key(text))
    if found:
        return found
    for name, places in _name_and_where(text):
        key = _key(name)
        wheres = [where for place in places if (where := _Where.of(place)) is not None]
        if key and wheres and len(wheres) == len(places) and (found := _there(key, wheres)):
            return found
    return ()


def _there(key: str, wheres: list[_Where]) -> tuple[City, ...]:
    """The cities named `key` in all of `wheres`; failing them, where `wheres` is one
    country and no place of the name itself is in it, the cities also known by it
    there. Not by a state: "Franklin, Texas" is a town of that name, never El Paso, once
    called so (unknown is safer than an hour off)."""
    found = tuple(city for city in atlas().named(key) if all(w.holds(city) for w in wheres))
    countries = {where.country for where in wheres}
    own = {city.country for city in atlas().by_name.get(key, ())}
    if found or len(countries) != 1 or None in countries or countries & own:
        return found
    return tuple(city for city in atlas().by_other_name.get(key, ()) if city.country in countries)


def _name_and_where(text: str) -> list[tuple[str, list[str]]]:
    """The ways `text` may be a name, then where it is: "London, ON, Canada" one way;
    "Sydney New South Wales" with the place as its last one, two or three words."""
    if "," in text:
        name, *places = (part.strip() for part in text.split(","))
        return [(name, [place for place in places if place])]
    words = text.split()
    return [(" ".join(words[:-n]), [" ".join(words[-n:])]) for n in range(1, min(4, len(words)))]


@dataclass(frozen=True, slots=True)
class _Where:
    """A state, province or country written after a city's name."""

    regions: frozenset[str]  # US states, folded
    country: str | None
    province: frozenset[tuple[str, str]]  # (country, zone) pairs (see _PROVINCES)

    @classmethod
    def of(cls, written: str) -> _Where | None:
        """What `written` names; None when it names no place the table can tell."""
        place = _key(written)
        state = _US_STATES.get(place, written if place in _STATE_NAMES else None)
        country = atlas().countries.get(place)
        province = _PROVINCES.get(place, frozenset())
        if state is None and country is None and not province:
            return None
        regions = frozenset({_key(state)}) if state is not None else frozenset()
        return cls(regions, country, province)

    def holds(self, city: City) -> bool:
        """Whether `city` is there."""
        return (
            _key(city.region) in self.regions
            or city.country == self.country
            or (city.country, city.zone) in self.province
        )


# The postal codes people write after a US city, "Portland, OR" (the table names states
# in full).
_US_STATES = {
    "al": "Alabama", "ak": "Alaska", "az": "Arizona", "ar": "Arkansas", "ca": "California",
    "co": "Colorado", "ct": "Connecticut", "de": "Delaware", "dc": "District of Columbia",
    "fl": "Florida", "ga": "Georgia", "hi": "Hawaii", "id": "Idaho", "il": "Illinois",
    "in": "Indiana", "ia": "Iowa", "ks": "Kansas", "ky": "Kentucky", "la": "Louisiana",
    "me": "Maine", "md": "Maryland", "ma": "Massachusetts", "mi": "Michigan",
    "mn": "Minnesota", "ms": "Mississippi", "mo": "Missouri", "mt": "Montana",
    "ne": "Nebraska", "nv": "Nevada", "nh": "New Hampshire", "nj": "New Jersey",
    "nm": "New Mexico", "ny": "New York", "nc": "North Carolina", "nd": "North Dakota",
    "oh": "Ohio", "ok": "Oklahoma", "or": "Oregon", "pa": "Pennsylvania",
    "ri": "Rhode Island", "sc": "South Carolina", "sd": "South Dakota", "tn": "Tennessee",
    "tx": "Texas", "ut": "Utah", "vt": "Vermont", "va": "Virginia", "wa": "Washington",
    "wv": "West Virginia", "wi": "Wisconsin", "wy": "Wyoming",
}  # fmt: skip
_STATE_NAMES = frozenset(_key(name) for name in _US_STATES.values())


def _provinces() -> dict[str, frozenset[tuple[str, str]]]:
    """Canada's provinces and territories and Australia's states, by code and by name
    (folded): each (country, zone) their places keep ("NT" is a territory of both)."""
    provinces: dict[str, set[tuple[str, str]]] = {}
    for country, rows in (("Canada", _CANADA), ("Australia", _AUSTRALIA)):
        for names, zones in rows:
            for name in names:
                provinces.setdefault(_key(name), set()).update((country, zone) for zone in zones)
    return {name: frozenset(places) for name, places in provinces.items()}


_CANADA = (
    (("BC", "British Columbia"),
     ("America/Vancouver", "America/Dawson_Creek", "America/Fort_Nelson", "America/Creston",
      "America/Edmonton")),  # the Kootenays' Cranbrook keeps Alberta's clock
    (("AB", "Alberta"), ("America/Edmonton",)),
    (("SK", "Saskatchewan"),
     ("America/Regina", "America/Swift_Current", "America/Edmonton")),  # Lloydminster
    (("MB", "Manitoba"), ("America/Winnipeg",)),
    (("ON", "Ontario"), ("America/Toronto", "America/Winnipeg", "America/Atikokan")),
    (("QC", "Quebec"), ("America/Toronto", "America/Blanc-Sablon", "America/Halifax")),
    (("NB", "New Brunswick"), ("America/Moncton",)),
    (("NS", "Nova Scotia"), ("America/Halifax", "America/Glace_Bay")),
    (("PE", "PEI", "Prince Edward Island"), ("America/Halifax",)),
    (("NL", "Newfoundland", "Newfoundland and Labrador"),
     ("America/St_Johns", "America/Goose_Bay")),
    (("YT", "Yukon"), ("America/Whitehorse", "America/Dawson")),
    (("NT", "Northwest Territories"), ("America/Yellowknife", "America/Edmonton",
                                       "America/Inuvik")),
    (("NU", "Nunavut"), ("America/Iqaluit", "America/Rankin_Inlet", "America/Cambridge_Bay")),
)  # fmt: skip
_AUSTRALIA = (
    (("NSW", "New South Wales"), ("Australia/Sydney", "Australia/Broken_Hill")),
    (("ACT", "Australian Capital Territory"), ("Australia/Sydney",)),
    (("VIC", "Victoria"), ("Australia/Melbourne",)),
    (("QLD", "Queensland"), ("Australia/Brisbane", "Australia/Lindeman")),
    (("WA", "Western Australia"), ("Australia/Perth", "Australia/Eucla")),
    (("SA", "South Australia"), ("Australia/Adelaide",)),
    (("TAS", "Tasmania"), ("Australia/Hobart",)),
    (("NT", "Northern Territory"), ("Australia/Darwin",)),
)
_PROVINCES = _provinces()


# A zone named after a city answers for that name when the city is the biggest of its
# namesakes and its zone holds this share of their people: "Dublin" (Dublin, California
# is a fifth of it) and "Athens" are answered; "Colombo" (a quarter in Brazil) is asked,
# and so is "San Juan", whose biggest is Puerto Rico's, not Argentina's San Juan zone.
ZONE_NAMESAKE_SHARE = 0.75


def _choose(wanted: str, cities: tuple[City, ...]) -> ZoneMatch:
    """The answer for a name several places share, or the places to ask about (biggest
    first): one zone for all of them; one country's places whose clocks agree all year
    ("Columbus": Ohio's and Indiana's zones); the zone named after the city (see
    ZONE_NAMESAKE_SHARE); or the city plainly meant, written otherwise (`_zone_city`)."""
    if found := _one_zone(cities):
        return found
    zones = dict.fromkeys(city.zone for city in cities)
    biggest = max(cities, key=lambda city: city.population)
    # Not across countries: "Chaozhou" in Taiwan is not to be set to Asia/Shanghai, nor
    # a clock tied to another country's rules.
    if len({city.country for city in cities}) == 1 and _same_time_all_year(tuple(zones)):
        return ZoneMatch(biggest.zone)
    # "London": Europe/London, not London, Ontario (offered beside it)
    named_zone = _key(city_of(biggest.zone)) == wanted
    if (named_zone and _holds(cities, biggest.zone, ZONE_NAMESAKE_SHARE)) or _zone_city(
        biggest, cities
    ):
        return ZoneMatch(biggest.zone, others=_elsewhere(cities, biggest.zone))
    return _ask(cities)


def _one_zone(cities: tuple[City, ...]) -> ZoneMatch | None:
    """The zone of `cities` when they all keep one; else None."""
    zones = {city.zone for city in cities}
    return ZoneMatch(zones.pop()) if len(zones) == 1 else None


def _ask(cities: tuple[City, ...]) -> ZoneMatch:
    """The places to ask about, biggest first (one button each)."""
    places = dict.fromkeys(
        Place(city.label, city.zone) for city in sorted(cities, key=lambda c: -c.population)
    )
    return ZoneMatch(None, choices=tuple(places)[:MAX_CHOICES])


def _elsewhere(cities: tuple[City, ...], chosen: str) -> tuple[Place, ...]:
    """The places among `cities` outside the zone chosen, biggest first, one per zone."""
    by_zone: dict[str, Place] = {}
    for city in sorted(cities, key=lambda c: -c.population):
        if city.zone != chosen:
            by_zone.setdefault(city.zone, Place(city.label, city.zone))
    return tuple(by_zone.values())[: MAX_CHOICES - 1]


def _same_time_all_year(zones: tuple[str, ...]) -> bool:
    """Whether the zones show the same time at every hour of this year and the next."""
    year = utc_now().year
    return len({_hourly_offsets(zone, year) for zone in zones}) == 1


@lru_cache(maxsize=256)
def _hourly_offsets(zone: str, year: int) -> tuple[timedelta | None, ...]:
    """`zone`'s UTC offset at every hour of `year` and the next: exact where sampling
    would miss a switch days apart (Israel's and the EU's, say)."""
    start, info = datetime(year, 1, 1, tzinfo=UTC), ZoneInfo(zone)
    hours = (datetime(year + 2, 1, 1, tzinfo=UTC) - start) // timedelta(hours=1)
    return tuple(
        (start + timedelta(hours=hour)).astimezone(info).utcoffset() for hour in range(hours)
    )


def _zone_city(biggest: City, cities: tuple[City, ...]) -> bool:
    """Whether `biggest` (the biggest of `cities`) is the city its zone is named after,
    plainly the place meant however it was written: its zone holding ONE_ZONE_SHARE of
    their people ("Москва" and "Moskau": Moscow, not Moscow, Idaho; "Viena": Vienna, not
    Vienne). Not "Окленд" (Auckland or Oakland) nor "Dilli" (Dili, not Delhi, is the
    zone's city): a zone picked wrongly moves every nudge."""
    named_for = _key(biggest.name) == _key(city_of(biggest.zone))
    return named_for and _holds(cities, biggest.zone, ONE_ZONE_SHARE)


def _holds(cities: tuple[City, ...], zone: str, share: float) -> bool:
    """Whether `zone` holds at least `share` of the people of `cities`."""
    everyone = sum(city.population for city in cities)
    return sum(city.population for city in cities if city.zone == zone) >= share * everyone


def _suggest(wanted: str) -> tuple[Place, ...]:
    """Places whose name is close to a typo, biggest first, at most five."""
    zone_cities = _zones()[1]
    by_name = atlas().by_name
    keys = get_close_matches(wanted, [*by_name, *zone_cities], n=6, cutoff=0.75)
    places: list[Place] = []
    for key in keys:
        if key in by_name:
            places.extend(Place(city.label, city.zone) for city in by_name[key][:2])
        else:
            places.append(Place(city_of(zone_cities[key]), zone_cities[key]))
    return tuple(dict.fromkeys(places))[:5]


def city_of(zone_name: str) -> str:
    """`America/New_York` → `New York` (for buttons and messages)."""
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


def to_confirm(typed: str, match: ZoneMatch) -> tuple[Place, ...]:
    """The buttons that confirm a place typed in words ("Lisbon", "I live in Córdoba"),
    whose `match` found a zone: that zone, named as typed, then the same name elsewhere
    (`match.others`)."""
    assert match.zone is not None
    return (Place(f"{typed} · {zone_shown(match.zone)}", match.zone), *match.others)


def zone_shown(zone_name: str) -> str:
    """`America/Argentina/San_Juan` → `America/Argentina/San Juan`: the zone's name as a
    person reads it, in messages and on buttons (the stored name keeps its underscores)."""
    return zone_name.replace("_", " ")
