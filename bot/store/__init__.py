"""Persistence: SQLAlchemy models, queries and migrations behind domain objects."""

from bot.store.base import UserDefaults
from bot.store.engine import create_engine
from bot.store.store import Store

__all__ = ["Store", "UserDefaults", "create_engine"]
