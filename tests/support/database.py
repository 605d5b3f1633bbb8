"""Databases for tests: a migrated SQLite file to copy from, and PostgreSQL databases of
their own, named after TEST_DATABASE_URL's database and the xdist worker."""

import asyncio
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bot.config import async_database_url
from bot.store import Store, UserDefaults
from bot.store.engine import create_engine
from tests.support.environment import PG_URL

# The `backend` fixture's PostgreSQL parameter: left out of `make test-fast`, and skipped
# where no PostgreSQL is given.
ONLY_POSTGRES = pytest.param(
    "postgresql",
    marks=[
        pytest.mark.postgres,
        pytest.mark.skipif(
            not PG_URL, reason="TEST_DATABASE_URL is not set (CI sets it to run on PostgreSQL)"
        ),
    ],
)


def migrated_template(folder: Path) -> Path:
    """Create `folder`/migrated.db with every migration applied, by the real migrate."""
    path = folder / "migrated.db"

    async def migrate() -> None:
        store = Store(create_engine(f"sqlite+aiosqlite:///{path}"), UserDefaults())
        await store.migrate()
        await store.close()

    asyncio.run(migrate())
    # Closing the last connection checkpoints the write-ahead log into the file itself;
    # a copy of the file alone is then the whole database.
    assert not path.with_name(path.name + "-wal").exists()
    return path


def start_from(template: Path, database_url: str) -> None:
    """Put a copy of the migrated template where a SQLite URL points, unless a database
    is already there (a restart test reopening it). Other databases are left alone."""
    url = make_url(database_url)
    if not url.drivername.startswith("sqlite") or not url.database:
        return
    target = Path(url.database)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template, target)


def scratch_name(kind: str) -> str:
    """A new database's name: TEST_DATABASE_URL's own database as the prefix (so whoever
    owns that one can tell these are theirs), the xdist worker, and a random part, so
    parallel workers and parallel runs never meet."""
    base = make_url(async_database_url(PG_URL)).database or "skillbot"
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return f"{base}_{worker}_{kind}_{uuid.uuid4().hex[:10]}"


async def _admin(statement: str) -> None:
    engine = create_async_engine(async_database_url(PG_URL), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text(statement))
    finally:
        await engine.dispose()


def _url_of(name: str) -> str:
    base = make_url(async_database_url(PG_URL))
    return base.set(database=name).render_as_string(hide_password=False)


@contextmanager
def fresh_postgres(kind: str, template: str | None = None) -> Iterator[str]:
    """A PostgreSQL database of its own (a copy of `template` when given), dropped after.
    Called outside any running event loop: fixtures ask for it before a test's loop runs."""
    name = scratch_name(kind)
    copy = f' TEMPLATE "{template}"' if template else ""
    asyncio.run(_admin(f'CREATE DATABASE "{name}"{copy}'))
    try:
        yield _url_of(name)
    finally:
        asyncio.run(_admin(f'DROP DATABASE "{name}" WITH (FORCE)'))


@contextmanager
def migrated_postgres_template() -> Iterator[str]:
    """A PostgreSQL database migrated once by the real migrate, for CREATE DATABASE …
    TEMPLATE: a copy costs a file copy on the server where migrating costs every
    revision's DDL. One per xdist worker (and per run): PostgreSQL refuses to copy a
    template while anyone is connected to it, so no two workers may share one."""
    with fresh_postgres("template") as url:

        async def migrate() -> None:
            store = Store(create_engine(url), UserDefaults())
            await store.migrate()
            await store.close()  # no connection may stay open to a template

        asyncio.run(migrate())
        name = make_url(url).database
        assert name is not None
        yield name


async def drop_every_other_connection(store: Store) -> None:
    """The server ends every session of the store's database (a restart), asked on a
    connection of its own, outside the store's pool."""
    outside = create_async_engine(store.engine.url, poolclass=NullPool)
    try:
        async with outside.connect() as conn:
            dropped = await conn.scalar(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
    finally:
        await outside.dispose()
    assert dropped
