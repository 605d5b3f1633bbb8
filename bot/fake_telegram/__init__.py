"""A fake Telegram Bot API for the console, the tests and the benchmarks."""

from bot.fake_telegram.api import ApiError, Call, FakeBotAPI, SentMessage
from bot.fake_telegram.transport import FakeRequest

__all__ = ["ApiError", "Call", "FakeBotAPI", "FakeRequest", "SentMessage"]
