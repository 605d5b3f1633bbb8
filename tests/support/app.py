"""Types for the conftest fixtures that build the real Application on the fake Telegram."""

from collections.abc import Awaitable, Callable

from bot.offline.chat import FakeChat
from bot.telegram.context import BotApplication

# `make_app(**setting_overrides)`: an initialized Application on the test database.
AppFactory = Callable[..., Awaitable[BotApplication]]
# `chat(user_id)`: a private chat with the bot as that person.
Chat = Callable[[int], FakeChat]
