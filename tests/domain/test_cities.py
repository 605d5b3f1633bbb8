"""The GeoNames city table: folding, the index, and what ships."""

from importlib.resources import files

from bot.domain.cities import TABLE, atlas, fold


def test_fold_drops_accents_case_spaces_and_punctuation() -> None:
    assert fold("São Paulo") == fold("sao paulo") == fold("SaoPaulo") == "saopaulo"
    assert fold("Kraków") == fold("KRAKOW") == "krakow"
    assert fold("Łódź") == "lodz"
    assert fold("New_York") == fold("new-york") == "newyork"
    assert fold("St. Louis") == "stlouis"
    assert fold("Ærøskøbing") == "aeroskobing"
    assert fold(" ,.- ") == ""


def test_every_city_has_a_known_zone_and_a_country() -> None:
    from zoneinfo import available_timezones

    zones = available_timezones()
    cities = [city for found in atlas().by_name.values() for city in found]
    assert len(cities) > 30_000
    assert {city.zone for city in cities} <= zones
    assert all(city.country and city.name for city in cities)


def test_other_names_in_the_scripts_of_our_languages_are_found() -> None:
    [munich] = atlas().named(fold("München"))
    assert (munich.name, munich.zone) == ("Munich", "Europe/Berlin")
    assert atlas().named(fold("Cracow"))[0].name == "Kraków"
    assert atlas().named(fold("Мюнхен"))[0].name == "Munich"  # Russian speakers write this
    assert atlas().named(fold("慕尼黑")) == ()  # scripts the bot does not speak are not kept


def test_a_city_known_by_a_towns_name_and_dwarfing_it_is_found_beside_it() -> None:
    [odessa] = atlas().named("odessa")  # Texas, by its own name
    [odesa] = atlas().dwarfing("odessa")
    assert (odessa.zone, odesa.name, odesa.zone) == ("America/Chicago", "Odesa", "Europe/Kyiv")
    assert odesa.population >= 5 * odessa.population
    # Not beside a city of its own: Islamabad was once a name of Dhaka.
    assert atlas().dwarfing("islamabad") == ()
    # Nor under a million: mostly spellings that are some town's name too (San Francisco
    # for "Frisco", Texas).
    assert atlas().dwarfing("frisco") == ()
    # Nor without a place of the name: then `named` has them all.
    assert atlas().dwarfing(fold("Мюнхен")) == ()


def test_namesakes_come_biggest_first_with_their_state() -> None:
    portlands = atlas().named("portland")
    assert [city.population for city in portlands] == sorted(
        (city.population for city in portlands), reverse=True
    )
    assert portlands[0].label == "Portland, Oregon, United States"
    assert "Portland, Maine, United States" in [city.label for city in portlands]


def test_the_shipped_table_stays_within_its_budget() -> None:
    assert files("bot.domain").joinpath(TABLE).read_bytes().__len__() <= 1_500_000
