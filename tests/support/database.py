"""A migrated SQLite database to copy from, so tests need not each run every migration."""

import asyncio
import shutil
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.store import Store, UserDefaults
from bot.store.engine import create_engine


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
