"""Injectable time for tests: it only moves when a test moves it."""

from datetime import UTC, datetime, timedelta


class FakeClock:
    """Starts at a fixed instant (Monday 2 March 2026, 08:00 UTC), advanced by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
