"""What /healthz reports: database reachable, vault loaded, scheduler running."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.store import Store
from bot.vault.library import VaultHolder

PING_TIMEOUT_S = 3.0


@dataclass(frozen=True, slots=True)
class Health:
    """Each check's result ("ok" or the reason it failed) and the overall verdict."""

    checks: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when every check passed."""
        return all(result == "ok" for result in self.checks.values())


async def check_health(
    store: Store, vault: VaultHolder, scheduler_running: Callable[[], bool]
) -> Health:
    """Run every check; none raises, each failure is described."""
    checks: dict[str, str] = {}
    try:
        await asyncio.wait_for(store.ping(), PING_TIMEOUT_S)
        checks["database"] = "ok"
    except TimeoutError:
        checks["database"] = f"no answer within {PING_TIMEOUT_S:g} s"
    except Exception as exc:  # any driver error means "unreachable" here
        checks["database"] = f"unreachable: {type(exc).__name__}"
    # Updates are stored in the database before Telegram is told they arrived, so an
    # unreachable database means updates wait at Telegram (and people are told so).
    checks["inbox"] = (
        "ok"
        if checks["database"] == "ok"
        else "not storing updates; Telegram keeps them until the database answers"
    )
    count = len(vault.current.skills)
    checks["vault"] = "ok" if count else "no skill cards loaded"
    checks["scheduler"] = "ok" if scheduler_running() else "not running"
    return Health(checks)
