"""Split a list into pages: the text and the buttons of a page show the same items."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """The items on one page, which page it is (from 0) and how many there are."""

    items: Sequence[T]
    number: int
    count: int


def page_of(items: Sequence[T], number: int, size: int) -> Page[T]:
    """The page `number` (clamped into range) of `items`, `size` to a page."""
    count = max(1, -(-len(items) // size))
    number = min(max(number, 0), count - 1)
    return Page(items[number * size : (number + 1) * size], number, count)
