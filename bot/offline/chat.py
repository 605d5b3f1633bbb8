"""Drive an Application as one person would: type, press buttons, read the replies."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.offline.api import Call, FakeBotAPI, SentMessage
from bot.offline.updates import callback_update, message_update, sticker_update


class FakeChat:
    """One person's private chat with the bot, fed through `process_update`."""

    def __init__(
        self,
        app: Application[Any, Any, Any, Any, Any, Any],
        api: FakeBotAPI,
        user_id: int,
        first_name: str = "Ada",
        language_code: str = "en",
    ) -> None:
        self.app = app
        self.api = api
        self.user_id = user_id
        self.first_name = first_name
        self.language_code = language_code

    async def feed(self, update: dict[str, Any]) -> list[Call]:
        """Deliver one raw update and return the calls the bot made in answer."""
        before = len(self.api.calls)
        await self.app.process_update(Update.de_json(update, self.app.bot))
        return self.api.calls[before:]

    async def send(self, text: str) -> list[Call]:
        """Type a message (a command when it starts with `/`)."""
        return await self.feed(
            message_update(
                self.api,
                self.user_id,
                text,
                first_name=self.first_name,
                language_code=self.language_code,
            )
        )

    async def send_sticker(self) -> list[Call]:
        """Send a sticker."""
        return await self.feed(sticker_update(self.api, self.user_id))

    async def press(self, label: str, message: SentMessage | None = None) -> list[Call]:
        """Press the button whose text contains `label` on `message` (default: the message
        with buttons that changed last)."""
        message = message or self.keyboard_message()
        for button in message.buttons:
            if label.casefold() in button["text"].casefold() and "callback_data" in button:
                return await self.press_data(button["callback_data"], message)
        labels = [button["text"] for button in message.buttons]
        raise LookupError(f"no button {label!r} on message {message.message_id}: {labels}")

    async def press_data(self, data: str, message: SentMessage | None = None) -> list[Call]:
        """Press a button with exactly this callback data (forged data included)."""
        message = message or self.keyboard_message()
        return await self.feed(
            callback_update(
                self.api, self.user_id, message, data, self.first_name, self.language_code
            )
        )

    def messages(self) -> list[SentMessage]:
        """Every message the bot has in this chat, oldest first, as currently shown."""
        return [m for (chat, _), m in sorted(self.api.messages.items()) if chat == self.user_id]

    def keyboard_message(self) -> SentMessage:
        """The most recently sent or edited message in this chat that carries buttons."""
        with_buttons = [message for message in self.messages() if message.buttons]
        if not with_buttons:
            raise LookupError("no message with buttons in this chat")
        return max(with_buttons, key=lambda message: message.revision)


def texts(calls: list[Call]) -> list[str]:
    """The text of every message sent or edited in these calls."""
    return [call.message.text for call in calls if call.ok and call.message is not None]


def callback_answers(calls: list[Call]) -> list[str]:
    """The notices shown for button presses in these calls."""
    return [
        str(call.params.get("text") or "")
        for call in calls
        if call.method == "answerCallbackQuery"
    ]
