"""/healthz's checks: the database, the vault and the scheduler, each named when it fails."""

from pathlib import Path

from bot.store import Store
from bot.store.engine import create_engine
from bot.telegram.health import check_health
from bot.vault.library import VaultHolder
from tests.support.paths import VAULT


async def test_healthz_reports_each_failure(tmp_path: Path) -> None:
    unreachable = Store(create_engine("postgresql+asyncpg://postgres@127.0.0.1:1/nothing"))
    try:
        health = await check_health(unreachable, VaultHolder(tmp_path), lambda: False)
    finally:
        await unreachable.close()
    assert not health.ok
    assert health.checks["database"].startswith("unreachable")
    assert health.checks["vault"] == "no skill cards loaded"
    assert health.checks["scheduler"] == "not running"
    good = Store(create_engine(f"sqlite+aiosqlite:///{tmp_path / 'h.db'}"))
    try:
        assert (await check_health(good, VaultHolder(VAULT), lambda: True)).ok
    finally:
        await good.close()
