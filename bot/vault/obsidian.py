"""Obsidian's own settings about which files are notes: templates and excluded files.

The vault's `.obsidian/` folder is found in SKILLS_DIR or the nearest parent, so
SKILLS_DIR may be the vault root or any folder inside it. Paths are compared the
way Obsidian compares them: relative to the vault root, with `/` separators.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONFIG_DIR = ".obsidian"
# The core Templates plugin has no folder until one is chosen; authors almost always
# choose (and the community uses) "Templates", so that name is skipped by default.
DEFAULT_TEMPLATES = "Templates"
# Small JSON files; anything bigger is not Obsidian's and is not read.
_MAX_CONFIG_BYTES = 1_000_000


@dataclass(frozen=True, slots=True)
class ObsidianRules:
    """Which files under SKILLS_DIR Obsidian itself would not treat as notes."""

    prefix: str = ""  # SKILLS_DIR relative to the vault root, "" or ending in "/"
    templates: tuple[str, ...] = (f"{DEFAULT_TEMPLATES}/",)
    filters: tuple[str, ...] = ()  # userIgnoreFilters that are plain paths
    patterns: tuple[re.Pattern[str], ...] = ()  # userIgnoreFilters written as /regex/
    config_files: tuple[Path, ...] = ()  # watched: an edit in Obsidian reloads the vault

    def skipped(self, rel: str) -> str | None:
        """Why the file at `rel` (relative to SKILLS_DIR) is not a note, or None."""
        path = self.prefix + rel
        # str.startswith takes the tuple itself (asked once per file in the vault).
        if path.startswith(self.templates):
            return "template"
        # Obsidian's "Excluded files": a plain entry matches every path that starts
        # with it (a folder, a file, or a name prefix); `/…/` is a regular expression.
        if path.startswith(self.filters) or any(pattern.search(path) for pattern in self.patterns):
            return "excluded"
        return None


def vault_root(folder: Path) -> Path | None:
    """The folder holding `.obsidian/`: `folder` itself or its nearest parent."""
    try:
        here = folder.resolve()
    except OSError:
        return None
    for candidate in (here, *here.parents):
        try:
            if (candidate / CONFIG_DIR).is_dir():
                return candidate
        except OSError:
            # A folder that cannot be searched (mode 000, another user's volume) hides
            # any .obsidian/ in it; the load itself reports the folder.
            continue
    return None


def read_rules(folder: Path) -> ObsidianRules:
    """The rules for SKILLS_DIR `folder` (defaults when it is in no Obsidian vault)."""
    root = vault_root(folder)
    if root is None:
        return ObsidianRules()
    config = root / CONFIG_DIR
    relative = folder.resolve().relative_to(root).as_posix()
    prefix = "" if relative == "." else f"{relative}/"
    app = _json(config / "app.json")
    templates = _json(config / "templates.json").get("folder")
    templater = _json(config / "plugins" / "templater-obsidian" / "data.json")
    folders = [templates or DEFAULT_TEMPLATES, templater.get("templates_folder")]
    filters: list[str] = []
    patterns: list[re.Pattern[str]] = []
    entries = app.get("userIgnoreFilters")
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, str) or not entry.strip():
            continue
        if len(entry) > 2 and entry.startswith("/") and entry.endswith("/"):
            try:
                patterns.append(re.compile(entry[1:-1]))
            except re.error:
                continue  # Obsidian ignores a filter it cannot compile; so do we
        else:
            filters.append(entry)
    return ObsidianRules(
        prefix=prefix,
        templates=tuple(
            f"{name.strip('/')}/" for name in folders if isinstance(name, str) and name.strip("/")
        ),
        filters=tuple(filters),
        patterns=tuple(patterns),
        config_files=(
            config / "app.json",
            config / "templates.json",
            config / "plugins" / "templater-obsidian" / "data.json",
        ),
    )


def _json(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > _MAX_CONFIG_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
