"""What /healthz and `skillbot health` report: database reachable, vault loaded,
scheduler running, updates arriving."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.config import Settings
from bot.domain.models import Clock, utc_now
from bot.store import Store, create_engine, missing_sqlite_file
from bot.telegram.heartbeat import MAX_AGE, Heartbeat, read_beat
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
    store: Store,
    vault: VaultHolder,
    scheduler_running: Callable[[], bool],
    heartbeat: Heartbeat | None = None,
) -> Health:
    """Run every check; none raises, each failure is described."""
    checks = {"database": await _database(store)}
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
    if heartbeat is not None:
        checks["updates"] = "ok" if heartbeat.fresh() else _stale(heartbeat.mode)
    return Health(checks)


async def probe(settings: Settings, clock: Clock = utc_now) -> Health:
    """`skillbot health`, from outside the running bot: the database answers, and the
    bot's HEALTH_FILE says updates arrived (or could) within MAX_AGE."""
    missing = missing_sqlite_file(settings.database_url)
    if missing is not None:
        # Connecting would create it, empty, and call that healthy.
        checks = {"database": f"no database at {missing}"}
    else:
        store = Store(create_engine(settings.database_url))
        try:
            checks = {"database": await _database(store)}
        finally:
            await store.close()
    beat = read_beat(settings.health_file)
    if beat is None:
        checks["updates"] = f"no record in {settings.health_file} (is the bot running?)"
    elif clock() - beat.at > MAX_AGE:
        checks["updates"] = _stale(beat.mode) + f" (last {beat.at:%Y-%m-%d %H:%M:%S} UTC)"
    else:
        checks["updates"] = "ok"
    return Health(checks)


async def _database(store: Store) -> str:
    try:
        await asyncio.wait_for(store.ping(), PING_TIMEOUT_S)
    except TimeoutError:
        return f"no answer within {PING_TIMEOUT_S:g} s"
    except Exception as exc:  # any driver error means "unreachable" here
        return f"unreachable: {type(exc).__name__}"
    return "ok"


def _stale(mode: str) -> str:
    what = "successful getUpdates" if mode == "polling" else "webhook delivery or check"
    return f"no {what} within {MAX_AGE.total_seconds():g} s"
