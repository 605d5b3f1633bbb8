"""A vault shaped like a real one: the fixture's ordinary notes plus the six cards."""

import shutil
from pathlib import Path

from tests.support.paths import FIXTURES, VAULT

OBSIDIAN_VAULT = FIXTURES / "obsidian_vault"


def real_vault(into: Path) -> Path:
    """Copy the fixture vault to `into`, filing the six cards in nested skill folders."""
    shutil.copytree(OBSIDIAN_VAULT, into)
    for card in VAULT.glob("*.md"):
        folder = into / "Skills" / ("Core" if card.stem == "Repair" else "Meta")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(card, folder)
    return into
