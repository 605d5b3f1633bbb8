"""What handlers and jobs need from the rest of the bot, bundled once at wiring time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.config import Settings
from bot.domain.models import Clock
from bot.services.coach import Coach
from bot.store import Store
from bot.telegram.dispatcher import Dispatcher
from bot.vault.library import VaultHolder

SERVICES_KEY = "services"


@dataclass(frozen=True, slots=True)
class Services:
    """The bot's collaborators, shared by every handler."""

    settings: Settings
    store: Store
    vault: VaultHolder
    coach: Coach
    dispatcher: Dispatcher
    clock: Clock


def services_of(bot_data: dict[Any, Any]) -> Services:
    """Fetch the Services an Application was built with."""
    found = bot_data[SERVICES_KEY]
    assert isinstance(found, Services)
    return found
