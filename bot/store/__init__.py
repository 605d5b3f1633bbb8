"""Persistence: SQLAlchemy models, queries and migrations behind domain objects."""

from bot.store.base import UserDefaults
from bot.store.engine import Timeouts, create_engine
from bot.store.errors import is_database_error, is_unreachable, missing_sqlite_file
from bot.store.inbox import InboxCounts
from bot.store.store import Store

__all__ = [
    "InboxCounts",
    "Store",
    "Timeouts",
    "UserDefaults",
    "create_engine",
    "is_database_error",
    "is_unreachable",
    "missing_sqlite_file",
]
