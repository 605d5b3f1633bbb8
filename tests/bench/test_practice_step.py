"""The practice bench's PostgreSQL floor (bench/postgres_floor.py) still runs the store's
own statements: a change to them that the floor's parameters no longer fit fails here,
not in the next person's benchmark run."""

import asyncio
import sys
from collections.abc import Iterator

import pytest

from tests.support.database import ONLY_POSTGRES, fresh_postgres
from tests.support.paths import REPO


@pytest.fixture(params=[ONLY_POSTGRES])
def postgres_url(request: pytest.FixtureRequest) -> Iterator[str]:
    with fresh_postgres("bench") as url:
        yield url


def test_the_floor_runs_the_press_statements_and_moves_its_own_practice(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bench's scripts import each other from their folder, as when run as scripts.
    monkeypatch.syspath_prepend(str(REPO / "bench"))
    monkeypatch.delitem(sys.modules, "practice_step", raising=False)
    import practice_step

    timings = asyncio.run(practice_step.measure(4, postgres_url, floor=True))
    # Each sample asserts that its compare-and-set found the row as read and moved it.
    assert len(timings["floor"]) == 4
    assert all(wall > 0 for wall, _cpu in timings["floor"])
    assert len(timings["inbox"]) == 4
