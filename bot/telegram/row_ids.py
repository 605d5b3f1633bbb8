"""Row ids read back from a button's callback data."""

from __future__ import annotations

# Rows are numbered in 32-bit integers (PostgreSQL's INTEGER): a larger number in a
# button's data was never ours, and would fail the query that looks it up.
MAX_ROW_ID = 2**31 - 1


def row_id(digits: str) -> int:
    """A row id from a button's data; ValueError (the data is not ours) past MAX_ROW_ID."""
    number = int(digits)
    if number > MAX_ROW_ID:
        raise ValueError("not a row id")
    return number
