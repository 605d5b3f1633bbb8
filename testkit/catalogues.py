"""`make i18n-check`: every message of bot/texts translated in every language we ship,
no placeholder or HTML tag lost, the template current with the code, and each committed
.mo exactly what its .po compiles to. Exits 1 with one line per problem.

Not shipped: it reads the source tree (Babel's extractor) and runs at lint and test time.
"""

from __future__ import annotations

import io
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parent.parent
LOCALES = REPO / "bot" / "texts" / "locales"
DOMAIN = "skillbot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}

_PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_]*)\}(?!\})")
_TAG = re.compile(r"</?([a-z-]+)[^>]*>")


def placeholders(text: str) -> set[str]:
    """`{name}` fields a message is formatted with."""
    return set(_PLACEHOLDER.findall(text))


def tags(text: str) -> Counter[str]:
    """HTML tags, opening and closing counted apart (`b`, `/b`)."""
    return Counter(
        ("/" if m.group(0).startswith("</") else "") + m[1] for m in _TAG.finditer(text)
    )


def _forms(message: Message) -> tuple[list[str], list[str]]:
    ids = list(message.id) if isinstance(message.id, tuple | list) else [message.id]
    strings = message.string
    shown = list(strings) if isinstance(strings, tuple | list) else [strings or ""]
    return ids, shown


def problems_in(catalogue: Catalog, template: Catalog, language: str) -> Iterator[str]:
    """What is missing or broken in one language's catalogue against the template."""
    for wanted in template:
        if not wanted.id:
            continue
        key = wanted.id if isinstance(wanted.id, str) else wanted.id[0]
        found = catalogue.get(wanted.id)
        if found is None or not any(_forms(found)[1]):
            yield f"{language}: not translated: {key!r}"
            continue
        if found.fuzzy:
            yield f"{language}: fuzzy (needs a translator's look): {key!r}"
        ids, shown = _forms(found)
        if len(shown) != catalogue.num_plurals and len(ids) > 1:
            yield f"{language}: {len(shown)} plural forms, wants {catalogue.num_plurals}: {key!r}"
        wanted_fields = set().union(*(placeholders(i) for i in ids))
        wanted_tags = tags(ids[-1])
        for text in shown:
            if not text:
                yield f"{language}: a plural form is empty: {key!r}"
                continue
            if placeholders(text) - wanted_fields or (
                len(ids) == 1 and placeholders(text) != wanted_fields
            ):
                yield (
                    f"{language}: placeholders {sorted(placeholders(text))} where the "
                    f"English has {sorted(wanted_fields)}: {key!r}"
                )
            if tags(text) != wanted_tags:
                yield f"{language}: HTML tags differ from the English: {key!r}"


def extracted() -> set[str]:
    """Message ids the code marks today (what `make i18n-extract` would write)."""
    found = set()
    method_map = [("bot/texts/**.py", "python")]
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(REPO), method_map, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def check(locales: Path = LOCALES, languages: tuple[str, ...] | None = None) -> list[str]:
    """Every problem, as a line each; empty when the catalogues are complete and current."""
    from bot.texts.i18n import LANGUAGES

    shipped = languages if languages is not None else LANGUAGES
    with (locales / f"{DOMAIN}.pot").open("rb") as file:
        template = read_po(file)
    found: list[str] = []
    if locales == LOCALES:
        in_template = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
        in_code = extracted()
        found += [f"template: not extracted yet: {m!r}" for m in sorted(in_code - in_template)]
        found += [f"template: no longer in the code: {m!r}" for m in sorted(in_template - in_code)]
        if found:
            found.append("run `make i18n-update`, translate, then `make i18n-compile`")
    for language in shipped:
        if language == "en":
            continue  # the English text is the message id
        po = locales / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not po.exists():
            found.append(f"{language}: no catalogue at {po.relative_to(locales)}")
            continue
        with po.open("rb") as file:
            catalogue = read_po(file, locale=language)
        found += problems_in(catalogue, template, language)
        compiled = io.BytesIO()
        write_mo(compiled, catalogue)
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled.getvalue():
            found.append(
                f"{language}: {mo.name} is not what {po.name} compiles to (make i18n-compile)"
            )
    return found


def main() -> int:
    found = check()
    for line in found:
        print(line, file=sys.stderr)
    if not found:
        print("catalogues: complete and current")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
