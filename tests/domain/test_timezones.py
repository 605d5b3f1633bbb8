"""Typed city or zone → IANA zone, with GeoNames' cities."""

import random

import pytest

from bot.domain.cities import atlas
from bot.domain.timezones import Place, ZoneMatch, place_named, resolve_zone


@pytest.mark.parametrize(
    ("typed", "zones"),
    [
        ("Lyon", {"Europe/Paris"}),
        ("Austin", {"America/Chicago"}),
        ("Hanoi", {"Asia/Bangkok", "Asia/Ho_Chi_Minh"}),  # GeoNames says Bangkok (both +07)
        ("Kraków", {"Europe/Warsaw"}),
        ("krakow", {"Europe/Warsaw"}),
        ("Glasgow", {"Europe/London"}),
        ("Cape Town", {"Africa/Johannesburg"}),
        ("Lahore", {"Asia/Karachi"}),
        ("München", {"Europe/Berlin"}),
        ("Munich", {"Europe/Berlin"}),
        ("São Paulo", {"America/Sao_Paulo"}),
        ("sao paulo", {"America/Sao_Paulo"}),
        ("new york", {"America/New_York"}),
        ("NYC", {"America/New_York"}),
        ("Europe/Berlin", {"Europe/Berlin"}),
        ("america/sao_paulo", {"America/Sao_Paulo"}),
        ("Kolkata", {"Asia/Kolkata"}),
        ("Bombay", {"Asia/Kolkata"}),
        ("utc", {"UTC"}),
    ],
)
def test_cities_the_issue_names_are_found(typed: str, zones: set[str]) -> None:
    match = resolve_zone(typed)
    assert match.zone in zones, match


def test_a_city_named_after_its_zone_wins_over_namesakes() -> None:
    # London, Ontario and Sydney, Nova Scotia exist; the zones are named for the big ones.
    assert resolve_zone("London").zone == "Europe/London"
    assert resolve_zone("Sydney").zone == "Australia/Sydney"


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Москва", "Europe/Moscow"),  # not Moscow, Idaho
        ("Санкт-Петербург", "Europe/Moscow"),
        ("Питер", "Europe/Moscow"),
        ("Екатеринбург", "Asia/Yekaterinburg"),
        ("Новосибирск", "Asia/Novosibirsk"),
        ("Алматы", "Asia/Almaty"),
        ("Мюнхен", "Europe/Berlin"),
        ("Лондон", "Europe/London"),  # not London, Ontario
        ("Viena", "Europe/Vienna"),  # not Vienne, France
        ("Moskau", "Europe/Moscow"),
    ],
)
def test_a_city_in_the_persons_own_language_and_script_is_found(typed: str, zone: str) -> None:
    assert resolve_zone(typed).zone == zone


@pytest.mark.parametrize(
    ("typed", "first", "also"),
    [
        # Puerto Rico's capital is the biggest San Juan; Argentina's has a zone named
        # after it, which used to be the only one offered.
        ("San Juan", "America/Puerto_Rico", "America/Argentina/San_Juan"),
        ("Stanley", "Europe/London", "Atlantic/Stanley"),
        ("Colombo", "Asia/Colombo", "America/Sao_Paulo"),  # a quarter of them in Brazil
    ],
)
def test_a_zone_named_after_a_city_is_one_choice_where_namesakes_are_many_people(
    typed: str, first: str, also: str
) -> None:
    match = resolve_zone(typed)
    assert match.zone is None and match.choices[0].zone == first, match
    assert also in {place.zone for place in match.choices}


@pytest.mark.parametrize(
    ("typed", "first", "own"),
    [
        ("Odessa", "Europe/Kyiv", "America/Chicago"),  # Odesa, Ukraine; Odessa, Texas
        ("Calcutta", "Asia/Kolkata", "Africa/Johannesburg"),  # a town in South Africa
        ("Canton", "Asia/Shanghai", "America/Detroit"),  # Guangzhou; Canton, Michigan
        ("St. Petersburg", "Europe/Moscow", "America/New_York"),  # and Florida's
    ],
)
def test_a_city_that_dwarfs_the_towns_of_its_other_name_is_asked_about_first(
    typed: str, first: str, own: str
) -> None:
    match = resolve_zone(typed)
    assert match.zone is None and match.choices[0].zone == first, match
    assert own in {place.zone for place in match.choices}


@pytest.mark.parametrize(
    ("typed", "own", "other"),
    [
        # Each the old or other name of a city, and today a town's own name: set
        # silently, the other name would move the town's people's nudges.
        ("Salisbury", "Europe/London", "Africa/Harare"),  # Harare's old name
        ("Monterey", "America/Los_Angeles", "America/Monterrey"),
        ("Batavia", "America/Chicago", "Asia/Jakarta"),  # Jakarta's old name
        ("Saint George", "America/Denver", "Africa/Freetown"),
        ("Frisco", "America/Chicago", "America/Los_Angeles"),  # San Francisco's nickname
        ("Bridgetown", "America/Barbados", "America/Los_Angeles"),  # and Portland's
        ("Broken Hill", "Australia/Broken_Hill", "Africa/Lusaka"),  # its own zone; Kabwe's
        ("Franklin, TX", "America/Chicago", "America/Denver"),  # El Paso was Franklin
    ],
)
def test_an_other_name_is_never_answered_for_a_place_of_that_name(
    typed: str, own: str, other: str
) -> None:
    match = resolve_zone(typed)
    offered = {match.zone, *(place.zone for place in match.choices)}
    assert match.zone != other, match
    # Or not found at all ("Franklin, TX": a town too small for the table).
    assert own in offered or (match.zone is None and not match.choices), match


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Bridgetown", "America/Barbados"),  # Portland is no city of millions
        ("Frisco", "America/Chicago"),  # nor is San Francisco
        ("Broken Hill", "Australia/Broken_Hill"),  # a zone of its own
    ],
)
def test_a_towns_own_name_is_answered_beside_other_names_of_lesser_cities(
    typed: str, zone: str
) -> None:
    assert resolve_zone(typed) == ZoneMatch(zone)


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Odessa, Ukraine", "Europe/Kyiv"),
        ("Odessa, TX", "America/Chicago"),
        ("Petersburg, Russia", "Europe/Moscow"),
        ("Perth, WA", "Australia/Perth"),  # no Perth in Washington: Western Australia
        ("Perth, Western Australia", "Australia/Perth"),
        ("Victoria, BC", "America/Vancouver"),
        ("Vancouver BC", "America/Vancouver"),
        ("Vancouver, WA", "America/Los_Angeles"),
        ("London ON", "America/Toronto"),
        ("London, Ontario", "America/Toronto"),
        ("Sydney, NS", "America/Glace_Bay"),
        ("Sydney NSW", "Australia/Sydney"),
        ("Darwin NT", "Australia/Darwin"),
        ("Melbourne VIC", "Australia/Melbourne"),
        ("Melbourne, FL", "America/New_York"),
        ("Cranbrook, BC", "America/Edmonton"),  # the Kootenays keep Alberta's clock
        ("London, ON, Canada", "America/Toronto"),
        ("Perth, WA, Australia", "Australia/Perth"),
        ("Victoria British Columbia", "America/Vancouver"),
        ("Sydney New South Wales", "Australia/Sydney"),
        ("Salt Lake City Utah", "America/Denver"),
    ],
)
def test_a_name_narrowed_by_its_country_state_or_province_is_that_place(
    typed: str, zone: str
) -> None:
    assert resolve_zone(typed) == ZoneMatch(zone)


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Dublin", "Europe/Dublin"),  # Dublin, California and Ohio: a tenth of them
        ("Athens", "Europe/Athens"),
        ("Halifax", "America/Halifax"),
    ],
)
def test_a_capital_its_zone_is_named_after_is_answered(typed: str, zone: str) -> None:
    match = resolve_zone(typed)
    assert match.zone == zone
    # Its namesakes in other zones come with it, to offer beside the answer.
    assert match.others and all(place.zone != zone for place in match.others)


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Kirov", "Europe/Kirov"),  # and Kirov in Europe/Moscow's part of Russia
        ("Cascavel", "America/Sao_Paulo"),  # and Cascavel in America/Fortaleza's
        ("Canton, USA", "America/Detroit"),  # Canton, Michigan and Canton, Ohio
    ],
)
def test_one_countrys_namesakes_whose_clocks_agree_all_year_need_no_question(
    typed: str, zone: str
) -> None:
    # Different zone names, the same time every hour of the year: the biggest's zone.
    assert resolve_zone(typed) == ZoneMatch(zone)


@pytest.mark.parametrize(
    ("typed", "countries"),
    [
        # The same clock, but another country's zone would be set and shown.
        ("Chaozhou", {"China", "Taiwan"}),
        ("Kazan", {"Russia", "Turkey"}),
        # Israel's summer time starts days before Romania's: sampling twice a month
        # took them for one clock.
        ("Arad", {"Romania", "Israel"}),
    ],
)
def test_namesakes_in_different_countries_are_asked_about(typed: str, countries: set[str]) -> None:
    match = resolve_zone(typed)
    assert match.zone is None
    assert {place.label.rsplit(", ", 1)[-1] for place in match.choices} >= countries


def test_namesakes_in_one_zone_need_no_question() -> None:
    # Springfields of Illinois and Missouri share America/Chicago, but not Massachusetts.
    assert resolve_zone("Austin").choices == ()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (
            "Portland",
            [
                Place("Portland, Oregon, United States", "America/Los_Angeles"),
                Place("Portland, Maine, United States", "America/New_York"),
            ],
        ),
        (
            "Birmingham",
            [
                Place("Birmingham, United Kingdom", "Europe/London"),
                Place("Birmingham, Alabama, United States", "America/Chicago"),
            ],
        ),
    ],
)
def test_ambiguous_names_offer_places_with_their_country(
    typed: str, expected: list[Place]
) -> None:
    match = resolve_zone(typed)
    assert match.zone is None
    assert list(match.choices[: len(expected)]) == expected


def test_a_state_or_country_after_the_name_settles_it() -> None:
    assert resolve_zone("Portland, Maine").zone == "America/New_York"
    # As people write them: a state's postal code (a tester's "Portland, OR" was unknown).
    assert resolve_zone("Portland, OR").zone == "America/Los_Angeles"
    assert resolve_zone("springfield tn").zone == "America/Chicago"
    assert resolve_zone("Hamburg, DE").zone == "Europe/Berlin"  # Germany; not Delaware
    assert resolve_zone("Portland Oregon").zone == "America/Los_Angeles"
    assert resolve_zone("Birmingham, UK").zone == "Europe/London"
    assert resolve_zone("Birmingham, United States").choices[0].zone == "America/Chicago"


def test_a_typo_only_suggests_places() -> None:
    match = resolve_zone("Krakw")
    assert match.zone is None and match.choices == ()
    assert Place("Kraków, Poland", "Europe/Warsaw") in match.suggestions
    assert resolve_zone("Berln").suggestions[0] == Place("Berlin, Germany", "Europe/Berlin")
    assert resolve_zone("").zone is None
    assert resolve_zone("Xqzzyv Plorp") == resolve_zone("Xqzzyv Plorp")


def test_at_least_95_percent_of_200_random_big_cities_are_found() -> None:
    big = sorted(
        {
            city
            for found in atlas().by_name.values()
            for city in found
            if city.population >= 100_000
        },
        key=lambda city: (city.name, city.label, city.zone),
    )
    sample = random.Random(16).sample(big, 200)
    missed = []
    for city in sample:
        match = resolve_zone(city.name)
        if match.zone != city.zone and Place(city.label, city.zone) not in match.choices:
            missed.append((city.label, city.zone, match))
    assert len(missed) <= 10, missed


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("EST", "America/New_York"),
        ("edt", "America/New_York"),
        ("PST", "America/Los_Angeles"),
        ("mdt", "America/Denver"),
        ("CET", "Europe/Berlin"),
        ("JST", "Asia/Tokyo"),
        ("KST", "Asia/Seoul"),
        ("PHT", "Asia/Manila"),
    ],
)
def test_an_abbreviation_means_the_zone_whose_clocks_people_read(typed: str, zone: str) -> None:
    # Daylight saving included: the tz database's own "EST" is a fixed UTC-5.
    match = resolve_zone(typed)
    assert (match.zone, match.fixed_offset) == (zone, False)


@pytest.mark.parametrize("typed", ["IST", "CST", "BST", "MST", "AEST"])
def test_an_abbreviation_of_zones_hours_apart_offers_them(typed: str) -> None:
    # IST is India, Ireland or Israel: a guess would move every nudge by hours.
    match = resolve_zone(typed)
    assert match.zone is None and len(match.choices) >= 2
    assert len({place.zone for place in match.choices}) == len(match.choices)


@pytest.mark.parametrize("typed", ["local time", "localtime", "Factory", "posixrules"])
def test_names_in_the_tz_database_that_are_no_place_are_not_zones(typed: str) -> None:
    assert resolve_zone(typed).zone is None


@pytest.mark.parametrize(
    ("typed", "zone"),
    [("germany", "Europe/Berlin"), ("Deutschland", "Europe/Berlin"), ("España", "Europe/Madrid"),
     ("Германия", "Europe/Berlin"), ("india", "Asia/Kolkata"), ("uk", "Europe/London"),
     ("LA", "America/Los_Angeles")],  # a two-letter code is no country here: not Laos
)  # fmt: skip
def test_a_country_in_one_zone_is_that_zone(typed: str, zone: str) -> None:
    # Not a town of the name elsewhere ("India" in Serbia), nor a typo's neighbours
    # ("germany" had offered Kerman, Iran).
    assert resolve_zone(typed).zone == zone


@pytest.mark.parametrize(
    ("typed", "first"), [("usa", "America/New_York"), ("Россия", "Europe/Moscow"),
                         ("georgia", "Asia/Tbilisi")]
)  # fmt: skip
def test_a_country_across_zones_offers_its_largest_zones(typed: str, first: str) -> None:
    match = resolve_zone(typed)
    assert match.zone is None and match.choices[0].zone == first and len(match.choices) > 1


@pytest.mark.parametrize(
    ("typed", "place"),
    [("I live in Mexico City", "Mexico City"), ("i'm in Berlin.", "Berlin"),
     ("ich wohne in Köln", "Köln"), ("vivo en Madrid", "Madrid"), ("я живу в Казани", "Казани"),
     ("Lisbon", "Lisbon"),
     # the zone said outright (a tester's "my time zone is EST" got skills)
     ("my time zone is EST", "EST"), ("set my timezone to Berlin", "Berlin"),
     ("meine Zeitzone ist Berlin", "Berlin"), ("mi zona horaria es Madrid", "Madrid"),
     ("мой часовой пояс Москва", "Москва")],
)  # fmt: skip
def test_a_lead_in_saying_where_someone_lives_is_left_out(typed: str, place: str) -> None:
    assert place_named(typed) == place


@pytest.mark.parametrize(
    "typed",
    ["Dilli", "Okland", "Окленд", "Tripolis", "Кордова", "Сан-Хуан", "Kota Baru"],
)
def test_a_zones_city_written_otherwise_is_not_picked_when_others_share_the_name(
    typed: str,
) -> None:
    # Delhi is bigger than Dili; Oakland is as likely as Auckland: a zone picked wrongly
    # moves every nudge, so these are asked.
    match = resolve_zone(typed)
    assert match.zone is None and len(match.choices) > 1, match


def test_russian_im_in_leads_no_place_in() -> None:
    # "я в метро": on the metro, not in Metro, Indonesia.
    assert place_named("я в метро") == "я в метро"


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("я живу в Москве", "Europe/Moscow"),
        ("Санкт-Петербурге", "Europe/Moscow"),
        ("Казани", "Europe/Moscow"),
        ("Перми", "Asia/Yekaterinburg"),
        ("Берлине", "Europe/Berlin"),
        ("Германии", "Europe/Berlin"),
        ("Лондоне", "Europe/London"),
    ],
)
def test_a_russian_place_after_v_is_found_from_its_locative(typed: str, zone: str) -> None:
    assert resolve_zone(place_named(typed)).zone == zone


def test_an_everyday_russian_word_in_the_locative_is_no_place() -> None:
    assert resolve_zone("шоке") == resolve_zone("xyzzy") == ZoneMatch(None)


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        # A tester: "pacific time" offered Pacific Pines, Australia; "central time"
        # Centralia, Washington.
        ("pacific time", "America/Los_Angeles"),
        ("central time", "America/Chicago"),
        ("Eastern Time Zone", "America/New_York"),
        ("Mountain Standard Time", "America/Denver"),
        ("UK time", "Europe/London"),
        ("german time", "Europe/Berlin"),
        ("Berlin time", "Europe/Berlin"),
        ("deutsche Zeit", "Europe/Berlin"),
    ],
)
def test_a_zone_said_by_what_people_call_its_clock(typed: str, zone: str) -> None:
    assert resolve_zone(typed) == ZoneMatch(zone)


@pytest.mark.parametrize("typed", ["tea time", "nap time", "same time", "die Zeit", "dinner time"])
def test_a_time_of_day_is_no_clock(typed: str) -> None:
    # A review: "tea time" set Tegucigalpa, "nap time" Rome (Naples' other name).
    assert resolve_zone(typed).zone is None


def test_gmt_is_asked_about_where_britain_means_its_summer_time_too() -> None:
    # A tester in the UK set "GMT" and lost the summer hour: a fixed zone.
    match = resolve_zone("GMT")
    assert match.zone is None
    assert [place.zone for place in match.choices] == ["Europe/London", "UTC"]
    assert resolve_zone("GMT+1").fixed_offset  # an offset written out stays one
