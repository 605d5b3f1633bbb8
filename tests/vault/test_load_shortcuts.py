"""The cold load's shortcuts (issue #15 point 4) give what the plain code they replace
gave: each is checked against that code, kept here as the reference, on generated text
made of the characters each one could disagree on."""

from __future__ import annotations

import codecs
from typing import Any

import pytest
import yaml
from frontmatter.default_handlers import YAMLHandler
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

import bot.vault.bounded_yaml as bounded
from bot.domain.models import Step
from bot.vault.cards import (
    _BLANK_LINE,
    _BLOCK_LINE,
    _BLOCKS,
    _ITEM,
    _LINE_ARROW,
    _THEMATIC_BREAK,
    Section,
    _body_steps,
    _clean_explanation,
    _explanation_blocks,
    _split_item,
    decode,
    paragraphs,
    read_frontmatter,
    without_breaks,
)


def _pieces(*pieces: str) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=30).map("".join)


# Whitespace str.split() and the regexes might disagree on: vertical tab, NEL, no-break
# space, line separator, a lone carriage return.
ODD_SPACE = ("\x0b", "\x85", "\xa0", "\u2028", "\r")
# Four times Hypothesis's default, for alphabets of at most a dozen pieces and texts of at
# most 30: 2,000 each took 10 s of the suite's minute (#15 point 5) for little more reach.
EXAMPLES = 400


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.binary(max_size=40), st.booleans())
def test_decode_is_the_utf8_sig_codec_with_crlf_made_lf(raw: bytes, bom: bool) -> None:
    raw = codecs.BOM_UTF8 + raw if bom else raw
    try:
        expected = raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        with pytest.raises(UnicodeDecodeError) as raised:
            decode(raw)
        assert raised.value.start == exc.start  # the byte named in the error
    else:
        assert decode(raw) == expected


@settings(max_examples=EXAMPLES, deadline=None)
@given(_pieces("-", "---", "*", "***", "_", "___", " ", "\t", "\n", "a", *ODD_SPACE))
def test_thematic_breaks_are_dropped_as_the_whole_text_pattern_drops_them(text: str) -> None:
    assert without_breaks(text) == _THEMATIC_BREAK.sub("", text)


def _steps_line_by_line(text: str) -> tuple[Step, ...]:
    # The continuation lines cleaned one at a time, as before the single substitution.
    steps = []
    for first, more in _ITEM.findall(text):
        title, explanation = _split_item(first)
        parts = [explanation] if explanation else []
        parts += [p for line in more.split("\n") if line and (p := _clean_explanation(line))]
        if title:
            steps.append(Step(title, " ".join(parts)))
    return tuple(steps)


ARROWS = ("→", "->", "=>", "—", "–", "-", ">", ":", "=", "→→")


STEP_LINES = st.lists(
    _pieces("1. ", "- ", " ", "   ", "\t", "**", "a", "b c", *ARROWS, *ODD_SPACE), max_size=8
).map("\n".join)


@settings(max_examples=EXAMPLES, deadline=None)
@given(STEP_LINES)
def test_continuation_lines_clean_as_they_did_one_by_one(text: str) -> None:
    # Steps of sentences only; a list, quote, table or code block under a step, or a
    # second paragraph, is kept as Markdown (tests/vault/test_step_blocks.py).
    assume(_BLOCKS.search(text) is None)
    assert _body_steps(Section(1, text)) == _steps_line_by_line(text)


@settings(max_examples=EXAMPLES, deadline=None)
@given(STEP_LINES)
def test_a_step_of_sentences_reads_the_same_either_way(text: str) -> None:
    # The shortcut and the Markdown-keeping reading agree wherever both apply: lines of
    # text (no blank line, no block), so a step does not change when a callout is added.
    for first, more in _ITEM.findall(text):
        lines = more.split("\n")[1:]
        assume(all(line.strip() and not _BLOCK_LINE.match(line.strip()) for line in lines))
        _, explanation = _split_item(first)
        shortcut = " ".join(f"{explanation} {_LINE_ARROW.sub(' ', more)}".split())
        assert _explanation_blocks(explanation, more) == shortcut


@settings(max_examples=EXAMPLES, deadline=None)
@given(_pieces("\n", " ", "\t", "a", "b c", "\n\n", "\n \n", *ODD_SPACE))
def test_a_one_line_section_is_its_paragraph_as_the_split_gives_it(text: str) -> None:
    split = (part.strip() for part in _BLANK_LINE.split(text))
    assert paragraphs(Section(1, text)) == "\n\n".join(part for part in split if part)


@settings(max_examples=EXAMPLES, deadline=None)
@given(_pieces("-", "---", "----", " ", "\t", "\n", "a", "a: b\n", *ODD_SPACE))
def test_the_frontmatter_is_cut_where_python_frontmatter_cuts_it(text: str) -> None:
    handler = YAMLHandler()
    stripped = text.lstrip()
    try:
        expected: Any = handler.split(stripped)[0] if handler.detect(stripped) else None
    except ValueError:
        expected = "no closing"
    seen: list[str] = []

    def load(fm_text: str) -> tuple[Any, list[Any]]:
        seen.append(fm_text)
        return None, []

    mp = pytest.MonkeyPatch()
    with mp.context() as patch:
        patch.setattr("bot.vault.cards.load_noting_repeats", load)
        _, problem = read_frontmatter(text)
    if expected == "no closing":
        assert problem is not None and "no closing" in problem.message and seen == []
    else:
        assert seen == ([] if expected is None else [expected])


PLAIN = st.text(alphabet="aeTtFfYyNnOo019.-+~<=&*!'\" :", max_size=6)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.sampled_from([ScalarNode, SequenceNode, MappingNode]),
    PLAIN | st.text(max_size=6),
    st.tuples(st.booleans(), st.booleans()),
)
def test_the_quick_resolver_answers_as_the_librarys(
    kind: type[Any], value: str, implicit: tuple[bool, bool]
) -> None:
    quick = bounded._Composer("")
    reference = bounded._Loader("")
    try:
        assert quick.resolve(kind, value, implicit) == reference.resolve(kind, value, implicit)
    finally:
        quick.dispose()
        reference.dispose()


@pytest.mark.parametrize(
    "text",
    ["a:\nb: ''\nc: ~\nd: x", "a: [yes, no, On, 1_0, .5, -1, 0x1f, x, 2024-01-01]", "<<: {a: }"],
)
def test_empty_and_typed_plain_values_keep_their_types(text: str) -> None:
    assert bounded.load_bounded(text) == yaml.load(text, Loader=bounded._Loader)
