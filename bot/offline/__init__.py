"""A fake Telegram Bot API for the console, the tests and the benchmarks."""

from bot.offline.api import ApiError, Call, FakeBotAPI, SentMessage
from bot.offline.transport import FakeRequest

__all__ = ["ApiError", "Call", "FakeBotAPI", "FakeRequest", "SentMessage"]
