"""The catalogue check: it passes on the shipped catalogues and catches what it promises to."""

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from testkit.catalogues import check, placeholders, tags


def test_the_shipped_catalogues_are_complete_and_current() -> None:
    assert check() == []


def _write(root: Path, template: Catalog, catalogue: Catalog, *, stale_mo: bool = False) -> None:
    with (root / "skillbot.pot").open("wb") as file:
        write_po(file, template)
    folder = root / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "skillbot.po").open("wb") as file:
        write_po(file, catalogue)
    with (folder / "skillbot.mo").open("wb") as file:
        write_mo(file, Catalog(locale="de") if stale_mo else catalogue)


def _template() -> Catalog:
    template = Catalog()
    template.add("Hi {name}! <b>Welcome.</b>")
    template.add("Skip")
    template.add(("{count} step", "{count} steps"))
    return template


def test_a_missing_translation_a_lost_placeholder_a_lost_tag_and_a_stale_mo_are_caught(
    tmp_path: Path,
) -> None:
    catalogue = Catalog(locale="de")
    catalogue.add("Hi {name}! <b>Welcome.</b>", "Hallo! Willkommen.")
    catalogue.add(("{count} step", "{count} steps"), ("{count} Schritt", ""))
    _write(tmp_path, _template(), catalogue, stale_mo=True)
    found = check(tmp_path, ("en", "de"))
    assert "de: not translated: 'Skip'" in found
    assert any("placeholders [] where the English has ['name']" in line for line in found)
    assert any("HTML tags differ" in line for line in found)
    assert any("a plural form is empty" in line for line in found)
    assert any("skillbot.mo is not what skillbot.po compiles to" in line for line in found)


def test_a_complete_catalogue_passes(tmp_path: Path) -> None:
    catalogue = Catalog(locale="de")
    catalogue.add("Hi {name}! <b>Welcome.</b>", "Hallo {name}! <b>Willkommen.</b>")
    catalogue.add("Skip", "Überspringen")
    catalogue.add(("{count} step", "{count} steps"), ("{count} Schritt", "{count} Schritte"))
    _write(tmp_path, _template(), catalogue)
    assert check(tmp_path, ("en", "de")) == []


def test_placeholders_and_tags_are_read_as_gettext_sees_them() -> None:
    assert placeholders("{a} and {{literal}} and {b}") == {"a", "b"}
    assert tags("<b>x</b> <code>y</code>") == {"b": 1, "/b": 1, "code": 1, "/code": 1}
