"""What real Obsidian vaults hold that a hand-made card does not: Markdown links, links
with folders, headings worded differently, a comment left open, embeds, huge notes,
folders the bot may not read."""

import errno
import os
from pathlib import Path

import pytest

from bot.texts.markdown import to_telegram_html
from bot.vault import library, obsidian
from bot.vault.cards import parse_card
from bot.vault.library import Vault, VaultHolder, load_vault

HEAD = "---\nfileClass: meta_skill\ndescription: d\n---\n"


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def card(links: str = "", steps: str = "1. **One**\n   → one\n") -> str:
    return f"{HEAD}\n## Steps\n{steps}\n## Supporting Meta Skills\n{links}"


def names(vault: Vault, title: str) -> list[tuple[str, str | None]]:
    skill = vault.get(title)
    assert skill is not None
    return [(link.name, link.target) for link in skill.supporting_meta_skills]


# -- links -------------------------------------------------------------------


def test_markdown_links_to_notes_resolve_like_wikilinks(tmp_path: Path) -> None:
    # Obsidian writes these when "Use [[Wikilinks]]" is off, with any "New link format".
    write(tmp_path, "Skills/Meta/Anchor.md", card())
    write(tmp_path, "Skills/Meta/Holding Discomfort.md", card())
    write(tmp_path, "Skills/Meta/Staying Grounded.md", card())
    links = (
        "- [Anchor](Anchor.md)\n"
        "- [Holding Discomfort](../Meta/Holding%20Discomfort.md)\n"
        "- [grounding](<Skills/Meta/Staying Grounded.md#Steps>)\n"
        "- [a web page](https://example.org/Anchor.md)\n"  # no note: not read
    )
    write(tmp_path, "Skills/Core/Repair.md", card(links))
    vault = load_vault(tmp_path)
    assert names(vault, "Repair") == [
        ("Anchor", "Anchor"),
        ("Holding Discomfort", "Holding Discomfort"),
        ("grounding", "Staying Grounded"),
    ]
    assert vault.problems == ()


def test_a_markdown_link_to_no_card_is_named_as_written_with_its_line(tmp_path: Path) -> None:
    write(tmp_path, "Repair.md", card("- [Missing](Missing%20Note.md)\n- [[Gone]]\n"))
    vault = load_vault(tmp_path)
    assert [(p.message, p.line) for p in vault.warnings] == [
        ("link [Missing](Missing%20Note.md) points to no card", 11),
        ("link [[Gone]] points to no card", 12),
    ]
    assert names(vault, "Repair") == [("Missing", None), ("Gone", None)]


def test_several_markdown_links_in_one_item_are_each_read() -> None:
    parsed, _ = parse_card(card("- [A](A.md), [B](Folder/B.md)\n"), "C")
    assert parsed is not None
    assert [link.target for link in parsed.supporting] == ["A", "B"]


def test_a_link_with_folders_shows_the_note_name_and_dot_md_resolves(tmp_path: Path) -> None:
    write(tmp_path, "Skills/Meta/Staying Grounded.md", card())
    write(tmp_path, "Skills/Meta/Holding Discomfort.md", card())
    write(tmp_path, "Skills/Meta/Partnering.md", card())
    front = (
        "---\nfileClass: core_skill\ndescription: d\nsupporting_meta_skills: "
        '["[[Skills/Meta/Staying Grounded]]", "[[Holding Discomfort.md]]"]\n---\n'
    )
    write(
        tmp_path,
        "Repair.md",
        front + "## Steps\n1. **One**\n## Supporting Meta Skills\n- [[../Meta/Partnering]]\n",
    )
    vault = load_vault(tmp_path)
    assert names(vault, "Repair") == [
        ("Staying Grounded", "Staying Grounded"),
        ("Holding Discomfort", "Holding Discomfort"),
        ("Partnering", "Partnering"),
    ]
    assert vault.problems == ()


def test_a_dangling_link_with_folders_still_has_its_line(tmp_path: Path) -> None:
    write(tmp_path, "Repair.md", card("- [[Skills/Nowhere]]\n"))
    [warning] = load_vault(tmp_path).warnings
    assert warning.message == "link [[Nowhere]] points to no card" and warning.line == 11


# -- sections ----------------------------------------------------------------


def test_headings_worded_differently_are_read(tmp_path: Path) -> None:
    text = HEAD + "## Steps (5 min)\n1. **One**\n## Why it matters to me\nBecause.\n"
    text += "## Common mistakes to avoid\n- m1\n"
    parsed, issues = parse_card(text, "C")
    assert parsed is not None and issues == []
    assert [s.title for s in parsed.steps] == ["One"]
    assert parsed.why_it_matters == "Because." and parsed.common_mistakes == ("m1",)
    parsed, _ = parse_card(HEAD + "## Steps\n1. **One**\n## Mistakes\n- m2\n", "C")
    assert parsed is not None and parsed.common_mistakes == ("m2",)


def test_two_headings_for_one_section_read_the_first_and_warn(tmp_path: Path) -> None:
    text = HEAD + "## Steps\n1. **One**\n\n## Common mistakes to avoid\n- m1\n## Mistakes\n- m2\n"
    parsed, issues = parse_card(text, "C")
    assert parsed is not None and parsed.common_mistakes == ("m1",)
    [issue] = issues
    assert not issue.error and issue.line == 10
    assert issue.message == (
        "the heading 'Mistakes' is not read: the card's common mistakes come from "
        "'Common mistakes to avoid' (line 8)"
    )


def test_the_heading_as_named_wins_over_a_variant() -> None:
    text = HEAD + "## Mistakes\n- m2\n## Steps\n1. **One**\n## Common Mistakes\n- m1\n"
    parsed, issues = parse_card(text, "C")
    assert parsed is not None and parsed.common_mistakes == ("m1",)
    [issue] = issues
    assert issue.line == 5 and "'Mistakes' is not read" in issue.message


def test_a_variant_inside_a_section_stays_part_of_it() -> None:
    text = HEAD + "## Why It Matters\nBecause.\n### Steps in practice\nMore.\n## Steps\n1. **A**\n"
    parsed, issues = parse_card(text, "C")
    assert parsed is not None and issues == []
    assert parsed.why_it_matters == "Because.\n### Steps in practice\nMore."


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("## Steps\n### 1. Pause\nTake a pause.\n### 2. Ask\n", 5, "headings (### 1. Pause)"),
        ("## Steps\nStep 1: Pause.\n\nStep 2: Ask.\n", 5, "## Steps has no numbered or bulleted"),
        ("## Description\nd\n## Step by step\n1. **A**\n", 7, "'Step by step' is not read"),
        ("## Description\nd\n### 1. Pause\nWait.\n", 7, "headings (### 1. Pause) and there"),
    ],
)
def test_no_steps_names_what_the_note_has_instead(body: str, line: int, words: str) -> None:
    parsed, issues = parse_card(HEAD + body, "C")
    assert parsed is None
    [error] = [issue for issue in issues if issue.error]
    assert error.message.startswith("no steps: ") and words in error.message
    assert error.line == line


# -- comments and code blocks left open -------------------------------------------


def test_a_comment_left_open_hides_the_rest_and_says_so() -> None:
    text = (
        "---\nfileClass: meta_skill\ndescription: d\nsteps: [One]\n---\n"
        "## Description\nCalm. %%TODO expand\n\n## Why It Matters\nBecause.\n"
        "## Steps\n1. **One**\n   → one\n"
    )
    parsed, issues = parse_card(text, "C")
    assert parsed is not None and parsed.why_it_matters == ""  # hidden, as in Obsidian
    [issue] = issues
    assert not issue.error and issue.line == 7 and "%% comment is never closed" in issue.message
    # Without frontmatter steps the card fails, and the warning says why.
    parsed, issues = parse_card(text.replace("steps: [One]\n", ""), "C")
    assert parsed is None
    assert [(i.error, i.line) for i in issues] == [(False, 6), (True, None)]


def test_a_code_block_left_open_is_a_warning_with_its_line() -> None:
    text = HEAD + "## Description\nCalm.\n```\nsnippet\n\n## Steps\n1. **One**\n"
    parsed, issues = parse_card(text, "C")
    assert parsed is not None and [s.title for s in parsed.steps] == ["One"]
    [issue] = issues
    assert issue.line == 7 and "code block (```) is never closed" in issue.message


def test_closed_comments_and_fences_are_no_problem() -> None:
    text = HEAD + "## Description\nA %%x%% b.\n```\n%% in code\n```\n`%%`\n## Steps\n1. **A**\n"
    _, issues = parse_card(text, "C")
    assert issues == []


# -- embeds ------------------------------------------------------------------


def test_embedded_notes_leave_no_stray_name(tmp_path: Path) -> None:
    text = HEAD + (
        "## Description\nFirst.\n\n![[Anchor]]\n\n![[Anchor#Steps]]\n\n![[Anchor#^blk1]]\n\n"
        "Inline ![[Repair#Why It Matters]] here.\n\nLast.\n## Steps\n1. **A**\n"
    )
    parsed, _ = parse_card(text, "C")
    assert parsed is not None
    assert to_telegram_html(parsed.description) == "First.\n\nInline  here.\n\nLast."


# -- huge notes --------------------------------------------------------------


def test_a_huge_note_that_is_no_card_is_only_ignored(tmp_path: Path) -> None:
    drawing = "---\nexcalidraw-plugin: parsed\n---\n" + "x" * 1_100_000
    write(tmp_path, "Excalidraw/Drawing.excalidraw.md", drawing)
    write(tmp_path, "Logs/Big.md", "# Log\n" + "line\n" * 300_000)
    write(tmp_path, "Repair.md", card())
    vault = load_vault(tmp_path)
    assert vault.problems == ()
    assert set(vault.ignored) == {"Excalidraw/Drawing.excalidraw.md", "Logs/Big.md"}


@pytest.mark.parametrize(
    ("head", "what"),
    [
        (HEAD, "skill card"),
        ("---\nfileClass: scenario\n---\n", "scenario"),
        ("---\nfileClass: meta_skill\nbroken: a: b\n---\n", "skill card"),
        ("---\ntags: [skill]\n---\n", "skill card"),
    ],
)
def test_a_huge_card_is_an_error_saying_it_is_too_large(
    tmp_path: Path, head: str, what: str
) -> None:
    write(tmp_path, "Huge.md", head + "![](data:image/png;base64," + "A" * 1_200_000 + ")\n")
    vault = load_vault(tmp_path, kinds=library.NoteKinds(skill_tags=("skill",)))
    [error] = vault.errors
    assert error.path == "Huge.md"
    assert error.message.startswith(f"this {what} is too large to read (1.2 MB; at most 1 MB)")


# -- folders the bot may not read ---------------------------------------------


def _refuse(monkeypatch: pytest.MonkeyPatch, refused: Path) -> None:
    """Make `refused` unreadable, as mode 000 does (tests may run as root)."""
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if Path(path) == refused:
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_scandir(path)

    real_is_dir = Path.is_dir

    def is_dir(self: Path, **kwargs: bool) -> bool:
        if self.parent == refused:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_is_dir(self, **kwargs)

    monkeypatch.setattr(library.os, "scandir", scandir)
    monkeypatch.setattr(obsidian.Path, "is_dir", is_dir)


def test_an_unreadable_skills_folder_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "Repair.md", card())
    holder = VaultHolder(tmp_path)
    assert holder.current.skills
    _refuse(monkeypatch, tmp_path)
    fresh = load_vault(tmp_path)
    assert [(p.path, p.message, p.severity) for p in fresh.problems] == [
        (str(tmp_path), "skills folder cannot be read (Permission denied)", "error")
    ]
    # The running bot keeps what it had, as when the folder vanishes for a moment.
    _, kept = holder.reload()
    assert kept.skills == holder.current.skills and kept.get("Repair") is not None
    assert "cannot be read (Permission denied); the last loaded cards" in kept.problems[0].message


def test_an_unreadable_subfolder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "Repair.md", card())
    write(tmp_path, "Locked/Anchor.md", card())
    _refuse(monkeypatch, tmp_path / "Locked")
    vault = load_vault(tmp_path)
    assert [s.title for s in vault.skills] == ["Repair"]
    assert [(p.path, p.message, p.severity) for p in vault.problems] == [
        (
            "Locked/",
            "folder cannot be read (Permission denied); the notes in it are not loaded",
            "warning",
        )
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_a_folder_of_mode_000_is_named(tmp_path: Path) -> None:
    write(tmp_path, "Repair.md", card())
    write(tmp_path, "Locked/Anchor.md", card())
    (tmp_path / "Locked").chmod(0)
    try:
        [problem] = load_vault(tmp_path).problems
        assert problem.path == "Locked/"
    finally:
        (tmp_path / "Locked").chmod(0o755)
