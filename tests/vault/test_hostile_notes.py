"""Hostile notes a reviewer found: each is that note's own error, and long lines parse."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from bot.vault.cards import _INLINE_SPLIT, _SECTION_HEADING, _inside, parse_card
from bot.vault.library import load_vault

FINE = "---\nfileClass: core_skill\ndescription: Fine\nsteps: [Breathe]\n---\n"


@pytest.mark.parametrize(
    "frontmatter",
    [
        "x: [!!bool abc]",  # PyYAML: KeyError
        "x: [!!int '']",  # IndexError
        "x: !!float ''",  # IndexError
        "x: [!!timestamp abc]",  # AttributeError
        "fileClass: 0x" + "f" * 4000,  # an int too long to print: ValueError
        "fileClass: core_skill\ndescription: 0" + "7" * 6000,
    ],
)
def test_a_value_yaml_cannot_build_is_that_notes_error_not_a_failed_load(
    tmp_path: Path, frontmatter: str
) -> None:
    (tmp_path / "Hostile.md").write_text(f"---\n{frontmatter}\n---\nbody\n")
    (tmp_path / "Fine.md").write_text(FINE)
    vault = load_vault(tmp_path)  # before: the exception escaped, and no card loaded
    assert [skill.title for skill in vault.skills] == ["Fine"]
    assert [error.path for error in vault.errors] == ["Hostile.md"]


def test_a_heading_keeps_its_meaning_without_the_slow_pattern() -> None:
    # `(.*?)[ \t#]*$` took time in the square of a line of spaces; the text is now the
    # rest of the line, stripped of trailing spaces and #s, as the old pattern read it.
    for line, text in [
        ("## Steps", "Steps"),
        ("## Steps ##", "Steps"),
        ("### C#", "C"),
        ("## ###", ""),
        ("##   Why It Matters  \t", "Why It Matters"),
        ("## a" + " " * 5000 + "b", "a" + " " * 5000 + "b"),
        ("## a" + " #" * 5000, "a"),
    ]:
        match = _SECTION_HEADING.search(line)
        assert match is not None and match[2].rstrip(" \t#") == text


def test_a_step_splits_at_its_first_arrow_however_long_the_spaces() -> None:
    assert _INLINE_SPLIT.split("Name it → say why", maxsplit=1) == ["Name it", "say why"]
    assert _INLINE_SPLIT.split("a  ->  b → c", maxsplit=1) == ["a", "b → c"]
    spaces = " " * 5000
    assert _INLINE_SPLIT.split(f"a{spaces}b", maxsplit=1) == [f"a{spaces}b"]
    assert _INLINE_SPLIT.split(f"a{spaces}→ b", maxsplit=1) == ["a", "b"]


def test_thousands_of_broken_links_name_the_first_few_and_count_the_rest(tmp_path: Path) -> None:
    # Each named link costs a search of the whole card for its line: 20,000 of them
    # took 8 s, and a 1 MB card would have taken minutes.
    links = "\n".join(f"- [[Nowhere {n}]]" for n in range(3000))
    (tmp_path / "Linked.md").write_text(f"{FINE}\n## Supporting Meta Skills\n{links}\n")
    problems = [p for p in load_vault(tmp_path).problems if p.path == "Linked.md"]
    assert [p.line for p in problems[:2]] == [8, 9]
    assert len(problems) == 21
    assert problems[-1].message == "and 2980 more links point to no card"


def test_long_headings_and_links_stay_out_of_the_parsing_caches(tmp_path: Path) -> None:
    # The caches outlive a reload: a hostile card's megabyte lines must not stay in them.
    from bot.vault.cards import _cached_link, _cached_section_key

    def cached_after_loading(heading: str, link: str) -> tuple[int, int]:
        _cached_section_key.cache_clear()
        _cached_link.cache_clear()
        (tmp_path / "Card.md").write_text(
            f"{FINE}\n## {heading}\n\n## Supporting Meta Skills\n- [[{link}]]\n"
        )
        load_vault(tmp_path)
        return _cached_section_key.cache_info().currsize, _cached_link.cache_info().currsize

    short = cached_after_loading("Notes", "Elsewhere")
    assert cached_after_loading("x" * 10_000, "y" * 10_000) == (short[0] - 1, short[1] - 1)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        # A Windows editor's own encoding and line ends: Windows-1252 with CRLF.
        (
            b'---\r\nfileClass: meta_skill\r\ndescription: "caf\xe9"\r\nsteps: [One]\r\n---\r\n',
            "not UTF-8 text (byte 45)",
        ),
        # Notepad's "Unicode".
        (
            "---\r\nfileClass: core_skill\r\nsteps: [One]\r\n---\r\n".encode("utf-16"),
            "not UTF-8 text (UTF-16: save it as UTF-8)",
        ),
    ],
)
def test_a_card_saved_in_another_encoding_is_named_not_ignored(
    tmp_path: Path, raw: bytes, problem: str
) -> None:
    (tmp_path / "Card.md").write_bytes(raw)
    vault = load_vault(tmp_path)
    assert vault.ignored == ()
    [found] = vault.problems
    assert found.path == "Card.md" and problem in str(found) and found.severity == "error"


def test_a_long_run_of_blanks_before_a_caret_is_read_in_linear_time(tmp_path: Path) -> None:
    # Matched from every blank of the run, the block-id pattern took time in the square
    # of its length: a 150 KB card took 17 s to load.
    card = "---\nfileClass: core_skill\nsteps: [Breathe]\n---\n## Description\nx" + " " * 400_000
    (tmp_path / "Card.md").write_text(card + "^\n")
    vault = load_vault(tmp_path)
    assert [skill.title for skill in vault.skills] == ["Card"]


HEAD = "---\nfileClass: core_skill\ndescription: d\n---\n"


@pytest.mark.parametrize(
    "text",
    [
        # Highlights and strikes opened and never closed, in a title (pairs are matched).
        HEAD + "## Steps\n1. **" + "==a " * 50_000 + "**\n",
        # A step holding blocks over and over, and code fences that are never closed.
        HEAD + "## Steps\n1. **A**\n" + "   > q\n   - b\n\n   t\n" * 10_000,
        HEAD + "## Steps\n1. **A**\n" + "```\n" * 50_000 + "~~~\n",
        # Markdown links opened and never closed, in a links section.
        HEAD + "## Steps\n1. **A**\n## Supporting Meta Skills\n- " + "[a](" * 50_000 + "\n",
        # Thousands of headings for sections that are read already.
        HEAD + "## Steps (x)\n## Mistakes\n" * 8_000 + "## Steps\n1. **A**\n",
        # A title of footnote openers never closed (7 s in the square of its length).
        HEAD + "## Steps\n1. **" + "[^" * 50_000 + "**\n",
        # Thousands of code blocks between thousands of headings (a scan of every fence
        # for every heading took 2 s).
        HEAD + "## Steps\n1. **A**\n" + "```\n```\n# h\n" * 8_000,
        # Thousands of mistakes, each with its footnote (every note looked for in every
        # mistake took 3 s).
        HEAD
        + "## Steps\n1. **A**\n## Common mistakes\n"
        + "".join(f"- m [^{i}]\n" for i in range(8_000))
        + "".join(f"[^{i}]: v\n" for i in range(8_000)),
    ],
)
def test_new_readings_stay_linear_on_hostile_cards(tmp_path: Path, text: str) -> None:
    # The highlight pairs took time in the square of the title's length in a first draft
    # (55 s for this one), and the headings flooded the report with 16,000 warnings; each
    # now loads in a fraction of a second (the suite's timeout is the bound, not a timed
    # assertion) with at most 20 problems named and the rest counted.
    (tmp_path / "Card.md").write_text(text)
    vault = load_vault(tmp_path)
    assert [skill.title for skill in vault.skills] == ["Card"]
    assert len(vault.problems) <= 21


def test_headings_are_placed_among_fences_by_bisection() -> None:
    # Not a scan of every fence per heading: _inside looks a heading up among the
    # fences' sorted starts (a hostile card has thousands of both).
    spans = [(0, 8), (20, 30), (40, 41)]
    starts = [start for start, _ in spans]
    inside = [at for at in range(50) if _inside(at, starts, spans)]
    assert inside == [*range(8), *range(20, 30), 40]
    assert "starts" in inspect.signature(_inside).parameters


def test_mistakes_keep_their_own_footnotes_among_thousands() -> None:
    text = (
        HEAD
        + "## Steps\n1. **A**\n## Common mistakes\n"
        + "".join(f"- m{i} [^{i}] [^{i + 1}]\n" for i in range(3_000))
        + "".join(f"[^{i}]: v{i}\n" for i in range(3_000, -1, -1))
    )
    parsed, _ = parse_card(text, "Card")
    assert parsed is not None and len(parsed.common_mistakes) == 3_000
    # Each note once, in the order the notes are defined (here, counting down).
    assert parsed.common_mistakes[7] == "m7 [^7] [^8]\n\n[^8]: v8\n[^7]: v7"
