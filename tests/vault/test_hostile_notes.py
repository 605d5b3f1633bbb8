"""Hostile notes a reviewer found: each is that note's own error, and long lines parse."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.vault.cards import _INLINE_SPLIT, _SECTION_HEADING
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
