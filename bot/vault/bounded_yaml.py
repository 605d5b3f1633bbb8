"""Read a card's YAML frontmatter within fixed bounds, so no card can stall a load.

YAML aliases (`*name`) are refused outright rather than given an expansion budget:
a skill card is a short note written by hand or by Obsidian's property editor,
neither of which writes anchors, and a budget would be one more number to tune
while refusing leaves nothing to tune. Without aliases every node is read once, so
the work is linear in the text, and the text is capped; nesting is capped too, so
the constructor's recursion cannot blow the stack. The check walks libyaml's event
stream (C, no expansion) before anything is constructed.
"""

from __future__ import annotations

from typing import Any

import yaml

# A card's frontmatter is a handful of fields; real ones are under 2 KB.
MAX_FRONTMATTER_CHARS = 64_000
MAX_NESTING = 32

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FrontmatterTooComplex(ValueError):
    """The frontmatter is outside the bounds; the message says which, `line` where."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def check_bounds(text: str) -> None:
    """Raise FrontmatterTooComplex when `text` is too long, nests too deep, or uses aliases.

    A syntax error is left for the real load to report with its usual message.
    """
    if len(text) > MAX_FRONTMATTER_CHARS:
        raise FrontmatterTooComplex(
            f"frontmatter is {len(text):,} characters; at most {MAX_FRONTMATTER_CHARS:,} are read"
        )
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                raise FrontmatterTooComplex(
                    f"frontmatter uses the YAML alias *{event.anchor}; aliases are not "
                    "allowed in skill cards (write the value out)",
                    event.start_mark.line + 1 if event.start_mark else None,
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING:
                    raise FrontmatterTooComplex(
                        f"frontmatter nests more than {MAX_NESTING} levels deep",
                        event.start_mark.line + 1 if event.start_mark else None,
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return
