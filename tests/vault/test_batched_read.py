"""Notes are read through a bare descriptor and parsed a batch at a time, one stage
over the batch before the next: the same vault as note by note, whatever the batch."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from bot.vault import library
from bot.vault.library import load_vault
from tests.support.paths import VAULT


def test_a_file_is_read_whole_whatever_size_the_scan_saw(tmp_path: Path) -> None:
    path = tmp_path / "Grown.md"
    data = os.urandom(3 * library.READ_CHUNK + 5)
    path.write_bytes(data)
    for seen in (0, 10, len(data), 10 * len(data)):  # grown, unchanged or shrunk since
        assert library._read_bytes(str(path), seen) == data
    path.write_bytes(b"")
    assert library._read_bytes(str(path), 0) == b""


def _vault(folder: Path) -> tuple[Any, ...]:
    vault = load_vault(folder)
    return vault.skills, vault.problems, vault.ignored, vault.scenarios, dict(vault.notes)


def test_notes_read_in_batches_load_as_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for path in VAULT.rglob("*.md"):
        target = tmp_path / path.relative_to(VAULT)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    (tmp_path / "Latin1.md").write_bytes("---\nfileClass: core_skill\n---\n\xe9".encode("latin-1"))
    (tmp_path / "Big.md").write_bytes(b"x" * (library.MAX_CARD_BYTES + 1))
    whole = _vault(tmp_path)
    assert len(whole[0]) > 5
    for batch, size in [(1, library.PARSE_BATCH_BYTES), (3, library.PARSE_BATCH_BYTES), (99, 1)]:
        monkeypatch.setattr(library, "PARSE_BATCH", batch)
        monkeypatch.setattr(library, "PARSE_BATCH_BYTES", size)
        assert _vault(tmp_path) == whole


def test_a_parser_raising_in_either_stage_fails_only_its_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in "ABC":
        card = f"---\nfileClass: core_skill\ndescription: card {name}\nsteps: [Breathe]\n---\n"
        (tmp_path / f"{name}.md").write_text(card)
    real_front, real_note = library.read_frontmatter, library.note_from

    def front(text: str) -> Any:
        if "card A" in text:
            raise RecursionError
        return real_front(text)

    def note(text: str, title: str, *args: Any) -> Any:
        assert title != "A", "the frontmatter stage failed, so this one never runs"
        if title == "C":
            raise KeyError(title)
        return real_note(text, title, *args)

    monkeypatch.setattr(library, "read_frontmatter", front)
    monkeypatch.setattr(library, "note_from", note)
    vault = load_vault(tmp_path)
    assert [skill.title for skill in vault.skills] == ["B"]
    assert [(e.path, e.message) for e in vault.errors] == [
        ("A.md", "could not be parsed (RecursionError)"),
        ("C.md", "could not be parsed (KeyError)"),
    ]
