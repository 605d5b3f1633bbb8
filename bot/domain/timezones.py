"""Turn what a person types (`Europe/Berlin`, `berlin`, `new york`, `Berln`) into an IANA zone."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches
from functools import lru_cache
from zoneinfo import available_timezones

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
# Big cities that are not themselves the name of a zone.
_CITIES = {
    "washington": "America/New_York",
    "boston": "America/New_York",
    "nyc": "America/New_York",
    "miami": "America/New_York",
    "atlanta": "America/New_York",
    "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "la": "America/Los_Angeles",
    "houston": "America/Chicago",
    "dallas": "America/Chicago",
    "montreal": "America/Toronto",
    "rio de janeiro": "America/Sao_Paulo",
    "munich": "Europe/Berlin",
    "hamburg": "Europe/Berlin",
    "frankfurt": "Europe/Berlin",
    "cologne": "Europe/Berlin",
    "barcelona": "Europe/Madrid",
    "milan": "Europe/Rome",
    "geneva": "Europe/Zurich",
    "manchester": "Europe/London",
    "edinburgh": "Europe/London",
    "delhi": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata",
    "mumbai": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "bengaluru": "Asia/Kolkata",
    "beijing": "Asia/Shanghai",
    "osaka": "Asia/Tokyo",
    "melbourne": "Australia/Melbourne",
    "canberra": "Australia/Sydney",
    "wellington": "Pacific/Auckland",
    "utc": "UTC",
    "gmt": "UTC",
}


@dataclass(frozen=True, slots=True)
class ZoneMatch:
    """The zone meant, if clear, else zones to suggest."""

    zone: str | None
    suggestions: tuple[str, ...] = ()


def _key(text: str) -> str:
    # Case, spaces and underscores are slips, not differences: "New_York" = "new york".
    return "".join(text.replace("_", " ").split()).casefold()


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Every way of naming a zone (normalised) → its IANA name."""
    zones = available_timezones()
    index: dict[str, str] = {}
    for name in sorted(zones):
        index[_key(name)] = name
        if name.split("/", 1)[0] in _REGIONS:
            index.setdefault(_key(name.rsplit("/", 1)[-1]), name)
    index.update({_key(city): name for city, name in _CITIES.items()})
    return index


def resolve_zone(text: str) -> ZoneMatch:
    """Find the IANA zone for a zone name or a city; on a typo, only suggest (a wrong
    zone would move every nudge, so a guess is never applied silently)."""
    wanted = _key(text)
    if not wanted:
        return ZoneMatch(None)
    index = _index()
    if wanted in index:
        return ZoneMatch(index[wanted])
    close = get_close_matches(wanted, index.keys(), n=6, cutoff=0.7)
    return ZoneMatch(None, tuple(dict.fromkeys(index[key] for key in close))[:5])


def city_of(zone_name: str) -> str:
    """`America/New_York` → `New York` (for buttons and messages)."""
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")
