"""The Alembic stairway: every revision upgrades, downgrades and upgrades again."""

import pytest
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store import Store, create_engine, migrate


async def _tables(engine) -> set[str]:  # type: ignore[no-untyped-def]
    async with engine.connect() as conn:
        return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))


async def test_stairway(database_url: str) -> None:
    engine = create_engine(database_url)
    revisions = migrate.revisions()
    assert revisions and revisions[-1] == migrate.head_revision()
    try:
        previous = "base"
        for revision in revisions:
            await migrate.upgrade(engine, revision)
            assert await migrate.current_revision(engine) == revision
            await migrate.downgrade(engine, previous)
            assert await migrate.current_revision(engine) == (
                None if previous == "base" else previous
            )
            await migrate.upgrade(engine, revision)
            previous = revision
        assert "users" in await _tables(engine)
        await migrate.downgrade(engine, "base")
        assert await _tables(engine) <= {"alembic_version"}
    finally:
        await engine.dispose()


async def test_upgrade_is_idempotent(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        await migrate.upgrade(engine)
        await migrate.upgrade(engine)
        assert await migrate.current_revision(engine) == migrate.head_revision()
    finally:
        await engine.dispose()


async def test_models_match_the_migrations(database_url: str) -> None:
    """A model change without a migration would make autogenerate find a difference."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from bot.store.tables import Base

    engine = create_engine(database_url)
    try:
        await migrate.upgrade(engine)
        async with engine.connect() as conn:
            diff = await conn.run_sync(
                lambda c: compare_metadata(MigrationContext.configure(c), Base.metadata)
            )
        assert diff == []
    finally:
        await engine.dispose()


def test_the_head_the_store_opens_without_alembic_is_alembics_head() -> None:
    from bot.store.base import HEAD_REVISION

    assert migrate.head_revision() == HEAD_REVISION


async def test_a_database_at_the_head_is_opened_without_alembic(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.from_url(database_url)
    calls: list[str] = []
    upgrade = migrate.upgrade

    async def counted(engine: AsyncEngine, revision: str = "head") -> None:
        calls.append(revision)
        await upgrade(engine, revision)

    monkeypatch.setattr(migrate, "upgrade", counted)
    try:
        await store.migrate()  # a new database: Alembic creates everything
        await store.migrate()  # at the head: nothing to ask Alembic
        assert calls == ["head"]
        await migrate.downgrade(store.engine, "0012")
        await store.migrate()  # one behind: Alembic again
        assert calls == ["head", "head"]
        assert await migrate.current_revision(store.engine) == migrate.head_revision()
    finally:
        await store.close()
