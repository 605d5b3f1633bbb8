"""YAML mistakes in a card's frontmatter are reported on the line the author has to fix."""

from pathlib import Path

import pytest

from bot.vault.cards import parse_card, read_frontmatter
from bot.vault.kinds import NoteKinds, Role
from bot.vault.library import load_vault
from bot.vault.notes import read_note

FM = "---\nfileClass: meta_skill\ndescription: d\n"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        # An unquoted ": " in a value, on several lines of the frontmatter.
        ("---\nfileClass: meta_skill\ndescription: a: b\n---\n", 3, "quote values"),
        (FM + "x: 1\ny: 2\nwhy_it_matters: People say: no.\n---\n", 6, "quote values"),
        # Blank lines before the opening --- count too.
        ("\n\n---\nfileClass: meta_skill\ndescription: a: b\n---\n", 5, "quote values"),
        # A tab-indented list item.
        (FM + "steps:\n\t- a\n---\n", 5, "indent with spaces"),
        # A key indented under the one before it.
        ("---\nfileClass: meta_skill\n  description: d\n---\n", 3, "mapping values"),
        # Unquoted wikilinks: YAML reads `[[A]]` as a nested list and stops at the comma.
        (FM + "supporting_meta_skills: [[A]], [[B]]\n---\n", 4, 'quotes: ["[[A]]"'),
        ("---\nsupporting_meta_skills: [[A]], [[B]]\nfileClass: x\n---\n", 2, "quotes"),
        # A quote or a flow list left open is named where it opens.
        (FM + 'why_it_matters: "open\nsteps: [a]\n---\n', 4, "quoted scalar"),
        (FM + "steps: [a, b\nwhy_it_matters: w\n---\n", 5, "starts on line 4"),
    ],
)
def test_a_syntax_error_is_on_the_line_it_is_on(text: str, line: int, words: str) -> None:
    meta, problem = read_frontmatter(text)
    assert meta == {} and problem is not None and problem.error
    assert problem.message.startswith("frontmatter is not valid YAML")
    assert problem.line == line and words in problem.message


def test_the_wikilink_hint_is_only_given_for_wikilinks() -> None:
    _, problem = read_frontmatter("---\nfileClass: meta_skill\nx: [[a, b], c\n---\n")
    assert problem is not None and "wikilink" not in problem.message


def test_a_value_warning_and_a_syntax_error_agree_on_lines() -> None:
    # The value warnings were right already: both count the same way.
    _, issues = parse_card(FM.replace("d\n", "no\n") + "steps: [a]\n---\n", "Card")
    [warning] = issues
    assert warning.line == 3 and "YAML read this as False" in warning.message
    _, problem = read_frontmatter(FM.replace("d\n", "a: b\n"))
    # (no closing ---: reported on the opening line)
    assert problem is not None and problem.line == 1
    _, problem = read_frontmatter(FM.replace("d\n", "a: b\n") + "---\n")
    assert problem is not None and problem.line == 3


def test_check_and_the_reload_report_give_the_same_line(tmp_path: Path) -> None:
    card = tmp_path / "Card.md"
    card.write_text(FM + "steps: [a]\n---\n", encoding="utf-8")
    first = load_vault(tmp_path)
    assert first.problems == ()
    # (longer text: the reload sees a new size even within one mtime tick)
    card.write_text(FM + "why_it_matters: People say: no.\nsteps: [a]\n---\n", encoding="utf-8")
    again = load_vault(tmp_path, previous=first)
    [problem] = again.errors
    assert problem.line == 4 and "the last good version stays in service" in problem.message


def test_an_unquoted_aliased_wikilink_in_the_frontmatter_reads_as_the_link() -> None:
    text = FM + "steps: [a]\nsupporting_meta_skills: [[Anchor|the anchor]]\n---\n"
    card, _ = parse_card(text, "Card")
    assert card is not None
    [link] = card.supporting
    assert (link.target, link.display) == ("Anchor", "the anchor")


@pytest.mark.parametrize("key", ["fileclass", "FileClass", "FILECLASS"])
def test_a_misspelt_fileclass_key_is_a_warning(key: str) -> None:
    note = read_note(f"---\ntags: x\n{key}: meta_skill\nsteps: [a]\n---\n", "N", NoteKinds())
    assert note.role is Role.OTHER
    [issue] = note.issues
    assert not issue.error and issue.line == 3
    assert f"the key {key!r} looks like 'fileClass'" in issue.message


def test_a_misspelt_key_with_another_class_is_nobodys_business() -> None:
    note = read_note("---\nfileclass: person\n---\n", "N", NoteKinds())
    assert note.role is Role.OTHER and note.issues == ()
