"""Persistence: SQLAlchemy models, queries and migrations behind domain objects."""

from bot.store.engine import create_engine
from bot.store.store import Store, UserDefaults

__all__ = ["Store", "UserDefaults", "create_engine"]
