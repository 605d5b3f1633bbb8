"""Telegram faults for the fake Bot API: a share of calls answered with 429, 403,
500, a timeout or a dropped connection, like a bad day at Telegram."""

from __future__ import annotations

import random
import threading
from collections import Counter
from typing import Any

from bot.offline.api import DROP, TIME_OUT, Response

FAULTS: dict[str, Response] = {
    "429": (
        429,
        {
            "ok": False,
            "error_code": 429,
            "parameters": {"retry_after": 1},
            "description": "Too Many Requests: retry after 1",
        },
    ),
    "403": (
        403,
        {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"},
    ),
    "500": (500, {"ok": False, "error_code": 500, "description": "Internal Server Error"}),
    "timeout": (TIME_OUT, {"ok": False, "description": "timed out"}),
    "drop": (DROP, {"ok": False, "description": "connection dropped"}),
}


class RandomFaults:
    """A FakeBotAPI fault hook failing `share` of the calls to `methods`, seeded."""

    def __init__(self, share: float, seed: int, methods: frozenset[str] | None = None) -> None:
        self.share = share
        self.methods = methods
        self.enabled = True
        self.injected: Counter[str] = Counter()
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    def __call__(self, method: str, params: dict[str, Any]) -> Response | None:
        if not self.enabled or (self.methods is not None and method not in self.methods):
            return None
        if method in ("getMe", "getUpdates", "setMyCommands", "deleteWebhook", "setWebhook"):
            return None  # start-up and polling are exercised elsewhere
        with self._lock:
            if self._rng.random() >= self.share:
                return None
            name = self._rng.choice(sorted(FAULTS))
            self.injected[name] += 1
        return FAULTS[name]
