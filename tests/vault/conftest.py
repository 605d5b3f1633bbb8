"""A vault shaped like a real one: the fixture's ordinary notes plus the starter cards."""

import shutil
from pathlib import Path

import pytest

from tests.process import REPO

OBSIDIAN_VAULT = Path(__file__).parent.parent / "fixtures" / "obsidian_vault"


def real_vault(into: Path) -> Path:
    """Copy the fixture vault to `into` and file the six starter cards in nested folders."""
    shutil.copytree(OBSIDIAN_VAULT, into)
    for card in (REPO / "skills").glob("*.md"):
        folder = into / "Skills" / ("Core" if card.stem == "Repair" else "Meta")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(card, folder)
    return into


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return real_vault(tmp_path / "Vault")
