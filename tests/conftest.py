"""Shared fixtures: a migrated database, a fake Telegram, and the real Application."""

from __future__ import annotations

import os
import subprocess
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AsyncExitStack
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.offline import FakeBotAPI, FakeRequest
from bot.offline.chat import FakeChat
from bot.store import Store, UserDefaults
from bot.store.engine import create_engine
from bot.telegram.app import open_bot
from bot.telegram.context import BotApplication
from tests.support.app import AppFactory
from tests.support.clock import FakeClock
from tests.support.database import (
    fresh_postgres,
    migrated_postgres_template,
    migrated_template,
    start_from,
)
from tests.support.environment import ADMIN_ID, PG_URL, TOKEN
from tests.support.paths import VAULT
from tests.support.process import ProcessOutsideE2E

if os.environ.get("CI") == "true" and not PG_URL:
    # Locally PostgreSQL tests may be skipped; in CI a skip would hide a failure.
    raise pytest.UsageError("CI=true but TEST_DATABASE_URL is not set")


@pytest.fixture(autouse=True)
def _processes_only_in_e2e(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test that starts a process is marked e2e (and so left out of make test-fast)."""
    if request.node.get_closest_marker("e2e") is None:
        monkeypatch.setattr(subprocess, "Popen", ProcessOutsideE2E)


def _backends() -> list[Any]:
    postgres = pytest.param(
        "postgresql",
        marks=[
            pytest.mark.postgres,  # `make test-fast` leaves these out
            pytest.mark.skipif(
                not PG_URL, reason="TEST_DATABASE_URL is not set (CI sets it to run on PostgreSQL)"
            ),
        ],
    )
    return ["sqlite", postgres]


@pytest.fixture(params=_backends())
def backend(request: pytest.FixtureRequest) -> str:
    """Each database the store must work on."""
    return str(request.param)


@pytest.fixture
def database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """An empty database: a fresh SQLite file, or a fresh PostgreSQL database."""
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
        return
    with fresh_postgres("test") as url:
        yield url


@pytest.fixture(scope="session")
def migrated_postgres() -> Iterator[str]:
    """This worker's migrated PostgreSQL template (see migrated_sqlite): made only when a
    PostgreSQL test asks for it."""
    with migrated_postgres_template() as name:
        yield name


@pytest.fixture
def clock() -> FakeClock:
    """A clock that only moves when a test moves it."""
    return FakeClock()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file migrated to the newest revision, copied for each test that wants a
    migrated database: migrating afresh costs more than most tests (the stairway test in
    tests/store/test_migrations.py still runs every migration)."""
    return migrated_template(tmp_path_factory.mktemp("migrated"))


@pytest.fixture
def migrated_database_url(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[str]:
    """A database already at the newest revision: a copy of this worker's template."""
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
        start_from(request.getfixturevalue("migrated_sqlite"), url)
        yield url
        return
    with fresh_postgres("test", template=request.getfixturevalue("migrated_postgres")) as url:
        yield url


@pytest.fixture
async def store(migrated_database_url: str, clock: FakeClock) -> AsyncIterator[Store]:
    """A migrated store on each backend."""
    store = Store(create_engine(migrated_database_url), UserDefaults(), clock)
    await store.migrate()  # finds the copy at the newest revision: nothing to do
    yield store
    await store.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite database file for tests that need only one backend."""
    return f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"


@pytest.fixture
def settings(tmp_path: Path, sqlite_url: str) -> Settings:
    """Settings for a bot under test, on the fixture vault (not the product's skills/)."""
    return Settings(
        telegram_bot_token=TOKEN,
        database_url=sqlite_url,
        admin_user_ids=frozenset({ADMIN_ID}),
        skills_dir=VAULT,
    )


@pytest.fixture
def api() -> FakeBotAPI:
    """The fake Telegram the bot talks to."""
    return FakeBotAPI()


@pytest.fixture
async def make_app(
    settings: Settings, api: FakeBotAPI, clock: FakeClock, migrated_sqlite: Path
) -> AsyncIterator[AppFactory]:
    """Build (and later shut down) initialized Applications on the test database."""
    async with AsyncExitStack() as stack:

        async def make(**overrides: Any) -> BotApplication:
            app_settings = replace(settings, **overrides)
            start_from(migrated_sqlite, app_settings.database_url)
            app = await stack.enter_async_context(open_bot(app_settings, FakeRequest(api), clock))
            await app.initialize()
            stack.push_async_callback(app.shutdown)
            return app

        yield make


@pytest.fixture
async def app(make_app: AppFactory) -> BotApplication:
    """The real Application, initialized, talking to the fake Telegram."""
    return await make_app()


@pytest.fixture
def chat(app: BotApplication, api: FakeBotAPI) -> Iterator[Callable[[int], FakeChat]]:
    """Open a private chat with the bot as a given user id (someone who has started it)."""
    from tests.support.app import StartedChat

    yield lambda user_id: StartedChat(app, api, user_id)


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Any]:
    """A bare Bot on the fake Telegram (for the nudge dispatcher)."""
    from telegram import Bot

    bot = Bot(TOKEN, request=FakeRequest(api))
    await bot.initialize()
    yield bot
    await bot.shutdown()
