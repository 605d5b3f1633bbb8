"""The store: every query the bot makes, returning domain objects."""

from __future__ import annotations

from bot.store.announcements import AnnouncementsStore
from bot.store.inbox import InboxStore
from bot.store.nudges import NudgesStore
from bot.store.partners import PartnersStore
from bot.store.records import RecordsStore
from bot.store.sessions import SessionsStore
from bot.store.users import UsersStore


class Store(
    UsersStore,
    SessionsStore,
    NudgesStore,
    RecordsStore,
    PartnersStore,
    InboxStore,
    AnnouncementsStore,
):
    """Reads and writes the bot's data; the only part of the bot that speaks SQL."""
