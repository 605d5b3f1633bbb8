"""An in-memory Telegram Bot API that validates like Telegram and records every call.

The console, the tests and the benchmarks all talk to this instead of the
network: in-process through `FakeRequest`, or over loopback HTTP through
`serve_in_thread`.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.constants import InlineKeyboardButtonLimit

from bot.offline.telegram_html import (
    MAX_CAPTION_UTF16,
    MAX_MESSAGE_UTF16,
    EntityError,
    visible_text,
)

BOT_USER: dict[str, Any] = {
    "id": 777000111,
    "is_bot": True,
    "first_name": "Skill Coach",
    "username": "skill_coach_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}

Response = tuple[int, dict[str, Any]]
# Fault answers that are not HTTP answers: the transport times out, or the
# connection drops before any answer arrives.
TIME_OUT = 598
DROP = 599
# A fault hook sees each call before it is handled and may answer instead.
FaultHook = Callable[[str, dict[str, Any]], Response | None]


class ApiError(Exception):
    """An error answer from the Bot API: HTTP status and Telegram's description."""

    def __init__(self, status: int, description: str, **parameters: Any) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


@dataclass
class SentMessage:
    """A message the bot sent, as it currently stands (edits update it)."""

    chat_id: int
    message_id: int
    text: str
    reply_markup: dict[str, Any] | None = None
    kind: str = "text"
    file: bytes | None = None
    disable_notification: bool = False
    # Increases on every send and edit, so "the message that changed last" is knowable.
    revision: int = 0

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """The inline buttons, row by row flattened."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]

    def as_json(self) -> dict[str, Any]:
        """The Message object Telegram would return."""
        message: dict[str, Any] = {
            "message_id": self.message_id,
            "date": int(time.time()),
            "chat": {"id": self.chat_id, "type": "private"},
            "from": BOT_USER,
        }
        if self.kind == "text":
            message["text"] = self.text
        else:
            message["caption"] = self.text
            if self.kind == "photo":
                message["photo"] = [
                    {
                        "file_id": f"p{self.message_id}",
                        "file_unique_id": "u",
                        "width": 1,
                        "height": 1,
                    }
                ]
            else:
                message["document"] = {"file_id": f"d{self.message_id}", "file_unique_id": "u"}
        if self.reply_markup:
            message["reply_markup"] = self.reply_markup
        return message


@dataclass
class Call:
    """One request the bot made, with the answer it got."""

    method: str
    params: dict[str, Any]
    ok: bool
    error: str | None = None
    message: SentMessage | None = None


@dataclass
class FakeBotAPI:
    """Answers the Bot API methods this bot uses; thread-safe."""

    fault: FaultHook | None = None
    calls: list[Call] = field(default_factory=list)
    messages: dict[tuple[int, int], SentMessage] = field(default_factory=dict)
    commands: list[dict[str, Any]] = field(default_factory=list)
    # Per language_code ("" for the default), as Telegram keeps them.
    commands_by_language: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    short_descriptions: dict[str, str] = field(default_factory=dict)
    # Command lists per scope other than the default, keyed by the scope as JSON text
    # and the language_code.
    scoped_commands: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    left_chats: list[int] = field(default_factory=list)
    webhook: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lock = threading.Condition()
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._revisions = itertools.count(1)
        # Telegram takes one answer per press: a second one is refused.
        self._answered_queries: set[str] = set()

    # -- what tests and the console use -------------------------------------

    def next_message_id(self, chat_id: int) -> int:
        """Allocate a message id in a chat (people's and the bot's messages share them)."""
        with self._lock:
            counter = self._message_ids.setdefault(chat_id, itertools.count(1))
            return next(counter)

    def next_update_id(self) -> int:
        """Allocate an update id."""
        with self._lock:
            return next(self._update_ids)

    def push_update(self, update: dict[str, Any]) -> None:
        """Queue an update for the bot's next getUpdates."""
        with self._lock:
            self._updates.append(update)
            self._lock.notify_all()

    def pending_updates(self) -> int:
        """How many queued updates the bot has not confirmed yet."""
        with self._lock:
            return len(self._updates)

    def wait_for(
        self, predicate: Callable[[list[Call]], bool], timeout: float = 10.0
    ) -> list[Call]:
        """Block until `predicate(calls)` holds (for tests talking to another process)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while not predicate(self.calls):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError("the bot did not make the expected calls in time")
                self._lock.wait(remaining)
            return list(self.calls)

    def known_chats(self) -> set[int]:
        """Chats the bot has heard from or written to (Telegram refuses a scope for others)."""
        with self._lock:
            return set(self._message_ids) | {m.chat_id for m in self.messages.values()}

    def sent(self, chat_id: int | None = None) -> list[SentMessage]:
        """Messages sent (not edits), oldest first, optionally in one chat."""
        with self._lock:
            return [
                call.message
                for call in self.calls
                if call.ok
                and call.message is not None
                and call.method.startswith("send")
                and (chat_id is None or call.message.chat_id == chat_id)
            ]

    # -- the Bot API ---------------------------------------------------------

    def handle(self, method: str, params: dict[str, Any], files: dict[str, bytes]) -> Response:
        """Answer one Bot API request: HTTP status and the JSON body."""
        if self.fault is not None:
            injected = self.fault(method, params)
            if injected is not None:
                with self._lock:
                    error = injected[1].get("description")
                    self.calls.append(Call(method, params, ok=False, error=error))
                    self._lock.notify_all()
                return injected
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params)}
        handler = _METHODS.get(method)
        with self._lock:
            try:
                if handler is None:
                    raise ApiError(404, "Not Found: method not found")
                result, message = handler(self, params, files)
            except ApiError as exc:
                self.calls.append(Call(method, params, ok=False, error=exc.description))
                self._lock.notify_all()
                body: dict[str, Any] = {
                    "ok": False,
                    "error_code": exc.status,
                    "description": exc.description,
                }
                if exc.parameters:
                    body["parameters"] = exc.parameters
                return exc.status, body
            if message is not None:
                message.revision = next(self._revisions)
            self.calls.append(Call(method, params, ok=True, message=message))
            self._lock.notify_all()
            return 200, {"ok": True, "result": result}

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        with self._lock:
            # Recorded on arrival, so a test can see the bot is polling while it waits.
            self.calls.append(Call("getUpdates", params, ok=True))
            self._lock.notify_all()
            # Telegram forgets updates below the offset: the bot confirmed them.
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and (remaining := deadline - time.monotonic()) > 0:
                self._lock.wait(min(remaining, 0.5))
            return list(self._updates[: int(params.get("limit") or 100)])

    def _send(self, params: dict[str, Any], kind: str, file: bytes | None = None) -> SentMessage:
        chat_id = _int(params, "chat_id")
        limit = MAX_MESSAGE_UTF16 if kind == "text" else MAX_CAPTION_UTF16
        text = str(params.get("text" if kind == "text" else "caption") or "")
        _check_text(text, params.get("parse_mode"), limit, required=kind == "text")
        markup = _check_markup(params.get("reply_markup"))
        counter = self._message_ids.setdefault(chat_id, itertools.count(1))
        message = SentMessage(
            chat_id,
            next(counter),
            text,
            markup,
            kind,
            file,
            disable_notification=bool(params.get("disable_notification")),
        )
        self.messages[(chat_id, message.message_id)] = message
        return message

    def _find(self, params: dict[str, Any]) -> SentMessage:
        key = (_int(params, "chat_id"), _int(params, "message_id"))
        message = self.messages.get(key)
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        return message


def _int(params: dict[str, Any], name: str) -> int:
    try:
        return int(params[name])
    except (KeyError, TypeError, ValueError):
        raise ApiError(400, f"Bad Request: {name} is required") from None


def _check_text(text: str, parse_mode: Any, limit: int, *, required: bool) -> None:
    try:
        shown = visible_text(text) if parse_mode == "HTML" else text
    except EntityError as exc:
        raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from None
    if required and not shown.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if utf16_len(shown) > limit:
        what = "message" if limit == MAX_MESSAGE_UTF16 else "message caption"
        raise ApiError(400, f"Bad Request: {what} is too long")


def _check_markup(markup: Any) -> dict[str, Any] | None:
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not str(button.get("text", "")).strip():
                raise ApiError(
                    400, "Bad Request: text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if (
                data is not None
                and not 1 <= len(str(data).encode()) <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
            ):
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return markup


Handler = Callable[[FakeBotAPI, dict[str, Any], dict[str, bytes]], tuple[Any, SentMessage | None]]


def _send_message(api: FakeBotAPI, p: dict[str, Any], f: dict[str, bytes]) -> tuple[Any, Any]:
    message = api._send(p, "text")
    return message.as_json(), message


def _send_file(kind: str) -> Handler:
    def send(api: FakeBotAPI, p: dict[str, Any], f: dict[str, bytes]) -> tuple[Any, Any]:
        data = f.get(kind) or next(iter(f.values()), None)
        if data is None and not p.get(kind):
            raise ApiError(400, f"Bad Request: there is no {kind} in the request")
        message = api._send(p, kind, data)
        return message.as_json(), message

    return send


def _edit_text(api: FakeBotAPI, p: dict[str, Any], f: dict[str, bytes]) -> tuple[Any, Any]:
    message = api._find(p)
    text = str(p.get("text") or "")
    _check_text(text, p.get("parse_mode"), MAX_MESSAGE_UTF16, required=True)
    markup = _check_markup(p.get("reply_markup"))
    if text == message.text and markup == message.reply_markup:
        raise ApiError(
            400,
            "Bad Request: message is not modified: specified new message content and reply "
            "markup are exactly the same as a current content and reply markup of the message",
        )
    message.text, message.reply_markup = text, markup
    return message.as_json(), message


def _edit_markup(api: FakeBotAPI, p: dict[str, Any], f: dict[str, bytes]) -> tuple[Any, Any]:
    message = api._find(p)
    markup = _check_markup(p.get("reply_markup"))
    if markup == message.reply_markup:
        raise ApiError(400, "Bad Request: message is not modified")
    message.reply_markup = markup
    return message.as_json(), message


def _answer_callback(api: FakeBotAPI, p: dict[str, Any], f: dict[str, bytes]) -> tuple[Any, Any]:
    query_id = str(p.get("callback_query_id") or "")
    if not query_id or query_id in api._answered_queries:
        raise ApiError(
            400,
            "Bad Request: query is too old and response timeout expired or query ID is invalid",
        )
    if len(str(p.get("text") or "")) > 200:
        raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
    api._answered_queries.add(query_id)
    return True, None


def _set_commands(api: FakeBotAPI, p: dict[str, Any], f: dict[str, bytes]) -> tuple[Any, Any]:
    commands = _json_param(p, "commands") or []
    if len(commands) > 100:
        raise ApiError(400, "Bad Request: too many commands")
    for command in commands:
        name, description = str(command.get("command", "")), str(command.get("description", ""))
        if not re.fullmatch(r"[a-z0-9_]{1,32}", name) or not 1 <= len(description) <= 256:
            raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
    language = p.get("language_code") or ""
    scope = _json_param(p, "scope") or {"type": "default"}
    if scope.get("type") == "default":
        api.commands_by_language[language] = list(commands)
        if not language:
            api.commands = list(commands)
    else:
        if scope.get("type") == "chat" and int(scope.get("chat_id", 0)) not in api.known_chats():
            raise ApiError(400, "Bad Request: chat not found")
        api.scoped_commands[_scope_key(scope, language)] = list(commands)
    return True, None


def _scope_key(scope: dict[str, Any], language: str) -> str:
    key = json.dumps(scope, sort_keys=True)
    return f"{key}|{language}" if language else key


def _get_commands(api: FakeBotAPI, p: dict[str, Any], f: dict[str, bytes]) -> tuple[Any, Any]:
    language = p.get("language_code") or ""
    scope = _json_param(p, "scope") or {"type": "default"}
    if scope.get("type") == "default":
        return api.commands_by_language.get(language, []), None
    return api.scoped_commands.get(_scope_key(scope, language), []), None


def _set_description(field_name: str, limit: int) -> Handler:
    def handle(api: FakeBotAPI, p: dict[str, Any], f: dict[str, bytes]) -> tuple[Any, Any]:
        text = str(p.get(field_name) or "")
        if len(text) > limit:
            raise ApiError(400, f"Bad Request: {field_name} is too long")
        store = api.descriptions if field_name == "description" else api.short_descriptions
        store[p.get("language_code") or ""] = text
        return True, None

    return handle


def _leave_chat(api: FakeBotAPI, p: dict[str, Any], f: dict[str, bytes]) -> tuple[Any, Any]:
    api.left_chats.append(_int(p, "chat_id"))
    return True, None


def _json_param(p: dict[str, Any], name: str) -> Any:
    """A parameter that PTB sends as a JSON string (or, in-process, as an object)."""
    value = p.get(name)
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise ApiError(400, f"Bad Request: can't parse {name} JSON object") from None
    return value


def _set_webhook(api: FakeBotAPI, p: dict[str, Any], f: dict[str, bytes]) -> tuple[Any, Any]:
    api.webhook = dict(p)
    return True, None


def _delete_webhook(api: FakeBotAPI, p: dict[str, Any], f: dict[str, bytes]) -> tuple[Any, Any]:
    api.webhook.clear()
    return True, None


def _webhook_info(api: FakeBotAPI, p: dict[str, Any], f: dict[str, bytes]) -> tuple[Any, Any]:
    info = {"url": api.webhook.get("url", ""), "has_custom_certificate": False}
    return info | {"pending_update_count": len(api._updates)}, None


def _constant(value: Any) -> Handler:
    return lambda api, p, f: (value, None)


_METHODS: dict[str, Handler] = {
    "getMe": _constant(BOT_USER),
    "sendMessage": _send_message,
    "sendPhoto": _send_file("photo"),
    "sendDocument": _send_file("document"),
    "editMessageText": _edit_text,
    "editMessageReplyMarkup": _edit_markup,
    "answerCallbackQuery": _answer_callback,
    "setMyCommands": _set_commands,
    "getMyCommands": _get_commands,
    "setMyDescription": _set_description("description", 512),
    "setMyShortDescription": _set_description("short_description", 120),
    "leaveChat": _leave_chat,
    "deleteMyCommands": _constant(True),
    "setWebhook": _set_webhook,
    "deleteWebhook": _delete_webhook,
    "getWebhookInfo": _webhook_info,
    "sendChatAction": _constant(True),
    "deleteMessage": _constant(True),
    "close": _constant(True),
    "logOut": _constant(True),
}


def utf16_len(text: str) -> int:
    """Telegram counts message length in UTF-16 code units (an emoji counts as two).

    Written here rather than imported from the renderer, so a mistake in the
    product's own count cannot hide itself from the fake that checks it.
    """
    return len(text.encode("utf-16-le")) // 2
