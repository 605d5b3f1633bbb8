"""The frontmatter is parsed once: the same data as PyYAML's safe load, the same refusals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import bot.vault.bounded_yaml as bounded
from bot.vault.bounded_yaml import (
    FrontmatterTooComplex,
    RepeatedKey,
    check_bounds,
    load_bounded,
    load_noting_repeats,
)
from bot.vault.cards import read_frontmatter
from bot.vault.library import load_vault

# What cards hold, and what they could: every tag the safe loader knows, merge keys,
# `=` keys, duplicate keys, non-text keys, empty documents.
DOCUMENTS = [
    "a: 1",
    "a: [1, 2.5, null, true, 2024-01-01, '12:30', 12:30, 0x1f, .inf]",
    "? [a]\n: b",
    "1: a\n2: b",
    "<<: {a: 1}\nb: 2",
    "a: !!set {x, y}",
    "a: !!omap [x: 1]",
    "a: !!pairs [b: 1]",
    "a: !!binary aGk=",
    "'x': {y: [z, {w: v}]}",
    "a: b\na: c",
    "= : x",
    "[a, b]",
    "'plain'",
    "",
    "# only a comment",
    "a: ~",
    "a: !!str 1",
    "a: !!int '3'",
    "x: &a 1",  # an anchor nobody refers to is harmless
    'steps: ["Step 1: a\\r", "**bold** *not an alias*"]',
]


def _safe_load(text: str) -> tuple[str, Any]:
    try:
        return "data", yaml.load(text, Loader=bounded._Loader)
    except yaml.YAMLError as exc:
        return "error", str(exc)


def _bounded_load(text: str) -> tuple[str, Any]:
    try:
        return "data", load_bounded(text)
    except yaml.YAMLError as exc:
        return "error", str(exc)


@pytest.mark.parametrize("text", DOCUMENTS)
def test_the_data_is_what_the_safe_loader_builds(text: str) -> None:
    assert _bounded_load(text) == _safe_load(text)


@pytest.mark.parametrize("compose_first", [True, False])
def test_both_ways_of_reading_agree(compose_first: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without libyaml's own nesting cap the bounds are checked on the events first.
    monkeypatch.setattr(bounded, "_COMPOSE_FIRST", compose_first)
    for text in DOCUMENTS:
        assert _bounded_load(text) == _safe_load(text)
    with pytest.raises(FrontmatterTooComplex, match=r"alias \*x"):
        load_bounded("a: &x 1\nb: *x\n")


def _containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner)


json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20), _containers, max_leaves=20
)


@settings(max_examples=150, deadline=None)
@given(json_like, st.booleans())
def test_any_dumped_data_reads_back_as_the_safe_loader_reads_it(data: Any, flow: bool) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    assert _bounded_load(text) == _safe_load(text)


# Aliases wherever the single pass could miss one: as a key, inside a merge, inside a
# part built by the library (non-text keys, !!set), pointing at its own parent.
ALIASED = [
    ("x: &a 1\ny: *a", "*a", 2),
    ("x: &k k\n*k : 1", "*k", 2),
    ("a: &a [*a]", "*a", 1),
    ("b: &b {a: 1}\nc: {<<: *b}", "*b", 2),
    ("x: &a 1\ny: {1: *a}", "*a", 2),
    ("x: &a 1\ny: !!set {? *a}", "*a", 2),
    # A value the constructor cannot build comes first; the alias is still what is named.
    ("a: 2024-13-45\nb: &x 1\nc: *x", "*x", 3),
    ("a: [1, 2\nb: &x 1\nc: *x", None, None),  # a syntax error before the alias: YAML's
]


@pytest.mark.parametrize(("text", "alias", "line"), ALIASED)
def test_an_alias_anywhere_is_refused_with_the_same_message(
    text: str, alias: str | None, line: int | None
) -> None:
    if alias is None:
        with pytest.raises(yaml.YAMLError):
            load_bounded(text)
        return
    with pytest.raises(FrontmatterTooComplex) as raised:
        load_bounded(text)
    assert f"alias {alias};" in str(raised.value) and raised.value.line == line
    with pytest.raises(FrontmatterTooComplex) as by_events:
        check_bounds(text)
    assert (str(by_events.value), by_events.value.line) == (str(raised.value), line)


DEEP = "[" * 40 + "]" * 40


@pytest.mark.parametrize("text", [f"a: {DEEP}", f"a: {{1: {DEEP}}}", f"a: !!set {{x: {DEEP}}}"])
def test_deep_nesting_is_refused_in_every_part(text: str) -> None:
    with pytest.raises(FrontmatterTooComplex, match="more than 32 levels deep"):
        load_bounded(text)


def test_nesting_at_the_limit_is_read() -> None:
    depth = bounded.MAX_NESTING
    assert load_bounded("[" * depth + "]" * depth) is not None
    with pytest.raises(FrontmatterTooComplex):
        load_bounded("[" * (depth + 1) + "]" * (depth + 1))


def test_an_alias_bomb_is_refused_without_being_built(monkeypatch: pytest.MonkeyPatch) -> None:
    levels = ["a0: &a0 [" + ", ".join(["lol"] * 9) + "]"]
    levels += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 40)]
    built: list[object] = []
    real = bounded._Builder.build

    def counting(self: bounded._Builder, node: yaml.Node, depth: int) -> Any:
        built.append(node)
        return real(self, node, depth)

    monkeypatch.setattr(bounded._Builder, "build", counting)
    with pytest.raises(FrontmatterTooComplex, match=r"alias \*a0"):
        load_bounded("\n".join(levels))
    # Stopped at the first shared node: nine items and the first alias, not 9**40.
    assert len(built) < 20


@pytest.mark.parametrize(
    ("frontmatter", "message", "line"),
    [
        # Past libyaml's own cap (1000) its scanner stops first, as it always did.
        ("x: " + "[" * 5000 + "]" * 5000, "not valid YAML: exceeded maximum nesting depth", 2),
        ("x: " + "[" * 500 + "]" * 500, "nests more than 32 levels deep", 2),
        ("- " * 3000 + "a", "nests more than 32 levels deep", 2),
        ("x:\n" + "".join(" " * i + "k:\n" for i in range(1, 60)) + " " * 61 + "v", "32", 34),
    ],
)
def test_a_card_nested_too_deep_is_one_clear_error(
    frontmatter: str, message: str, line: int
) -> None:
    meta, problem = read_frontmatter(f"---\n{frontmatter}\n---\nbody\n")
    assert meta == {} and problem is not None and problem.error
    assert message in problem.message and problem.line == line


def test_an_impossible_date_is_one_cards_error_not_a_failed_load(tmp_path: Path) -> None:
    # PyYAML builds `2024-13-45` with datetime, which raises ValueError (no YAMLError).
    card = "---\nfileClass: core_skill\ndescription: 2024-13-45\nsteps: [Breathe]\n---\n"
    (tmp_path / "Dated.md").write_text(card)
    (tmp_path / "Fine.md").write_text(card.replace("2024-13-45", "'2024-13-45'"))
    vault = load_vault(tmp_path)
    assert [skill.title for skill in vault.skills] == ["Fine"]
    [error] = vault.errors
    assert error.path == "Dated.md" and error.line == 1
    assert "YAML cannot read (month must be in 1..12); put it in quotes" in error.message


def test_keys_given_twice_are_noted_with_their_lines_at_any_depth() -> None:
    text = "\na: 1\nb:\n  c: 2\n  c: 3\na: 4\n"
    data, repeated = load_noting_repeats(text)
    assert data == {"a": 4, "b": {"c": 3}}
    assert sorted(repeated, key=lambda r: r.key) == [
        RepeatedKey("a", (1, 5)),
        RepeatedKey("c", (3, 4)),
    ]
    assert load_noting_repeats("\na: 1\nb: 2\n")[1] == []
