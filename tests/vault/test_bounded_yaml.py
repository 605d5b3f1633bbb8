"""Cards that would make YAML expand without end, nest without end, or run long."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

import bot.vault.library as library
from bot.vault.bounded_yaml import MAX_FRONTMATTER_CHARS, FrontmatterTooComplex, check_bounds
from bot.vault.library import VaultHolder, load_vault
from tests.support.paths import REPO, TRAPS

GOOD_CARD = TRAPS / "Bom Card.md"


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """The card from issue #13: each level refers to the one below nine times."""
    lines = ["---", "a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    lines += [
        f"steps: *a{levels}",
        "fileClass: core_skill",
        "---",
        "",
        "## Steps",
        "",
        "1. **Breathe**",
    ]
    return "\n".join(lines)


def test_an_alias_is_refused_with_its_name_and_line() -> None:
    with pytest.raises(FrontmatterTooComplex) as raised:
        check_bounds("x: &x [1]\ny: *x\n")
    assert "alias *x" in str(raised.value) and raised.value.line == 2


def test_deep_nesting_and_long_frontmatter_are_refused() -> None:
    with pytest.raises(FrontmatterTooComplex, match="levels deep"):
        check_bounds("x: " + "[" * 100 + "]" * 100)
    with pytest.raises(FrontmatterTooComplex, match="characters"):
        check_bounds("x: " + "y" * MAX_FRONTMATTER_CHARS)


def test_ordinary_frontmatter_and_syntax_errors_pass_the_bounds() -> None:
    check_bounds("title: a\nsteps: [a, b]\nnested: {a: [1, {b: 2}]}\n")
    check_bounds("description: a: b\n")  # the real load reports this one


def test_the_alias_card_is_an_error_and_memory_stays_small(tmp_path: Path) -> None:
    (tmp_path / "Bomb.md").write_text(alias_bomb())
    shutil.copy(GOOD_CARD, tmp_path / "Good.md")
    tracemalloc.start()
    try:
        vault = load_vault(tmp_path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [s.title for s in vault.skills] == ["Good"]
    [error] = vault.errors
    assert error.path == "Bomb.md" and "aliases are not allowed" in error.message
    assert error.line == 3
    # Expanded, the card would be 9**10 list items; refused, the load stays tiny.
    assert peak < 5_000_000


@pytest.mark.e2e
def test_skillbot_check_names_the_alias_card(tmp_path: Path) -> None:
    (tmp_path / "Bomb.md").write_text(alias_bomb())
    result = subprocess.run(
        [sys.executable, "-m", "bot", "check", str(tmp_path)],
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Bomb.md: 3: error: frontmatter uses the YAML alias *a0" in result.stdout


def test_a_failing_card_is_read_again_only_when_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "Bomb.md").write_text(alias_bomb())
    shutil.copy(GOOD_CARD, tmp_path / "Good.md")
    holder = VaultHolder(tmp_path)
    parsed: list[str] = []
    real_read = library.note_from

    def counting_read(text: str, title: str, *args: object) -> object:
        parsed.append(title)
        return real_read(text, title, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(library, "note_from", counting_read)
    _bump(tmp_path / "Good.md")
    holder.reload()
    assert "Bomb" not in parsed and "Good" in parsed
    assert "aliases are not allowed" in holder.current.errors[0].message

    _bump(tmp_path / "Bomb.md")
    holder.reload()
    assert parsed.count("Bomb") == 1
    holder.reload()
    assert parsed.count("Bomb") == 1


def test_a_title_longer_than_the_records_keep_is_an_error(tmp_path: Path) -> None:
    shutil.copy(GOOD_CARD, tmp_path / ("T" * 201 + ".md"))
    vault = load_vault(tmp_path)
    assert not vault.skills
    assert "at most 200" in vault.errors[0].message


def _bump(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
