"""Shared fixtures: a migrated database, a fake Telegram, and the real Application."""

from __future__ import annotations

import gc
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
    ONLY_POSTGRES,
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


# Collections of the youngest generation are rarer than Python's default (700 allocations):
# a test run makes objects by the million, most of them short-lived, and each collection
# moved the survivors on towards the old generation, whose collections scan everything.
# Measured on `make test-fast` in one process: 5-9 s of collecting by default, 1.3-2.4 s so.
YOUNG_COLLECTION_EVERY = 10_000


@pytest.hookimpl(wrapper=True)
def pytest_collection() -> object:
    """Collect (import every test module) without the garbage collector, then leave what
    was imported out of every later collection (gc.freeze), and collect less often."""
    gc.disable()
    try:
        return (yield)
    finally:
        gc.freeze()
        gc.set_threshold(YOUNG_COLLECTION_EVERY, *gc.get_threshold()[1:])
        gc.enable()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Spread the end-to-end tests evenly through the run, between modules.

    They spend much of their time waiting on a process, while the in-process tests keep a
    core busy. pytest-xdist's work stealing first hands each worker one contiguous block of
    the collection, and steals from the end of a block, so the e2e tests, most of them in
    tests/e2e/, would run one after another on one worker while the others ran out of work
    (72 s of that worker's 77 s, half of it waiting, in one measured run). Each module's
    e2e tests are spaced evenly through the run, the modules staggered, so every worker's
    block holds its share of each. Only the order changes: no test depends on it."""
    by_module: dict[Path, list[pytest.Item]] = {}
    for item in items:
        if item.get_closest_marker("e2e") is not None:
            by_module.setdefault(item.path, []).append(item)
    if not by_module or sum(map(len, by_module.values())) == len(items):
        return
    groups: list[list[pytest.Item]] = []  # the other tests, one group per module
    for item in items:
        if item.get_closest_marker("e2e") is None:
            if groups and groups[-1][0].path == item.path:
                groups[-1].append(item)
            else:
                groups.append([item])
    before: dict[int, list[pytest.Item]] = {}
    for module, (_path, e2e) in enumerate(by_module.items()):
        stagger = (module + 0.5) / len(by_module)
        for number, item in enumerate(e2e):
            where = (number + stagger) / len(e2e)  # a fraction of the run, 0 to 1
            before.setdefault(int(where * len(groups)), []).append(item)
    items[:] = [
        item for index, group in enumerate(groups) for item in [*before.get(index, []), *group]
    ]


@pytest.fixture(autouse=True)
def _processes_only_in_e2e(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test that starts a process is marked e2e (and so left out of make test-fast)."""
    if request.node.get_closest_marker("e2e") is None:
        monkeypatch.setattr(subprocess, "Popen", ProcessOutsideE2E)


@pytest.fixture(params=["sqlite", ONLY_POSTGRES])
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
