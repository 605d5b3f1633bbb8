"""Read a card's YAML frontmatter within fixed bounds, so no card can stall a load.

YAML aliases (`*name`) are refused outright rather than given an expansion budget:
a skill card is a short note written by hand or by Obsidian's property editor,
neither of which writes anchors, and a budget would be one more number to tune
while refusing leaves nothing to tune. Without aliases every node is read once, so
the work is linear in the text, and the text is capped; nesting is capped too, so
the constructor's recursion cannot blow the stack.

`load_bounded` parses the text once: libyaml composes the node graph (in C, with
aliases as shared nodes, never expanded, and nesting capped at 1000 by libyaml
itself since 0.2.6), the bounds are checked by walking that graph, and the same
nodes are then constructed. Only when something is wrong is the text read again,
as events (`check_bounds`), to name the alias and its line in the message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode, SequenceNode

# A card's frontmatter is a handful of fields; real ones are under 2 KB.
MAX_FRONTMATTER_CHARS = 64_000
MAX_NESTING = 32

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _libyaml_caps_nesting() -> bool:
    # libyaml 0.2.6 refuses nesting deeper than 1000 while composing; an older one (or
    # the pure-Python loader) would recurse as deep as the text goes, so the bounds
    # must then be checked on the event stream before anything is composed.
    try:
        from yaml import _yaml

        version: tuple[int, int, int] = _yaml.get_version()
    except (ImportError, AttributeError):
        return False
    return _Loader is not yaml.SafeLoader and version >= (0, 2, 6)


_COMPOSE_FIRST = _libyaml_caps_nesting()

_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "seq", "map"))
# First characters for which the safe loader may read a plain scalar as something
# other than text (`true`, `12`, `~`, `<<`); a scalar starting with anything else is
# text. Only valid while no resolver applies to every first character or to a path.
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_PLAIN_TYPED_FIRSTS = frozenset(key for key in _RESOLVERS if key is not None)  # "" is null
_QUICK_RESOLVE = None not in _RESOLVERS and not yaml.resolver.Resolver.yaml_path_resolvers


class _Composer(_Loader):  # type: ignore[misc]
    """The safe loader with a shortcut in `resolve`, which libyaml calls for every node.

    Most scalars in a card are quoted, or plain text starting with a letter no typed
    value starts with; for those the answer is text, which is what the library's
    resolver returns after a dictionary lookup and a list concatenation each. Every
    other node goes to the library's resolver. (~4 ms of ~40 for 1,000 cards.)
    """

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and (not implicit[0] or value[:1] not in _PLAIN_TYPED_FIRSTS):
            return _STR
        resolved: str = super().resolve(kind, value, implicit)
        return resolved


_ComposeLoader: Any = _Composer if _QUICK_RESOLVE else _Loader


class FrontmatterTooComplex(ValueError):
    """The frontmatter is outside the bounds; the message says which, `line` where."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class RepeatedKey:
    """A key given more than once in one mapping: YAML keeps only its last value."""

    key: str
    # Where each one is, counted from 0 at the first line of the text read.
    lines: tuple[int, ...]


def load_bounded(text: str) -> Any:
    """The frontmatter's data, or FrontmatterTooComplex (too long, too deep, aliases).

    A syntax error is raised as libyaml's yaml.YAMLError, unless an alias or deep
    nesting comes first in the text (then that is the error, as `check_bounds` says).
    """
    return load_noting_repeats(text)[0]


def load_noting_repeats(text: str) -> tuple[Any, list[RepeatedKey]]:
    """`load_bounded`, and the keys given twice in a mapping (the last one wins, as in
    every YAML reader that allows it, so a card's author is told which one counted)."""
    _check_length(text)
    if not _COMPOSE_FIRST:
        # Without libyaml's own cap on nesting, composing could recurse as deep as the
        # text goes: the bounds are checked on the event stream first.
        check_bounds(text)
    loader = _ComposeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        # An alias is written `*name`: without a `*` anywhere there is none, and the
        # walk need not remember every node it passed.
        builder = _Builder(loader, "*" in text)
        return builder.build(node, 1), builder.repeated
    except _OutOfBounds:
        check_bounds(text)  # names the alias or the depth, with its line
        raise FrontmatterTooComplex("frontmatter uses YAML aliases or nests too deep") from None
    except Exception:
        # A syntax error, or a value the constructor cannot build (`2024-13-45`): an
        # alias or deep nesting anywhere in the text is named first, as it always was.
        check_bounds(text)
        raise
    finally:
        loader.dispose()


class _OutOfBounds(Exception):
    """A node reached twice (an alias) or nested too deep; check_bounds says which."""


class _Builder:
    """Builds the frontmatter's data from its nodes, checking the bounds on the way.

    Text, lists and mappings with text keys (all a card has) are built here, which is
    what SafeConstructor does for them, minus its per-node bookkeeping; every other
    node (numbers, dates, merge keys, odd tags) is handed to the library's own
    constructor, after the bounds are checked over all of it.
    """

    def __init__(self, loader: Any, aliases_possible: bool) -> None:
        self.loader = loader
        self.track = aliases_possible
        self.seen: set[int] = set()
        self.repeated: list[RepeatedKey] = []

    def build(self, node: Node, depth: int) -> Any:
        if self.track:
            if id(node) in self.seen:
                raise _OutOfBounds
            self.seen.add(id(node))
        kind, tag = type(node), node.tag
        if kind is ScalarNode:
            return node.value if tag == _STR else self.loader.construct_object(node, deep=True)
        if depth > MAX_NESTING:
            raise _OutOfBounds
        if kind is SequenceNode and tag == _SEQ:
            return [self.build(child, depth + 1) for child in node.value]
        if (
            kind is MappingNode
            and tag == _MAP
            and all(type(key) is ScalarNode and key.tag == _STR for key, _ in node.value)
        ):
            if self.track:
                count = len(self.seen)
                self.seen.update(id(key) for key, _ in node.value)
                if len(self.seen) != count + len(node.value):
                    raise _OutOfBounds  # a key is an alias
            built = {key.value: self.build(value, depth + 1) for key, value in node.value}
            if len(built) != len(node.value):  # a key given twice: the last one won
                self._note_repeats(node)
            return built
        if not _within_bounds(node, depth, self.seen):
            raise _OutOfBounds
        return self.loader.construct_object(node, deep=True)

    def _note_repeats(self, node: Node) -> None:
        lines: dict[str, list[int]] = {}
        for key, _value in node.value:
            lines.setdefault(key.value, []).append(key.start_mark.line)
        self.repeated += [RepeatedKey(key, tuple(at)) for key, at in lines.items() if len(at) > 1]


def _within_bounds(root: Node, depth: int = 1, seen: set[int] | None = None) -> bool:
    """False when a node is reached twice (an alias points at it) or nesting is too deep.

    Walked level by level, each node once: a shared node is caught the second time it
    is reached and the walk stops, so an alias bomb costs no more to walk than it took
    to write (and a node that contains itself cannot loop). `root` itself is counted
    as seen already (by the caller) when `seen` is given.
    """
    seen = {id(root)} if seen is None else seen
    level = [root]
    while level:
        following: list[Node] = []
        for node in level:
            if isinstance(node, MappingNode):
                for key, value in node.value:
                    following += (key, value)
            elif isinstance(node, CollectionNode):
                following += node.value
        if depth >= MAX_NESTING and any(isinstance(node, CollectionNode) for node in following):
            return False
        count = len(seen)
        seen.update(map(id, following))
        if len(seen) != count + len(following):
            return False
        level, depth = following, depth + 1
    return True


def _check_length(text: str) -> None:
    if len(text) > MAX_FRONTMATTER_CHARS:
        raise FrontmatterTooComplex(
            f"frontmatter is {len(text):,} characters; at most {MAX_FRONTMATTER_CHARS:,} are read"
        )


def check_bounds(text: str) -> None:
    """Raise FrontmatterTooComplex when `text` is too long, nests too deep, or uses aliases.

    Walks libyaml's event stream (C, no expansion), so it is safe before anything is
    composed. A syntax error is left for the real load to report with its usual message.
    """
    _check_length(text)
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
