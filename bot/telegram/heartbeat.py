"""When this process last heard from Telegram, for `skillbot health` and /healthz.

The running bot records the time of its last successful getUpdates (polling), or of
the last update delivered to its webhook or the last time Telegram confirmed the
webhook without a delivery error (webhook mode: an idle bot is not an unhealthy one).
`skillbot health` — Docker's health check — runs as another process, so the record
is a small JSON file (HEALTH_FILE), replaced atomically and at most every few seconds.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bot.domain.models import Clock, utc_now

log = logging.getLogger(__name__)

# Written at most this often: a busy bot would otherwise write once per update.
MIN_INTERVAL = timedelta(seconds=5)
# Older than this, the record means updates have stopped arriving: polling returns at
# least every 10 s, and webhook mode confirms its webhook every WEBHOOK_CHECK_SECONDS.
MAX_AGE = timedelta(seconds=180)
WEBHOOK_CHECK_SECONDS = 60


@dataclass(frozen=True, slots=True)
class Beat:
    """One record: the mode and when updates last verifiably could arrive."""

    mode: str
    at: datetime
    pid: int


class Heartbeat:
    """Records, throttled, that updates are arriving; never raises on a full disk."""

    def __init__(self, path: Path, mode: str, clock: Clock = utc_now) -> None:
        self.path = path
        self.mode = mode
        self.clock = clock
        self.last: datetime | None = None
        self._written: datetime | None = None
        self._failed = False

    def beat(self) -> None:
        """Updates arrived (or could): note the time, and write it if due."""
        self.last = now = self.clock()
        if self._written is not None and now - self._written < MIN_INTERVAL:
            return
        self._written = now
        record = {"mode": self.mode, "at": now.isoformat(), "pid": os.getpid()}
        partial = self.path.with_name(self.path.name + ".partial")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(json.dumps(record))
            partial.replace(self.path)
            self._failed = False
        except OSError as exc:
            if not self._failed:  # once per run of failures, not once per update
                log.warning("cannot write HEALTH_FILE %s: %s", self.path, exc)
            self._failed = True

    def fresh(self) -> bool:
        """True when updates arrived (or could) within MAX_AGE."""
        return self.last is not None and self.clock() - self.last <= MAX_AGE


def read_beat(path: Path) -> Beat | None:
    """The record a running bot left in path, or None if there is none readable."""
    try:
        data = json.loads(path.read_text())
        return Beat(str(data["mode"]), datetime.fromisoformat(data["at"]), int(data["pid"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
