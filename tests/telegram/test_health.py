"""/healthz's checks: the database, the vault and the scheduler, each named when it fails;
and `skillbot health`'s probe of the database and the heartbeat file."""

from datetime import timedelta
from pathlib import Path

from bot.config import parse_settings
from bot.store import Store
from bot.store.engine import create_engine
from bot.telegram.health import check_health, probe
from bot.telegram.heartbeat import MAX_AGE, Heartbeat
from bot.vault.library import VaultHolder
from tests.support.clock import FakeClock
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


async def test_probe_checks_the_database_and_the_heartbeat(tmp_path: Path) -> None:
    settings = parse_settings(
        {"DATABASE_URL": f"sqlite:///{tmp_path}/h.db", "HEALTH_FILE": str(tmp_path / "h.json")}
    )
    clock = FakeClock()
    # No database file yet: said, and not created by asking.
    absent = await probe(settings, clock)
    assert absent.checks["database"] == f"no database at {tmp_path}/h.db" and not absent.ok
    assert not (tmp_path / "h.db").exists()
    (tmp_path / "h.db").touch()  # an empty file is an empty SQLite database
    missing = await probe(settings, clock)
    assert missing.checks["database"] == "ok" and not missing.ok
    assert missing.checks["updates"].startswith("no record in")
    Heartbeat(settings.health_file, "polling", clock).beat()
    assert (await probe(settings, clock)).ok
    clock.now += MAX_AGE + timedelta(seconds=1)
    stale = await probe(settings, clock)
    assert stale.checks["updates"].startswith("no successful getUpdates within 180 s")
    Heartbeat(settings.health_file, "webhook", clock).beat()
    clock.now += MAX_AGE + timedelta(seconds=1)
    quiet = await probe(settings, clock)
    assert quiet.checks["updates"].startswith("no webhook delivery or check within 180 s")


async def test_probe_reports_an_unreachable_database(tmp_path: Path) -> None:
    settings = parse_settings(
        {
            "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/nothing",
            "HEALTH_FILE": str(tmp_path / "h.json"),
        }
    )
    health = await probe(settings)
    assert health.checks["database"].startswith(("unreachable", "no answer"))
