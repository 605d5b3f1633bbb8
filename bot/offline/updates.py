"""Build the Update objects Telegram would deliver when a person acts."""

from __future__ import annotations

import time
from typing import Any

from bot.offline.api import FakeBotAPI, SentMessage


def person(user_id: int, first_name: str = "Ada", language_code: str = "en") -> dict[str, Any]:
    """A Telegram User object for a person (`language_code`: their Telegram app's)."""
    return {
        "id": user_id,
        "is_bot": False,
        "first_name": first_name,
        "language_code": language_code,
    }


def message_update(
    api: FakeBotAPI,
    user_id: int,
    text: str | None = None,
    *,
    first_name: str = "Ada",
    language_code: str = "en",
    **content: Any,
) -> dict[str, Any]:
    """An update carrying a message from a person in their private chat.

    Text starting with `/` gets the `bot_command` entity Telegram adds, which is
    what CommandHandler looks for.
    """
    message: dict[str, Any] = {
        "message_id": api.next_message_id(user_id),
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private", "first_name": first_name},
        "from": person(user_id, first_name, language_code),
        **content,
    }
    if text is not None:
        message["text"] = text
        if text.startswith("/"):
            length = len(text.split()[0]) if text.split() else 1
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return {"update_id": api.next_update_id(), "message": message}


def callback_update(
    api: FakeBotAPI,
    user_id: int,
    message: SentMessage,
    data: str,
    first_name: str = "Ada",
    language_code: str = "en",
) -> dict[str, Any]:
    """An update for a person pressing an inline button under one of the bot's messages."""
    return {
        "update_id": api.next_update_id(),
        "callback_query": {
            "id": str(api.next_update_id() * 7919),
            "from": person(user_id, first_name, language_code),
            "chat_instance": str(message.chat_id),
            "message": message.as_json(),
            "data": data,
        },
    }


def sticker_update(api: FakeBotAPI, user_id: int) -> dict[str, Any]:
    """An update carrying a sticker."""
    sticker = {
        "file_id": "sticker",
        "file_unique_id": "s",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    return message_update(api, user_id, sticker=sticker)
