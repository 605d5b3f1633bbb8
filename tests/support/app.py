"""Types for the conftest fixtures that build the real Application on the fake Telegram."""

from collections.abc import Awaitable, Callable
from typing import Any

from bot.offline.chat import FakeChat
from bot.telegram.context import BotApplication, services_of

# `make_app(**setting_overrides)`: an initialized Application on the test database.
AppFactory = Callable[..., Awaitable[BotApplication]]
# `chat(user_id)`: a private chat with the bot as that person.
Chat = Callable[[int], FakeChat]


class StartedChat(FakeChat):
    """A person who sent /start before the test began: registered through the store on
    first use, so the test's calls hold only its own conversation."""

    started = False

    async def feed(self, update: dict[str, Any]) -> Any:
        if not self.started:
            await services_of(self.app.bot_data).store.register(self.user_id, self.user_id)
            self.started = True
        return await super().feed(update)
